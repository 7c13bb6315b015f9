//! The one-line prompt (assign, due date, search), the quit confirmation, and the choices
//! when the file changed on disk.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::theme::Theme;
use crate::app::action::Action;
use crate::app::context::Context;
use crate::app::layout::centered;
use crate::app::state::{App, PromptKind};
use crate::model::{decision, engagement};

pub fn render(
    app: &App,
    kind: PromptKind,
    input: &TextArea<'static>,
    error: Option<&str>,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let s = app.strings();
    let (title, help): (String, String) = match kind {
        PromptKind::Assign => (s.p_assign.clone(), s.p_assign_help.clone()),
        PromptKind::Due => (s.p_due.clone(), s.p_due_help.clone()),
        PromptKind::Search => {
            let key = |a| app.config.keymap.first(Context::Main, a).unwrap_or_default();
            let help =
                s.p_search_help.replace("{next}", &key(Action::NextHit)).replace("{prev}", &key(Action::PrevHit));
            (s.p_search.clone(), help)
        }
        PromptKind::SignOff(party) => {
            (s.p_signoff.replace("{party}", s.party(&app.workbook.meta.parties, party)), s.p_signoff_help.clone())
        }
        PromptKind::Waiver(None) => (s.p_waiver.clone(), s.p_waiver_help.clone()),
        PromptKind::Waiver(Some(day)) => (s.p_waiver.clone(), s.p_waiver_on_help.replace("{date}", &day.to_string())),
        PromptKind::HistoryFilter => (s.p_history_filter.clone(), s.p_history_filter_help.clone()),
        PromptKind::PassDate => (s.p_pass_date.clone(), s.p_pass_date_help.clone()),
        PromptKind::PhaseStart => (s.p_phase_start.clone(), s.p_phase_start_help.clone()),
        PromptKind::NewItem(owner) => {
            let party = s.party(&app.workbook.meta.parties, owner);
            let heading = crate::app::main_screen::heading_for_new(app).and_then(|id| app.workbook.item(&id));
            let title = match heading {
                Some(h) => s.p_new_item_under.replace("{owner}", party).replace("{heading}", &h.text),
                None => s.p_new_item.replace("{owner}", party),
            };
            (title, s.p_new_item_help.clone())
        }
        PromptKind::ItemText => (s.p_item_text.clone(), s.p_item_text_help.clone()),
        PromptKind::ItemDetail => (s.p_item_detail.clone(), s.p_item_detail_help.clone()),
        PromptKind::RemoveReason => (s.p_remove_reason.clone(), s.p_remove_reason_help.clone()),
        PromptKind::ConflictText(_) => (s.p_conflict_text.clone(), s.p_conflict_text_help.clone()),
        PromptKind::Found(_, Some(_)) => (s.p_found.clone(), s.p_found_note_help.clone()),
        PromptKind::Found(_, None) => (s.p_found.clone(), s.p_found_help.clone()),
        PromptKind::Override(_) => (s.p_override.clone(), s.p_override_help.clone()),
        PromptKind::DecisionField(field) => {
            let title = match field {
                decision::Field::Title => &s.p_d_title,
                decision::Field::Context => &s.p_d_context,
                decision::Field::Options => &s.p_d_options,
                decision::Field::Outcome => &s.p_d_outcome,
                decision::Field::Consequences => &s.p_d_consequences,
                decision::Field::Deciders => &s.p_d_deciders,
            };
            let step = s
                .p_d_help
                .replace("{n}", &field.number().to_string())
                .replace("{total}", &decision::Field::ALL.len().to_string());
            (title.clone(), step)
        }
        PromptKind::EngagementField(field) => {
            let title = match field {
                engagement::Field::Customer => &s.customer,
                engagement::Field::Tenant => &s.tenant,
                engagement::Field::ProjectLead => &s.project_lead,
                engagement::Field::Partner => &s.partner,
                engagement::Field::PurchaseDate => &s.purchase_date,
                engagement::Field::StartDate => &s.start_date,
            };
            let help = if field.is_date() { &s.p_date_help } else { &s.p_text_help };
            (title.clone(), help.clone())
        }
        PromptKind::MeetingTitle => (s.p_meeting_title.clone(), s.p_text_help.clone()),
        PromptKind::Attendees => (s.p_attendees.clone(), s.p_text_help.clone()),
        PromptKind::HeldOn => (s.p_held_on.clone(), s.p_held_on_help.clone()),
        PromptKind::SaveAs => (s.p_save_as.clone(), s.p_save_as_help.clone()),
        PromptKind::SaveAsSwitch => {
            let path = app.save_as.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
            (s.p_save_as_switch.clone(), s.p_save_as_switch_help.replace("{path}", &path))
        }
    };
    // Wide enough for its help, which wraps rather than being cut.
    let width = area.width.saturating_sub(8).clamp(40, 90);
    let (text, style) = match error {
        Some(e) => (e.to_string(), theme.error()),
        None => (help, theme.dim()),
    };
    let below = super::screen::para(&text, usize::from(width.saturating_sub(2)), "", style);
    let height = u16::try_from(below.len()).unwrap_or(1).min(4) + 4;
    let popup = centered(area, width, height);
    let block =
        Block::bordered().border_style(theme.focus_border()).title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if inner.height == 0 {
        return;
    }
    frame.render_widget(input, Rect { height: 1, ..inner });
    if inner.height > 2 {
        let rest = Rect { y: inner.y + 2, height: inner.height - 2, ..inner };
        frame.render_widget(Paragraph::new(super::text::safe(below)), rest);
    }
}

pub fn render_quit(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let meeting = app.meeting_in_progress();
    let mut lines = Vec::new();
    if app.is_dirty() {
        lines.push(Line::from(s.unsaved_question.clone()));
    }
    if meeting {
        lines.push(Line::from(s.meeting_in_progress.clone()));
    }
    let popup = centered(area, 62, if lines.len() > 1 { 6 } else { 5 });
    let block = Block::bordered()
        .border_style(theme.error())
        .title(Span::styled(format!(" {} ", s.unsaved_title), theme.title()));
    let width = usize::from(popup.width.saturating_sub(2));
    lines.extend([
        Line::from(""),
        Line::from(super::hints::spans(super::hints::pairs(app, Context::Quit), width, theme)),
    ]);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(super::text::safe(lines)).wrap(ratatui::widgets::Wrap { trim: false }).block(block),
        popup,
    );
}

pub fn render_export(
    app: &App,
    format: crate::export::Format,
    path: &TextArea<'static>,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let s = app.strings();
    let popup = centered(area, 72, 7);
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {} ", s.export_title), theme.title()));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if inner.height < 5 {
        return;
    }
    let mut formats = vec![Span::raw(format!("{}: ", s.export_format))];
    for f in crate::export::Format::ALL {
        let label = format!(" {} ", f.extension());
        formats.push(if f == format {
            Span::styled(format!("[{label}]"), theme.selected())
        } else {
            Span::raw(format!(" {label} "))
        });
    }
    frame.render_widget(Paragraph::new(Line::from(formats)), Rect { height: 1, ..inner });
    frame.render_widget(Paragraph::new(format!("{}:", s.export_path)), Rect { y: inner.y + 2, height: 1, ..inner });
    frame.render_widget(path, Rect { y: inner.y + 3, height: 1, ..inner });
    let keys = super::hints::spans(super::hints::pairs(app, Context::Export), usize::from(inner.width), theme);
    frame.render_widget(Paragraph::new(Line::from(keys)), Rect { y: inner.y + 4, height: 1, ..inner });
}

/// The choices after a save found the file changed on disk, or the overwrite confirmation.
pub fn render_conflict(
    app: &App,
    modified: Option<chrono::DateTime<chrono::FixedOffset>>,
    confirm: bool,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let s = app.strings();
    let popup = centered(area, 76, if confirm { 11 } else { 10 });
    let block = Block::bordered()
        .border_style(theme.error())
        .title(Span::styled(format!(" {} ", s.conflict_title), theme.title()));
    let name = app.path.file_name().map_or_else(|| app.path.display().to_string(), |n| n.to_string_lossy().into());
    let when = modified.map_or_else(String::new, |m| {
        let format = if m.date_naive() == app.today() { "%H:%M" } else { "%Y-%m-%d %H:%M" };
        s.conflict_when.replace("{time}", &m.format(format).to_string())
    });
    let mut lines = vec![Line::from(s.conflict_text.replace("{path}", &name).replace("{when}", &when)), Line::from("")];
    let choice = |context: Context, action: Action, text: &str, available: bool| {
        let style = if available { theme.key() } else { theme.dim() };
        let key = app.config.keymap.first(context, action).unwrap_or_default();
        Line::from(vec![Span::styled(format!("{key:>3} "), style), Span::raw(text.to_string())])
    };
    if confirm {
        lines.push(Line::from(Span::styled(s.conflict_confirm.clone(), theme.error())));
        lines.push(Line::from(""));
        let text = format!("{} · {}", s.hint("confirm_overwrite", "confirm").unwrap_or_default(), s.conflict_any_key);
        lines.push(choice(Context::ConfirmOverwrite, Action::Confirm, &text, true));
    } else {
        let replayable = app.history.is_replayable();
        lines.push(choice(Context::Conflict, Action::Reload, &s.conflict_reload, replayable));
        lines.push(choice(Context::Conflict, Action::SaveCopy, &s.conflict_copy, true));
        lines.push(choice(Context::Conflict, Action::Overwrite, &s.conflict_overwrite, true));
        lines.push(choice(Context::Conflict, Action::Cancel, &s.conflict_stay, true));
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(super::text::safe(lines)).wrap(ratatui::widgets::Wrap { trim: false }).block(block),
        popup,
    );
}
