//! Where each pane goes for a given window size, and where each phase sits in the stepper.
//! Pure functions of the size, so `update` hit-tests mouse clicks against exactly the layout
//! the screen was drawn with.

use ratatui::layout::Rect;

use super::state::Section;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// Narrower than this, the checklist takes the whole width and the detail pane opens over
/// it (Enter or Tab) instead of beside it.
pub const FOLD_WIDTH: u16 = 120;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The line that names what the rules found wrong, when there is something; else empty.
    pub banner: Rect,
    pub stepper: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub hints: Rect,
    pub too_small: bool,
    /// The detail pane is not beside the checklist but in its place, when opened.
    pub folded: bool,
}

impl Areas {
    /// Rows of the checklist inside its border.
    pub fn list_rows(&self) -> u16 {
        self.list.height.saturating_sub(2)
    }
}

/// The layout of a window of this size without a banner.
pub fn areas(width: u16, height: u16) -> Areas {
    areas_with(width, height, false)
}

/// The layout of a window of this size, with a banner line under the header when `banner`.
pub fn areas_with(width: u16, height: u16, banner: bool) -> Areas {
    areas_for(width, height, u16::from(banner), 2)
}

/// The layout of a window of this size with a header of `header` lines (2 or 3: the
/// deadlines take a second line when they need it), and `banner` lines under it (0 to 2).
pub fn areas_for(width: u16, height: u16, banner: u16, header: u16) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Areas { header: full, too_small: true, ..Areas::default() };
    }
    let header = header.clamp(2, 3);
    let banner = banner.min(2);
    let extra = banner + header - 2;
    let top = 5 + extra;
    let body_height = height - 6 - extra;
    let folded = width < FOLD_WIDTH;
    // Beside each other, the checklist gets the larger share; folded, each the whole width.
    let list_width = if folded { width } else { (width * 3 / 5).min(width - 30) };
    let detail = if folded {
        Rect::new(0, top, width, body_height)
    } else {
        Rect::new(list_width, top, width - list_width, body_height)
    };
    Areas {
        header: Rect::new(0, 0, width, header),
        banner: Rect::new(0, header, width, banner),
        stepper: Rect::new(0, 2 + extra, width, 3),
        list: Rect::new(0, top, list_width, body_height),
        detail,
        hints: Rect::new(0, height - 1, width, 1),
        too_small: false,
        folded,
    }
}

/// A rectangle of at most `width`×`height`, centred in `outer` and never outside it.
pub fn centered(outer: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(outer.width);
    let height = height.min(outer.height);
    Rect::new(outer.x + (outer.width - width) / 2, outer.y + (outer.height - height) / 2, width, height)
}

/// Width of the General cell at the left of the stepper.
const GENERAL_WIDTH: u16 = 10;

/// The cells of the stepper: General first, then one per phase.
pub fn stepper_cells(area: Rect, phases: usize) -> Vec<(Section, Rect)> {
    let mut cells = vec![(Section::General, Rect::new(area.x, area.y, GENERAL_WIDTH.min(area.width), area.height))];
    if phases == 0 {
        return cells;
    }
    let rest = area.width.saturating_sub(GENERAL_WIDTH);
    let n = u16::try_from(phases).unwrap_or(u16::MAX);
    let each = rest / n;
    for i in 0..phases {
        let i16 = u16::try_from(i).unwrap_or(0);
        let x = area.x + GENERAL_WIDTH + each * i16;
        // The last cell takes the remainder so the row is filled.
        let width = if i + 1 == phases { area.right().saturating_sub(x) } else { each };
        cells.push((Section::Phase(i), Rect::new(x, area.y, width, area.height)));
    }
    cells
}

/// The section whose stepper cell holds column `column`, for mouse clicks.
pub fn section_at(area: Rect, phases: usize, column: u16) -> Option<Section> {
    stepper_cells(area, phases).into_iter().find(|(_, r)| column >= r.x && column < r.right()).map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_the_fold_the_panes_share_the_body_and_above_it_tile_it() {
        let a = areas(80, 24);
        assert!(!a.too_small && a.folded);
        assert_eq!((a.list, a.detail), (Rect::new(0, 5, 80, 18), Rect::new(0, 5, 80, 18)));
        let wide = areas(FOLD_WIDTH, 40);
        assert!(!wide.folded);
        assert_eq!(wide.list.width + wide.detail.width, FOLD_WIDTH);
        assert_eq!(wide.detail.x, wide.list.right());
        assert_eq!(a.hints.y, 23);
        assert_eq!(a.list.bottom(), a.hints.y);
        assert_eq!(a.list_rows(), 16);
    }

    #[test]
    fn a_banner_takes_one_line_from_the_checklist() {
        let (plain, with) = (areas(80, 24), areas_with(80, 24, true));
        assert_eq!(with.banner, Rect::new(0, 2, 80, 1));
        assert_eq!(with.list_rows() + 1, plain.list_rows());
        assert_eq!(with.list.bottom(), with.hints.y);
    }

    #[test]
    fn below_the_minimum_the_window_is_too_small() {
        assert!(areas(79, 24).too_small);
        assert!(areas(80, 23).too_small);
        assert!(areas(0, 0).too_small);
    }

    #[test]
    fn a_centred_box_never_leaves_its_frame() {
        let outer = Rect::new(2, 3, 10, 5);
        let inner = centered(outer, 40, 40);
        assert_eq!(inner, outer);
        assert_eq!(centered(outer, 4, 1), Rect::new(5, 5, 4, 1));
    }
}
