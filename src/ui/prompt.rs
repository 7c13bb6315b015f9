//! The one-line prompt (assign, due date, search) and the quit confirmation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::layout::centered;
use super::theme::Theme;
use crate::app::state::{App, PromptKind};

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
    let (title, help) = match kind {
        PromptKind::Assign => (&s.p_assign, &s.p_assign_help),
        PromptKind::Due => (&s.p_due, &s.p_due_help),
        PromptKind::Search => (&s.p_search, &s.p_search_help),
    };
    let popup = centered(area, 60, 5);
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
        let line = match error {
            Some(e) => Line::from(Span::styled(e.to_string(), theme.error())),
            None => Line::from(Span::styled(help.clone(), theme.dim())),
        };
        frame.render_widget(Paragraph::new(line), Rect { y: inner.y + 2, height: 1, ..inner });
    }
}

pub fn render_quit(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let popup = centered(area, 56, 5);
    let block = Block::bordered()
        .border_style(theme.error())
        .title(Span::styled(format!(" {} ", s.unsaved_title), theme.title()));
    let lines = vec![
        Line::from(s.unsaved_question.clone()),
        Line::from(""),
        Line::from(vec![
            Span::styled("s", theme.key()),
            Span::raw(format!(" {}   ", s.save_and_quit)),
            Span::styled("d", theme.key()),
            Span::raw(format!(" {}   ", s.discard_and_quit)),
            Span::styled("Esc", theme.key()),
            Span::raw(format!(" {}", s.stay)),
        ]),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
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
    frame.render_widget(
        Paragraph::new(Span::styled(s.export_help.clone(), theme.dim())),
        Rect { y: inner.y + 4, height: 1, ..inner },
    );
}
