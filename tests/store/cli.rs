//! The command line, run as a user runs it: the real binary, its output and exit status.

use std::process::{Command, Output};

/// Runs phasebook under an English locale, whatever the machine's.
fn phasebook(args: &[&str]) -> Output {
    phasebook_in("C.UTF-8", args)
}

/// A data folder of the tests' own: `new` remembers what it makes, never in the user's list.
fn data_folder() -> &'static std::path::Path {
    static DATA: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DATA.get_or_init(|| tempfile::tempdir().expect("a temp folder")).path()
}

/// Runs phasebook under the locale `lang` (`LANG`; the variables that would win over it unset).
fn phasebook_in(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .args(args)
        .env("XDG_DATA_HOME", data_folder())
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "1")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run phasebook")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validate_passes_the_bundled_workbooks() {
    let out = phasebook(&["validate", "workbooks/intune-fasttrack.en.ron", "workbooks/intune-fasttrack.sv.ron"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 2);
}

#[test]
fn validate_reports_each_bad_file_at_its_line_and_exits_1_without_a_backtrace() {
    let dir = tempfile::tempdir().unwrap();
    let good = crate::common::write(dir.path(), "good.ron", crate::common::readme_example().as_bytes());
    let bad = crate::common::write(
        dir.path(),
        "bad.ron",
        crate::common::readme_example().replacen("version: 1,", "version: 1", 1).as_bytes(),
    );
    let binary = crate::common::write(dir.path(), "bin.ron", b"\x7fELF\x02\x01\x01\0\0\0");
    let out = phasebook(&["validate", good.to_str().unwrap(), bad.to_str().unwrap(), binary.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("{}:4:3: Expected comma", bad.display())), "{err}");
    assert!(err.contains(&format!("{}:1:8: not a workbook", binary.display())), "{err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace") && !err.contains("Location"), "{err}");
    assert!(text(&out.stdout).contains("good.ron: ok"));
}

#[test]
fn validate_of_a_missing_file_says_so() {
    let out = phasebook(&["validate", "/nonexistent/x.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/x.ron: cannot read"));
}

#[test]
fn status_lists_the_five_phase_steps_in_order_at_zero_percent() {
    for (file, first, last) in [
        ("workbooks/intune-fasttrack.en.ron", "Initiate", "Enable: Microsoft Intune"),
        ("workbooks/intune-fasttrack.sv.ron", "Initiera", "Aktivera: Microsoft Intune"),
    ] {
        let out = phasebook(&["status", file, "--as-of", "2026-11-26"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        let steps: Vec<&str> = stdout.lines().filter(|l| l.contains(" % [")).collect();
        assert_eq!(steps.len(), 5, "{stdout}");
        assert!(steps.iter().all(|l| l.contains("  0 %")), "{stdout}");
        assert!(steps[0].starts_with("> 1. ") && steps[0].contains(first), "{stdout}");
        assert!(steps[4].contains(last), "{stdout}");
    }
}

#[test]
fn status_shows_the_deadlines_with_days_left() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.ron");
    let out = phasebook(&[
        "new",
        "--lang",
        "en",
        "-o",
        file.to_str().unwrap(),
        "--customer",
        "Contoso",
        "--purchase-date",
        "2026-11-02",
        "--start-date",
        "2026-11-20",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = phasebook(&["status", file.to_str().unwrap(), "--as-of", "2026-11-26"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Contoso"), "{stdout}");
    assert!(stdout.contains("2026-12-02  in 6 days (*)"), "{stdout}");
    assert!(stdout.contains("2027-11-20  in 359 days"), "{stdout}");
}

#[test]
fn new_makes_a_swedish_workbook_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kund.ron");
    let path = file.to_str().unwrap();
    let out =
        phasebook(&["new", "--template", "intune-fasttrack", "--lang", "sv", "-o", path, "--customer", "Åkesson AB"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("language: \"sv\"") && written.contains("Åkesson AB"));
    let out = phasebook(&["new", "--lang", "en", "-o", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn new_refuses_an_unknown_template() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.ron");
    let out = phasebook(&["new", "--template", "nope", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!file.exists());
}

#[test]
fn templates_lists_both_languages() {
    let out = phasebook(&["templates"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("intune-fasttrack  en") && stdout.contains("intune-fasttrack  sv"), "{stdout}");
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["validate", "status", "new", "templates", "export"] {
        let out = phasebook(&[sub, "--help"]);
        assert!(out.status.success());
        assert!(text(&out.stdout).contains("Example"), "{sub}");
    }
}

#[test]
fn export_writes_each_format_to_a_file_and_the_same_bytes_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for (format, starts) in [("md", "# "), ("html", "<!DOCTYPE html>"), ("json", "{"), ("csv", "\u{feff}")] {
        let file = dir.path().join(format!("out.{format}"));
        let wb = "workbooks/intune-fasttrack.sv.ron";
        let args = ["export", wb, "--format", format, "--as-of", "2026-11-26", "-o"];
        let out = phasebook(&[&args[..], &[file.to_str().unwrap()]].concat());
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("snapshot written"), "{format}");
        let written = std::fs::read(&file).unwrap();
        assert!(String::from_utf8_lossy(&written).starts_with(starts), "{format}");
        let out = phasebook(&[&args[..], &["-"]].concat());
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        assert_eq!(out.stdout, written, "{format}: stdout and file differ");
    }
}

#[test]
fn export_without_output_writes_the_default_name_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kund.ron");
    let path = file.to_str().unwrap();
    let out = phasebook(&["new", "--lang", "sv", "-o", path, "--customer", "Åkesson & Öberg AB"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .args(["export", path, "--format", "md", "--as-of", "2026-11-26"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported = std::fs::read_to_string(dir.path().join("åkesson-öberg-ab-status-2026-11-26.md")).unwrap();
    assert!(exported.starts_with("# Lägesrapport: Åkesson & Öberg AB"), "{exported}");
}

#[test]
fn export_refuses_to_overwrite_the_workbook_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::common::write(dir.path(), "c.ron", crate::common::readme_example().as_bytes());
    let before = std::fs::read(&file).unwrap();
    let out = phasebook(&["export", file.to_str().unwrap(), "--format", "json", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is the workbook itself"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn export_of_a_broken_workbook_names_the_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = crate::common::write(dir.path(), "bad.ron", b"(version: 1");
    let dest = dir.path().join("out.md");
    let out = phasebook(&["export", bad.to_str().unwrap(), "--format", "md", "-o", dest.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("bad.ron:"), "{}", text(&out.stderr));
    assert!(!dest.exists());
}

#[test]
fn export_needs_a_format() {
    let out = phasebook(&["export", "workbooks/intune-fasttrack.en.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--format"), "{}", text(&out.stderr));
}

#[test]
fn validate_prints_a_warning_at_its_place_exits_0_and_fails_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let text_of =
        crate::common::readme_example().replacen("start_date: \"2026-11-20\"", "start_date: \"2026-10-01\"", 1);
    let file = crate::common::write(dir.path(), "w.ron", text_of.as_bytes());
    let line = text_of.lines().position(|l| l.contains("start_date")).unwrap() + 1;
    let out = phasebook(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.starts_with(&format!("{}:{line}:", file.display())), "{err}");
    assert!(err.contains(": warning: the start date 2026-10-01 is before the purchase date 2026-11-02"), "{err}");
    assert!(text(&out.stdout).contains("ok, with 1 warning"), "{}", text(&out.stdout));
    let strict = phasebook(&["validate", "--strict", file.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    // status opens it too, and says what to fix.
    let status = phasebook(&["status", file.to_str().unwrap(), "--as-of", "2026-12-01"]);
    assert!(status.status.success(), "{}", text(&status.stderr));
    assert!(
        text(&status.stdout).contains("⚠ The start date 2026-10-01 is before the purchase date"),
        "{}",
        text(&status.stdout)
    );
}

#[test]
fn status_shows_a_deadline_met_once_what_it_names_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    wb.engagement.purchase_date = chrono::NaiveDate::from_ymd_opt(2026, 10, 1);
    let before = {
        let file = dir.path().join("before.ron");
        phasebook::store::save(&file, &wb).unwrap();
        text(&phasebook(&["status", file.to_str().unwrap(), "--as-of", "2026-12-01"]).stdout)
    };
    assert!(before.contains("2026-10-31  31 days ago (!)"), "{before}");
    wb.item_mut("initiate.ms.contact").unwrap().status = phasebook::model::Status::Done;
    let at = chrono::DateTime::parse_from_rfc3339("2026-10-20T10:00:00+02:00").unwrap();
    wb.history.push(phasebook::model::Change {
        at,
        by: "Anna".into(),
        target: "initiate.ms.contact".into(),
        what: "done".into(),
        said: None,
    });
    let file = dir.path().join("after.ron");
    phasebook::store::save(&file, &wb).unwrap();
    let after = text(&phasebook(&["status", file.to_str().unwrap(), "--as-of", "2026-12-01"]).stdout);
    assert!(after.contains("✓ met 2026-10-20"), "{after}");
    let json = text(
        &phasebook(&["export", file.to_str().unwrap(), "--format", "json", "-o", "-", "--as-of", "2026-12-01"]).stdout,
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["deadlines"][0]["urgency"], "met");
    assert_eq!(json["deadlines"][0]["met_on"], "2026-10-20");
}

#[test]
fn validate_warns_of_a_ruled_out_scope_combination_at_the_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    for (question, answer) in [("identity", "federated"), ("forests", "multiple")] {
        wb.scope.iter_mut().find(|q| q.id == question).unwrap().answer = vec![answer.into()];
    }
    let file = dir.path().join("w.ron");
    phasebook::store::save(&file, &wb).unwrap();
    let saved = std::fs::read_to_string(&file).unwrap();
    let line = saved.lines().position(|l| l.contains("id: \"federated-multi-forest\"")).unwrap() + 1;
    let out = phasebook(&["validate", file.to_str().unwrap()]);
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(err.starts_with(&format!("{}:{line}:", file.display())), "{err}");
    assert!(err.contains("warning: the scope answers make a combination the process rules out"), "{err}");
}

/// Bytes a terminal would act on: ESC and BEL (C0) and CSI (C1, as UTF-8).
fn acts_on_a_terminal(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b == 0x1b || b == 0x07) || bytes.windows(2).any(|w| w == [0xc2, 0x9b])
}

#[test]
fn status_validate_and_exports_to_standard_output_never_send_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let attack = "Contoso\u{1b}]2;owned\u{7}\u{1b}[2J\u{9b}2J";
    let good = crate::common::readme_example().replace("customer: \"Contoso\"", &format!("customer: \"{attack}\""));
    let file = crate::common::write(dir.path(), "c.ron", good.as_bytes());
    // A duplicate id that holds the same characters: the loader's message quotes it.
    let id = "general.cu.pm";
    let bad = good.replace(&format!("id: \"{id}\""), "id: \"x\u{1b}[2J\"");
    let bad = bad.replace("id: \"first-contact\"", "id: \"x\u{1b}[2J\"");
    let broken = crate::common::write(dir.path(), "b.ron", bad.as_bytes());
    let path = file.to_str().unwrap();
    let runs = [
        phasebook(&["status", path, "--as-of", "2026-12-01"]),
        phasebook(&["validate", broken.to_str().unwrap()]),
        phasebook(&["status", broken.to_str().unwrap()]),
        phasebook(&["export", path, "--format", "md", "-o", "-"]),
        phasebook(&["export", path, "--format", "html", "-o", "-"]),
        phasebook(&["export", path, "--format", "csv", "-o", "-"]),
        phasebook(&["export", path, "--format", "json", "-o", "-"]),
        phasebook(&[dir.path().join("x\u{1b}[2J.ron").to_str().unwrap(), "--no-color"]),
    ];
    for (n, out) in runs.iter().enumerate() {
        assert!(!acts_on_a_terminal(&out.stdout), "run {n} wrote control characters: {}", text(&out.stdout));
        assert!(!acts_on_a_terminal(&out.stderr), "run {n} wrote control characters: {}", text(&out.stderr));
    }
    assert!(text(&runs[0].stdout).contains("Contoso\\u{1b}]2;owned\\u{7}"), "{}", text(&runs[0].stdout));
    assert!(text(&runs[1].stderr).contains("x\\u{1b}[2J"), "{}", text(&runs[1].stderr));
    assert_eq!(runs[1].status.code(), Some(1));
}

#[test]
fn the_interface_without_a_terminal_says_so_and_exits_1() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let file = crate::common::write(dir.path(), "c.ron", crate::common::readme_example().as_bytes());
    let mut command = Command::new(env!("CARGO_BIN_EXE_phasebook"));
    command.arg(&file).env("XDG_DATA_HOME", dir.path()).stdin(std::process::Stdio::null());
    // A session of its own has no controlling terminal.
    // SAFETY: setsid is async-signal-safe and touches nothing of the parent's.
    unsafe {
        command.pre_exec(|| if libc::setsid() < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) });
    }
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("needs a terminal"), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), crate::common::readme_example(), "the file is untouched");
}

#[test]
fn validate_of_a_fifo_says_it_is_not_a_file_instead_of_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ron");
    crate::common::mkfifo(&fifo);
    let mut child = Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .args(["validate", fifo.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(10) {
            let _ = child.kill();
            panic!("validate waited on the FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("FIFO"), "{}", text(&out.stderr));
}

/// A bundled workbook used for a while: statuses, a note, an answer, a finding, a pass.
fn used_engagement(dir: &std::path::Path) -> std::path::PathBuf {
    use phasebook::model::{Assessment, Status};
    let mut wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    wb.meta.template = "our-process".into();
    wb.meta.title = "Our own onboarding".into();
    wb.engagement.customer = "Contoso".into();
    wb.scope[0].answer = vec![wb.scope[0].options[0].id.clone()];
    wb.expectations[0].result = Assessment::Meets;
    wb.expectations[0].found = "Windows 11".into();
    for item in &mut wb.phases[0].items {
        item.status = Status::Done;
        item.assignee = "Åsa".into();
    }
    wb.phases[1].items[0].notes.push(phasebook::model::Note {
        at: chrono::DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap(),
        by: "Åsa".into(),
        text: "Called them".into(),
    });
    wb.phases[0].gate.criteria[0].met = true;
    let path = dir.join("contoso.ron");
    phasebook::store::save(&path, &wb).unwrap();
    path
}

/// What of an engagement's state `wb` still holds, in words; empty when none.
fn state_left(wb: &phasebook::model::Workbook) -> Vec<String> {
    let mut left = Vec::new();
    let items = wb.general.iter().chain(wb.phases.iter().flat_map(|p| &p.items));
    for item in items {
        if item.status != phasebook::model::Status::default() || !item.assignee.is_empty() || !item.notes.is_empty() {
            left.push(format!("item {}", item.id));
        }
    }
    if wb.scope.iter().any(|q| !q.answer.is_empty()) {
        left.push("scope answers".into());
    }
    if wb.expectations.iter().any(|e| !e.found.is_empty() || e.result != phasebook::model::Assessment::default()) {
        left.push("findings".into());
    }
    if wb.phases.iter().any(|p| p.gate.criteria.iter().any(|c| c.met) || p.gate.passed.is_some()) {
        left.push("gates".into());
    }
    if !wb.engagement.customer.is_empty()
        || !wb.decisions.is_empty()
        || !wb.meetings.is_empty()
        || !wb.history.is_empty()
    {
        left.push("engagement, decisions, meetings or history".into());
    }
    left
}

#[test]
fn a_workbook_file_is_a_template_for_new_and_template_makes_a_clean_one() {
    let dir = tempfile::tempdir().unwrap();
    let used = used_engagement(dir.path());
    let fresh = dir.path().join("fabrikam.ron");
    let out = phasebook(&[
        "new",
        "--template",
        used.to_str().unwrap(),
        "-o",
        fresh.to_str().unwrap(),
        "--customer",
        "Fabrikam",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("new our-process workbook (en)"), "{}", text(&out.stdout));
    let mut made = phasebook::store::load(&fresh).unwrap();
    assert_eq!(made.engagement.customer, "Fabrikam");
    made.engagement.customer.clear();
    assert!(!made.engagement.id.is_empty(), "a new engagement has an id of its own");
    made.engagement.id.clear();
    assert!(state_left(&made).is_empty(), "{:?}", state_left(&made));
    assert_eq!(made.meta.title, "Our own onboarding", "the process is kept");

    let template = dir.path().join("our-process.ron");
    let out = phasebook(&["template", used.to_str().unwrap(), "-o", template.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let clean = phasebook::store::load(&template).unwrap();
    assert!(state_left(&clean).is_empty(), "{:?}", state_left(&clean));
    assert_eq!(clean, made, "the same clean process either way");
    // Never over an existing file.
    let again = phasebook(&["template", used.to_str().unwrap(), "-o", template.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));
}

#[test]
fn a_template_in_the_data_folder_is_listed_and_made_new_by_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let used = used_engagement(dir.path());
    let data = dir.path().join("data");
    let folder = data.join("phasebook").join("templates");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(&used, folder.join("our-process.ron")).unwrap();
    std::fs::write(folder.join("broken.ron"), "(version: 1,").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_phasebook"))
            .args(args)
            .env("XDG_DATA_HOME", &data)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let listed = run(&["templates"]);
    assert!(listed.status.success());
    let stdout = text(&listed.stdout);
    assert!(stdout.contains("intune-fasttrack  en"), "{stdout}");
    assert!(stdout.contains("our-process  en  Our own onboarding"), "{stdout}");
    assert!(
        text(&listed.stderr).contains("broken.ron"),
        "a file that is no workbook is named: {}",
        text(&listed.stderr)
    );

    let fresh = dir.path().join("northwind.ron");
    let out = run(&["new", "--template", "our-process", "--lang", "en", "-o", fresh.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let made = phasebook::store::load(&fresh).unwrap();
    assert_eq!(made.meta.title, "Our own onboarding");
    assert!(state_left(&made).is_empty(), "{:?}", state_left(&made));
    // The bundled ones keep working, and an unknown id says where to look.
    let bundled = dir.path().join("b.ron");
    assert!(
        run(&["new", "--template", "intune-fasttrack", "--lang", "sv", "-o", bundled.to_str().unwrap()])
            .status
            .success()
    );
    let unknown = run(&["new", "--template", "nope", "-o", dir.path().join("n.ron").to_str().unwrap()]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("`phasebook templates` lists them"), "{}", text(&unknown.stderr));
}

#[test]
fn validate_speaks_swedish_under_a_swedish_locale_or_lang_sv() {
    let dir = tempfile::tempdir().unwrap();
    let example = crate::common::readme_example();
    let good = crate::common::write(dir.path(), "bra.ron", example.as_bytes());
    let warned = example.replacen("start_date: \"2026-11-20\"", "start_date: \"2026-10-01\"", 1);
    let warned = crate::common::write(dir.path(), "varning.ron", warned.as_bytes());
    let comma =
        crate::common::write(dir.path(), "komma.ron", example.replacen("version: 1,", "version: 1", 1).as_bytes());
    let missing = dir.path().join("finns-inte.ron");
    let files = [&good, &warned, &comma, &missing].map(|p| p.to_str().unwrap().to_string());
    let args: Vec<&str> = ["validate"].into_iter().chain(files.iter().map(String::as_str)).collect();
    let swedish = phasebook_in("sv_SE.UTF-8", &args);
    let mut flagged = vec!["--lang", "sv"];
    flagged.extend(&args);
    let flagged = phasebook(&flagged);
    let line = |needle: &str, path: &std::path::Path| {
        std::fs::read_to_string(path).unwrap().lines().position(|l| l.contains(needle)).unwrap() + 1
    };
    let at = line("start_date", &warned);
    for out in [swedish, flagged] {
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(text(&out.stdout), format!("{}: ok\n{}: ok, med 1 varning\n", good.display(), warned.display()));
        assert_eq!(
            text(&out.stderr),
            format!(
                "{}:{at}:5: varning: startdatumet 2026-10-01 ligger före köpdatumet 2026-11-02; introduktionen börjar efter köpet (rätta datumen i uppdragsvyn)\n\
                 {}:4:3: här väntades ett kommatecken\n\
                 {}: kan inte läsas: filen eller mappen finns inte\n",
                warned.display(),
                comma.display(),
                missing.display()
            )
        );
    }
    // The same files under an English locale, in English.
    let english = phasebook(&args);
    assert!(
        text(&english.stderr).contains(": warning: the start date 2026-10-01 is before"),
        "{}",
        text(&english.stderr)
    );
}

#[test]
fn validate_names_what_the_rules_find_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    let example = crate::common::readme_example();
    // A criterion that waits for an item that is not there, and a phase without its purpose.
    assert!(example.contains("items: [\"prepare.task.plan\"]"), "the README example changed");
    let dangling = example.replacen("items: [\"prepare.task.plan\"]", "items: [\"prepare.task.plam\"]", 1);
    let dangling = crate::common::write(dir.path(), "ref.ron", dangling.as_bytes());
    let out = phasebook_in("sv_SE.UTF-8", &["validate", dangling.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.ends_with(": kriteriet \"prepare.gate.plan\" anger punkten \"prepare.task.plam\", som inte finns\n"),
        "{err}"
    );
    let purpose = example.lines().find(|l| l.trim_start().starts_with("purpose:")).unwrap().to_string();
    let no_purpose = example.replacen(&format!("{purpose}\n"), "", 1);
    let no_purpose = crate::common::write(dir.path(), "syfte.ron", no_purpose.as_bytes());
    let out = phasebook_in("sv_SE.UTF-8", &["validate", no_purpose.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert!(err.contains(": fas \"prepare\": saknar `purpose`, som varje fas har\n"), "{err}");
    let within = example.replacen("within: Days(30)", "within: 30", 1);
    assert_ne!(within, example, "the README example has no `within: Days(30)`");
    let within = crate::common::write(dir.path(), "inom.ron", within.as_bytes());
    let err = text(&phasebook_in("sv_SE.UTF-8", &["validate", within.to_str().unwrap()]).stderr);
    assert!(err.contains(": `within` skrivs `Days(n)` eller `Months(n)`, t.ex. `within: Days(30)` ("), "{err}");
}

#[test]
fn new_template_and_export_speak_swedish_under_a_swedish_locale() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kund.ron");
    let path = file.to_str().unwrap();
    let sv = |args: &[&str]| phasebook_in("sv_SE.UTF-8", args);
    let out = sv(&["new", "-o", path, "--customer", "Kund AB"]);
    assert_eq!(text(&out.stdout), format!("{path}: ny arbetsbok från mallen intune-fasttrack (sv)\n"));
    let out = sv(&["new", "-o", path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!("{path}: finns redan; phasebook skriver aldrig över den (välj ett annat namn)\n")
    );
    let out = sv(&["new", "--template", "nej", "-o", dir.path().join("x.ron").to_str().unwrap()]);
    assert_eq!(
        text(&out.stderr),
        "ingen mall \"nej\" på svenska: `phasebook templates` listar dem, eller ange en arbetsboksfil att använda som mall\n"
    );
    let template = dir.path().join("mall.ron");
    let out = sv(&["template", path, "-o", template.to_str().unwrap()]);
    assert_eq!(text(&out.stdout), format!("{}: mall av intune-fasttrack ({path})\n", template.display()));
    let md = dir.path().join("rapport.md");
    let out = sv(&["export", path, "--format", "md", "-o", md.to_str().unwrap()]);
    assert_eq!(text(&out.stdout), format!("{}: lägesrapport i md skriven\n", md.display()));
    let out = sv(&["export", path, "--format", "md", "-o", path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!("{path}: är själva arbetsboken; en export skriver aldrig över den (välj ett annat namn)\n")
    );
    let broken = crate::common::write(dir.path(), "trasig.ron", b"(version: 1");
    let out = sv(&["export", broken.to_str().unwrap(), "--format", "md", "-o", "-"]);
    assert_eq!(text(&out.stderr), format!("{}:1:11: här väntades ett kommatecken\n", broken.display()));
}

/// Whether `instance` (JSON) meets `schema` (JSON), by Python's `jsonschema`; its words when not.
fn schema_check(schema: &str, instance: &serde_json::Value) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let schema_file = crate::common::write(dir.path(), "schema.json", schema.as_bytes());
    let instance_file = crate::common::write(dir.path(), "instance.json", instance.to_string().as_bytes());
    let check = "import json, sys, jsonschema\n\
                 schema = json.load(open(sys.argv[1])); jsonschema.Draft202012Validator.check_schema(schema)\n\
                 jsonschema.validate(json.load(open(sys.argv[2])), schema, cls=jsonschema.Draft202012Validator)";
    let out = Command::new("python3")
        .args(["-c", check, schema_file.to_str().unwrap(), instance_file.to_str().unwrap()])
        .output()
        .expect("python3 with jsonschema (.ci/run installs it)");
    if out.status.success() { Ok(()) } else { Err(text(&out.stderr)) }
}

#[test]
fn the_schema_takes_the_json_form_of_every_kind_of_workbook_and_refuses_a_wrong_one() {
    let out = phasebook(&["schema"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let schema = text(&out.stdout);
    let dir = tempfile::tempdir().unwrap();
    // A used engagement with every kind of record: answers, findings, notes, a decision, a
    // meeting, a passed gate with sign-offs, history.
    let mut used = phasebook::store::load(&used_engagement(dir.path())).unwrap();
    let decision = "(id: \"d1\", title: \"Cloud only\", date: \"2026-11-20\", kind: Scope, deciders: [\"Åsa\"], \
                    options: [\"cloud\", \"hybrid\"], outcome: \"cloud\", links: [\"identity\"])";
    used.decisions.push(phasebook::store::from_ron(decision).unwrap());
    let meeting = "(id: \"m1\", kind: KickOff, title: \"Kick-off\", phase: \"initiate\", \
                   held: \"2026-11-20T10:00:00+01:00\", attendees: [\"Åsa\"], agenda: [\"Scope\"], minutes: \"Agreed.\")";
    used.meetings.push(phasebook::store::from_ron(meeting).unwrap());
    let gate = "(date: \"2026-11-21\", by: \"Åsa\")";
    used.phases[0].gate.passed = Some(phasebook::store::from_ron(gate).unwrap());
    used.phases[0]
        .gate
        .signoffs
        .push(phasebook::store::from_ron("(party: Customer, name: \"Åsa\", date: \"2026-11-21\")").unwrap());
    used.history.push(phasebook::model::Change {
        at: chrono::DateTime::parse_from_rfc3339("2026-11-21T09:00:00+01:00").unwrap(),
        by: "Åsa".into(),
        target: "initiate.gate".into(),
        what: "gate passed".into(),
        said: None,
    });
    let used_file = dir.path().join("used.ron");
    phasebook::store::save(&used_file, &used).unwrap();
    let fixture = std::path::Path::new("tests/fixtures/mail-migration.ron");
    let readme = crate::common::write(dir.path(), "readme.ron", crate::common::readme_example().as_bytes());
    for file in [
        std::path::Path::new("workbooks/intune-fasttrack.en.ron"),
        std::path::Path::new("workbooks/intune-fasttrack.sv.ron"),
        fixture,
        &readme,
        &used_file,
    ] {
        let workbook = phasebook::store::load(file).unwrap();
        let json = serde_json::to_value(&workbook).unwrap();
        schema_check(&schema, &json).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    // What the loader refuses, the schema refuses: an unknown field, a variant that is not
    // one, a missing required field, a number for a text.
    let good = serde_json::to_value(phasebook::store::load(fixture).unwrap()).unwrap();
    type Spoil = fn(&mut serde_json::Value);
    let wrong: [(&str, Spoil); 4] = [
        ("unknown field", |v| v["meta"]["titel"] = "x".into()),
        ("unknown variant", |v| v["phases"][0]["items"][0]["owner"] = "Vendor".into()),
        ("missing purpose", |v| {
            v["phases"][0].as_object_mut().unwrap().remove("purpose");
        }),
        ("number for text", |v| v["phases"][0]["title"] = 7.into()),
    ];
    for (what, spoil) in wrong {
        let mut bad = good.clone();
        spoil(&mut bad);
        assert!(schema_check(&schema, &bad).is_err(), "the schema took a workbook with a {what}");
    }
}

#[test]
fn a_workbook_in_its_json_form_becomes_a_ron_template_with_every_check() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::path::Path::new("tests/fixtures/mail-migration.ron");
    let workbook = phasebook::store::load(fixture).unwrap();
    let json = serde_json::to_string_pretty(&workbook).unwrap();
    let generated = crate::common::write(dir.path(), "generated.json", json.as_bytes());
    let made = dir.path().join("process.ron");
    let out = phasebook(&["template", generated.to_str().unwrap(), "-o", made.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(phasebook::store::load(&made).unwrap(), phasebook::model::template::cleared(&workbook));
    // The rules hold for JSON too: a criterion waiting for an item that is not there.
    let criterion = &workbook.phases[0].gate.criteria[0];
    let mut broken: serde_json::Value = serde_json::from_str(&json).unwrap();
    broken["phases"][0]["gate"]["criteria"][0]["items"][0] = "no.such.item".into();
    let broken = serde_json::to_string_pretty(&broken).unwrap();
    let (line, col) =
        broken.lines().enumerate().find_map(|(n, l)| l.find("\"no.such.item\"").map(|c| (n + 1, c + 1))).unwrap();
    let broken = crate::common::write(dir.path(), "broken.json", broken.as_bytes());
    let out = phasebook(&["template", broken.to_str().unwrap(), "-o", dir.path().join("x.ron").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}:{line}:{col}: criterion \"{}\" names item \"no.such.item\", which does not exist\n",
            broken.display(),
            criterion.id
        )
    );
    // And a file that is not JSON says where.
    let garbled = crate::common::write(dir.path(), "garbled.json", b"{\"version\": 1,,}");
    let out = phasebook_in(
        "sv_SE.UTF-8",
        &["template", garbled.to_str().unwrap(), "-o", dir.path().join("y.ron").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!("{}:1:15: inte en arbetsbok i JSON-form: JSON-tolken säger: ", garbled.display())),
        "{err}"
    );
    assert!(!dir.path().join("x.ron").exists() && !dir.path().join("y.ron").exists());
}

#[test]
fn a_threshold_names_what_is_wrong_with_its_levels_at_the_level() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::fs::read_to_string("tests/fixtures/mail-migration.ron").unwrap();
    let accepted = "one_of: [\"MailServer 7\", \"MailServer 8\"]";
    assert!(fixture.contains(accepted), "the fixture changed");
    let cases = [
        (
            "one_of: [\"MailServer 7\", \"MailServr 8\"]",
            "\"MailServr 8\"",
            "expectation \"server-version\" accepts \"MailServr 8\" (`one_of`), which is not one of its levels",
            "förväntningen \"server-version\" godtar \"MailServr 8\" (`one_of`), som inte är en av dess nivåer",
        ),
        (
            "one_of: []",
            "threshold:",
            "expectation \"server-version\" has a threshold with neither `minimum` nor a level in `one_of`; give the least level that meets (`minimum: \"…\"`) or the levels that do (`one_of: [\"…\"]`)",
            "förväntningen \"server-version\" har en tröskel med varken `minimum` eller någon nivå i `one_of`; ange den lägsta nivå som räcker (`minimum: \"…\"`) eller de nivåer som godtas (`one_of: [\"…\"]`)",
        ),
        (
            "minimum: \"MailServer 7\", one_of: [\"MailServer 8\"]",
            "threshold:",
            "expectation \"server-version\" has a threshold with both `minimum` and `one_of`; give one: `minimum` for a level and every level above it, `one_of` for a set",
            "förväntningen \"server-version\" har en tröskel med både `minimum` och `one_of`; ange en av dem: `minimum` för en nivå och alla över den, `one_of` för en uppsättning",
        ),
    ];
    for (written, at, en, sv) in cases {
        let source = fixture.replacen(accepted, written, 1);
        let file = crate::common::write(dir.path(), "t.ron", source.as_bytes());
        let (line, col) = source.lines().enumerate().find_map(|(n, l)| l.find(at).map(|c| (n + 1, c + 1))).unwrap();
        let path = file.to_str().unwrap();
        let english = phasebook(&["validate", path]);
        assert_eq!(text(&english.stderr), format!("{path}:{line}:{col}: {en}\n"));
        let swedish = phasebook(&["validate", "--lang", "sv", path]);
        assert_eq!(text(&swedish.stderr), format!("{path}:{line}:{col}: {sv}\n"));
    }
}

#[test]
fn a_json_file_that_is_not_a_workbook_is_called_so_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let out = out.to_str().unwrap();
    for (name, bytes, en, sv) in [
        (
            "empty.json",
            &b"  \n"[..],
            ": this is not a phasebook workbook: it is empty",
            ": det här är ingen arbetsbok för phasebook: den är tom",
        ),
        (
            "binary.json",
            &b"{\0}"[..],
            ":1:2: not a workbook: the file holds binary data (a NUL byte)",
            ":1:2: inte en arbetsbok: filen innehåller binära data (en NUL-byte)",
        ),
        (
            "ron.json",
            &b"(version: 1)"[..],
            ":1:1: this is not a phasebook workbook: it starts with `(`, where a workbook's JSON form starts with `{`",
            ":1:1: det här är ingen arbetsbok för phasebook: den börjar med `(`, där en arbetsbok i JSON-form börjar med `{`",
        ),
        (
            "field.json",
            &b"{\"version\": 1, \"meta\": {}}"[..],
            ":1:25: not the JSON form of a workbook: missing field `template`",
            ":1:25: saknar `template`",
        ),
    ] {
        let file = crate::common::write(dir.path(), name, bytes);
        let path = file.to_str().unwrap();
        let english = phasebook(&["template", path, "-o", out]);
        assert_eq!(text(&english.stderr), format!("{path}{en}\n"));
        let swedish = phasebook(&["template", "--lang", "sv", path, "-o", out]);
        assert_eq!(text(&swedish.stderr), format!("{path}{sv}\n"));
        assert!(!std::path::Path::new(out).exists());
    }
}

#[test]
fn an_unknown_language_is_said_in_words_wherever_warnings_are() {
    let dir = tempfile::tempdir().unwrap();
    let source = crate::common::readme_example().replacen("language: \"en\"", "language: \"de\"", 1);
    let file = crate::common::write(dir.path(), "de.ron", source.as_bytes());
    let path = file.to_str().unwrap();
    let said = "The workbook's language “de” is not one phasebook has labels in (en, sv): its labels, dates and exports are in English. Set `meta.language` to one of them.";
    let md = text(&phasebook(&["export", path, "--format", "md", "-o", "-"]).stdout);
    // Markdown escapes the backticks.
    assert!(md.contains(&format!("- ⚠ {}", said.replace('`', "\\`"))), "{md}");
    let html = text(&phasebook(&["export", path, "--format", "html", "-o", "-"]).stdout);
    assert!(html.contains("is not one phasebook has labels in (en, sv)"), "{html}");
    let status = text(&phasebook(&["status", path, "--as-of", "2026-12-01"]).stdout);
    assert!(status.contains(said), "{status}");
}

#[test]
fn new_and_template_write_to_standard_output_refuse_json_and_say_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = phasebook(&["template", "tests/fixtures/mail-migration.ron", "-o", "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed: phasebook::model::Workbook = phasebook::store::from_ron(&text(&out.stdout)).unwrap();
    assert_eq!(printed.meta.template, "mail-migration");
    assert!(!std::path::Path::new("-").exists() && !dir.path().join("-").exists());
    let json = dir.path().join("x.json");
    let out = phasebook(&["new", "-o", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}: phasebook writes workbooks as RON; name the file .ron (a .json file is read as a workbook's JSON form, never written)\n",
            json.display()
        )
    );
    assert!(!json.exists());
    // Dates out of order: made, and said.
    let file = dir.path().join("c.ron");
    let path = file.to_str().unwrap();
    let out = phasebook(&["new", "-o", path, "--purchase-date", "2026-05-01", "--start-date", "2026-04-01"]);
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(err.starts_with(&format!("{path}:")), "{err}");
    assert!(err.contains(": warning: the start date 2026-04-01 is before the purchase date 2026-05-01"), "{err}");
}

#[test]
fn a_span_of_more_than_a_hundred_years_is_an_error_and_a_date_out_of_range_says_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let source = crate::common::readme_example().replacen("within: Days(30)", "within: Days(4000000000)", 1);
    let file = crate::common::write(dir.path(), "far.ron", source.as_bytes());
    let path = file.to_str().unwrap();
    let (line, col) =
        source.lines().enumerate().find_map(|(n, l)| l.find("id: \"first-contact\"").map(|c| (n + 1, c + 1))).unwrap();
    let out = phasebook(&["validate", path]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{path}:{line}:{col}: deadline \"first-contact\" is due more than 100 years after it starts; a span is at most `Days(36500)` or `Months(1200)`\n"
        )
    );
    let out = phasebook(&[
        "export",
        "workbooks/intune-fasttrack.en.ron",
        "--format",
        "md",
        "-o",
        "-",
        "--as-of",
        "9999-12-31",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("\"9999-12-31\" is not a date: write YYYY-MM-DD (a year from 1900 to 2200), today, or an offset such as +7d or -2w"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_template_id_that_names_two_templates_or_a_folder_is_refused_with_why() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = data.join("phasebook").join("templates");
    std::fs::create_dir_all(&folder).unwrap();
    // One of the user's own with the bundled template's id and language.
    std::fs::copy("workbooks/intune-fasttrack.en.ron", folder.join("mine.ron")).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_phasebook"))
            .args(args)
            .env("XDG_DATA_HOME", &data)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .unwrap()
    };
    let out_file = dir.path().join("x.ron");
    let out = run(&["new", "--template", "intune-fasttrack", "--lang", "en", "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "template \"intune-fasttrack\" in \"en\" is more than one: bundled, {}; give the path of the file you mean (`--template PATH`), or move yours aside for the bundled one\n",
            folder.join("mine.ron").display()
        )
    );
    assert!(!out_file.exists());
    let sv = run(&["new", "--template", "intune-fasttrack", "--lang", "sv", "-o", out_file.to_str().unwrap()]);
    assert!(sv.status.success(), "only the English one is two: {}", text(&sv.stderr));
    let a_folder = dir.path().join("adir");
    std::fs::create_dir(&a_folder).unwrap();
    let other = dir.path().join("y.ron");
    let out = run(&["new", "--template", a_folder.to_str().unwrap(), "-o", other.to_str().unwrap()]);
    assert_eq!(text(&out.stderr), format!("{}: cannot read: it is a folder, not a file\n", a_folder.display()));
}

#[test]
fn a_wrong_command_line_is_said_in_swedish_under_a_swedish_locale() {
    let sv = |args: &[&str]| phasebook_in("sv_SE.UTF-8", args);
    let more_of = |command: &str| format!("\n\nMer: phasebook {command} --help\n");
    let out = sv(&["new", "-o", "x.ron", "--purchase-date", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "fel: ogiltigt värde '2026-02-30' för --purchase-date <PURCHASE_DATE>: inget datum: skriv ÅÅÅÅ-MM-DD (ett år från 1900 till 2200), i dag, eller en förskjutning som +7d eller -2v{}",
            more_of("new")
        )
    );
    assert!(!std::path::Path::new("x.ron").exists());
    let out = sv(&["export", "workbooks/intune-fasttrack.sv.ron"]);
    assert_eq!(text(&out.stderr), format!("fel: --format <FORMAT> måste anges{}", more_of("export")));
    let out = sv(&["export", "workbooks/intune-fasttrack.sv.ron", "--format", "docx"]);
    assert_eq!(
        text(&out.stderr),
        format!(
            "fel: 'docx' är inget giltigt värde för --format <FORMAT> (möjliga: md, html, json, csv, ics){}",
            more_of("export")
        )
    );
    let out = sv(&["validate", "--strictt", "workbooks/intune-fasttrack.sv.ron"]);
    assert_eq!(
        text(&out.stderr),
        format!("fel: okänt argument '--strictt' (menar du '--strict'?){}", more_of("validate"))
    );
    // `--lang` wins over the locale, either way; help stays clap's.
    let out = phasebook(&["export", "--lang", "sv", "workbooks/intune-fasttrack.sv.ron"]);
    assert_eq!(text(&out.stderr), format!("fel: --format <FORMAT> måste anges{}", more_of("export")));
    let out = sv(&["export", "--lang", "en", "workbooks/intune-fasttrack.sv.ron"]);
    assert!(
        text(&out.stderr).starts_with("error: the following required arguments were not provided"),
        "{}",
        text(&out.stderr)
    );
    assert!(sv(&["--help"]).status.success());
    // A date offset back in time is a value, not a flag.
    let status = phasebook(&["status", "workbooks/intune-fasttrack.en.ron", "--as-of", "-2w"]);
    assert!(status.status.success(), "{}", text(&status.stderr));
}

#[test]
fn a_workbook_names_its_own_parties_in_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let source = crate::common::readme_example().replacen(
        "source: \"Written for this example.\",",
        "source: \"Written for this example.\",\n    parties: (provider: \"Northwind Consulting\", customer: \"Client\"),",
        1,
    );
    assert_ne!(source, crate::common::readme_example());
    let file = crate::common::write(dir.path(), "named.ron", source.as_bytes());
    let path = file.to_str().unwrap();
    assert!(phasebook(&["validate", path]).status.success());
    // Read and written back the same.
    let workbook = phasebook::store::load(&file).unwrap();
    assert_eq!(workbook.meta.parties.provider, "Northwind Consulting");
    let again = dir.path().join("again.ron");
    phasebook::store::save(&again, &workbook).unwrap();
    assert_eq!(phasebook::store::load(&again).unwrap(), workbook);
    for format in ["md", "html", "csv"] {
        let out = text(&phasebook(&["export", path, "--format", format, "-o", "-", "--as-of", "2026-11-26"]).stdout);
        assert!(out.contains("Northwind Consulting") && out.contains("Client"), "{format}: {out}");
        assert!(!out.contains("Microsoft"), "{format} names the provider as the workbook does: {out}");
    }
}

#[test]
fn log_prints_the_history_of_a_workbook_edited_in_the_interface_in_the_readers_language() {
    use phasebook::app::update::{Msg, update};
    let dir = tempfile::tempdir().unwrap();
    let wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap();
    let mut app = phasebook::app::state::App::new(
        wb,
        "w.ron".into(),
        phasebook::i18n::Lang::En,
        phasebook::app::config::Config::from_texts(None, "ann"),
        at,
    );
    update(&mut app, Msg::Resize(120, 40));
    for c in " jaÅsa\n".chars() {
        let code = if c == '\n' { crossterm::event::KeyCode::Enter } else { crossterm::event::KeyCode::Char(c) };
        update(&mut app, Msg::Key(crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE)));
    }
    let file = dir.path().join("w.ron");
    phasebook::store::save(&file, &app.workbook).unwrap();
    let path = file.to_str().unwrap();
    let out = phasebook(&["log", path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "2026-11-26 10:30  ann  initiate.ms.contact  status not started → done; phase started 2026-11-26 · Get in touch with you within 30 days after eligible licenses for a new tenant are purchased.\n2026-11-26 10:30  ann  initiate.ms.begin  assigned to Åsa · Start the onboarding together with you.\n"
    );
    let sv = phasebook_in("sv_SE.UTF-8", &["log", path, "--item", "initiate.ms.contact"]);
    assert_eq!(
        text(&sv.stdout),
        "2026-11-26 10:30  ann  initiate.ms.contact  status ej påbörjad → klar; fasen påbörjad 2026-11-26 · Get in touch with you within 30 days after eligible licenses for a new tenant are purchased.\n"
    );
    let later = phasebook(&["log", path, "--since", "2026-11-27"]);
    assert_eq!(text(&later.stdout), "");
    let json: serde_json::Value = serde_json::from_slice(&phasebook(&["log", path, "--json"]).stdout).unwrap();
    assert_eq!(json[1]["what"], "assigned to Åsa");
    assert_eq!(json[1]["said"], serde_json::json!({"Assigned": {"to": "Åsa"}}));
    // An id the workbook has but no change names: nothing to print, and that is no error.
    let quiet = phasebook(&["log", path, "--item", "assess.ms.checklist"]);
    assert!(quiet.status.success() && quiet.stdout.is_empty(), "{}", text(&quiet.stderr));
    // One nothing has is a slip, said so.
    let slip = phasebook(&["log", path, "--item", "initiate.ms.contcat"]);
    assert_eq!(slip.status.code(), Some(1));
    assert!(slip.stdout.is_empty());
    assert!(
        text(&slip.stderr).contains("nothing in the workbook has the id \"initiate.ms.contcat\""),
        "{}",
        text(&slip.stderr)
    );
}

#[test]
fn show_prints_one_fact_a_line_and_diff_says_what_changed_with_who_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &old).unwrap();
    let mut wb = phasebook::store::load(&old).unwrap();
    let item = wb.phases[1].items[0].clone();
    wb.phases[1].items[0].status = phasebook::model::Status::Done;
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+01:00").unwrap();
    wb.history.push(phasebook::model::Change {
        at,
        by: "Anna Berg".into(),
        target: item.id.clone(),
        what: "status not started → done".into(),
        said: None,
    });
    phasebook::store::save(&new, &wb).unwrap();
    let shown = text(&phasebook(&["show", new.to_str().unwrap()]).stdout);
    assert!(shown.contains(&format!("Assess · {}: done\n", item.text)), "{shown}");
    assert!(shown.lines().all(|l| l.contains(": ")), "one fact a line");
    let diff = phasebook(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert!(diff.status.success());
    assert_eq!(text(&diff.stdout), format!("Assess · {}: not started → done (Anna Berg, 2026-12-01)\n", item.text));
    let sv = phasebook_in("sv_SE.UTF-8", &["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert!(text(&sv.stdout).contains("ej påbörjad → klar (Anna Berg, 2026-12-01)"), "{}", text(&sv.stdout));
    let json: serde_json::Value =
        serde_json::from_slice(&phasebook(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--json"]).stdout)
            .unwrap();
    assert_eq!(json[0]["new"], "done");
    assert_eq!(json[0]["by"], "Anna Berg");
    // A file that is no workbook: an error, or (for git's textconv) the file as it is.
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "<<<<<<< ours\n").unwrap();
    let refused = phasebook(&["show", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let raw = phasebook(&["show", "--or-raw", bad.to_str().unwrap()]);
    assert!(raw.status.success());
    assert_eq!(text(&raw.stdout), "<<<<<<< ours\n");
    assert!(raw.stderr.is_empty(), "as git's text filter, without a word git would show for every revision");
}
