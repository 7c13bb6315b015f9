//! Many engagements from the command line: `phasebook list` and `phasebook agenda` over
//! folders, files and the known engagements, and the agenda's one calendar for them all.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use phasebook::model::{Status, Workbook};
use phasebook::store::Known;
use phasebook::templates::find;

/// Runs phasebook under the locale `lang`, with its data folder in `data`.
fn phasebook(lang: &str, data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("XDG_DATA_HOME", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run phasebook")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The bundled workbook for `customer`, no engagement dates set (so no deadline has a date).
fn engagement(language: &str, customer: &str) -> Workbook {
    let mut wb = find("intune-fasttrack", language).unwrap().workbook().unwrap();
    wb.engagement.customer = customer.into();
    wb
}

fn save(dir: &Path, name: &str, wb: &Workbook) -> PathBuf {
    let path = dir.join(name);
    phasebook::store::save(&path, wb).unwrap();
    path
}

/// The bundled workbook in three states, in one folder: an item overdue (Contoso), an item
/// due in four days (Fabrikam), and the first-contact deadline passed (Northwind).
fn three_states(dir: &Path, language: &str) {
    let mut overdue = engagement(language, "Contoso");
    let item = &mut overdue.phases[0].items[1];
    item.due = Some(day("2026-12-05"));
    item.status = Status::InProgress;
    item.assignee = "Anna Berg".into();
    save(dir, "contoso.ron", &overdue);
    let mut soon = engagement(language, "Fabrikam");
    soon.phases[1].items[0].due = Some(day("2026-12-14"));
    save(dir, "fabrikam.ron", &soon);
    let mut passed = engagement(language, "Northwind");
    passed.engagement.purchase_date = Some(day("2026-10-31")); // first contact by 2026-11-30
    save(dir, "northwind.ron", &passed);
}

#[test]
fn the_agenda_over_a_folder_lists_overdue_then_due_soon_in_english() {
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "en");
    let out = phasebook("C.UTF-8", dir.path(), &["agenda", dir.path().to_str().unwrap(), "--as-of", "2026-12-10"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    insta::assert_snapshot!("agenda_en", text(&out.stdout));
}

#[test]
fn the_agenda_over_a_folder_lists_overdue_then_due_soon_in_swedish() {
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "sv");
    let out = phasebook("sv_SE.UTF-8", dir.path(), &["agenda", dir.path().to_str().unwrap(), "--as-of", "2026-12-10"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    insta::assert_snapshot!("agenda_sv", text(&out.stdout));
}

#[test]
fn the_agenda_puts_the_passed_deadline_and_the_late_item_before_what_is_coming() {
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "en");
    let out = phasebook("C.UTF-8", dir.path(), &["agenda", dir.path().to_str().unwrap(), "--as-of", "2026-12-10"]);
    let stdout = text(&out.stdout);
    let at = |what: &str| stdout.find(what).unwrap_or_else(|| panic!("{what} missing from:\n{stdout}"));
    assert!(at("Northwind") < at("Contoso") && at("Contoso") < at("Fabrikam"), "{stdout}");
    let ahead = phasebook(
        "C.UTF-8",
        dir.path(),
        &["agenda", dir.path().to_str().unwrap(), "--as-of", "2026-12-10", "--days", "2"],
    );
    assert!(!text(&ahead.stdout).contains("Fabrikam"), "four days away is outside two days");
}

#[test]
fn mine_keeps_my_items_and_the_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "en");
    std::fs::create_dir_all(dir.path().join("config/phasebook")).unwrap();
    std::fs::write(dir.path().join("config/phasebook/config.ron"), "(user: \"anna berg\")").unwrap();
    let args = ["agenda", dir.path().to_str().unwrap(), "--as-of", "2026-12-10", "--mine"];
    let stdout = text(&phasebook("C.UTF-8", dir.path(), &args).stdout);
    assert!(stdout.contains("Contoso") && stdout.contains("Anna Berg"), "{stdout}");
    assert!(stdout.contains("Northwind"), "the deadline belongs to everyone: {stdout}");
    assert!(!stdout.contains("Fabrikam"), "an item of no one's: {stdout}");
    assert!(stdout.lines().next().unwrap().ends_with("assigned to anna berg"), "{stdout}");
}

#[test]
fn the_agenda_as_json_has_every_entry_with_its_engagement() {
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "en");
    let out =
        phasebook("C.UTF-8", dir.path(), &["agenda", dir.path().to_str().unwrap(), "--as-of", "2026-12-10", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = json["entries"].as_array().unwrap();
    let seen: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e["section"].as_str().unwrap(), e["kind"].as_str().unwrap(), e["customer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        vec![("overdue", "deadline", "Northwind"), ("overdue", "item", "Contoso"), ("coming", "item", "Fabrikam")]
    );
    assert_eq!(entries[1]["days_left"], -5);
    assert_eq!(json["skipped"].as_array().unwrap().len(), 0);
}

#[test]
fn the_agenda_calendar_holds_every_engagement_and_is_the_same_bytes_for_the_same_day() {
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "en");
    let args = ["agenda", dir.path().to_str().unwrap(), "--as-of", "2026-12-10", "--format", "ics"];
    let first = phasebook("C.UTF-8", dir.path(), &args);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let ics = text(&first.stdout);
    assert_eq!(ics.matches("BEGIN:VCALENDAR").count(), 1);
    assert_eq!(ics.matches("BEGIN:VTODO").count(), 2, "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "Northwind's dated deadline: {ics}");
    for customer in ["Contoso", "Fabrikam", "Northwind"] {
        assert!(ics.contains(customer), "{customer}");
    }
    assert_eq!(phasebook("C.UTF-8", dir.path(), &args).stdout, first.stdout);
    let file = dir.path().join("all.ics");
    let out = phasebook("C.UTF-8", dir.path(), &[&args[..], &["-o", file.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&file).unwrap(), first.stdout);
    let over = dir.path().join("contoso.ron");
    let refused = phasebook("C.UTF-8", dir.path(), &[&args[..], &["-o", over.to_str().unwrap()]].concat());
    assert_eq!(refused.status.code(), Some(1), "a workbook is never written over");
    assert!(phasebook::store::load(&over).is_ok());
}

#[test]
fn list_reads_a_folders_workbooks_names_the_bad_ones_and_leaves_other_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "en");
    crate::common::write(dir.path(), "broken.ron", b"(version: 1");
    crate::common::write(dir.path(), "notes.txt", b"not a workbook, never read");
    crate::common::write(dir.path(), "report.md", b"# nor this");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    save(&dir.path().join("sub"), "deeper.ron", &engagement("en", "Deeper"));
    let out = phasebook("C.UTF-8", dir.path(), &["list", dir.path().to_str().unwrap(), "--as-of", "2026-12-10"]);
    assert!(out.status.success(), "a bad file in a folder is skipped, never fatal: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "a heading and three engagements:\n{stdout}");
    assert!(lines[0].starts_with("Customer") && lines[0].contains("Next deadline"), "{stdout}");
    // By next deadline: Northwind's passed one first; those without one after, by name.
    assert!(lines[1].starts_with("Northwind") && lines[1].contains("2026-11-30"), "{stdout}");
    assert!(lines[1].contains("10 days ago"), "{stdout}");
    assert!(lines[2].starts_with("Contoso") && lines[3].starts_with("Fabrikam"), "{stdout}");
    assert!(lines[2].contains("Initiate") && lines[2].contains("0 %"), "{stdout}");
    assert!(!stdout.contains("Deeper"), "subfolders are not read");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("skipped: ") && stderr.contains("broken.ron:1:"), "{stderr}");
    assert!(!stderr.contains("notes.txt") && !stderr.contains("report.md"), "{stderr}");

    let by_name = phasebook("C.UTF-8", dir.path(), &["list", dir.path().to_str().unwrap(), "--sort", "name"]);
    let names: Vec<String> =
        text(&by_name.stdout).lines().skip(1).map(|l| l.split_whitespace().next().unwrap().to_string()).collect();
    assert_eq!(names, ["Contoso", "Fabrikam", "Northwind"]);
}

#[test]
fn a_bad_file_named_on_the_command_line_is_listed_and_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "en");
    let good = dir.path().join("contoso.ron");
    let out = phasebook("C.UTF-8", dir.path(), &["list", good.to_str().unwrap(), "/nonexistent/x.ron", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["engagements"].as_array().unwrap().len(), 1);
    assert_eq!(json["engagements"][0]["customer"], "Contoso");
    assert_eq!(json["skipped"][0]["path"], "/nonexistent/x.ron");
    assert!(json["skipped"][0]["error"].as_str().unwrap().contains("cannot read"), "{json}");
}

#[test]
fn two_engagements_of_one_customer_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = engagement("en", "Contoso");
    first.phases[0].items[0].due = Some(day("2026-12-11"));
    let a = save(dir.path(), "contoso-intune.ron", &first);
    let b = save(dir.path(), "contoso-pilot.ron", &first);
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let list = text(&phasebook("C.UTF-8", dir.path(), &["list", a, b, a]).stdout);
    assert_eq!(list.lines().count(), 3, "both, each once:\n{list}");
    assert!(list.contains("contoso-intune.ron") && list.contains("contoso-pilot.ron"), "{list}");
    let agenda = text(&phasebook("C.UTF-8", dir.path(), &["agenda", a, b, "--as-of", "2026-12-10"]).stdout);
    assert!(
        agenda.contains("Contoso (contoso-intune.ron)") && agenda.contains("Contoso (contoso-pilot.ron)"),
        "{agenda}"
    );
}

#[test]
fn without_paths_the_known_engagements_are_listed_and_a_deleted_one_dropped_with_a_note() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    three_states(dir.path(), "en");
    let known = Known::in_folder(&data.path().join("phasebook"));
    let stored: Vec<PathBuf> = ["contoso.ron", "fabrikam.ron", "northwind.ron"]
        .iter()
        .map(|name| known.remember(&dir.path().join(name)).unwrap())
        .collect();
    let gone = &stored[1];
    std::fs::remove_file(gone).unwrap();
    let out = phasebook("C.UTF-8", data.path(), &["list", "--as-of", "2026-12-10"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Contoso") && stdout.contains("Northwind") && !stdout.contains("Fabrikam"), "{stdout}");
    let note = format!("{}: is no longer there; taken off the known engagements\n", gone.display());
    assert_eq!(text(&out.stderr), note);
    assert_eq!(known.entries().len(), 2, "taken off the list");
    let again = phasebook("C.UTF-8", data.path(), &["agenda", "--as-of", "2026-12-10"]);
    assert_eq!(text(&again.stderr), "", "said once");
    assert!(text(&again.stdout).contains("Northwind"));
}

#[test]
fn with_no_known_engagements_list_says_how_to_get_some() {
    let data = tempfile::tempdir().unwrap();
    let out = phasebook("sv_SE.UTF-8", data.path(), &["list"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).starts_with("Inga kända uppdrag än"), "{}", text(&out.stderr));
}
