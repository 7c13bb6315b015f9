//! The real binary in a real (pseudo-)terminal: keys in, screen and file out.

// Test code: a failed step should stop the test, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::pty::Session;
use phasebook::model::Status;

#[test]
fn a_lead_marks_an_assess_item_done_adds_a_note_saves_and_quits() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("contoso.ron");
    std::fs::copy("workbooks/intune-fasttrack.sv.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[("NO_COLOR", "1"), ("LANG", "sv_SE.UTF-8")]);
    s.wait_for("Initiera");
    s.wait_for("contoso.ron");
    s.send("2");
    s.wait_for("┌ Bedöma");
    s.send(" ");
    s.wait_for("[x]");
    s.send("c");
    s.wait_for("Ny anteckning");
    s.send("Åtgärda DNS före fredag");
    s.wait_for("Åtgärda DNS före fredag");
    s.send("\x1b"); // Esc: done with the note
    s.wait_for("Anteckningar (1)");
    s.send("\x13"); // Ctrl+S
    s.wait_for("contoso.ron");
    s.wait_for("Sparat");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.in_alternate_screen(), "the terminal was left in the alternate screen");

    let saved = phasebook::store::load(&file).unwrap();
    let first = &saved.phases[1].items[0];
    assert_eq!(first.status, Status::Done);
    assert_eq!(first.notes.len(), 1);
    assert_eq!(first.notes[0].text, "Åtgärda DNS före fredag");
    assert_eq!(first.notes[0].by, "tester");
    assert_eq!(saved.history.len(), 2);
}

#[test]
fn quitting_with_unsaved_changes_asks_and_discarding_leaves_the_file_alone() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("Initiate");
    s.send(" ");
    s.wait_for("[+]");
    s.send("q");
    s.wait_for("Unsaved changes");
    s.send("d");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.in_alternate_screen());
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn bare_phasebook_creates_and_opens_the_working_copy_in_the_users_language() {
    for (lang, first_phase, file_name) in
        [("C.UTF-8", "Initiate", "intune-fasttrack.en.ron"), ("sv_SE.UTF-8", "Initiera", "intune-fasttrack.sv.ron")]
    {
        let home = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], home.path(), &[("LANG", lang)]);
        s.wait_for(first_phase);
        s.wait_for(file_name);
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
        let copy = home.path().join("data").join("phasebook").join(file_name);
        assert!(copy.exists(), "no working copy at {}", copy.display());
        phasebook::store::load(&copy).unwrap();
    }
}

#[test]
fn a_bad_workbook_is_reported_on_the_terminal_without_a_panic() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.ron");
    std::fs::write(&file, "(version: 1, meta: (").unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    assert_eq!(s.wait_exit(), 1);
    let screen = s.screen();
    assert!(screen.contains("bad.ron:1:"), "{screen}");
    assert!(!screen.contains("panicked"), "{screen}");
}

#[test]
fn the_export_dialog_writes_a_snapshot_beside_the_workbook() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("Initiate");
    s.send("E");
    s.wait_for("Export snapshot");
    s.send("\t"); // Markdown → HTML
    s.wait_for(".html");
    s.send("\r");
    s.wait_for("Snapshot written to");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let written: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .collect();
    assert_eq!(written.len(), 1);
    let html = std::fs::read_to_string(written[0].path()).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"), "{}", &html[..40]);
}

#[test]
fn no_color_leaves_the_screen_without_colours() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    for (env, coloured) in [(&[("NO_COLOR", "1")][..], false), (&[][..], true)] {
        let mut s = Session::start(&[file.to_str().unwrap()], home.path(), env);
        s.wait_for("quit");
        s.send(" ");
        s.wait_for("[x]");
        assert_eq!(s.has_colour(), coloured, "NO_COLOR {env:?}");
        s.send("u");
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
}
