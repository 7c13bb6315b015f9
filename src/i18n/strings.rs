//! The string table's shape: every piece of interface text as a field, and the helpers that
//! pick the word for a status, an owner, a gate state or an action.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::agenda::Reason;
use crate::model::check::Issue;
use crate::model::due::DateWords;
use crate::model::gate::GateState;
use crate::model::{Assessment, MeetingKind, Status};

/// Every piece of interface text. Field names are the keys of the tables.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub general: String,
    pub phases: String,
    pub overall: String,
    pub deadlines: String,
    pub as_of: String,
    pub lead: String,
    pub partner: String,
    pub tenant: String,
    pub current: String,
    pub finished: String,
    pub items: String,
    pub blocked: String,
    pub overdue: String,
    pub due_soon: String,
    pub gate: String,
    pub gate_passed: String,
    pub gate_waived: String,
    pub gate_ready: String,
    pub gate_blocked: String,
    pub gate_not_reached: String,
    pub days_left: String,
    pub days_ago: String,
    pub today: String,
    pub not_set: String,
    pub status_not_started: String,
    pub status_in_progress: String,
    pub status_done: String,
    pub status_blocked: String,
    pub status_not_applicable: String,
    pub owner_microsoft: String,
    pub owner_customer: String,
    pub owner_joint: String,
    pub out_of_scope: String,
    pub no_customer: String,
    pub saved: String,
    pub heading_follows: String,
    pub nothing_to_undo: String,
    pub undone: String,
    pub nothing_to_redo: String,
    pub redone: String,
    pub h_status: String,
    pub h_unassigned: String,
    pub h_assigned: String,
    pub h_due_cleared: String,
    pub h_due: String,
    pub h_note_added: String,
    pub h_note_removed: String,
    pub h_note_edited: String,
    pub h_answer: String,
    pub bad_due: String,
    pub no_search: String,
    pub no_hits: String,
    pub hit_of: String,
    pub unsaved: String,
    pub nothing_matches: String,
    pub nothing_here: String,
    pub filter: String,
    pub f_mine: String,
    pub f_blocked: String,
    pub f_due: String,
    pub f_not_started: String,
    pub f_hide_na: String,
    pub details: String,
    pub task: String,
    pub responsibility: String,
    pub owner_label: String,
    pub id_label: String,
    pub status_label: String,
    pub assignee_label: String,
    pub due_label: String,
    pub scope_label: String,
    pub in_scope: String,
    pub heading_out_of_scope: String,
    pub limits: String,
    pub limit: String,
    pub eligibility: String,
    pub decisions: String,
    pub notes: String,
    pub cond_not: String,
    pub cond_and: String,
    pub cond_or: String,
    pub help_title: String,
    pub help_footer: String,
    pub p_assign: String,
    pub p_assign_help: String,
    pub p_due: String,
    pub p_due_help: String,
    pub p_search: String,
    pub p_search_help: String,
    pub unsaved_title: String,
    pub meeting_in_progress: String,
    pub unsaved_question: String,
    pub note_edit: String,
    pub note_new: String,
    pub too_small: String,
    pub export_title: String,
    pub export_format: String,
    pub export_path: String,
    pub exported: String,
    // The workflow screens.
    pub scr_scope: String,
    pub scr_gate: String,
    pub scr_assess: String,
    pub scr_decisions: String,
    pub hint_checklist: String,
    pub p_new_item: String,
    pub p_new_item_help: String,
    pub p_item_text: String,
    pub p_item_text_help: String,
    pub p_item_detail: String,
    pub p_item_detail_help: String,
    pub p_new_item_under: String,
    pub p_remove_reason: String,
    pub p_remove_reason_help: String,
    pub item_text_empty: String,
    pub item_removed: String,
    pub item_set_aside: String,
    pub reason_empty: String,
    pub cannot_move: String,
    pub scr_history: String,
    pub scr_conflicts: String,
    pub no_conflicts: String,
    pub conflict_ours: String,
    pub conflict_theirs: String,
    pub conflict_base: String,
    pub conflict_settled: String,
    pub conflict_not_text: String,
    pub picker_title: String,
    pub picker_by_deadline: String,
    pub picker_by_name: String,
    pub picker_template_column: String,
    pub picker_columns: Vec<String>,
    /// The same, shorter, for a window under 100 columns.
    pub picker_columns_narrow: Vec<String>,
    pub picker_none: String,
    pub picker_no_deadline: String,
    pub picker_days: String,
    pub picker_days_ago: String,
    pub picker_unreadable: String,
    pub picker_new_title: String,
    pub picker_fields: Vec<String>,
    pub picker_new_help: String,
    pub picker_bad_date: String,
    pub picker_customer_empty: String,
    pub picker_bad_language: String,
    pub picker_forgot: String,
    pub picker_agenda_title: String,
    pub picker_gone: String,
    pub picker_all_passed: String,
    pub p_conflict_text: String,
    pub p_conflict_text_help: String,
    pub no_history: String,
    pub history_none_match: String,
    pub history_filtered: String,
    pub p_history_filter: String,
    pub p_history_filter_help: String,
    pub item_history: String,
    pub scr_upcoming: String,
    pub scr_meeting: String,
    pub ruled_out: String,
    pub scope_hint: String,
    pub exit_criteria: String,
    pub signoffs: String,
    pub not_signed: String,
    pub criterion_waits: String,
    pub blocks: String,
    pub earlier_open: String,
    pub p_signoff: String,
    pub p_signoff_help: String,
    pub p_pass_date: String,
    pub p_pass_date_help: String,
    pub pass_date_future: String,
    pub signoff_future: String,
    pub p_waiver: String,
    pub p_waiver_help: String,
    pub p_waiver_on_help: String,
    pub start_future: String,
    pub bad_past_day: String,
    pub held_future: String,
    pub p_held_on: String,
    pub p_held_on_help: String,
    pub held_on_label: String,
    pub waiver_title: String,
    pub waiver_empty: String,
    pub gate_passed_msg: String,
    pub gate_needs_waiver: String,
    pub gate_not_passed: String,
    pub gate_later_passed: String,
    pub gate_reopened: String,
    pub h_criterion_met: String,
    pub h_criterion_unmet: String,
    pub h_signoff: String,
    pub h_passed: String,
    pub h_waived: String,
    pub h_passed_on: String,
    pub h_waived_on: String,
    pub h_reopened: String,
    pub h_decision_added: String,
    pub h_decision_edited: String,
    pub h_decision_status: String,
    pub h_decision_superseded: String,
    pub h_conflict_settled: String,
    pub fact_engagement: String,
    pub fact_started: String,
    pub fact_due: String,
    pub fact_note: String,
    pub fact_met: String,
    pub fact_not_met: String,
    pub fact_waiver: String,
    pub fact_not_passed: String,
    pub fact_passed: String,
    pub fact_decision: String,
    pub fact_ours: String,
    pub fact_theirs: String,
    pub fact_base: String,
    pub fact_conflict: String,
    pub fact_reworded_from: String,
    pub h_assessed: String,
    pub h_item_added: String,
    pub h_item_removed: String,
    pub h_item_reworded: String,
    pub h_item_moved: String,
    pub h_engagement: String,
    pub h_meeting: String,
    pub h_meeting_removed: String,
    pub h_phase_started: String,
    pub h_phase_start_cleared: String,
    pub p_phase_start: String,
    pub p_phase_start_help: String,
    pub h_minutes_corrected: String,
    pub scr_meetings: String,
    pub meetings_planned: String,
    pub meetings_held_heading: String,
    pub meeting_not_held: String,
    pub meeting_held_on: String,
    pub no_meetings_held: String,
    pub attendees_label: String,
    pub agenda_label: String,
    pub minutes_label: String,
    pub result_unknown: String,
    pub result_meets: String,
    pub result_does_not_meet: String,
    pub found_label: String,
    pub minimum_label: String,
    pub p_found: String,
    pub p_found_help: String,
    pub p_found_note_help: String,
    pub unknown_level: String,
    pub judged: String,
    pub judged_one_of: String,
    pub remediation_text: String,
    pub remediation_label: String,
    pub p_d_title: String,
    pub p_d_context: String,
    pub p_d_options: String,
    pub p_d_outcome: String,
    pub p_d_consequences: String,
    pub p_d_deciders: String,
    pub supersedes: String,
    pub decision_chain: String,
    pub decision_general: String,
    pub decisions_all: String,
    pub decisions_shown: String,
    pub p_d_help: String,
    pub d_title_empty: String,
    pub no_decisions: String,
    pub deciders: String,
    pub context: String,
    pub options: String,
    pub outcome: String,
    pub consequences: String,
    pub links: String,
    pub superseded_by: String,
    pub d_already_superseded: String,
    pub d_waiver_rejected: String,
    pub d_waiver_gate_open: String,
    pub d_waiver_later_passed: String,
    pub p_date_help: String,
    pub p_text_help: String,
    pub bad_date: String,
    pub no_upcoming: String,
    pub meeting_kickoff: String,
    pub meeting_checkpoint: String,
    pub meeting_other: String,
    pub kind_label: String,
    pub title_label: String,
    pub agenda: String,
    pub reason_blocked: String,
    pub reason_overdue: String,
    pub reason_changed: String,
    pub no_agenda: String,
    pub p_meeting_title: String,
    pub p_attendees: String,
    pub meeting_stored: String,
    pub meeting_met_criteria: String,
    pub meetings_held: String,
    pub draft_note: String,
    pub draft_meeting: String,
    pub draft_decision: String,
    pub recovery_found: String,
    pub recovery_saved_since: String,
    pub recovery_question: String,
    pub age_now: String,
    pub age_minutes: String,
    pub age_hours: String,
    pub age_days: String,
    pub read_only_badge: String,
    pub read_only_held: String,
    pub read_only_other: String,
    pub conflict_title: String,
    pub conflict_text: String,
    pub conflict_when: String,
    pub conflict_reload: String,
    pub conflict_copy: String,
    pub conflict_overwrite: String,
    pub conflict_stay: String,
    pub conflict_confirm: String,
    pub conflict_cannot_replay: String,
    pub conflict_not_saved: String,
    pub conflict_reloaded: String,
    pub conflict_replaced: String,
    pub conflict_skipped: String,
    pub conflict_copy_saved: String,
    pub conflict_any_key: String,
    pub discard_again: String,
    pub recovery_kept: String,
    /// A recovery file that could not be read, set aside: `{reason}`, `{path}`.
    pub recovery_damaged: String,
    /// The recovery file cannot be written: `{path}`, `{reason}`.
    pub recovery_failing: String,
    pub recovery_works: String,
    /// Headings of the exports' assessment report.
    pub assessment_report: String,
    pub expectation: String,
    /// The levels that meet, when they are a set (`one_of`).
    pub accepted_label: String,
    /// A limit of kind `Note`.
    pub limit_note: String,
    pub area: String,
    pub result: String,
    pub scr_about: String,
    /// `{template}`, `{language}`.
    pub about_template: String,
    pub about_summary: String,
    pub about_source: String,
    /// `{version}`.
    pub about_phasebook: String,
    pub p_save_as: String,
    pub p_save_as_help: String,
    /// `{path}`: the copy about to be written.
    pub p_save_as_switch: String,
    /// `{path}`: the copy about to be written.
    pub p_save_as_switch_help: String,
    /// What the switch question offers, selected so typing replaces it.
    pub no_word: String,
    pub save_as_empty: String,
    /// `{path}`: a name phasebook keeps for its own files.
    pub save_as_own: String,
    // The command line's own lines (validate, new, export, template, templates).
    pub cli_ok: String,
    pub cli_ok_warning: String,
    pub cli_ok_warnings: String,
    pub cli_warning: String,
    pub cli_new: String,
    pub cli_exists: String,
    pub cli_exported: String,
    pub cli_exported_calendar: String,
    pub cli_template: String,
    pub cli_not_ron: String,
    pub cli_skipped: String,
    pub cli_log_unknown: String,
    pub cli_git_setup: String,
    pub cli_merge_ours: String,
    pub cli_merge_theirs: String,
    pub cli_merge_base: String,
    pub h_upgraded: String,
    pub cli_git_setup_done: String,
    pub cli_merge_conflicts: String,
    pub cli_upgraded: String,
    /// `{path}`.
    pub save_as_exists: String,
    /// `{path}`: the copy, now the open file.
    pub saved_as_open: String,
    /// `{path}`: the copy; `{open}`: the file still open.
    pub saved_as_copy: String,
    pub not_joint: String,
    pub reopened_after_pass: String,
    pub signoff_not_reached: String,
    pub p_override: String,
    pub p_override_help: String,
    pub override_empty: String,
    pub override_title: String,
    pub result_remediated: String,
    pub deadline_met: String,
    pub deadline_met_on: String,
    pub deadline_met_late: String,
    pub too_small_unsaved: String,
    pub read_only_copy_hint: String,
    pub save_copy_and_quit: String,
    pub refused: String,
    pub w_start_before_purchase: String,
    pub w_phase_before_start: String,
    pub w_passed_before_start: String,
    pub w_signoff_before_start: String,
    pub w_merge_conflict: String,
    pub fw_status: String,
    /// Fields a merge conflict can be about, in words: `text` → "the wording".
    pub field_words: std::collections::BTreeMap<String, String>,
    pub fw_assignee: String,
    pub fw_due: String,
    pub fw_answer: String,
    pub w_started_after_pass: String,
    pub w_signoff_before_reached_day: String,
    pub w_ruled_out: String,
    pub w_signoff_unreached: String,
    pub party_provider: String,
    pub party_provider_short: String,
    pub party_the_customer: String,
    pub party_customer_short: String,
    pub w_more: String,
    pub w_unknown_language: String,
    pub warnings: String,
    pub backup_skipped: String,
    /// Words for today and the units of a date offset (`+7d`), lower case.
    pub date_today: Vec<String>,
    pub date_days: Vec<String>,
    pub date_weeks: Vec<String>,
    pub date_months: Vec<String>,
    /// Short labels of actions for the hint bar, by `context.action` or, where the label is
    /// the same in every context, by `action`.
    pub hints: BTreeMap<String, String>,
    /// One-line descriptions of actions for the help, keyed like `hints`.
    pub help: BTreeMap<String, String>,
    /// The names of the key contexts, as the help heads their sections.
    pub contexts: BTreeMap<String, String>,
    // The exported snapshot.
    pub snapshot: String,
    pub taken_at: String,
    pub engagement: String,
    pub customer: String,
    pub project_lead: String,
    pub purchase_date: String,
    pub start_date: String,
    pub progress: String,
    pub phase: String,
    pub gate_column: String,
    pub started: String,
    pub changes: String,
    pub changes_since: String,
    pub changes_since_meeting: String,
    pub changes_earlier: String,
    pub ended: String,
    pub current_phase: String,
    pub gate_blockers: String,
    pub open_items: String,
    pub open_item: String,
    pub unmet_criteria: String,
    pub missing_signoffs: String,
    pub gate_clear: String,
    pub passed_on: String,
    pub on_waiver: String,
    pub none: String,
    pub next_actions: String,
    pub and_more: String,
    pub deadline: String,
    pub date: String,
    pub time_left: String,
    pub deadline_soon: String,
    pub deadline_passed: String,
    pub scope: String,
    pub unanswered: String,
    pub recent_decisions: String,
    pub decision_proposed: String,
    pub decision_accepted: String,
    pub decision_rejected: String,
    pub decision_superseded: String,
    pub decision_scope: String,
    pub decision_waiver: String,
    pub last_meeting: String,
    pub held: String,
    pub attendees: String,
    pub minutes: String,
    pub item: String,
    pub owner: String,
    pub status: String,
    pub assignee: String,
    pub due: String,
    pub col_in_scope: String,
    pub yes: String,
    pub no: String,
    pub last_note: String,
    pub id: String,
    pub timeline: String,
    /// The timeline's window when it is not whole months long.
    pub window: String,
    /// `{n}`: the window's length in months.
    pub window_months: String,
    pub no_start_date: String,
    pub day_left: String,
    pub day_ago: String,
    pub exported_by: String,
    // Many engagements: `phasebook list` and `phasebook agenda`.
    pub template: String,
    pub next_deadline: String,
    /// `{from}`, `{to}`: the first and last day of the agenda.
    pub agenda_title: String,
    /// `{user}`: whose items the agenda shows (`--mine`).
    pub agenda_mine: String,
    /// `{n}`: how many days after today the agenda reaches.
    pub agenda_coming_one: String,
    pub agenda_nothing_one: String,
    pub agenda_coming: String,
    pub agenda_nothing: String,
    pub agenda_deadline: String,
    pub agenda_meeting: String,
    pub known_none: String,
    pub known_gone: String,
    pub known_damaged: String,
}

impl Strings {
    /// The hint-bar label of `action` in `context`.
    pub fn hint(&self, context: &str, action: &str) -> Option<&str> {
        lookup(&self.hints, context, action)
    }

    /// The help line of `action` in `context`.
    pub fn help_text(&self, context: &str, action: &str) -> Option<&str> {
        lookup(&self.help, context, action)
    }

    /// The name of a key context, for the help's section headings.
    pub fn context_name<'a>(&'a self, context: &'a str) -> &'a str {
        self.contexts.get(context).map_or(context, String::as_str)
    }

    /// Whether a typed answer is a yes (in English or Swedish, whichever is shown).
    pub fn is_yes(&self, typed: &str) -> bool {
        matches!(typed.trim().to_lowercase().as_str(), "y" | "yes" | "j" | "ja")
    }

    /// The words dates are typed with in this language.
    pub fn date_words(&self) -> DateWords<'_> {
        DateWords { today: &self.date_today, days: &self.date_days, weeks: &self.date_weeks, months: &self.date_months }
    }

    /// "in 3 days", "today", "2 days ago" for a count of days left.
    pub fn days(&self, days_left: i64) -> String {
        match days_left {
            0 => self.today.clone(),
            1 => self.day_left.clone(),
            -1 => self.day_ago.clone(),
            d if d > 0 => self.days_left.replace("{n}", &d.to_string()),
            d => self.days_ago.replace("{n}", &(-d).to_string()),
        }
    }

    /// "limit", "out of scope", "eligibility".
    pub fn limit_kind(&self, kind: crate::model::LimitKind) -> &str {
        match kind {
            crate::model::LimitKind::Limit => &self.limit,
            crate::model::LimitKind::OutOfScope => &self.out_of_scope,
            crate::model::LimitKind::Eligibility => &self.eligibility,
            crate::model::LimitKind::Note => &self.limit_note,
        }
    }

    pub fn status(&self, status: Status) -> &str {
        match status {
            Status::NotStarted => &self.status_not_started,
            Status::InProgress => &self.status_in_progress,
            Status::Done => &self.status_done,
            Status::Blocked => &self.status_blocked,
            Status::NotApplicable => &self.status_not_applicable,
        }
    }

    pub fn decision_status(&self, status: crate::model::DecisionStatus) -> &str {
        use crate::model::DecisionStatus;
        match status {
            DecisionStatus::Proposed => &self.decision_proposed,
            DecisionStatus::Accepted => &self.decision_accepted,
            DecisionStatus::Rejected => &self.decision_rejected,
            DecisionStatus::Superseded => &self.decision_superseded,
        }
    }

    /// The kind of a decision in words; a general decision needs none.
    pub fn decision_kind(&self, kind: crate::model::DecisionKind) -> Option<&str> {
        use crate::model::DecisionKind;
        match kind {
            DecisionKind::General => None,
            DecisionKind::Scope => Some(&self.decision_scope),
            DecisionKind::Waiver => Some(&self.decision_waiver),
        }
    }

    pub fn owner(&self, owner: crate::model::Owner) -> &str {
        use crate::model::Owner;
        match owner {
            Owner::Microsoft => &self.owner_microsoft,
            Owner::Customer => &self.owner_customer,
            Owner::Joint => &self.owner_joint,
        }
    }

    /// What the workbook calls `owner` (`meta.parties`), else the interface's word.
    pub fn party<'a>(&'a self, parties: &'a crate::model::Parties, owner: crate::model::Owner) -> &'a str {
        parties.name(owner).unwrap_or_else(|| self.owner(owner))
    }

    /// These strings with the owners called what `parties` calls them.
    pub fn with_party_names(&self, parties: &crate::model::Parties) -> Strings {
        use crate::model::Owner;
        let mut named = self.clone();
        named.owner_microsoft = self.party(parties, Owner::Microsoft).to_string();
        named.owner_customer = self.party(parties, Owner::Customer).to_string();
        named.owner_joint = self.party(parties, Owner::Joint).to_string();
        named
    }

    /// A hint or help text with the parties in it (`{provider}`, `{provider_short}`,
    /// `{the_customer}`, `{customer_short}`): the workbook's names for them, else the table's.
    pub fn with_parties(&self, text: &str, parties: &crate::model::Parties) -> String {
        let named = |name: &str, word: &str, short: &str| {
            if name.trim().is_empty() {
                (word.to_string(), short.to_string())
            } else {
                (name.to_string(), name.to_string())
            }
        };
        let (provider, provider_short) = named(&parties.provider, &self.party_provider, &self.party_provider_short);
        let (customer, customer_short) = named(&parties.customer, &self.party_the_customer, &self.party_customer_short);
        text.replace("{provider_short}", &provider_short)
            .replace("{provider}", &provider)
            .replace("{customer_short}", &customer_short)
            .replace("{the_customer}", &customer)
    }

    pub fn assessment(&self, result: Assessment) -> &str {
        match result {
            Assessment::Unknown => &self.result_unknown,
            Assessment::Meets => &self.result_meets,
            Assessment::DoesNotMeet => &self.result_does_not_meet,
        }
    }

    pub fn agenda_reason(&self, reason: Reason) -> &str {
        match reason {
            Reason::Blocked => &self.reason_blocked,
            Reason::Overdue => &self.reason_overdue,
            Reason::Changed => &self.reason_changed,
        }
    }

    pub fn meeting_kind(&self, kind: MeetingKind) -> &str {
        match kind {
            MeetingKind::KickOff => &self.meeting_kickoff,
            MeetingKind::Checkpoint => &self.meeting_checkpoint,
            MeetingKind::Other => &self.meeting_other,
        }
    }

    /// A warning the rules found, in words, with what to do about it; `None` for an error
    /// (errors keep a file from opening, and are worded by the loader).
    pub fn warning(&self, issue: &Issue) -> Option<String> {
        Some(match issue {
            Issue::StartBeforePurchase { start, purchase } => self
                .w_start_before_purchase
                .replace("{start}", &start.to_string())
                .replace("{purchase}", &purchase.to_string()),
            Issue::BeforeStart { what, title, date, start } => match what {
                crate::model::check::Dated::PhaseStarted(_) => &self.w_phase_before_start,
                crate::model::check::Dated::SignOff(_) => &self.w_signoff_before_start,
                _ => &self.w_passed_before_start,
            }
            .replace("{title}", title)
            .replace("{date}", &date.to_string())
            .replace("{start}", &start.to_string()),
            Issue::RuledOut { reason, .. } => self.w_ruled_out.replace("{reason}", reason),
            Issue::StartedAfterPass { title, started, passed, .. } => self
                .w_started_after_pass
                .replace("{title}", title)
                .replace("{started}", &started.to_string())
                .replace("{passed}", &passed.to_string()),
            Issue::MergeConflict { title, field, .. } => {
                let field = match field.as_str() {
                    "status" => self.fw_status.clone(),
                    "assignee" => self.fw_assignee.clone(),
                    "due" => self.fw_due.clone(),
                    "answer" => self.fw_answer.clone(),
                    other => match self.field_words.get(other) {
                        Some(words) => words.clone(),
                        None => self.field_name(other).to_lowercase(),
                    },
                };
                self.w_merge_conflict.replace("{target}", title).replace("{field}", &field)
            }
            Issue::SignOffBeforeReached { title, .. } => self.w_signoff_unreached.replace("{gate}", title),
            Issue::SignOffBeforeReachedDay { title, party, date, reached, .. } => self
                .w_signoff_before_reached_day
                .replace("{gate}", title)
                .replace("{party}", self.owner(*party))
                .replace("{date}", &date.to_string())
                .replace("{reached}", &reached.to_string()),
            Issue::UnknownLanguage { code } => self
                .w_unknown_language
                .replace("{code}", code)
                .replace("{languages}", &crate::model::check::LANGUAGES.join(", ")),
            _ => return None,
        })
    }

    /// A field a merge conflict names (`status`), in the interface's words where it has them.
    pub fn field_name<'a>(&'a self, field: &'a str) -> &'a str {
        match field {
            "status" => &self.status_label,
            "assignee" => &self.assignee_label,
            "due" => &self.due_label,
            "answer" => &self.scope_label,
            "customer" => &self.customer,
            "tenant" => &self.tenant,
            "project_lead" => &self.project_lead,
            "partner" => &self.partner,
            "purchase_date" => &self.purchase_date,
            "start_date" => &self.start_date,
            "decision" => &self.fact_decision,
            "meeting" => &self.scr_meeting,
            other => self.field_words.get(other).map_or(other, String::as_str),
        }
    }

    /// "3 open items in the phase", or "1 open item".
    pub fn open_in_phase(&self, n: usize) -> String {
        if n == 1 { self.open_item.clone() } else { self.open_items.replace("{n}", &n.to_string()) }
    }

    /// "met 2026-11-30", or "met" when the day is not known; met after the deadline's
    /// `due`, it says by how much: "met 2026-12-01, 31 days late".
    pub fn met(&self, on: Option<chrono::NaiveDate>, due: Option<chrono::NaiveDate>) -> String {
        match (on, due) {
            (Some(on), Some(due)) if on > due => self
                .deadline_met_late
                .replace("{date}", &on.to_string())
                .replace("{n}", &(on - due).num_days().to_string()),
            (Some(on), _) => self.deadline_met_on.replace("{date}", &on.to_string()),
            (None, _) => self.deadline_met.clone(),
        }
    }

    /// A gate state in words: "passed", "3 open".
    pub fn gate_state(&self, state: GateState) -> String {
        match state {
            GateState::Passed => self.gate_passed.clone(),
            GateState::Waived => self.gate_waived.clone(),
            GateState::Ready => self.gate_ready.clone(),
            GateState::Blocked(n) => self.gate_blocked.replace("{n}", &n.to_string()),
            GateState::NotReached => self.gate_not_reached.clone(),
        }
    }
}

/// `context.action` first, then `action` alone.
fn lookup<'a>(table: &'a BTreeMap<String, String>, context: &str, action: &str) -> Option<&'a str> {
    table.get(&format!("{context}.{action}")).or_else(|| table.get(action)).map(String::as_str)
}
