//! Where a key is pressed: the main screen, a workflow screen, a prompt, a popup. Each
//! context has keys of its own and takes the rest from shared layers (moving in a list,
//! undo and save everywhere, editing in any text field), so a key moved in a layer moves on
//! every screen that uses it.

use serde::{Deserialize, Serialize};

use super::action::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// Layer: moving in any list, and toggling its selected row.
    List,
    /// Layer: on the main screen and every workflow screen.
    Global,
    Main,
    /// Layer: every workflow screen.
    Screen,
    Scope,
    Gate,
    Assess,
    Decisions,
    Engagement,
    Upcoming,
    Meeting,
    About,
    History,
    Meetings,
    Conflicts,
    /// The engagements, when there is more than one.
    Picker,
    Help,
    /// Layer: every text field.
    Text,
    Prompt,
    Editor,
    Export,
    Conflict,
    ConfirmOverwrite,
    Quit,
}

impl Context {
    pub const ALL: [Context; 24] = [
        Context::List,
        Context::Global,
        Context::Main,
        Context::Screen,
        Context::Scope,
        Context::Gate,
        Context::Assess,
        Context::Decisions,
        Context::Engagement,
        Context::Upcoming,
        Context::Meeting,
        Context::About,
        Context::History,
        Context::Meetings,
        Context::Conflicts,
        Context::Picker,
        Context::Help,
        Context::Text,
        Context::Prompt,
        Context::Editor,
        Context::Export,
        Context::Conflict,
        Context::ConfirmOverwrite,
        Context::Quit,
    ];

    /// The workflow screens.
    pub const SCREENS: [Context; 11] = [
        Context::Scope,
        Context::Gate,
        Context::Assess,
        Context::Decisions,
        Context::Engagement,
        Context::Upcoming,
        Context::Meeting,
        Context::About,
        Context::History,
        Context::Meetings,
        Context::Conflicts,
    ];

    /// The layers a context takes keys from, nearest first. Its own keys win over theirs.
    pub fn layers(self) -> &'static [Context] {
        use Context::*;
        match self {
            Main => &[Global, List],
            Scope | Gate | Assess | Decisions | Engagement | Upcoming | Meeting | About | History | Meetings
            | Conflicts => &[Screen, Global, List],
            Help | Picker => &[List],
            Prompt | Editor | Export => &[Text],
            List | Global | Screen | Text | Conflict | ConfirmOverwrite | Quit => &[],
        }
    }

    /// Whether typing goes into a text field here, so plain characters are text, not keys.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Text | Context::Prompt | Context::Editor | Context::Export)
    }

    /// A layer is a set of shared keys, never on screen by itself.
    pub fn is_layer(self) -> bool {
        matches!(self, Context::List | Context::Global | Context::Screen | Context::Text)
    }

    /// The actions a context answers to, in the order its help lists them. For a layer,
    /// those of the contexts that take keys from it.
    pub fn actions(self) -> Vec<Action> {
        use super::{conflict, editor, export, help, main_screen, prompt, quit, screens, text};
        use Context::*;
        let screen = |own: &[Action]| [screens::MOVING, own, screens::SHARED].concat();
        match self {
            Main => {
                // The phase jumps are listed beside the other ways to show a phase.
                let mut all = main_screen::ACTIONS.to_vec();
                let at = all.iter().position(|a| *a == Action::ShowGeneral).map_or(all.len(), |i| i + 1);
                all.splice(at..at, (1..=super::action::MAX_PHASE_KEY).map(Action::GoToPhase));
                all
            }
            Scope => screen(screens::scope::ACTIONS),
            Gate => screen(screens::gate::ACTIONS),
            Assess => screen(screens::assess::ACTIONS),
            Decisions => screen(screens::decisions::ACTIONS),
            Engagement => screen(screens::engagement::ACTIONS),
            Upcoming => screen(screens::upcoming::ACTIONS),
            Meeting => screen(screens::meeting::ACTIONS),
            About => screen(&[]),
            History => screen(screens::history::ACTIONS),
            Meetings => screen(screens::meetings::ACTIONS),
            Conflicts => screen(screens::conflicts::ACTIONS),
            Help => help::ACTIONS.to_vec(),
            Picker => super::picker::ACTIONS.to_vec(),
            Prompt => [prompt::ACTIONS, text::ACTIONS].concat(),
            Editor => [editor::ACTIONS, text::ACTIONS].concat(),
            Export => [export::ACTIONS, text::ACTIONS].concat(),
            Conflict => conflict::ACTIONS.to_vec(),
            ConfirmOverwrite => conflict::CONFIRM_ACTIONS.to_vec(),
            Quit => quit::ACTIONS.to_vec(),
            List | Global | Screen | Text => {
                let mut all: Vec<Action> = Vec::new();
                for user in Context::ALL.iter().filter(|c| c.layers().contains(&self)) {
                    for action in user.actions() {
                        if !all.contains(&action) {
                            all.push(action);
                        }
                    }
                }
                all
            }
        }
    }

    pub fn handles(self, action: Action) -> bool {
        self.actions().contains(&action)
    }

    /// The actions the hint bar offers in this context, most needed first; the help and the
    /// way out are always shown, the rest as far as they fit.
    pub fn hinted(self) -> &'static [Action] {
        use Action::*;
        match self {
            // Most needed first: what is left out of a narrow bar is the least missed.
            Context::Main => &[
                ToggleDone,
                SwitchPane,
                Assign,
                SetDue,
                AddNote,
                Undo,
                Search,
                CycleStatus,
                Save,
                Help,
                Quit,
                NextPhase,
                FilterBlocked,
                AddItem,
                History,
                Meetings,
            ],
            Context::Scope => &[Close, ToggleDone, Undo, Help],
            Context::Gate => &[Close, ToggleDone, Pass, Waive, SignMicrosoft, SignCustomer, ReopenGate, Undo, Help],
            Context::Assess => &[Close, Meets, DoesNotMeet, Found, Undo, Help],
            Context::Decisions => &[Close, Add, Edit, Supersede, StepStatus, FilterDecisions, Undo, Help],
            Context::Engagement | Context::Upcoming => &[Close, Select, Undo, Help],
            Context::About => &[Close, Down, Up, Help],
            Context::History => &[Close, Select, FilterHistory, Help],
            Context::Meetings => &[Close, Minutes, Undo, Help],
            Context::Conflicts => &[Close, TakeOurs, TakeTheirs, TakeBase, Edit, Undo, Help],
            Context::Meeting => {
                &[Close, Minutes, Attendees, CloseMeeting, Title, HeldOn, MeetingKind, DiscardMeeting, Undo, Help]
            }
            Context::Help => &[Close, Down, Up],
            Context::Picker => &[Select, NewEngagement, Search, SortBy, Agenda, Forget, Help, Quit],
            Context::Prompt => &[Submit, Cancel],
            Context::Editor => &[Done, DoneAndSave],
            Context::Export => &[NextFormat, Submit, Cancel],
            Context::Conflict => &[Reload, SaveCopy, Overwrite, Cancel],
            Context::ConfirmOverwrite => &[Confirm],
            Context::Quit => &[SaveAndQuit, DiscardAndQuit, Cancel],
            Context::List | Context::Global | Context::Screen | Context::Text => &[],
        }
    }

    /// The context's name as the config file and the string tables spell it.
    pub fn name(self) -> String {
        crate::store::to_ron_value(&self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_action_of_every_context_has_a_hint_and_a_help_line_in_both_languages() {
        for lang in [Lang::En, Lang::Sv] {
            let s = lang.strings();
            for context in Context::ALL.into_iter().filter(|c| !c.is_layer()) {
                assert!(s.contexts.contains_key(&context.name()), "{lang:?}: no name for {}", context.name());
                for action in context.actions() {
                    let (c, a) = (context.name(), action.text_key());
                    assert!(s.hint(&c, &a).is_some_and(|h| !h.is_empty()), "{lang:?}: no hint for {c}.{a}");
                    assert!(s.help_text(&c, &a).is_some_and(|h| !h.is_empty()), "{lang:?}: no help for {c}.{a}");
                }
            }
        }
    }

    #[test]
    fn every_hinted_action_is_one_the_context_answers_to() {
        for context in Context::ALL {
            for action in context.hinted() {
                assert!(context.handles(*action), "{}: hints {}", context.name(), action.name());
            }
        }
    }
}
