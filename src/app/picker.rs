//! The engagements picker: what bare `phasebook` shows when a user has more than one
//! engagement. One row a workbook (customer, process, phase, progress, next deadline,
//! overdue and blocked items), sorted by next deadline or name, narrowed by `/`; Enter
//! opens one, `n` makes a new one, `d` forgets one (the file stays), `a` shows the agenda
//! across them all. Pure: keys in, effects out; the run loop reads and writes files.

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::action::Action;
use super::context::Context;
use super::keymap::KeyMap;
use super::keys::Key;
use super::text;
use crate::i18n::Lang;

/// What the picker answers to, beside moving in its list.
pub const ACTIONS: &[Action] = &[
    Action::Select,
    Action::NewEngagement,
    Action::Search,
    Action::SortBy,
    Action::Agenda,
    Action::Forget,
    Action::Help,
    Action::Quit,
    Action::Close,
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
];

/// One engagement as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub path: PathBuf,
    pub customer: String,
    pub template: String,
    /// The current phase's title.
    pub phase: String,
    /// Done of what applies, in percent.
    pub percent: u8,
    pub next: Option<Next>,
    pub overdue: usize,
    pub blocked: usize,
    /// Why the file cannot be opened, when it cannot: listed, never opened.
    pub error: Option<String>,
}

/// The next deadline of an engagement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    pub title: String,
    pub date: NaiveDate,
    /// Days from today; negative when it has passed.
    pub days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Deadline,
    Name,
}

/// A new engagement as the picker asks for it, one field after the other.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewEngagement {
    pub customer: String,
    pub tenant: String,
    pub purchase_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    /// `en` or `sv`.
    pub language: String,
    pub template: String,
}

/// The fields `n` asks for, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Customer,
    Tenant,
    PurchaseDate,
    StartDate,
    Language,
    Template,
}

impl Field {
    const ORDER: [Field; 6] =
        [Field::Customer, Field::Tenant, Field::PurchaseDate, Field::StartDate, Field::Language, Field::Template];

    fn next(self) -> Option<Field> {
        let at = Field::ORDER.iter().position(|f| *f == self)?;
        Field::ORDER.get(at + 1).copied()
    }
}

/// What the picker shows over its list, if anything.
#[derive(Debug, Clone)]
pub enum Mode {
    List,
    /// Typing the text the list is narrowed to.
    Filter(TextArea<'static>),
    /// Asking for a new engagement's fields.
    New {
        field: Field,
        draft: NewEngagement,
        input: TextArea<'static>,
    },
    /// The agenda across every engagement, scrolled.
    Agenda {
        lines: Vec<String>,
        scroll: usize,
    },
    Help {
        scroll: usize,
    },
}

/// What the run loop does for the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Open(PathBuf),
    Forget(PathBuf),
    Create(NewEngagement),
    /// Gather the agenda across the listed engagements and hand it back (`Picker::agenda`).
    Agenda,
    Quit,
}

pub struct Picker {
    pub rows: Vec<Row>,
    pub sort: Sort,
    /// The text rows are narrowed to (customer, process, phase, file).
    pub filter: String,
    /// Index into `shown()`.
    pub cursor: usize,
    pub mode: Mode,
    /// The last word: what was forgotten, why a new one could not be made.
    pub message: Option<(String, bool)>,
    pub lang: Lang,
    pub keymap: KeyMap,
    pub today: NaiveDate,
    pub color: bool,
    /// The language and process a new engagement starts from.
    pub defaults: NewEngagement,
    /// Where `n` puts a new engagement, to say so.
    pub new_folder: PathBuf,
    /// The window's size, in columns and rows.
    pub size: (u16, u16),
}

impl Picker {
    pub fn new(rows: Vec<Row>, lang: Lang, keymap: KeyMap, today: NaiveDate, defaults: NewEngagement) -> Picker {
        let mut picker = Picker {
            rows,
            sort: Sort::Deadline,
            filter: String::new(),
            cursor: 0,
            mode: Mode::List,
            message: None,
            lang,
            keymap,
            today,
            color: true,
            defaults,
            new_folder: PathBuf::new(),
            size: (super::layout::MIN_WIDTH, super::layout::MIN_HEIGHT),
        };
        picker.sort_rows();
        picker
    }

    /// The rows the filter lets through, in order.
    pub fn shown(&self) -> Vec<&Row> {
        let needle = self.filter.to_lowercase();
        self.rows
            .iter()
            .filter(|r| {
                needle.is_empty()
                    || [&r.customer, &r.template, &r.phase].iter().any(|t| t.to_lowercase().contains(&needle))
                    || r.path.file_name().is_some_and(|f| f.to_string_lossy().to_lowercase().contains(&needle))
            })
            .collect()
    }

    pub fn selected(&self) -> Option<&Row> {
        self.shown().get(self.cursor).copied()
    }

    /// The context keys are read in, for the key table, the hints and the help.
    pub fn context(&self) -> Context {
        match self.mode {
            Mode::List => Context::Picker,
            Mode::Filter(_) | Mode::New { .. } => Context::Prompt,
            // Read and scrolled as the help is, and closed alike.
            Mode::Agenda { .. } | Mode::Help { .. } => Context::Help,
        }
    }

    fn sort_rows(&mut self) {
        let name = |r: &Row| (r.customer.to_lowercase(), r.path.clone());
        match self.sort {
            Sort::Name => self.rows.sort_by_key(name),
            // Soonest first; without a deadline (or unreadable) last, by name.
            Sort::Deadline => {
                self.rows.sort_by_key(|r| (r.next.as_ref().map(|n| n.date).unwrap_or(NaiveDate::MAX), name(r)))
            }
        }
    }

    /// The agenda gathered for `a`, shown over the list.
    pub fn agenda(&mut self, lines: Vec<String>) {
        self.mode = Mode::Agenda { lines, scroll: 0 };
    }

    /// A new engagement that could not be made (`said` why): its fields asked again from
    /// the process, everything typed kept.
    pub fn retry(&mut self, draft: NewEngagement, said: String) {
        let input = text::selected(&draft.template);
        self.mode = Mode::New { field: Field::Template, draft, input };
        self.message = Some((said, true));
    }

    /// What the run loop says back: a new engagement that could not be made, a file gone.
    pub fn say(&mut self, text: String, is_error: bool) {
        self.message = Some((text, is_error));
    }

    /// Drops `path`'s row once the run loop has forgotten it.
    pub fn forgotten(&mut self, path: &std::path::Path) {
        self.rows.retain(|r| r.path != path);
        self.cursor = self.cursor.min(self.shown().len().saturating_sub(1));
    }

    /// Whether the window is too small to show the picker: then only quitting acts.
    pub fn too_small(&self) -> bool {
        self.size.0 < super::layout::MIN_WIDTH || self.size.1 < super::layout::MIN_HEIGHT
    }

    pub fn update(&mut self, key: KeyEvent) -> Option<Effect> {
        let context = self.context();
        let action = Key::from_event(key).and_then(|k| self.keymap.action(context, k));
        if self.too_small() {
            let quits = Key::from_event(key).and_then(|k| self.keymap.action(Context::Picker, k));
            return matches!(quits, Some(Action::Quit | Action::Close)).then_some(Effect::Quit);
        }
        match &mut self.mode {
            Mode::Filter(input) => {
                match action {
                    Some(Action::Submit) => self.mode = Mode::List,
                    Some(Action::Cancel) => {
                        self.filter.clear();
                        self.mode = Mode::List;
                    }
                    Some(a) if text::edit(input, a) => {}
                    _ => {
                        text::insert(input, key);
                    }
                }
                if let Mode::Filter(input) = &self.mode {
                    self.filter = text::line_of(input);
                }
                self.cursor = self.cursor.min(self.shown().len().saturating_sub(1));
                None
            }
            Mode::New { input, .. } => {
                match action {
                    Some(Action::Cancel) => self.mode = Mode::List,
                    Some(Action::Submit) => return self.next_field(),
                    Some(a) if text::edit(input, a) => {}
                    _ => {
                        text::insert(input, key);
                    }
                }
                None
            }
            Mode::Help { scroll } => {
                match action {
                    Some(Action::Close) => self.mode = Mode::List,
                    // No further than the last of the picker's keys.
                    Some(Action::Down) => *scroll = (*scroll + 1).min(ACTIONS.len().saturating_sub(1)),
                    Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                    _ => {}
                }
                None
            }
            Mode::Agenda { scroll, lines } => {
                match action {
                    Some(Action::Down) => *scroll = (*scroll + 1).min(lines.len().saturating_sub(1)),
                    Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                    Some(Action::PageDown) => *scroll = (*scroll + 10).min(lines.len().saturating_sub(1)),
                    Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                    Some(Action::Top) => *scroll = 0,
                    Some(Action::Close) => self.mode = Mode::List,
                    _ => {}
                }
                None
            }
            Mode::List => self.list(action?),
        }
    }

    /// What a row is called: its customer (its file's name when it has none), with the file's
    /// name beside it when another engagement has the same customer, so the two stay apart.
    pub fn name_of(&self, row: &Row) -> String {
        let file = || row.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        if row.customer.trim().is_empty() {
            return file();
        }
        // The file's name first (without `.ron`): in a narrow column what tells the two apart
        // is what stays.
        let same = self.rows.iter().filter(|r| r.customer.trim() == row.customer.trim()).count();
        let stem = || row.path.file_stem().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(file);
        if same > 1 { format!("{} · {}", stem(), row.customer.trim()) } else { row.customer.trim().to_string() }
    }

    /// The number of engagements and, when a filter narrows them, how many it shows.
    pub fn count(&self) -> String {
        let shown = self.shown().len();
        if shown == self.rows.len() { shown.to_string() } else { format!("{shown}/{}", self.rows.len()) }
    }

    fn list(&mut self, action: Action) -> Option<Effect> {
        self.message = None;
        let count = self.shown().len();
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(count.saturating_sub(1)),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::PageDown => self.cursor = (self.cursor + 10).min(count.saturating_sub(1)),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(10),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = count.saturating_sub(1),
            Action::Select => {
                let row = self.selected()?;
                if let Some(error) = &row.error {
                    let text = format!("{}: {error}", row.path.display());
                    self.say(text, true);
                    return None;
                }
                return Some(Effect::Open(row.path.clone()));
            }
            // The filter so far stands selected: typing replaces it, a move keeps it to edit.
            Action::Search => self.mode = Mode::Filter(text::selected(&self.filter)),
            Action::SortBy => {
                let at = self.selected().map(|r| r.path.clone());
                self.sort = if self.sort == Sort::Deadline { Sort::Name } else { Sort::Deadline };
                self.sort_rows();
                self.cursor = at.and_then(|p| self.shown().iter().position(|r| r.path == p)).unwrap_or(0);
            }
            Action::Forget => return self.selected().map(|r| Effect::Forget(r.path.clone())),
            Action::NewEngagement => {
                let draft = self.defaults.clone();
                self.mode = Mode::New { field: Field::Customer, input: text::selected(&draft.customer), draft };
            }
            Action::Agenda => return Some(Effect::Agenda),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Quit | Action::Close => return Some(Effect::Quit),
            _ => {}
        }
        None
    }

    /// Keeps the field typed and asks for the next; after the last, makes the engagement.
    fn next_field(&mut self) -> Option<Effect> {
        let Mode::New { field, draft, input } = &mut self.mode else { return None };
        let typed = text::line_of(input);
        let s = self.lang.strings();
        // Read as every date the command line takes is read (and held to the same years).
        let today = self.today;
        let date = |typed: &str| -> Result<Option<NaiveDate>, String> {
            crate::model::due::parse(typed, today, &s.date_words()).map_err(|_| s.picker_bad_date.clone())
        };
        let checked = match field {
            Field::Customer if typed.is_empty() => Err(s.picker_customer_empty.clone()),
            Field::Customer => {
                draft.customer = typed;
                Ok(())
            }
            Field::Tenant => {
                draft.tenant = typed;
                Ok(())
            }
            Field::PurchaseDate => date(&typed).map(|d| draft.purchase_date = d),
            Field::StartDate => date(&typed).map(|d| draft.start_date = d),
            Field::Language => match typed.as_str() {
                "en" | "sv" => {
                    draft.language = typed;
                    Ok(())
                }
                _ => Err(s.picker_bad_language.clone()),
            },
            Field::Template => {
                draft.template = if typed.is_empty() { self.defaults.template.clone() } else { typed };
                Ok(())
            }
        };
        if let Err(said) = checked {
            self.message = Some((said, true));
            return None;
        }
        self.message = None;
        match field.next() {
            Some(next) => {
                let value = match next {
                    Field::Customer => draft.customer.clone(),
                    Field::Tenant => draft.tenant.clone(),
                    Field::PurchaseDate => draft.purchase_date.map(|d| d.to_string()).unwrap_or_default(),
                    Field::StartDate => draft.start_date.map(|d| d.to_string()).unwrap_or_default(),
                    Field::Language => draft.language.clone(),
                    Field::Template => draft.template.clone(),
                };
                *field = next;
                *input = text::selected(&value);
                None
            }
            None => {
                let draft = draft.clone();
                self.mode = Mode::List;
                Some(Effect::Create(draft))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn row(customer: &str, next: Option<i64>) -> Row {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        Row {
            path: PathBuf::from(format!("/e/{customer}.ron")),
            customer: customer.into(),
            template: "intune-fasttrack".into(),
            phase: "Assess".into(),
            percent: 10,
            next: next.map(|days| Next {
                title: "Go-live".into(),
                date: today + chrono::Days::new(u64::try_from(days).unwrap()),
                days,
            }),
            overdue: 0,
            blocked: 0,
            error: None,
        }
    }

    fn picker(rows: Vec<Row>) -> Picker {
        let config = crate::app::config::Config::from_texts(None, "ann");
        let defaults =
            NewEngagement { language: "en".into(), template: "intune-fasttrack".into(), ..Default::default() };
        Picker::new(rows, Lang::En, config.keymap, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), defaults)
    }

    fn press(p: &mut Picker, keys: &str) -> Vec<Effect> {
        keys.chars()
            .filter_map(|c| {
                let key = match c {
                    '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                    '\u{1b}' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                    c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                };
                p.update(key)
            })
            .collect()
    }

    #[test]
    fn rows_sort_by_next_deadline_then_by_name_and_the_filter_narrows_them() {
        let mut p = picker(vec![row("Contoso", Some(9)), row("Adatum", None), row("Fabrikam", Some(2))]);
        let names = |p: &Picker| p.shown().iter().map(|r| r.customer.clone()).collect::<Vec<_>>();
        assert_eq!(names(&p), ["Fabrikam", "Contoso", "Adatum"]);
        press(&mut p, "s");
        assert_eq!(names(&p), ["Adatum", "Contoso", "Fabrikam"]);
        press(&mut p, "/fab\n");
        assert_eq!(names(&p), ["Fabrikam"]);
        assert_eq!(press(&mut p, "\n"), [Effect::Open(PathBuf::from("/e/Fabrikam.ron"))]);
        press(&mut p, "/\u{1b}");
        assert_eq!(names(&p).len(), 3, "Esc clears the filter");
    }

    #[test]
    fn a_new_engagement_asks_each_field_and_refuses_what_is_no_date_or_language() {
        let mut p = picker(vec![row("Contoso", Some(9)), row("Adatum", None)]);
        assert!(press(&mut p, "nContoso\nCONTOSO\n2026-13-01\n").is_empty());
        assert!(p.message.as_ref().is_some_and(|(_, error)| *error));
        let effects = press(&mut p, "\u{7f}");
        assert!(effects.is_empty());
        // Typing over the selected text replaces it.
        let mut p = picker(vec![row("Contoso", Some(9))]);
        let effects = press(&mut p, "nNorthwind\nnw.onmicrosoft.com\n2026-11-02\n2026-11-20\nsv\n\n");
        let Some(Effect::Create(made)) = effects.first() else { panic!("{effects:?}") };
        assert_eq!(made.customer, "Northwind");
        assert_eq!(made.tenant, "nw.onmicrosoft.com");
        assert_eq!(made.start_date, NaiveDate::from_ymd_opt(2026, 11, 20));
        assert_eq!(made.language, "sv");
        assert_eq!(made.template, "intune-fasttrack");
    }

    #[test]
    fn two_engagements_of_one_customer_are_told_apart_by_their_files() {
        let mut us = row("Contoso", Some(3));
        us.path = PathBuf::from("/e/contoso-us.ron");
        let p = picker(vec![row("Contoso", Some(1)), us, row("Adatum", None)]);
        let names: Vec<String> = p.rows.iter().map(|r| p.name_of(r)).collect();
        assert_eq!(names, ["Contoso · Contoso", "contoso-us · Contoso", "Adatum"]);
    }

    #[test]
    fn forgetting_names_the_file_and_an_unreadable_one_is_never_opened() {
        let mut broken = row("Broken", None);
        broken.error = Some("not a workbook".into());
        let mut p = picker(vec![row("Contoso", Some(1)), broken]);
        assert_eq!(press(&mut p, "d"), [Effect::Forget(PathBuf::from("/e/Contoso.ron"))]);
        p.forgotten(std::path::Path::new("/e/Contoso.ron"));
        assert!(press(&mut p, "\n").is_empty());
        assert!(p.message.as_ref().unwrap().0.contains("not a workbook"));
        assert_eq!(press(&mut p, "q"), [Effect::Quit]);
    }
}
