//! The engagements picker: a title, one row an engagement, and the keys at the bottom (or
//! the last word); the filter, a new engagement's fields, the agenda and the help over it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::theme::Theme;
use crate::app::action::Action;
use crate::app::context::Context;
use crate::app::layout::centered;
use crate::app::picker::{Field, Mode, Picker, Row, Sort};
use crate::i18n::Strings;
use crate::i18n::cells::{cells, fit, pad};

pub fn draw(picker: &Picker, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme { color: picker.color };
    let s = picker.lang.strings();
    let width = usize::from(area.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let sort = match picker.sort {
        Sort::Deadline => &s.picker_by_deadline,
        Sort::Name => &s.picker_by_name,
    };
    let shown = picker.shown();
    if picker.too_small() {
        let text = s
            .too_small
            .replace("{w}", &crate::app::layout::MIN_WIDTH.to_string())
            .replace("{h}", &crate::app::layout::MIN_HEIGHT.to_string())
            .replace("{cw}", &area.width.to_string())
            .replace("{ch}", &area.height.to_string());
        let lines = super::screen::para(&text, width, "", Style::default());
        frame.render_widget(Paragraph::new(super::text::safe(lines)), area);
        return;
    }
    let mut title = s.picker_title.replace("{n}", &picker.count()).replace("{sort}", sort);
    if !picker.filter.is_empty() {
        title.push_str(&format!("  / {}", picker.filter));
    }
    lines.push(Line::from(Span::styled(fit(&title, width), theme.title())));
    let columns = Columns::of(s, width);
    lines.push(Line::from(Span::styled(columns.header(), theme.dim())));
    let list_rows = usize::from(area.height.saturating_sub(3));
    // The selected row stays in view.
    let first = picker.cursor.saturating_sub(list_rows.saturating_sub(1));
    for (at, row) in shown.iter().enumerate().skip(first).take(list_rows) {
        let style = if at == picker.cursor { theme.selected() } else { Default::default() };
        let text = columns.row(s, row, &picker.name_of(row));
        let style = if row.error.is_some() && at != picker.cursor { theme.error() } else { style };
        lines.push(Line::from(Span::styled(pad(&text, width, false), style)));
    }
    if shown.is_empty() && !picker.filter.is_empty() {
        lines.push(Line::from(Span::styled(s.picker_none.replace("{filter}", &picker.filter), theme.dim())));
    }
    frame.render_widget(Paragraph::new(super::text::safe(lines)), area);
    let bottom = Rect { y: area.y + area.height.saturating_sub(1), height: 1.min(area.height), ..area };
    let footer = match &picker.message {
        Some((text, error)) => {
            Line::from(Span::styled(fit(text, width), if *error { theme.error() } else { Style::default() }))
        }
        // Over the agenda or the help, the keys that move in it and go back.
        None if matches!(picker.mode, Mode::Agenda { .. } | Mode::Help { .. }) => {
            Line::from(super::hints::spans(hints(picker, Context::Help), width, theme))
        }
        // In the filter or a new engagement's fields: how to keep what is typed, or go back.
        None if matches!(picker.mode, Mode::Filter(_) | Mode::New { .. }) => {
            Line::from(super::hints::spans(hints(picker, Context::Prompt), width, theme))
        }
        None => Line::from(super::hints::spans(hints(picker, Context::Picker), width, theme)),
    };
    frame.render_widget(Clear, bottom);
    frame.render_widget(Paragraph::new(super::text::safe(vec![footer])), bottom);
    match &picker.mode {
        Mode::List => {}
        Mode::Filter(input) => {
            let popup = centered(area, area.width.saturating_sub(8).clamp(30, 70), 3);
            let block = Block::bordered().border_style(theme.focus_border()).title(Span::styled(" / ", theme.title()));
            let inner = block.inner(popup);
            frame.render_widget(Clear, popup);
            frame.render_widget(block, popup);
            frame.render_widget(input, Rect { height: 1.min(inner.height), ..inner });
        }
        Mode::New { field, input, .. } => {
            let label = s.picker_fields.get(field_index(*field)).cloned().unwrap_or_default();
            let popup_width = area.width.saturating_sub(8).clamp(40, 80);
            let help = match &picker.message {
                Some((text, true)) => (text.clone(), theme.error()),
                _ => (s.picker_new_help.replace("{folder}", &picker.new_folder.display().to_string()), theme.dim()),
            };
            let below = super::screen::para(&help.0, usize::from(popup_width.saturating_sub(2)), "", help.1);
            let height = u16::try_from(below.len()).unwrap_or(1).min(3) + 5;
            let popup = centered(area, popup_width, height);
            let title = format!(" {} ", s.picker_new_title);
            let block = Block::bordered().border_style(theme.focus_border()).title(Span::styled(title, theme.title()));
            let inner = block.inner(popup);
            frame.render_widget(Clear, popup);
            frame.render_widget(block, popup);
            if inner.height < 2 {
                return;
            }
            let label_line = Line::from(Span::styled(fit(&label, usize::from(inner.width)), theme.heading()));
            frame.render_widget(Paragraph::new(super::text::safe(vec![label_line])), Rect { height: 1, ..inner });
            frame.render_widget(input, Rect { y: inner.y + 1, height: 1, ..inner });
            if inner.height > 3 {
                let rest = Rect { y: inner.y + 3, height: inner.height - 3, ..inner };
                frame.render_widget(Paragraph::new(super::text::safe(below)), rest);
            }
        }
        Mode::Agenda { lines: agenda, scroll } => {
            let block = Block::bordered()
                .border_style(theme.focus_border())
                .title(Span::styled(format!(" {} ", s.picker_agenda_title), theme.title()));
            let popup = Rect { height: area.height.saturating_sub(1), ..area };
            let inner = block.inner(popup);
            // As `phasebook agenda` prints it, its columns kept; what the window cannot show
            // is cut (the command prints it whole).
            let w = usize::from(inner.width);
            let rows = usize::from(inner.height);
            let text: Vec<Line<'static>> =
                agenda.iter().skip(*scroll).take(rows).map(|l| Line::from(fit(l, w))).collect();
            frame.render_widget(Clear, popup);
            frame.render_widget(block, popup);
            frame.render_widget(Paragraph::new(super::text::safe(text)), inner);
        }
        Mode::Help { scroll } => {
            let block = Block::bordered()
                .border_style(theme.focus_border())
                .title(Span::styled(format!(" {} ", s.context_name("picker")), theme.title()));
            let popup = Rect { height: area.height.saturating_sub(1), ..area };
            let inner = block.inner(popup);
            let w = usize::from(inner.width);
            let mut text = Vec::new();
            for action in Context::Picker.actions() {
                let keys: Vec<String> =
                    picker.keymap.keys(Context::Picker, action).iter().map(ToString::to_string).collect();
                if keys.is_empty() {
                    continue;
                }
                let help = s.help_text("picker", &action.text_key()).unwrap_or_default();
                let keys = pad(&keys.join(" "), 14, false);
                // Each line whole, the lines under its first under its text.
                let mut wrapped = super::screen::hanging(help, w.saturating_sub(14), "", Style::default()).into_iter();
                let first = wrapped.next().unwrap_or_default();
                let mut spans = vec![Span::styled(keys, theme.key())];
                spans.extend(first.spans);
                text.push(Line::from(spans));
                text.extend(wrapped.map(|mut l| {
                    l.spans.insert(0, Span::raw(" ".repeat(14)));
                    l
                }));
            }
            let text: Vec<Line<'static>> = text.into_iter().skip(*scroll).collect();
            frame.render_widget(Clear, popup);
            frame.render_widget(block, popup);
            frame.render_widget(Paragraph::new(super::text::safe(text)), inner);
        }
    }
}

fn field_index(field: Field) -> usize {
    match field {
        Field::Customer => 0,
        Field::Tenant => 1,
        Field::PurchaseDate => 2,
        Field::StartDate => 3,
        Field::Language => 4,
        Field::Template => 5,
    }
}

/// The hints of the picker's keys, as the hint bar shows them.
fn hints(picker: &Picker, context: Context) -> Vec<super::hints::Hint> {
    let s = picker.lang.strings();
    context
        .hinted()
        .iter()
        .filter_map(|a: &Action| {
            let key = picker.keymap.first(context, *a)?;
            Some((*a, key, s.hint(&context.name(), &a.text_key()).unwrap_or_default().to_string()))
        })
        .collect()
}

/// The widths of the picker's columns at one window width: the numbers and the deadline
/// keep theirs, the customer and the phase share the rest.
struct Columns {
    headers: Vec<String>,
    /// The process's column, in a window wide enough for it (110 columns).
    template: Option<(String, usize)>,
    customer: usize,
    phase: usize,
    done: usize,
    next: usize,
    overdue: usize,
    blocked: usize,
}

impl Columns {
    fn of(s: &Strings, width: usize) -> Columns {
        let headers = if width >= 100 { &s.picker_columns } else { &s.picker_columns_narrow };
        let head = |i: usize| headers.get(i).map_or(0, |h| cells(h));
        let (done, overdue, blocked) = (head(2).max(4), head(4).max(3), head(5).max(3));
        let next = match width {
            140.. => 56,
            100.. => 34,
            _ => 26,
        };
        let template = (width >= 110).then(|| (s.picker_template_column.clone(), 20));
        let fixed = done + overdue + blocked + next + 5 * 2 + template.as_ref().map_or(0, |(_, w)| w + 2);
        let rest = width.saturating_sub(fixed);
        let customer = (rest * 11 / 20).max(8);
        let phase = rest.saturating_sub(customer).max(6);
        Columns { headers: headers.clone(), template, customer, phase, done, next, overdue, blocked }
    }

    fn line(&self, cells: [&str; 7]) -> String {
        let [customer, template, phase, done, next, overdue, blocked] = cells;
        let mut first = pad(&fit(customer, self.customer), self.customer, false);
        if let Some((_, w)) = &self.template {
            first.push_str("  ");
            first.push_str(&pad(&fit(template, *w), *w, false));
        }
        [
            first,
            pad(&fit(phase, self.phase), self.phase, false),
            pad(&fit(done, self.done), self.done, true),
            pad(&fit(next, self.next), self.next, false),
            pad(&fit(overdue, self.overdue), self.overdue, true),
            pad(&fit(blocked, self.blocked), self.blocked, true),
        ]
        .join("  ")
    }

    fn header(&self) -> String {
        let h = |i: usize| self.headers.get(i).map_or("", String::as_str);
        let template = self.template.as_ref().map_or("", |(name, _)| name.as_str());
        self.line([h(0), template, h(1), h(2), h(3), h(4), h(5)])
    }

    fn row(&self, s: &Strings, row: &Row, name: &str) -> String {
        if let Some(error) = &row.error {
            let why = format!("{}: {error}", s.picker_unreadable);
            return format!("{}  {}", pad(&fit(name, self.customer), self.customer, false), why);
        }
        let next = match &row.next {
            Some(n) => {
                let days = if n.days < 0 {
                    s.picker_days_ago.replace("{n}", &(-n.days).to_string())
                } else {
                    s.picker_days.replace("{n}", &n.days.to_string())
                };
                format!("{days} · {} {}", n.date, n.title)
            }
            None => s.picker_no_deadline.clone(),
        };
        let count = |n: usize| if n == 0 { "·".to_string() } else { n.to_string() };
        let done = format!("{}%", row.percent);
        self.line([name, &row.template, &row.phase, &done, &next, &count(row.overdue), &count(row.blocked)])
    }
}
