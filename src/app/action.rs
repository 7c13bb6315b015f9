//! Everything a user can do from the main screen, as one vocabulary: the key-binding
//! config names these actions, and the help and hint bar are generated from them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Move to the previous row.
    Up,
    /// Move to the next row.
    Down,
    /// Move up a page.
    PageUp,
    /// Move down a page.
    PageDown,
    /// Move to the first row.
    Top,
    /// Move to the last row.
    Bottom,
    /// Show the next phase.
    NextPhase,
    /// Show the previous phase.
    PrevPhase,
    /// Show the General responsibilities, outside the phases.
    ShowGeneral,
    /// Show phase number n (1 is the first).
    GoToPhase(u8),
    /// Move between the checklist and the detail pane.
    SwitchPane,
    /// Mark the item done, or back to not started.
    ToggleDone,
    /// Step the item's status to the next one.
    CycleStatus,
    /// Set the item in progress.
    SetInProgress,
    /// Set the item blocked.
    SetBlocked,
    /// Mark the item as not applicable to this engagement.
    SetNotApplicable,
    /// Set the item back to not started.
    Reopen,
    /// Assign the item to a person.
    Assign,
    /// Set or clear the item's due date.
    SetDue,
    /// Add a note to the item.
    AddNote,
    /// Edit the item's latest note.
    EditNote,
    /// Search items, notes and assignees across all phases.
    Search,
    /// Jump to the next search hit.
    NextHit,
    /// Jump to the previous search hit.
    PrevHit,
    /// Show only items assigned to me.
    FilterMine,
    /// Show only blocked items.
    FilterBlocked,
    /// Show only items overdue or due this week.
    FilterDue,
    /// Show only items not started.
    FilterNotStarted,
    /// Hide items that are not applicable.
    HideNotApplicable,
    /// Clear every filter and the search.
    ClearFilters,
    /// Export a status snapshot (Markdown, HTML, JSON, CSV).
    Export,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Save the workbook.
    Save,
    /// Show the keys and what they do.
    Help,
    /// Quit (asks first when there are unsaved changes).
    Quit,
}

impl Action {
    /// Every action, in the order the help lists them.
    pub fn all() -> Vec<Action> {
        use Action::*;
        let mut all = vec![Up, Down, PageUp, PageDown, Top, Bottom, NextPhase, PrevPhase, ShowGeneral];
        all.extend((1..=9).map(GoToPhase));
        all.extend([
            SwitchPane,
            ToggleDone,
            CycleStatus,
            SetInProgress,
            SetBlocked,
            SetNotApplicable,
            Reopen,
            Assign,
            SetDue,
            AddNote,
            EditNote,
            Search,
            NextHit,
            PrevHit,
            FilterMine,
            FilterBlocked,
            FilterDue,
            FilterNotStarted,
            HideNotApplicable,
            ClearFilters,
            Export,
            Undo,
            Redo,
            Save,
            Help,
            Quit,
        ]);
        all
    }

    /// The action's name as the config file and the string tables spell it.
    pub fn name(self) -> String {
        match self {
            Action::GoToPhase(n) => format!("go_to_phase({n})"),
            other => crate::store::to_ron_value(&other).unwrap_or_default(),
        }
    }

    /// The key of the action's text in the string tables (all phase jumps share one).
    pub fn text_key(self) -> String {
        match self {
            Action::GoToPhase(_) => "go_to_phase".into(),
            other => other.name(),
        }
    }
}
