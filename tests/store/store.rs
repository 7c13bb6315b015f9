//! Loading and saving workbook files: the round trip, and every kind of bad input.

use std::path::Path;

use phasebook::model::Workbook;
use phasebook::store::{LoadError, MAX_FILE_BYTES, load, load_bytes, save, to_ron};
use proptest::prelude::*;

fn parse(text: &str) -> Result<Workbook, LoadError> {
    load_bytes(Path::new("test.ron"), text.as_bytes())
}

fn message(result: Result<Workbook, LoadError>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_documented_example_is_a_valid_workbook() {
    let wb = parse(&crate::common::readme_example()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wb.phases.len(), 1);
}

#[test]
fn saving_then_loading_gives_the_same_workbook_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wb.ron");
    let wb = parse(&crate::common::readme_example()).unwrap();
    save(&path, &wb).unwrap();
    let first = std::fs::read(&path).unwrap();
    let again = load(&path).unwrap();
    assert_eq!(again, wb);
    save(&path, &again).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
}

#[test]
fn a_syntax_error_names_the_file_line_and_column() {
    let text = crate::common::readme_example().replacen("title: \"Small rollout\",", "title: \"Small rollout\"", 1);
    let msg = message(parse(&text));
    // The parser stops at the token after the missing comma: the next line.
    assert!(msg.starts_with("test.ron:7:5: Expected comma"), "{msg}");
}

#[test]
fn a_truncated_file_says_it_ends_too_early() {
    let text = crate::common::readme_example();
    let msg = message(parse(&text[..text.len() / 2]));
    assert!(msg.starts_with("test.ron:"), "{msg}");
    assert!(msg.contains("ends too early") || msg.contains("Expected"), "{msg}");
}

#[test]
fn binary_data_is_refused_with_its_position() {
    let msg = message(load_bytes(Path::new("x.ron"), b"(\n  version: 1,\0\0\x01"));
    assert_eq!(msg, "x.ron:2:14: not a workbook: the file holds binary data (a NUL byte)");
}

#[test]
fn non_utf8_text_is_refused_with_its_position() {
    let mut bytes = b"(\n  version: 1,\n  meta: (title: \"Ol".to_vec();
    bytes.push(0xe9); // Latin-1 é
    let msg = message(load_bytes(Path::new("x.ron"), &bytes));
    assert_eq!(msg, "x.ron:3:20: not UTF-8 text; save the file as UTF-8");
}

#[test]
fn deeply_nested_input_is_refused_without_overflowing_the_stack() {
    let text = format!("(version: 1, meta: {}{})", "[".repeat(100_000), "]".repeat(100_000));
    let msg = message(parse(&text));
    assert!(msg.contains("nested too deeply"), "{msg}");
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: no real disk used
    let msg = message(load(&path));
    assert!(msg.contains("more than the"), "{msg}");
}

#[test]
fn a_newer_format_version_asks_for_a_newer_phasebook() {
    let text = crate::common::readme_example().replacen("version: 1", "version: 7", 1);
    let msg = message(parse(&text));
    assert!(msg.contains("newer phasebook") && msg.contains("version 7"), "{msg}");
}

#[test]
fn version_zero_is_refused() {
    let text = crate::common::readme_example().replacen("version: 1", "version: 0", 1);
    assert!(message(parse(&text)).contains("not one phasebook has ever written"));
}

#[test]
fn a_missing_version_is_named() {
    let text = crate::common::readme_example().replacen("version: 1,", "", 1);
    assert!(message(parse(&text)).contains("`version`"));
}

#[test]
fn an_unknown_field_is_named_with_the_expected_ones() {
    let text = crate::common::readme_example().replacen("purpose:", "porpose:", 1);
    let msg = message(parse(&text));
    assert!(msg.contains("porpose") && msg.contains("purpose"), "{msg}");
    assert!(msg.starts_with("test.ron:"), "{msg}");
}

#[test]
fn a_duplicate_id_is_reported_where_it_repeats() {
    let text = crate::common::readme_example().replacen("id: \"prepare.task.plan\"", "id: \"prepare.ms.kickoff\"", 1);
    let msg = message(parse(&text));
    assert!(msg.contains("duplicate id \"prepare.ms.kickoff\""), "{msg}");
    let line = text.lines().position(|l| l.contains("Agree on the plan.")).unwrap() + 1;
    assert!(msg.starts_with(&format!("test.ron:{line}:")), "{msg}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = crate::common::readme_example()
        .replacen("Is(\"identity\", \"synced\")", "Is(\"identity\", \"federated\")", 1)
        .replacen("items: [\"prepare.task.plan\"]", "items: [\"nowhere\"]", 1)
        .replacen("id: \"prepare.task.plan\"", "id: \"prepare.ms.kickoff\"", 1);
    let msg = message(parse(&text));
    assert_eq!(msg.lines().count(), 3, "{msg}");
    assert!(msg.contains("option \"federated\" of question \"identity\""), "{msg}");
    assert!(msg.contains("\"nowhere\", which does not exist"), "{msg}");
    assert!(msg.lines().all(|l| l.starts_with("test.ron:")), "{msg}");
}

#[test]
fn a_start_date_before_the_purchase_date_opens_with_a_warning_placed_on_it() {
    let text = crate::common::readme_example().replacen("start_date: \"2026-11-20\"", "start_date: \"2026-10-01\"", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = crate::common::write(dir.path(), "w.ron", text.as_bytes());
    let loaded = phasebook::store::open(&path).unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].message().contains("before the purchase date"), "{:?}", loaded.warnings);
    let line = text.lines().position(|l| l.contains("start_date")).unwrap() + 1;
    assert_eq!(loaded.warnings[0].at.map(|(l, _)| l), Some(line));
}

#[test]
fn a_condition_on_an_unknown_question_is_reported() {
    let text =
        crate::common::readme_example().replacen("Is(\"identity\", \"synced\")", "Is(\"forests\", \"single\")", 1);
    assert!(message(parse(&text)).contains("question \"forests\", which does not exist"));
}

#[test]
fn a_gate_criterion_naming_another_phases_item_is_reported() {
    let text =
        crate::common::readme_example().replacen("items: [\"prepare.task.plan\"]", "items: [\"general.cu.pm\"]", 1);
    assert!(message(parse(&text)).contains("of another list"));
}

#[test]
fn an_impossible_date_is_a_syntax_error_at_its_place() {
    let text = crate::common::readme_example().replacen("2026-11-02", "2026-02-30", 1);
    let msg = message(parse(&text));
    assert!(msg.starts_with("test.ron:12:21: not a valid date"), "{msg}");
}

#[test]
fn a_folder_is_not_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    assert!(message(load(dir.path())).contains("folder"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever text a user puts into the workbook survives a save and a load unchanged.
    #[test]
    fn any_user_text_round_trips(customer in "\\PC*", note in "(?s).{0,200}", assignee in "[a-zåäöA-ZÅÄÖ \"\\\\]{0,20}") {
        let mut wb = parse(&crate::common::readme_example()).unwrap();
        wb.engagement.customer = customer;
        wb.phases[0].items[0].assignee = assignee;
        wb.phases[0].items[0].detail = note;
        let text = to_ron(&wb).unwrap();
        let back = parse(&text).unwrap();
        prop_assert_eq!(&back, &wb);
        prop_assert_eq!(to_ron(&back).unwrap(), text);
    }

    /// Cutting or corrupting a valid file gives an error or a workbook, never a panic.
    #[test]
    fn mutated_files_never_panic(cut in 0usize..2000, flip in 0usize..2000, byte in any::<u8>()) {
        let mut bytes = crate::common::readme_example().into_bytes();
        let at = flip % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.max(1).min(bytes.len()));
        let _ = load_bytes(Path::new("m.ron"), &bytes);
    }
}

#[test]
fn what_is_not_a_workbook_at_all_is_called_so() {
    for (text, says) in [
        ("", "test.ron: this is not a phasebook workbook: it is empty"),
        ("   \n\t\n", "test.ron: this is not a phasebook workbook: it is empty"),
        ("// just a comment\n/* and another */\n", "test.ron: this is not a phasebook workbook: it is empty"),
        ("[]", "test.ron:1:1: this is not a phasebook workbook: it starts with `[`, where a workbook starts with `(`"),
        ("\n  {\"version\": 1}", "test.ron:2:3: this is not a phasebook workbook: it starts with `{`"),
    ] {
        let msg = message(parse(text));
        assert!(msg.starts_with(says), "{text:?}: {msg}");
    }
    let devnull = phasebook::store::load(Path::new("/dev/null"));
    assert!(devnull.is_err_and(|e| e.to_string().contains("not a phasebook workbook: it is empty")));
}

#[test]
fn a_workbook_with_a_byte_order_mark_loads() {
    let text = format!("\u{feff}{}", crate::common::readme_example());
    assert!(parse(&text).is_ok());
}

/// A letter changed inside any quoted name of the bundled workbook — an id misspelt where
/// it is defined or where it is used — gives problems that each name a line and column.
#[test]
fn every_problem_a_misspelt_name_makes_is_placed() {
    let text = std::fs::read_to_string("workbooks/intune-fasttrack.en.ron").unwrap();
    let bytes = text.as_bytes();
    // Letters inside quoted names that look like ids (a dot, no spaces).
    let mut places = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find('"') {
        let start = at + open + 1;
        let Some(len) = text[start..].find('"') else { break };
        let name = &text[start..start + len];
        if name.contains('.') && !name.contains(' ') {
            places.extend((start..start + len).filter(|&i| bytes[i].is_ascii_lowercase()).step_by(5));
        }
        at = start + len + 1;
    }
    assert!(places.len() > 300, "{} places", places.len());
    let (mut invalid, mut unplaced) = (0, Vec::new());
    for (n, &i) in places.iter().enumerate().step_by(places.len() / 300) {
        let mut changed = bytes.to_vec();
        changed[i] = b"xq9_"[n % 4];
        if let Err(LoadError::Invalid { problems, .. }) = load_bytes(Path::new("m.ron"), &changed) {
            invalid += 1;
            unplaced.extend(problems.into_iter().filter(|p| p.at.is_none()).map(|p| p.message()));
        }
    }
    assert!(invalid > 100, "the changes made problems ({invalid})");
    assert!(unplaced.is_empty(), "{} problems without a place, e.g. {:?}", unplaced.len(), unplaced.first());
}

#[test]
fn a_date_outside_the_years_1900_to_2200_is_an_error_at_its_place() {
    let example = crate::common::readme_example();
    for (from, to, says) in [
        ("start_date: \"2026-11-20\"", "start_date: \"-262143-01-01\"", "the start date is -262143-01-01"),
        ("purchase_date: \"2026-11-02\"", "purchase_date: \"1899-12-31\"", "the purchase date is 1899-12-31"),
        ("due: \"2026-12-01\"", "due: \"+12026-12-01\"", "due date of item \"prepare.task.plan\" is +12026-12-01"),
    ] {
        assert!(example.contains(from), "{from}");
        let text = example.replace(from, to);
        let msg = message(parse(&text));
        let line = text.lines().position(|l| l.contains(&to[to.find('"').unwrap()..])).unwrap() + 1;
        assert!(msg.contains(&format!("test.ron:{line}:")), "{msg}");
        assert!(msg.contains(says) && msg.contains("outside the years 1900 to 2200"), "{msg}");
    }
}

/// The bundled workbook's text with `from` replaced by `to` the first time it appears.
fn bundled_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string("workbooks/intune-fasttrack.en.ron").unwrap();
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// Where `needle` first is in `text`, as 1-based line and column.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn a_number_where_a_span_belongs_names_the_shape_it_is_written_in() {
    let text = bundled_with("within: Days(30)", "within: 30");
    let (line, col) = line_col(&text, "within: 30");
    assert_eq!(col + 8, 15, "the parser points at the value");
    assert_eq!(
        message(parse(&text)),
        format!(
            "test.ron:{line}:15: `within` is written `Days(n)` or `Months(n)`, e.g. `within: Days(30)` (Found invalid std identifier \"30\")"
        )
    );
}

#[test]
fn a_missing_field_names_the_phase_it_is_missing_from() {
    let text = std::fs::read_to_string("workbooks/intune-fasttrack.en.ron").unwrap();
    let start = text.find("      id: \"assess\",").unwrap();
    let purpose = start + text[start..].find("      purpose:").unwrap();
    let end = purpose + text[purpose..].find('\n').unwrap() + 1;
    let text = format!("{}{}", &text[..purpose], &text[end..]);
    let msg = message(parse(&text));
    // At the phase's own `id`, where its fields start, not at its closing bracket far below.
    let (line, col) = line_col(&text, "id: \"assess\"");
    assert_eq!(msg, format!("test.ron:{line}:{col}: phase \"assess\": missing `purpose`, which every phase has"));
}

#[test]
fn a_slip_inside_a_shaped_value_or_a_flag_names_the_shape() {
    for (from, to, found, hint) in [
        (
            "within: Days(30)",
            "within: Days(\"30\")",
            "within: Days(",
            "`within` is written `Days(n)` or `Months(n)`, e.g. `within: Days(30)` (Expected integer)",
        ),
        (
            "within: Days(30)",
            "within: Days(-5)",
            "within: Days(",
            "`within` is written `Days(n)` or `Months(n)`, e.g. `within: Days(30)` (Integer is out of bounds)",
        ),
        ("joint: true", "joint: \"yes\"", "joint: ", "`joint` is written `true` or `false` (Expected boolean)"),
    ] {
        let text = bundled_with(from, to);
        let msg = message(parse(&text));
        let (line, _) = line_col(&text, to);
        assert!(msg.starts_with(&format!("test.ron:{line}:")), "{msg}");
        assert!(msg.ends_with(hint), "{to}: {msg} (after {found})");
    }
}

#[test]
fn an_unknown_language_is_a_warning_at_its_place() {
    let text = bundled_with("language: \"en\"", "language: \"de\"");
    let (line, col) = line_col(&text, "language: \"de\"");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.ron");
    std::fs::write(&path, &text).unwrap();
    let loaded = phasebook::store::open(&path).unwrap();
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.located(Path::new("test.ron"), "warning: ")).collect();
    assert_eq!(
        warnings,
        [format!(
            "test.ron:{line}:{col}: warning: language \"de\" is not one phasebook has labels in (en, sv): its labels, dates and exports are shown in English"
        )]
    );
    for code in phasebook::model::check::LANGUAGES {
        assert_eq!(phasebook::i18n::Lang::from_code(code).code(), *code, "every language checked has its labels");
    }
}

#[test]
fn a_dangling_reference_is_placed_at_the_reference_not_where_the_name_first_appears() {
    // "en" is the workbook's language long before the limit names it.
    let text =
        bundled_with("      applies_to: [\n        \"onboarding-complete\",", "      applies_to: [\n        \"en\",");
    let (line, col) = line_col(&text, "        \"en\",");
    assert_eq!(
        message(parse(&text)),
        format!("test.ron:{line}:{}: limit \"complete-12-months\" applies to \"en\", which does not exist", col + 8)
    );
}

#[test]
fn a_note_limit_and_an_exclusive_option_round_trip_byte_for_byte_and_show() {
    let text = bundled_with("      kind: Eligibility,", "      kind: Note,");
    let wb = parse(&text).unwrap();
    let note = wb.limits.iter().find(|l| l.kind == phasebook::model::LimitKind::Note).expect("a note");
    assert_eq!(
        to_ron(&wb).unwrap(),
        std::fs::read_to_string("workbooks/intune-fasttrack.en.ron").unwrap().replacen(
            "      kind: Eligibility,",
            "      kind: Note,",
            1
        )
    );
    let rollup = phasebook::model::Rollup::of(&wb);
    let as_of = chrono::DateTime::parse_from_rfc3339("2026-12-10T12:00:00+01:00").unwrap();
    let snapshot = phasebook::export::Snapshot::new(&wb, &rollup, as_of);
    let md = phasebook::export::render(
        phasebook::export::Format::Md,
        &snapshot,
        phasebook::i18n::Lang::En.strings(),
        phasebook::export::csv::Separator::Comma,
    );
    assert!(md.contains(&format!("- note: {}", note.text.split_whitespace().next().unwrap())), "{md}");

    // An exclusive option is written only when it says so, and read back the same.
    let mut wb = wb;
    let many = wb.scope.iter_mut().find(|q| q.choice == phasebook::model::Choice::Many).unwrap();
    many.options.last_mut().unwrap().exclusive = true;
    let written = to_ron(&wb).unwrap();
    assert_eq!(written.matches("exclusive: true").count(), 1);
    assert!(!written.contains("exclusive: false"));
    assert_eq!(parse(&written).unwrap(), wb);
}

#[test]
fn a_limit_or_deadline_with_a_condition_shows_only_while_it_holds() {
    let text = bundled_with(
        "        \"enable-core.ms.adfs\",\n      ],\n",
        "        \"enable-core.ms.adfs\",\n      ],\n      when: Is(\"forests\", \"multiple\"),\n",
    );
    let text = text.replacen(
        "        \"initiate.ms.contact\",\n      ],\n",
        "        \"initiate.ms.contact\",\n      ],\n      when: Is(\"identity\", \"cloud\"),\n",
        1,
    );
    let mut wb = parse(&text).unwrap();
    assert_eq!(parse(&to_ron(&wb).unwrap()).unwrap(), wb, "round trip");
    assert_eq!(to_ron(&wb).unwrap(), text, "byte for byte");
    let shown = |wb: &Workbook| {
        let rollup = phasebook::model::Rollup::of(wb);
        let as_of = chrono::DateTime::parse_from_rfc3339("2026-12-10T12:00:00+01:00").unwrap();
        let snapshot = phasebook::export::Snapshot::new(wb, &rollup, as_of);
        let limits: Vec<String> = snapshot.limits.iter().map(|l| l.id.clone()).collect();
        let deadlines: Vec<String> = snapshot.deadlines.iter().map(|d| d.id.clone()).collect();
        (limits.contains(&"adfs-multi-forest".to_string()), deadlines.contains(&"first-contact".to_string()))
    };
    // Unanswered, both may apply.
    assert_eq!(shown(&wb), (true, true));
    let answer = |wb: &mut Workbook, q: &str, o: &str| {
        wb.scope.iter_mut().find(|x| x.id == q).unwrap().answer = vec![o.into()];
    };
    answer(&mut wb, "forests", "single");
    answer(&mut wb, "identity", "synchronized");
    assert_eq!(shown(&wb), (false, false));
    answer(&mut wb, "forests", "multiple");
    answer(&mut wb, "identity", "cloud");
    assert_eq!(shown(&wb), (true, true));
    // A condition naming a question that does not exist is an error at the condition.
    let bad = text.replacen("when: Is(\"forests\", \"multiple\")", "when: Is(\"forest\", \"multiple\")", 1);
    let msg = message(parse(&bad));
    assert!(msg.contains("\"adfs-multi-forest\"") && msg.contains("\"forest\""), "{msg}");
}
