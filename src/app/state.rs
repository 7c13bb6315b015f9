//! The interface's state: the workbook and its derived figures, which list is shown,
//! the cursor, filters, search, the open popup, and the undo history. The rows of the
//! shown list are derived too, and rebuilt whenever the workbook, list or filter changes.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui_textarea::TextArea;

use super::config::Config;
use super::context::Context;
use crate::i18n::{Lang, Strings};
use crate::model::check::Issue;
use crate::model::deadline::{Urgency, item_urgency};
use crate::model::history::History;
use crate::model::{Assessment, Item, Owner, Rollup, Status, Workbook, decision, engagement, meeting};

/// Which list of items is shown: General, or a phase by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    General,
    Phase(usize),
}

impl Section {
    pub fn list(self) -> Option<usize> {
        match self {
            Section::General => None,
            Section::Phase(p) => Some(p),
        }
    }
}

/// One line of the checklist: a heading for an owner group, or an item by its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Group(Owner),
    Item { index: usize, depth: u8 },
}

/// The filters in effect; items must pass all that are on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub mine: bool,
    pub blocked: bool,
    pub due: bool,
    pub not_started: bool,
    pub hide_not_applicable: bool,
}

impl Filter {
    pub fn is_active(self) -> bool {
        self != Filter::default()
    }

    /// Whether an item passes, given whether it is in scope.
    pub fn keeps(self, item: &Item, in_scope: bool, user: &str, today: NaiveDate) -> bool {
        let applicable = in_scope && item.status != Status::NotApplicable;
        (!self.mine || crate::model::calendar::assigned_to(item, user))
            && (!self.blocked || item.status == Status::Blocked)
            && (!self.due || (in_scope && matches!(item_urgency(item, today), Some(Urgency::Passed | Urgency::Soon))))
            && (!self.not_started || (applicable && item.status == Status::NotStarted))
            && (!self.hide_not_applicable || applicable)
    }
}

/// A finished search: what was looked for and where it was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<(Section, usize)>,
    pub current: Option<usize>,
}

/// What a one-line prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Assign,
    Due,
    Search,
    /// The name signing off the shown gate for a party.
    SignOff(Owner),
    /// The reason for passing the shown gate on a waiver.
    /// The reason for a waiver, passing the gate on the day given (`None`: today).
    Waiver(Option<chrono::NaiveDate>),
    /// What was found for expectation `.0`; `Some(result)` sets that result, `None` judges
    /// the text against the expectation's threshold.
    Found(usize, Option<Assessment>),
    /// Why expectation `.0`, judged not to meet, meets after all.
    Override(usize),
    /// A field of the decision being written.
    DecisionField(decision::Field),
    EngagementField(engagement::Field),
    MeetingTitle,
    Attendees,
    /// The day the meeting in progress was held.
    HeldOn,
    /// Where to save a copy of the workbook.
    SaveAs,
    /// Whether to go on working on the copy just named (`App::save_as`).
    SaveAsSwitch,
    /// The text the change history is narrowed to.
    HistoryFilter,
    /// The day the shown gate passed.
    PassDate,
    /// The day the shown phase started.
    PhaseStart,
    /// The text of a new task of this owner in the shown list.
    NewItem(Owner),
    /// The selected item's new wording.
    ItemText,
    /// The selected item's detail, after its wording.
    ItemDetail,
    /// Why the selected item (one of the process's) does not apply.
    RemoveReason,
    /// A text of one's own to settle conflict `.0` on.
    ConflictText(usize),
}

/// A workflow screen drawn over the checklist; keys go to it until it is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    Scope,
    Gate,
    Assess,
    Decisions,
    Engagement,
    Upcoming,
    About,
    Meeting,
    History,
    Meetings,
    Conflicts,
}

impl ScreenKind {
    pub fn context(self) -> Context {
        match self {
            ScreenKind::Scope => Context::Scope,
            ScreenKind::Gate => Context::Gate,
            ScreenKind::Assess => Context::Assess,
            ScreenKind::Decisions => Context::Decisions,
            ScreenKind::Engagement => Context::Engagement,
            ScreenKind::Upcoming => Context::Upcoming,
            ScreenKind::About => Context::About,
            ScreenKind::Meeting => Context::Meeting,
            ScreenKind::History => Context::History,
            ScreenKind::Meetings => Context::Meetings,
            ScreenKind::Conflicts => Context::Conflicts,
        }
    }
}

/// The open workflow screen and its cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub kind: ScreenKind,
    pub cursor: usize,
    /// The item selected when the screen was opened: new decisions are linked to it.
    pub item: Option<String>,
}

/// The popup that has the keyboard, if any.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// The keys, those of `from` (where help was asked for) first.
    Help {
        scroll: u16,
        from: Context,
    },
    Prompt {
        kind: PromptKind,
        input: TextArea<'static>,
        error: Option<String>,
        /// Which earlier entry Up has recalled (0 the latest), with the text typed before it.
        recall: Option<(usize, String)>,
    },
    /// Writing a note on `item`; `index` is the note being edited, `None` for a new one.
    Note {
        item: String,
        index: Option<usize>,
        input: TextArea<'static>,
    },
    /// Writing the minutes of the meeting in progress.
    Minutes {
        input: TextArea<'static>,
    },
    ConfirmQuit,
    /// A save found the file changed on disk since it was opened: reload and reapply,
    /// save a copy, or (`confirm` once chosen) overwrite. `quit` when the save was for quitting.
    Conflict {
        modified: Option<DateTime<FixedOffset>>,
        quit: bool,
        confirm: bool,
    },
    /// Choosing a format and a file for a snapshot; `edited` once the path is typed in.
    Export {
        format: crate::export::Format,
        path: TextArea<'static>,
        edited: bool,
    },
}

/// Which pane has the keyboard in normal mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    List,
    Detail,
}

/// A line for the user at the bottom of the screen, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Message {
        Message { text: text.into(), is_error: false }
    }

    pub fn error(text: impl Into<String>) -> Message {
        Message { text: text.into(), is_error: true }
    }
}

/// The whole interface state.
#[derive(Debug)]
pub struct App {
    pub workbook: Workbook,
    pub rollup: Rollup,
    /// What the rules find wrong with the workbook now: warnings to show, and any errors a
    /// file brought (a change may not add one).
    pub issues: Vec<Issue>,
    pub path: PathBuf,
    pub lang: Lang,
    pub config: Config,
    /// The moment "now", set by the loop before each event.
    pub now: DateTime<FixedOffset>,
    /// The size of the terminal, set by the loop, for layout-dependent moves.
    pub size: (u16, u16),
    pub section: Section,
    pub rows: Vec<Row>,
    pub cursor: usize,
    pub scroll: usize,
    pub detail_scroll: u16,
    pub pane: Pane,
    pub filter: Filter,
    pub search: Option<Search>,
    pub mode: Mode,
    /// Every change of this session, for undo, redo and replaying onto another version.
    pub history: History,
    pub message: Option<Message>,
    pub color: bool,
    /// Why the workbook may not be saved (another phasebook holds it), if it may not.
    pub read_only: Option<String>,
    pub screen: Option<Screen>,
    pub decision_draft: Option<decision::Draft>,
    /// The file a save-as is to write, between its two questions.
    pub save_as: Option<std::path::PathBuf>,
    pub meeting_draft: Option<meeting::Draft>,
    /// An action that asked to be pressed again before it acts (discarding typed minutes).
    pub armed: Option<super::action::Action>,
    /// What was entered in prompts of each kind this session, latest first, for Up to recall.
    pub prompt_history: HashMap<&'static str, Vec<String>>,
    /// The text the history screen shows the changes of; empty shows them all.
    pub history_filter: String,
    /// Which decisions the log shows (an index into its filters; 0 shows all).
    pub decision_filter: usize,
    /// The held meeting whose minutes the editor is correcting, if it is one.
    pub correcting: Option<usize>,
    /// An item's new wording, typed, while its detail is asked for.
    pub item_text: Option<String>,
}

impl App {
    pub fn new(workbook: Workbook, path: PathBuf, lang: Lang, config: Config, now: DateTime<FixedOffset>) -> App {
        let rollup = Rollup::of(&workbook);
        let issues = crate::model::check::check(&workbook);
        let section = match crate::model::gate::standing(&workbook) {
            crate::model::gate::Standing::In(p) => Section::Phase(p),
            crate::model::gate::Standing::Finished => Section::Phase(workbook.phases.len().saturating_sub(1)),
        };
        let message =
            (!config.problems.is_empty()).then(|| Message { text: config.problems.join("; "), is_error: true });
        let mut app = App {
            workbook,
            rollup,
            issues,
            path,
            lang,
            config,
            now,
            size: (80, 24),
            section,
            rows: Vec::new(),
            cursor: 0,
            scroll: 0,
            detail_scroll: 0,
            pane: Pane::List,
            filter: Filter::default(),
            search: None,
            mode: Mode::Normal,
            history: History::default(),
            message,
            color: true,
            read_only: None,
            screen: None,
            decision_draft: None,
            save_as: None,
            meeting_draft: None,
            prompt_history: HashMap::new(),
            history_filter: String::new(),
            decision_filter: 0,
            correcting: None,
            item_text: None,
            armed: None,
        };
        app.rebuild_rows();
        app
    }

    pub fn strings(&self) -> &'static Strings {
        self.lang.strings()
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Where each pane is in the window now.
    pub fn areas(&self) -> super::layout::Areas {
        let banner = u16::try_from(self.banner_lines().len()).unwrap_or(1);
        super::layout::areas_for(self.size.0, self.size.1, banner, self.header_lines())
    }

    /// Whether a meeting is in progress with anything entered in it (one only opened is not).
    pub fn meeting_in_progress(&self) -> bool {
        self.meeting_draft.as_ref().is_some_and(|d| d.touched)
    }

    /// The warnings the workbook has now.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| !i.is_error())
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Where keys go now: the popup that has the keyboard, else the open screen, else the
    /// main screen.
    pub fn context(&self) -> Context {
        match &self.mode {
            Mode::Normal => self.screen.as_ref().map_or(Context::Main, |s| s.kind.context()),
            Mode::Help { .. } => Context::Help,
            Mode::Prompt { .. } => Context::Prompt,
            Mode::Note { .. } | Mode::Minutes { .. } => Context::Editor,
            Mode::ConfirmQuit => Context::Quit,
            Mode::Conflict { confirm: false, .. } => Context::Conflict,
            Mode::Conflict { confirm: true, .. } => Context::ConfirmOverwrite,
            Mode::Export { .. } => Context::Export,
        }
    }

    /// The items of the shown section.
    pub fn items(&self) -> &[Item] {
        match self.section {
            Section::General => &self.workbook.general,
            Section::Phase(p) => self.workbook.phases.get(p).map_or(&[], |phase| phase.items.as_slice()),
        }
    }

    /// The item under the cursor, with its index in the shown list.
    pub fn selected(&self) -> Option<(usize, &Item)> {
        match self.rows.get(self.cursor) {
            Some(Row::Item { index, .. }) => self.items().get(*index).map(|item| (*index, item)),
            _ => None,
        }
    }

    /// The phase a gate screen is about: the shown one, or the current one from General.
    pub fn gate_phase(&self) -> Option<usize> {
        match self.section {
            Section::Phase(p) => Some(p),
            Section::General => match crate::model::gate::standing(&self.workbook) {
                crate::model::gate::Standing::In(p) => Some(p),
                crate::model::gate::Standing::Finished => None,
            },
        }
    }

    /// The section's title as the screen shows it.
    pub fn section_title(&self) -> String {
        match self.section {
            Section::General => self.strings().general.clone(),
            Section::Phase(p) => self.workbook.phases.get(p).map(|phase| phase.title.clone()).unwrap_or_default(),
        }
    }

    /// Rebuilds the rows of the shown section: grouped by owner, filtered, headings kept
    /// for their sub-items. Keeps the cursor on the same item where it can.
    pub fn rebuild_rows(&mut self) {
        let keep_item = self.selected().map(|(index, _)| index);
        let list = self.section.list();
        let today = self.today();
        let items = self.items();
        let parents: HashMap<&str, Option<&str>> =
            items.iter().map(|item| (item.id.as_str(), item.parent.as_deref())).collect();
        let mut rows = Vec::with_capacity(items.len() + 3);
        for owner in Owner::ALL {
            let start = rows.len();
            for (index, item) in items.iter().enumerate() {
                if item.owner != owner {
                    continue;
                }
                let facts = self.rollup.facts(list, index);
                if !self.filter.keeps(item, facts.in_scope, &self.config.user, today) {
                    continue;
                }
                rows.push(Row::Item { index, depth: depth(&parents, item) });
            }
            if rows.len() > start {
                rows.insert(start, Row::Group(owner));
            }
        }
        self.rows = rows;
        self.cursor = keep_item
            .and_then(|keep| self.rows.iter().position(|r| matches!(r, Row::Item { index, .. } if *index == keep)))
            .unwrap_or_else(|| self.first_item_row_from(0));
        self.clamp_scroll();
    }

    /// The first item row at or after `from`, else the last item row before it, else 0.
    pub fn first_item_row_from(&self, from: usize) -> usize {
        let is_item = |r: &Row| matches!(r, Row::Item { .. });
        self.rows
            .iter()
            .skip(from)
            .position(is_item)
            .map(|p| p + from)
            .or_else(|| self.rows.iter().take(from).rposition(is_item))
            .unwrap_or(0)
    }

    /// How many checklist rows fit on screen now.
    pub fn list_height(&self) -> usize {
        usize::from(self.areas().list_rows())
    }
}

/// How deep under headings an item sits (bounded, in case of a cycle in a hand-made file).
fn depth(parents: &HashMap<&str, Option<&str>>, item: &Item) -> u8 {
    let mut depth = 0u8;
    let mut parent = item.parent.as_deref();
    while let Some(id) = parent {
        if depth >= 4 {
            break;
        }
        depth += 1;
        parent = parents.get(id).copied().flatten();
    }
    depth
}
