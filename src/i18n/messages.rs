//! What phasebook says when a workbook cannot be read, saved or exported, and what the
//! rules find in one, in the interface language. The English words are each error's own
//! (`Display`, beside its type); the other languages' are tables under `assets/`, with
//! the same `{placeholders}`, filled in here from the typed error.

use std::io;
use std::path::Path;

use serde::Deserialize;

use super::Lang;
use crate::model::check::{Dated, Issue, LANGUAGES};
use crate::model::due;
use crate::store::{LoadError, NotWorkbook, Owner, Problem, SaveError, Syntax};

/// The Swedish table: one field per message, every one required.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub i_no_phases: String,
    pub i_exclusive_on_one: String,
    pub i_exclusive_with_others: String,
    pub i_unknown_language: String,
    pub i_two_remediation_phases: String,
    pub i_bad_id: String,
    pub i_duplicate_id: String,
    pub i_option_twice: String,
    pub i_no_options: String,
    pub i_answer_not_an_option: String,
    pub i_too_many_answers: String,
    pub i_unknown_question: String,
    pub i_unknown_option: String,
    pub i_parent_missing: String,
    pub i_parent_cycle: String,
    pub i_criterion_foreign_item: String,
    pub i_criterion_missing_item: String,
    pub i_criterion_meeting_missing: String,
    pub i_passed_before_earlier_gate: String,
    pub i_waiver_missing: String,
    pub i_limit_target_missing: String,
    pub i_remediates_missing: String,
    pub i_decision_link_missing: String,
    pub i_superseded_by_missing: String,
    pub i_meeting_phase_missing: String,
    pub i_minimum_not_a_level: String,
    pub i_met_by_missing: String,
    pub i_start_before_purchase: String,
    pub i_before_start: String,
    pub i_merge_conflict: String,
    pub i_started_after_pass: String,
    pub i_signoff_before_reached_day: String,
    pub i_ruled_out: String,
    pub i_signoff_before_reached: String,
    pub i_accepted_not_a_level: String,
    pub i_no_threshold_level: String,
    pub i_minimum_and_one_of: String,
    pub i_span_too_long: String,
    pub i_date_out_of_range: String,
    pub what_deadline: String,
    pub what_limit: String,
    pub what_question: String,
    pub what_option: String,
    pub what_conflict: String,
    pub what_expectation: String,
    pub what_item: String,
    pub what_phase: String,
    pub what_meeting: String,
    pub what_gate: String,
    pub what_criterion: String,
    pub what_decision: String,
    pub dated_purchase: String,
    pub dated_start: String,
    pub dated_phase_started: String,
    pub dated_signoff: String,
    pub dated_gate_passed: String,
    pub dated_item_due: String,
    pub dated_note: String,
    pub dated_decision: String,
    pub dated_meeting: String,
    pub dated_change: String,
    pub owner_phase: String,
    pub owner_item: String,
    pub owner_gate: String,
    pub owner_criterion: String,
    pub owner_deadline: String,
    pub owner_limit: String,
    pub owner_question: String,
    pub owner_option: String,
    pub owner_scope_conflict: String,
    pub owner_expectation: String,
    pub owner_threshold: String,
    pub owner_decision: String,
    pub owner_meeting: String,
    pub owner_meta: String,
    pub owner_note: String,
    pub owner_signoff: String,
    pub owner_passage: String,
    pub owner_entry: String,
    pub s_missing_field_of: String,
    pub s_missing_field: String,
    pub s_shape: String,
    pub shape_within: String,
    pub shape_from: String,
    pub shape_when: String,
    pub shape_threshold: String,
    pub shape_choice: String,
    pub shape_date: String,
    pub shape_bool: String,
    pub s_too_deep: String,
    pub s_eof: String,
    pub s_bad_date: String,
    pub s_no_version: String,
    pub s_expected: String,
    pub x_array: String,
    pub x_array_end: String,
    pub x_comma: String,
    pub x_string: String,
    pub x_string_end: String,
    pub x_integer: String,
    pub x_float: String,
    pub x_boolean: String,
    pub x_struct: String,
    pub x_struct_end: String,
    pub x_map: String,
    pub x_map_end: String,
    pub x_map_colon: String,
    pub x_identifier: String,
    pub x_option: String,
    pub x_unit: String,
    pub x_char: String,
    pub s_no_such_field: String,
    pub s_no_such_variant: String,
    pub s_duplicate_field: String,
    pub s_trailing: String,
    pub s_unexpected_char: String,
    pub s_unclosed_comment: String,
    pub s_invalid_escape: String,
    pub s_integer_out_of_bounds: String,
    pub s_parser: String,
    pub s_json: String,
    pub s_not_a_name: String,
    pub s_wrong_length: String,
    pub s_wrong_type: String,
    pub s_missing_value_field: String,
    pub s_expected_value: String,
    pub s_trailing_comma: String,
    pub s_json_trailing: String,
    pub date_out_of_range: String,
    pub date_invalid_characters: String,
    pub date_premature_end: String,
    pub date_trailing_input: String,
    pub date_not_enough: String,
    pub n_empty: String,
    pub n_starts_with: String,
    pub n_starts_with_not_json: String,
    pub n_starts_with_brace: String,
    pub l_io: String,
    pub g_no_git: String,
    pub m_ours: String,
    pub m_theirs: String,
    pub m_different_template: String,
    pub m_different_language: String,
    pub m_not_related: String,
    pub m_not_ancestor: String,
    pub m_unresolved: String,
    pub m_unresolved_ours: String,
    pub m_unresolved_theirs: String,
    pub m_unwritable: String,
    pub g_not_a_repository: String,
    pub g_config: String,
    pub g_attributes: String,
    pub l_too_large: String,
    pub l_binary: String,
    pub l_not_utf8: String,
    pub l_not_a_workbook: String,
    pub l_future_version: String,
    pub l_unknown_version: String,
    pub io_not_found: String,
    pub io_permission: String,
    pub io_is_folder: String,
    pub io_not_folder: String,
    pub io_not_a_file: String,
    pub io_disk_full: String,
    pub io_read_only: String,
    pub io_interrupted: String,
    pub save_serialize: String,
    pub save_round_trip: String,
    pub save_permission: String,
    pub save_read_only: String,
    pub save_read_only_file: String,
    pub save_disk_full: String,
    pub save_is_folder: String,
    pub save_folder_missing: String,
    pub save_removed: String,
    pub save_changed: String,
    pub save_not_writable: String,
    pub save_theirs_kept: String,
    pub save_already_exists: String,
    pub save_io: String,
    pub save_unconfirmed: String,
    pub save_lock_lost: String,
    pub export_workbook_itself: String,
    pub export_symlink: String,
    pub export_not_a_file: String,
    pub export_phasebook_file: String,
    pub export_workbook: String,
    pub export_io: String,
    pub u_invalid_value: String,
    pub u_possible: String,
    pub u_bad_value: String,
    pub u_not_a_date: String,
    pub u_missing: String,
    pub u_unknown_argument: String,
    pub u_unknown_command: String,
    pub u_suggest: String,
    pub u_more: String,
    pub language_en: String,
    pub language_sv: String,
    pub template_bundled: String,
    pub template_ambiguous: String,
    pub template_not_found: String,
}

const SV: &str = include_str!("../../assets/messages.sv.ron");

/// The table for `lang`, or `None` for English, whose words are the errors' own.
pub fn table(lang: Lang) -> Option<&'static Messages> {
    static TABLE: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
    match lang {
        Lang::En => None,
        // Compiled in and checked by the tests; a broken table falls back to blanks, never a panic.
        Lang::Sv => Some(TABLE.get_or_init(|| crate::store::from_ron(SV).unwrap_or_default())),
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in pairs {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// A rule's finding in `lang`.
pub fn issue(i: &Issue, lang: Lang) -> String {
    // A merge conflict is said as the banner says it: the thing by its title, the field in words.
    if let Issue::MergeConflict { .. } = i
        && let Some(said) = lang.strings().warning(i)
    {
        return said;
    }
    let Some(m) = table(lang) else { return i.to_string() };
    let s = lang.strings();
    match i {
        Issue::NoPhases => m.i_no_phases.clone(),
        Issue::ExclusiveOnOne { question, option } => {
            fill(&m.i_exclusive_on_one, &[("question", question), ("option", option)])
        }
        Issue::ExclusiveWithOthers { question, option } => {
            fill(&m.i_exclusive_with_others, &[("question", question), ("option", option)])
        }
        Issue::UnknownLanguage { code } => {
            fill(&m.i_unknown_language, &[("code", code), ("languages", &LANGUAGES.join(", "))])
        }
        Issue::TwoRemediationPhases { first, second } => {
            fill(&m.i_two_remediation_phases, &[("first", first), ("second", second)])
        }
        Issue::BadId { what, id } => fill(&m.i_bad_id, &[("id", &format!("{id:?}")), ("what", what_word(m, what))]),
        Issue::DuplicateId { what, id, .. } => fill(&m.i_duplicate_id, &[("id", id), ("what", what_word(m, what))]),
        Issue::OptionTwice { question, option } => {
            fill(&m.i_option_twice, &[("question", question), ("option", option)])
        }
        Issue::NoOptions { question } => fill(&m.i_no_options, &[("question", question)]),
        Issue::AnswerNotAnOption { question, answer } => {
            fill(&m.i_answer_not_an_option, &[("question", question), ("answer", answer)])
        }
        Issue::TooManyAnswers { question, count } => {
            fill(&m.i_too_many_answers, &[("question", question), ("count", &count.to_string())])
        }
        Issue::UnknownQuestion { owner, question, .. } => {
            fill(&m.i_unknown_question, &[("owner", owner), ("question", question)])
        }
        Issue::UnknownOption { owner, question, option } => {
            fill(&m.i_unknown_option, &[("owner", owner), ("question", question), ("option", option)])
        }
        Issue::ParentMissing { item, parent } => fill(&m.i_parent_missing, &[("item", item), ("parent", parent)]),
        Issue::ParentCycle { item } => fill(&m.i_parent_cycle, &[("item", item)]),
        Issue::CriterionForeignItem { criterion, phase, item } => {
            fill(&m.i_criterion_foreign_item, &[("criterion", criterion), ("phase", phase), ("item", item)])
        }
        Issue::CriterionMissingItem { criterion, item } => {
            fill(&m.i_criterion_missing_item, &[("criterion", criterion), ("item", item)])
        }
        Issue::CriterionMeetingMissing { criterion, meeting } => {
            fill(&m.i_criterion_meeting_missing, &[("criterion", criterion), ("meeting", meeting)])
        }
        Issue::PassedBeforeEarlierGate { gate } => fill(&m.i_passed_before_earlier_gate, &[("gate", gate)]),
        Issue::WaiverMissing { gate, waiver } => fill(&m.i_waiver_missing, &[("gate", gate), ("waiver", waiver)]),
        Issue::LimitTargetMissing { limit, target } => {
            fill(&m.i_limit_target_missing, &[("limit", limit), ("target", target)])
        }
        Issue::RemediatesMissing { item, expectation } => {
            fill(&m.i_remediates_missing, &[("item", item), ("expectation", expectation)])
        }
        Issue::DecisionLinkMissing { decision, target } => {
            fill(&m.i_decision_link_missing, &[("decision", decision), ("target", target)])
        }
        Issue::SupersededByMissing { decision, by } => {
            fill(&m.i_superseded_by_missing, &[("decision", decision), ("by", by)])
        }
        Issue::MeetingPhaseMissing { meeting, phase } => {
            fill(&m.i_meeting_phase_missing, &[("meeting", meeting), ("phase", phase)])
        }
        Issue::MinimumNotALevel { expectation, minimum } => {
            fill(&m.i_minimum_not_a_level, &[("expectation", expectation), ("minimum", minimum)])
        }
        Issue::MetByMissing { deadline, target } => {
            fill(&m.i_met_by_missing, &[("deadline", deadline), ("target", target)])
        }
        Issue::AcceptedNotALevel { expectation, level } => {
            fill(&m.i_accepted_not_a_level, &[("expectation", expectation), ("level", level)])
        }
        Issue::NoThresholdLevel { expectation } => fill(&m.i_no_threshold_level, &[("expectation", expectation)]),
        Issue::SpanTooLong { deadline } => fill(
            &m.i_span_too_long,
            &[
                ("deadline", deadline),
                ("days", &crate::model::check::MAX_SPAN_DAYS.to_string()),
                ("months", &crate::model::check::MAX_SPAN_MONTHS.to_string()),
            ],
        ),
        Issue::MinimumAndOneOf { expectation } => fill(&m.i_minimum_and_one_of, &[("expectation", expectation)]),
        Issue::StartBeforePurchase { start, purchase } => {
            fill(&m.i_start_before_purchase, &[("start", &start.to_string()), ("purchase", &purchase.to_string())])
        }
        Issue::SignOffBeforeReachedDay { gate, party, date, reached, .. } => fill(
            &m.i_signoff_before_reached_day,
            &[
                ("gate", gate),
                ("party", s.owner(*party)),
                ("date", &date.to_string()),
                ("reached", &reached.to_string()),
            ],
        ),
        Issue::StartedAfterPass { phase, started, passed, .. } => fill(
            &m.i_started_after_pass,
            &[("phase", phase), ("started", &started.to_string()), ("passed", &passed.to_string())],
        ),
        Issue::MergeConflict { target, field, .. } => {
            fill(&m.i_merge_conflict, &[("target", target), ("field", field)])
        }
        Issue::BeforeStart { what, date, start, .. } => fill(
            &m.i_before_start,
            &[("what", &dated(m, what)), ("date", &date.to_string()), ("start", &start.to_string())],
        ),
        Issue::RuledOut { conflict, reason } => fill(&m.i_ruled_out, &[("conflict", conflict), ("reason", reason)]),
        Issue::SignOffBeforeReached { gate, party, .. } => {
            fill(&m.i_signoff_before_reached, &[("gate", gate), ("party", s.owner(*party))])
        }
        Issue::DateOutOfRange { what, date } => fill(
            &m.i_date_out_of_range,
            &[
                ("what", &dated(m, what)),
                ("date", date),
                ("first", &due::YEARS.start().to_string()),
                ("last", &due::YEARS.end().to_string()),
            ],
        ),
    }
}

/// The kind of thing an id names, as the rules call it (`"item"`), in the table's words.
fn what_word<'a>(m: &'a Messages, what: &'a str) -> &'a str {
    match what {
        "deadline" => &m.what_deadline,
        "limit" => &m.what_limit,
        "question" => &m.what_question,
        "option" => &m.what_option,
        "conflict" => &m.what_conflict,
        "expectation" => &m.what_expectation,
        "item" => &m.what_item,
        "phase" => &m.what_phase,
        "meeting" => &m.what_meeting,
        "gate" => &m.what_gate,
        "criterion" => &m.what_criterion,
        "decision" => &m.what_decision,
        other => other,
    }
}

fn dated(m: &Messages, what: &Dated) -> String {
    let id = |template: &str, id: &str| fill(template, &[("id", id)]);
    match what {
        Dated::Purchase => m.dated_purchase.clone(),
        Dated::Start => m.dated_start.clone(),
        Dated::PhaseStarted(i) => id(&m.dated_phase_started, i),
        Dated::SignOff(i) => id(&m.dated_signoff, i),
        Dated::GatePassed(i) => id(&m.dated_gate_passed, i),
        Dated::ItemDue(i) => id(&m.dated_item_due, i),
        Dated::Note(i) => id(&m.dated_note, i),
        Dated::Decision(i) => id(&m.dated_decision, i),
        Dated::Meeting(i) => id(&m.dated_meeting, i),
        Dated::Change => m.dated_change.clone(),
    }
}

fn owner(m: &Messages, owner: Owner) -> &str {
    match owner {
        Owner::Phase => &m.owner_phase,
        Owner::Item => &m.owner_item,
        Owner::Gate => &m.owner_gate,
        Owner::Criterion => &m.owner_criterion,
        Owner::Deadline => &m.owner_deadline,
        Owner::Limit => &m.owner_limit,
        Owner::Question => &m.owner_question,
        Owner::Option => &m.owner_option,
        Owner::ScopeConflict => &m.owner_scope_conflict,
        Owner::Expectation => &m.owner_expectation,
        Owner::Threshold => &m.owner_threshold,
        Owner::Decision => &m.owner_decision,
        Owner::Meeting => &m.owner_meeting,
        Owner::Meta => &m.owner_meta,
        Owner::Note => &m.owner_note,
        Owner::SignOff => &m.owner_signoff,
        Owner::Passage => &m.owner_passage,
        Owner::Entry => &m.owner_entry,
    }
}

/// A problem placed in its file: `path:line:col: {label}message`.
pub fn problem(p: &Problem, path: &Path, label: &str, lang: Lang) -> String {
    p.located_as(path, label, &issue(&p.issue, lang))
}

/// What is wrong with a file's text, in `lang`.
pub fn syntax(what: &Syntax, lang: Lang) -> String {
    let Some(m) = table(lang) else { return what.to_string() };
    match what {
        Syntax::MissingField { owner: o, id: Some(id), field } => {
            fill(&m.s_missing_field_of, &[("owner", owner(m, *o)), ("id", id), ("field", field)])
        }
        Syntax::MissingField { owner: o, id: None, field } => {
            fill(&m.s_missing_field, &[("owner", owner(m, *o)), ("field", field)])
        }
        Syntax::Shape { field, found } => {
            let found = syntax(found, lang);
            let shape = match *field {
                "within" => &m.shape_within,
                "from" => &m.shape_from,
                "when" => &m.shape_when,
                "threshold" => &m.shape_threshold,
                "choice" => &m.shape_choice,
                "receives_remediation" | "exclusive" | "joint" | "met" => &m.shape_bool,
                _ => &m.shape_date,
            };
            fill(&m.s_shape, &[("field", field), ("shape", shape), ("found", &found)])
        }
        Syntax::TooDeep => m.s_too_deep.clone(),
        Syntax::Eof => m.s_eof.clone(),
        Syntax::BadDate { reason } => fill(&m.s_bad_date, &[("reason", &date_reason(m, reason))]),
        Syntax::NoVersion => m.s_no_version.clone(),
        Syntax::Parser(e) => parser(m, e),
        Syntax::Json(message) => json(m, message),
    }
}

/// The parser's finding in the table's words, where it has them; else its own, named as its.
fn parser(m: &Messages, e: &ron::Error) -> String {
    use ron::Error as E;
    let expected = |what: &str| fill(&m.s_expected, &[("what", what)]);
    let within = |outer: &Option<String>| owner(m, outer.as_deref().map_or(Owner::Entry, Owner::of)).to_string();
    let listed = |names: &[&str]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    match e {
        E::Eof => m.s_eof.clone(),
        E::ExceededRecursionLimit => m.s_too_deep.clone(),
        E::ExpectedArray => expected(&m.x_array),
        E::ExpectedArrayEnd => expected(&m.x_array_end),
        E::ExpectedComma => expected(&m.x_comma),
        E::ExpectedString => expected(&m.x_string),
        E::ExpectedStringEnd => expected(&m.x_string_end),
        E::ExpectedInteger => expected(&m.x_integer),
        E::ExpectedFloat => expected(&m.x_float),
        E::ExpectedBoolean => expected(&m.x_boolean),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => expected(&m.x_struct),
        E::ExpectedStructLikeEnd => expected(&m.x_struct_end),
        E::ExpectedMap => expected(&m.x_map),
        E::ExpectedMapEnd => expected(&m.x_map_end),
        E::ExpectedMapColon => expected(&m.x_map_colon),
        E::ExpectedIdentifier => expected(&m.x_identifier),
        E::ExpectedOption | E::ExpectedOptionEnd => expected(&m.x_option),
        E::ExpectedUnit => expected(&m.x_unit),
        E::ExpectedChar => expected(&m.x_char),
        E::NoSuchStructField { expected, found, outer } => {
            fill(&m.s_no_such_field, &[("found", found), ("owner", &within(outer)), ("expected", &listed(expected))])
        }
        E::NoSuchEnumVariant { expected, found, .. } => {
            fill(&m.s_no_such_variant, &[("found", found), ("expected", &listed(expected))])
        }
        E::DuplicateStructField { field, outer } => {
            fill(&m.s_duplicate_field, &[("field", field), ("owner", &within(outer))])
        }
        E::MissingStructField { field, outer } => {
            fill(&m.s_missing_field, &[("owner", &within(outer)), ("field", field)])
        }
        E::TrailingCharacters => m.s_trailing.clone(),
        E::UnexpectedChar(c) => fill(&m.s_unexpected_char, &[("found", &c.escape_default().to_string())]),
        E::UnclosedBlockComment => m.s_unclosed_comment.clone(),
        E::InvalidEscape(what) => fill(&m.s_invalid_escape, &[("what", what)]),
        E::IntegerOutOfBounds => m.s_integer_out_of_bounds.clone(),
        E::SuggestRawIdentifier(found) | E::InvalidIdentifier(found) => fill(&m.s_not_a_name, &[("found", found)]),
        E::ExpectedDifferentLength { found, .. } => fill(&m.s_wrong_length, &[("found", &found.to_string())]),
        E::InvalidValueForType { expected, found } => {
            fill(&m.s_wrong_type, &[("expected", expected), ("found", found)])
        }
        E::Message(message) if message.starts_with("invalid type: ") => json(m, message),
        other => fill(&m.s_parser, &[("message", &other.to_string())]),
    }
}

/// The date library's words for a bad date, in the table's.
fn date_reason(m: &Messages, reason: &str) -> String {
    let known = [
        ("out of range", &m.date_out_of_range),
        ("invalid characters", &m.date_invalid_characters),
        ("premature end", &m.date_premature_end),
        ("trailing input", &m.date_trailing_input),
        ("not enough", &m.date_not_enough),
    ];
    known.iter().find(|(k, _)| reason.contains(k)).map_or_else(|| reason.to_string(), |(_, said)| said.to_string())
}

/// What the JSON parser (serde's words) said, in the table's where it has them.
fn json(m: &Messages, message: &str) -> String {
    let field = |text: &str| text.split('`').nth(1).unwrap_or("").to_string();
    let after_expected = |text: &str| {
        text.split_once(", expected one of ")
            .or_else(|| text.split_once(", expected "))
            .map_or_else(String::new, |(_, list)| list.to_string())
    };
    if message.starts_with("missing field `") {
        fill(&m.s_missing_value_field, &[("field", &field(message))])
    } else if message.starts_with("unknown field `") {
        fill(
            &m.s_no_such_field,
            &[("found", &field(message)), ("owner", &m.owner_entry), ("expected", &after_expected(message))],
        )
    } else if message.starts_with("unknown variant `") {
        fill(&m.s_no_such_variant, &[("found", &field(message)), ("expected", &after_expected(message))])
    } else if message.starts_with("duplicate field `") {
        fill(&m.s_duplicate_field, &[("field", &field(message)), ("owner", &m.owner_entry)])
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        fill(&m.s_wrong_type, &[("expected", expected), ("found", found)])
    } else if message.starts_with("EOF while parsing") {
        m.s_eof.clone()
    } else if message.starts_with("expected value") {
        m.s_expected_value.clone()
    } else if message.starts_with("trailing comma") {
        m.s_trailing_comma.clone()
    } else if message.starts_with("trailing characters") {
        m.s_json_trailing.clone()
    } else {
        fill(&m.s_json, &[("message", message)])
    }
}

/// Why a file could not be opened, in `lang`.
/// Why two copies cannot be merged, in `lang`.
pub fn merge_error(e: &crate::model::merge::MergeError, lang: Lang) -> String {
    use crate::model::merge::{MergeError, Side};
    let Some(m) = table(lang) else { return e.to_string() };
    let side = |side: &Side| match side {
        Side::Ours => m.m_ours.clone(),
        Side::Theirs => m.m_theirs.clone(),
    };
    match e {
        MergeError::DifferentTemplate { ours, theirs } => {
            fill(&m.m_different_template, &[("ours", ours), ("theirs", theirs)])
        }
        MergeError::DifferentLanguage { ours, theirs } => {
            fill(&m.m_different_language, &[("ours", ours), ("theirs", theirs)])
        }
        MergeError::NotRelated => m.m_not_related.clone(),
        MergeError::NotAncestor => m.m_not_ancestor.clone(),
        MergeError::Unresolved { side: which, count } => {
            let advice = match which {
                crate::model::merge::Side::Ours => &m.m_unresolved_ours,
                crate::model::merge::Side::Theirs => &m.m_unresolved_theirs,
            };
            fill(&m.m_unresolved, &[("side", &side(which)), ("count", &count.to_string()), ("advice", advice)])
        }
        MergeError::Unwritable { target, field, reason } => {
            fill(&m.m_unwritable, &[("target", target), ("field", field), ("reason", reason)])
        }
    }
}

/// A git-setup error in `lang`.
pub fn git_error(e: &crate::git::GitError, lang: Lang) -> String {
    use crate::git::GitError;
    let Some(m) = table(lang) else { return e.to_string() };
    match e {
        GitError::NoGit(reason) => fill(&m.g_no_git, &[("reason", reason)]),
        GitError::NotARepository(path) => fill(&m.g_not_a_repository, &[("path", &shown(path))]),
        GitError::Config(reason) => fill(&m.g_config, &[("reason", reason)]),
        GitError::Attributes { path, error } => {
            fill(&m.g_attributes, &[("path", &shown(path)), ("reason", &io_reason(error, lang))])
        }
    }
}

pub fn load_error(e: &LoadError, lang: Lang) -> String {
    let Some(m) = table(lang) else { return e.to_string() };
    match e {
        LoadError::Io { path, source } => {
            fill(&m.l_io, &[("path", &shown(path)), ("reason", &io_reason(source, lang))])
        }
        LoadError::TooLarge { path, size, limit } => {
            let said = |n: u64| crate::store::mebibytes(n).replace('.', ",").replace("bytes", "byte");
            fill(&m.l_too_large, &[("path", &shown(path)), ("size", &said(*size)), ("limit", &said(*limit))])
        }
        LoadError::Binary { path, line, col } => {
            fill(&m.l_binary, &[("path", &shown(path)), ("line", &line.to_string()), ("col", &col.to_string())])
        }
        LoadError::NotUtf8 { path, line, col } => {
            fill(&m.l_not_utf8, &[("path", &shown(path)), ("line", &line.to_string()), ("col", &col.to_string())])
        }
        LoadError::NotAWorkbook { path, what } => {
            let said = match what {
                NotWorkbook::Empty => m.n_empty.clone(),
                NotWorkbook::StartsWith { found: '{', .. } => m.n_starts_with_brace.clone(),
                NotWorkbook::StartsWith { found, .. } => {
                    fill(&m.n_starts_with, &[("found", &found.escape_default().to_string())])
                }
                NotWorkbook::StartsWithNotJson { found, .. } => {
                    fill(&m.n_starts_with_not_json, &[("found", &found.escape_default().to_string())])
                }
            };
            fill(&m.l_not_a_workbook, &[("path", &what.at(path)), ("what", &said)])
        }
        LoadError::Syntax { path, line, col, what } => format!("{}:{line}:{col}: {}", shown(path), syntax(what, lang)),
        LoadError::FutureVersion { path, found, supported } => fill(
            &m.l_future_version,
            &[("path", &shown(path)), ("found", &found.to_string()), ("supported", &supported.to_string())],
        ),
        LoadError::UnknownVersion { path, found, supported } => fill(
            &m.l_unknown_version,
            &[("path", &shown(path)), ("found", &found.to_string()), ("supported", &supported.to_string())],
        ),
        LoadError::Invalid { path, problems } => {
            problems.iter().map(|p| problem(p, path, "", lang)).collect::<Vec<_>>().join("\n")
        }
    }
}

/// What the operating system answered, in `lang` where the table has words for it.
pub fn io_reason(e: &io::Error, lang: Lang) -> String {
    use io::ErrorKind as K;
    let Some(m) = table(lang) else { return e.to_string() };
    match e.kind() {
        K::NotFound => m.io_not_found.clone(),
        K::PermissionDenied => m.io_permission.clone(),
        K::IsADirectory => m.io_is_folder.clone(),
        K::NotADirectory => m.io_not_folder.clone(),
        K::InvalidInput if e.get_ref().is_some() => m.io_not_a_file.clone(),
        K::StorageFull | K::QuotaExceeded => m.io_disk_full.clone(),
        K::ReadOnlyFilesystem => m.io_read_only.clone(),
        K::Interrupted => m.io_interrupted.clone(),
        _ => e.to_string(),
    }
}

/// Why a save did not happen, in `lang`.
pub fn save_error(e: &SaveError, lang: Lang) -> String {
    let Some(m) = table(lang) else { return e.to_string() };
    let at = |template: &str, path: &Path| fill(template, &[("path", &shown(path))]);
    let because = |template: &str, path: &Path, source: &io::Error| {
        fill(template, &[("path", &shown(path)), ("reason", &io_reason(source, lang))])
    };
    match e {
        SaveError::Serialize(reason) => fill(&m.save_serialize, &[("reason", reason)]),
        SaveError::RoundTrip => m.save_round_trip.clone(),
        SaveError::PermissionDenied { path, .. } => at(&m.save_permission, path),
        SaveError::ReadOnly { path, .. } => at(&m.save_read_only, path),
        SaveError::ReadOnlyFile { path } => at(&m.save_read_only_file, path),
        SaveError::DiskFull { path, .. } => at(&m.save_disk_full, path),
        SaveError::IsFolder { path } => {
            fill(&m.save_is_folder, &[("path", &shown(path)), ("example", &shown(&path.join("workbook.ron")))])
        }
        SaveError::FolderMissing { path, folder } => {
            fill(&m.save_folder_missing, &[("path", &shown(path)), ("folder", &shown(folder))])
        }
        SaveError::Removed { path } => at(&m.save_removed, path),
        SaveError::ChangedOnDisk { path, .. } => at(&m.save_changed, path),
        SaveError::NotWritable { path } => at(&m.save_not_writable, path),
        SaveError::TheirsKeptAside { path, theirs } => {
            fill(&m.save_theirs_kept, &[("path", &shown(path)), ("theirs", &shown(theirs))])
        }
        SaveError::AlreadyExists { path } => at(&m.save_already_exists, path),
        SaveError::Io { path, source } => because(&m.save_io, path, source),
        SaveError::Unconfirmed { path, source, .. } => because(&m.save_unconfirmed, path, source),
        SaveError::LockLost(crate::store::LockLost::TakenBy { workbook, lock, holder }) => {
            fill(&m.save_lock_lost, &[("path", &shown(workbook)), ("lock", &shown(lock)), ("holder", holder)])
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::Owner as Party;

    /// A `{name}` left unfilled in `text`.
    fn unfilled(text: &str) -> Option<&str> {
        let start = text.find('{')?;
        let end = start + text[start..].find('}')?;
        let name = &text[start + 1..end];
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')).then_some(name)
    }

    fn issues() -> Vec<Issue> {
        let s = || "x".to_string();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default();
        let mut all = vec![
            Issue::NoPhases,
            Issue::BadId { what: "item", id: "a b".into() },
            Issue::DuplicateId { what: "criterion", id: s(), nth: 2 },
            Issue::OptionTwice { question: s(), option: s() },
            Issue::NoOptions { question: s() },
            Issue::AnswerNotAnOption { question: s(), answer: s() },
            Issue::TooManyAnswers { question: s(), count: 2 },
            Issue::UnknownQuestion { owner: s(), question: s(), option: s() },
            Issue::UnknownOption { owner: s(), question: s(), option: s() },
            Issue::ParentMissing { item: s(), parent: s() },
            Issue::ParentCycle { item: s() },
            Issue::CriterionForeignItem { criterion: s(), phase: s(), item: s() },
            Issue::CriterionMissingItem { criterion: s(), item: s() },
            Issue::CriterionMeetingMissing { criterion: s(), meeting: s() },
            Issue::PassedBeforeEarlierGate { gate: s() },
            Issue::WaiverMissing { gate: s(), waiver: s() },
            Issue::LimitTargetMissing { limit: s(), target: s() },
            Issue::RemediatesMissing { item: s(), expectation: s() },
            Issue::DecisionLinkMissing { decision: s(), target: s() },
            Issue::SupersededByMissing { decision: s(), by: s() },
            Issue::MeetingPhaseMissing { meeting: s(), phase: s() },
            Issue::MinimumNotALevel { expectation: s(), minimum: s() },
            Issue::MetByMissing { deadline: s(), target: s() },
            Issue::StartBeforePurchase { start: date, purchase: date },
            Issue::BeforeStart { what: Dated::GatePassed(s()), title: s(), date, start: date },
            Issue::BeforeStart { what: Dated::PhaseStarted(s()), title: s(), date, start: date },
            Issue::BeforeStart { what: Dated::SignOff(s()), title: s(), date, start: date },
            Issue::RuledOut { conflict: s(), reason: s() },
            Issue::SignOffBeforeReached { gate: s(), title: s(), party: Party::Customer },
            Issue::ExclusiveOnOne { question: s(), option: s() },
            Issue::ExclusiveWithOthers { question: s(), option: s() },
            Issue::UnknownLanguage { code: "de".into() },
            Issue::TwoRemediationPhases { first: s(), second: s() },
            Issue::MergeConflict { target: s(), field: s(), title: s() },
            Issue::StartedAfterPass { phase: s(), title: s(), started: date, passed: date },
            Issue::SignOffBeforeReachedDay { gate: s(), title: s(), party: Party::Customer, date, reached: date },
            Issue::AcceptedNotALevel { expectation: s(), level: s() },
            Issue::NoThresholdLevel { expectation: s() },
            Issue::MinimumAndOneOf { expectation: s() },
            Issue::SpanTooLong { deadline: s() },
        ];
        for what in [
            Dated::Purchase,
            Dated::Start,
            Dated::PhaseStarted(s()),
            Dated::SignOff(s()),
            Dated::GatePassed(s()),
            Dated::ItemDue(s()),
            Dated::Note(s()),
            Dated::Decision(s()),
            Dated::Meeting(s()),
            Dated::Change,
        ] {
            all.push(Issue::DateOutOfRange { what, date: "0001-01-01".into() });
        }
        all
    }

    #[test]
    fn the_swedish_table_parses_with_every_key() {
        let parsed: Result<Messages, _> = crate::store::from_ron(SV);
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn every_rule_is_said_in_swedish_with_every_placeholder_filled() {
        for i in issues() {
            let sv = issue(&i, Lang::Sv);
            assert_eq!(unfilled(&sv), None, "{sv}");
            assert_ne!(sv, i.to_string(), "not translated: {i:?}");
            // A merge conflict is said in words in both (its title, its field), not by ids.
            if !matches!(i, Issue::MergeConflict { .. }) {
                assert_eq!(issue(&i, Lang::En), i.to_string());
            }
        }
        // Every warning has its line for the banner, the status report and the exports too.
        for i in issues().iter().filter(|i| !i.is_error()) {
            for lang in [Lang::En, Lang::Sv] {
                assert!(lang.strings().warning(i).is_some_and(|w| unfilled(&w).is_none()), "{i:?} in {lang:?}");
            }
        }
        let id = Issue::DuplicateId { what: "criterion", id: "k".into(), nth: 2 };
        assert_eq!(
            issue(&id, Lang::Sv),
            "id \"k\" används mer än en gång: varje kriterium måste ha ett eget id i arbetsboken"
        );
        let date = Issue::DateOutOfRange { what: Dated::ItemDue("a".into()), date: "0202-01-01".into() };
        assert_eq!(
            issue(&date, Lang::Sv),
            format!(
                "förfallodatumet för punkt \"a\" är 0202-01-01, utanför åren {} till {}; skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-11-26",
                due::YEARS.start(),
                due::YEARS.end()
            )
        );
    }

    #[test]
    fn every_load_and_save_error_is_said_in_swedish_with_every_placeholder_filled() {
        let path = || PathBuf::from("kund.ron");
        let io = || io::Error::from(io::ErrorKind::NotFound);
        let syntax = [
            Syntax::MissingField { owner: Owner::Phase, id: Some("p".into()), field: "purpose" },
            Syntax::MissingField { owner: Owner::Meta, id: None, field: "title" },
            Syntax::Shape { field: "within", found: Box::new(Syntax::Parser(ron::Error::ExpectedIdentifier)) },
            Syntax::Shape { field: "due", found: Box::new(Syntax::BadDate { reason: "input is out of range".into() }) },
            Syntax::TooDeep,
            Syntax::Eof,
            Syntax::NoVersion,
            Syntax::Parser(ron::Error::ExpectedComma),
            Syntax::Parser(ron::Error::NoSuchStructField {
                expected: &["id", "title"],
                found: "titel".into(),
                outer: Some("Phase".into()),
            }),
            Syntax::Parser(ron::Error::NoSuchEnumVariant {
                expected: &["One", "Many"],
                found: "Two".into(),
                outer: None,
            }),
            Syntax::Parser(ron::Error::UnexpectedChar('%')),
            Syntax::Parser(ron::Error::Fmt),
            Syntax::Json("expected value at line 1 column 1".into()),
        ];
        let mut loads: Vec<LoadError> =
            syntax.into_iter().map(|what| LoadError::Syntax { path: path(), line: 3, col: 4, what }).collect();
        loads.extend([
            LoadError::Io { path: path(), source: io() },
            LoadError::TooLarge { path: path(), size: 9, limit: 8 },
            LoadError::Binary { path: path(), line: 1, col: 2 },
            LoadError::NotUtf8 { path: path(), line: 1, col: 2 },
            LoadError::NotAWorkbook { path: path(), what: NotWorkbook::Empty },
            LoadError::NotAWorkbook { path: path(), what: NotWorkbook::StartsWith { line: 1, col: 1, found: '[' } },
            LoadError::FutureVersion { path: path(), found: 9, supported: 1 },
            LoadError::UnknownVersion { path: path(), found: 0, supported: 1 },
            LoadError::Invalid {
                path: path(),
                problems: vec![Problem { at: Some((2, 3)), issue: Issue::NoOptions { question: "q".into() } }],
            },
        ]);
        for e in &loads {
            let sv = load_error(e, Lang::Sv);
            assert_eq!(unfilled(&sv), None, "{sv}");
            assert_ne!(sv, e.to_string(), "not translated: {e:?}");
            assert!(sv.starts_with("kund.ron"), "{sv}");
        }
        let saves = [
            SaveError::Serialize("x".into()),
            SaveError::RoundTrip,
            SaveError::PermissionDenied { path: path(), source: io() },
            SaveError::ReadOnly { path: path(), source: io() },
            SaveError::ReadOnlyFile { path: path() },
            SaveError::DiskFull { path: path(), source: io() },
            SaveError::IsFolder { path: path() },
            SaveError::FolderMissing { path: path(), folder: PathBuf::from("mapp") },
            SaveError::Removed { path: path() },
            SaveError::ChangedOnDisk { path: path(), modified: None },
            SaveError::NotWritable { path: path() },
            SaveError::TheirsKeptAside { path: path(), theirs: PathBuf::from("deras.ron") },
            SaveError::AlreadyExists { path: path() },
            SaveError::Io { path: path(), source: io() },
            SaveError::LockLost(crate::store::LockLost::TakenBy {
                workbook: path(),
                lock: PathBuf::from(".kund.ron.lock"),
                holder: "anna".into(),
            }),
        ];
        for e in &saves {
            let sv = save_error(e, Lang::Sv);
            assert_eq!(unfilled(&sv), None, "{sv}");
            assert_ne!(sv, e.to_string(), "not translated: {e:?}");
        }
        let field = LoadError::Syntax {
            path: path(),
            line: 3,
            col: 4,
            what: Syntax::Parser(ron::Error::NoSuchStructField {
                expected: &["id", "title"],
                found: "titel".into(),
                outer: Some("Phase".into()),
            }),
        };
        assert_eq!(
            load_error(&field, Lang::Sv),
            "kund.ron:3:4: `titel` är inget fält i fas; fälten som finns: `id`, `title`"
        );
    }
}
