//! Everything a user can do with a key, as one vocabulary: the key table names these
//! actions per context, and the help and hint bar are generated from them. What an action
//! does depends on the context it is pressed in (`toggle_done` marks an item done on the
//! main screen and chooses an option on the scope screen).

use serde::{Deserialize, Serialize};

/// Declares the actions once; the list of every one of them is derived from it.
macro_rules! actions {
    ($( $(#[doc = $doc:literal])+ $name:ident, )+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $( $(#[doc = $doc])+ $name, )+
            /// Show phase number n (1 is the first).
            GoToPhase(u8),
        }

        impl Action {
            /// Every action without a parameter, in declaration order.
            const PLAIN: &[Action] = &[$(Action::$name),+];
        }
    };
}

actions! {
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
    /// Toggle the selected row: an item done, an option chosen, a criterion met.
    ToggleDone,
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
    /// Show the next phase.
    NextPhase,
    /// Show the previous phase.
    PrevPhase,
    /// Show the General responsibilities, outside the phases.
    ShowGeneral,
    /// Move between the checklist and the detail pane.
    SwitchPane,
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
    /// Save the workbook as a copy under another name; the copy becomes the open file
    /// only if the user says so.
    SaveAs,
    /// Answer the scope questions.
    Scope,
    /// Review the shown phase's gate: criteria, sign-off, pass or waive.
    GateReview,
    /// Assess the source environment against the expectations.
    Assessment,
    /// Open the decision log.
    DecisionLog,
    /// Edit the engagement details and dates.
    Engagement,
    /// List what is overdue or due this week across phases.
    Upcoming,
    /// About the workbook: its summary, where its content comes from, its licence.
    About,
    /// The change history: who changed what, when.
    History,
    /// Add a task of the selected row's owner to the shown list.
    AddItem,
    /// Reword the selected item.
    EditItem,
    /// Take the selected item out: one added here goes, one of the process's is set not
    /// applicable with the reason noted.
    RemoveItem,
    /// Move the selected item above its previous sibling.
    MoveItemUp,
    /// Move the selected item below its next sibling.
    MoveItemDown,
    /// Step the selected decision's status on.
    StepStatus,
    /// The meetings: planned and held.
    Meetings,
    /// List the conflicts a merge of two copies left, to settle each.
    Conflicts,
    /// Make a new engagement from a template.
    NewEngagement,
    /// Forget the selected engagement (its file stays).
    Forget,
    /// What is due across every engagement.
    Agenda,
    /// Sort by next deadline, or by name.
    SortBy,
    /// Settle the selected conflict on our value.
    TakeOurs,
    /// Settle the selected conflict on their value.
    TakeTheirs,
    /// Settle the selected conflict on the value before either side changed it.
    TakeBase,
    /// Show the next kind or status of decision only.
    FilterDecisions,
    /// Narrow the change history to the changes that mention a text.
    FilterHistory,
    /// Start a meeting with an agenda.
    Meeting,
    /// Close the screen or popup.
    Close,
    /// Act on the selected row (Enter): choose, open, edit, go to.
    Select,
    /// Pass the gate.
    Pass,
    /// Pass the gate on a day given (the meeting where it passed was earlier).
    PassOn,
    /// Set the day the shown phase started.
    SetStart,
    /// Set the day the meeting in progress was held, when not today.
    HeldOn,
    /// Pass the gate on a waiver, with its reason.
    Waive,
    /// Sign off the gate for Microsoft.
    SignMicrosoft,
    /// Sign off the gate for the customer.
    SignCustomer,
    /// Reopen a passed gate.
    ReopenGate,
    /// The expectation is met.
    Meets,
    /// The expectation is not met (raises a remediation item).
    DoesNotMeet,
    /// Write what was found, judged against the minimum level.
    Found,
    /// Add a new one.
    Add,
    /// Edit the selected one.
    Edit,
    /// Write a new decision that supersedes the selected one.
    Supersede,
    /// Step the meeting's kind.
    MeetingKind,
    /// Set the meeting's title.
    Title,
    /// Set the meeting's attendees.
    Attendees,
    /// Write the meeting's minutes.
    Minutes,
    /// Close the meeting and store it as held.
    CloseMeeting,
    /// Discard the meeting in progress.
    DiscardMeeting,
    /// Move the text cursor one character left.
    CursorLeft,
    /// Move the text cursor one character right.
    CursorRight,
    /// Move to the start of the line.
    LineStart,
    /// Move to the end of the line.
    LineEnd,
    /// Move back a word.
    WordBack,
    /// Move forward a word.
    WordForward,
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete the character under the cursor.
    DeleteForward,
    /// Delete from the start of the line to the cursor.
    DeleteToStart,
    /// Delete from the cursor to the end of the line.
    DeleteToEnd,
    /// Delete the word before the cursor.
    DeleteWordBack,
    /// Delete the word after the cursor.
    DeleteWordForward,
    /// Insert the text deleted last.
    Yank,
    /// Start a new line.
    NewLine,
    /// Keep what was typed.
    Submit,
    /// Go back without doing anything.
    Cancel,
    /// Keep what was typed and close the editor.
    Done,
    /// Keep what was typed, close the editor and save the workbook.
    DoneAndSave,
    /// The next export format.
    NextFormat,
    /// The previous export format.
    PrevFormat,
    /// Reload the file and reapply the unsaved changes to it.
    Reload,
    /// Save this version as a copy beside the file.
    SaveCopy,
    /// Overwrite the file on disk (asks again).
    Overwrite,
    /// Yes, do it.
    Confirm,
    /// Save, then quit.
    SaveAndQuit,
    /// Quit without saving.
    DiscardAndQuit,
}

/// The highest phase number a key can jump to.
pub const MAX_PHASE_KEY: u8 = 9;

impl Action {
    /// Every action, phase jumps included, in declaration order.
    pub fn all() -> impl Iterator<Item = Action> {
        Action::PLAIN.iter().copied().chain((1..=MAX_PHASE_KEY).map(Action::GoToPhase))
    }

    /// The action's name as the config file spells it.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_distinct_name_that_reads_back() {
        let names: std::collections::HashSet<String> = Action::all().map(Action::name).collect();
        assert_eq!(names.len(), Action::all().count());
        for action in Action::all() {
            let back: Action = crate::store::from_ron(&action.name()).unwrap();
            assert_eq!(back, action);
        }
        assert_eq!(Action::ToggleDone.name(), "toggle_done");
        assert_eq!(Action::GoToPhase(3).name(), "go_to_phase(3)");
    }
}
