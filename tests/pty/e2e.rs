//! The real binary in a real (pseudo-)terminal: keys in, screen and file out.

use crate::common::pty::Session;
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
    s.wait_for("┌ Bedöma");
    s.send("\t"); // the details, folded away at this width
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
    s.send("X");
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

#[test]
fn a_lead_answers_scope_sees_items_fall_out_tries_an_open_gate_waives_it_and_advances() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[("NO_COLOR", "1")]);
    s.wait_for("▶1 Initiate");
    s.send("5");
    s.wait_for("┌ Enable: Microsoft Intune");
    assert!(!s.screen().contains("(out of scope)"), "nothing is out of scope before an answer");
    // Scope: the tenth option is "MAM" among the workloads; MAM only takes the MDM items out.
    s.send("O");
    s.wait_for("┌ Scope");
    s.send("gjjjjjjjjj ");
    s.wait_for("[x] Mobile application management");
    s.send("\x1b");
    s.wait_for("(out of scope)");
    // The gate of Initiate is open: passing it is refused until a waiver gives a reason.
    s.send("1");
    s.wait_for("┌ Initiate");
    s.send("r");
    s.wait_for("Gate: Ready to assess");
    s.send("p");
    s.wait_for("Still open");
    s.send("w");
    s.wait_for("Reason for the waiver");
    s.send("Kick-off held by phone\r");
    s.wait_for("Gate passed");
    s.wait_for("≈ waived");
    s.send("\x1b");
    s.wait_for("▶2 Assess");
    s.send("\x13"); // Ctrl+S
    s.wait_for("Saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let saved = phasebook::store::load(&file).unwrap();
    assert_eq!(saved.question("workloads").unwrap().answer, ["mam"]);
    let waiver_id = saved.phases[0].gate.passed.as_ref().unwrap().waiver.clone().unwrap();
    let waiver = saved.decisions.iter().find(|d| d.id == waiver_id).unwrap();
    assert_eq!(waiver.context, "Kick-off held by phone");
    assert_eq!(saved.decisions.len(), 2, "the scope answer and the waiver");
}

#[test]
fn a_second_phasebook_on_the_same_file_says_who_holds_it_will_not_save_and_keeps_its_own_recovery() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut first = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    first.wait_for("quit");
    let mut second = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    second.wait_for("Read-only: opened by tester on");
    second.wait_for("[read-only]");
    // Five changes write a recovery file at once: the second's own, never the first's.
    second.send(" j j j j ");
    second.wait_for("Overall   6 %");
    let recovery_folder = home.path().join("data").join("phasebook");
    let names = || -> Vec<String> {
        std::fs::read_dir(&recovery_folder)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    // The data folder also holds the list of known engagements.
                    .filter(|n| n.ends_with(".recovery.ron"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let start = std::time::Instant::now();
    while names().is_empty() {
        assert!(start.elapsed().as_secs() < 30, "the read-only session kept no recovery file");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(names().iter().all(|n| n.contains(".read-only-")), "{:?}", names());
    second.send("\x13"); // Ctrl+S is refused
    second.wait_for("Saving is off");
    second.send("q");
    second.wait_for("Unsaved changes");
    second.send("d");
    assert_eq!(second.wait_exit(), 0);
    assert!(names().is_empty(), "quitting without saving discards the session's own recovery: {:?}", names());
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    phasebook::store::load(&file).unwrap();
}

#[test]
fn changes_kept_in_the_recovery_file_are_offered_after_a_kill() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    // Five changes write the recovery file at once.
    s.send(" j j j j ");
    s.wait_for("Overall   6 %");
    let recovery_folder = home.path().join("data").join("phasebook");
    let start = std::time::Instant::now();
    let recovery_files = || {
        std::fs::read_dir(&recovery_folder)
            .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".recovery.ron")).count())
            .unwrap_or(0)
    };
    while recovery_files() == 0 {
        assert!(start.elapsed().as_secs() < 30, "no recovery file");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let pid = s.pid().unwrap();
    std::process::Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    let _ = s.wait_exit();
    drop(s);

    let saved = apply_the_recovered_changes_and_save(&file, home.path(), "5 unsaved change(s)");
    assert_eq!(saved.history.len(), 5);
}

/// Two changes, then `signal`: the work is kept in the recovery file, the terminal is given
/// back as the shell left it, and the next start offers the changes.
fn a_signal_keeps_the_work_and_gives_the_terminal_back(signal: &str, exit_code: u32, says: &str) {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    assert!(!s.in_line_mode(), "the interface runs in raw mode");
    s.send(" j ");
    s.wait_for("[+]");
    s.signal(signal);
    assert_eq!(s.wait_exit(), exit_code);
    assert!(!s.in_alternate_screen(), "left in the alternate screen:\n{}", s.screen());
    assert!(s.in_line_mode(), "the terminal was left in raw mode");
    s.wait_for(says);
    s.wait_for("The unsaved changes are kept in");
    drop(s);
    assert!(phasebook::store::load(&file).unwrap().history.is_empty(), "a signal must not save");
    assert!(!phasebook::store::lock_path(&file).exists(), "the lock is left behind");

    let saved = apply_the_recovered_changes_and_save(&file, home.path(), "2 unsaved change(s)");
    assert_eq!(saved.history.len(), 2);
}

#[test]
fn sigterm_keeps_the_work_in_the_recovery_file_and_restores_the_terminal() {
    a_signal_keeps_the_work_and_gives_the_terminal_back("TERM", 143, "stopped by SIGTERM");
}

#[test]
fn sighup_keeps_the_work_in_the_recovery_file_and_restores_the_terminal() {
    a_signal_keeps_the_work_and_gives_the_terminal_back("HUP", 129, "stopped by SIGHUP");
}

#[test]
fn sigint_keeps_the_work_in_the_recovery_file_and_restores_the_terminal() {
    a_signal_keeps_the_work_and_gives_the_terminal_back("INT", 130, "stopped by SIGINT");
}

#[test]
fn sigquit_sigusr1_sigusr2_and_sigalrm_keep_the_work_and_restore_the_terminal_too() {
    for (signal, code) in [("QUIT", 131), ("USR1", 138), ("USR2", 140), ("ALRM", 142)] {
        a_signal_keeps_the_work_and_gives_the_terminal_back(signal, code, &format!("stopped by SIG{signal}"));
    }
}

/// The process state letter from `/proc/PID/stat`: `T` when stopped.
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    stat.rsplit(')').next().unwrap().trim().chars().next().unwrap()
}

#[test]
fn a_stop_gives_the_terminal_back_and_a_continue_takes_it_again_and_redraws() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    s.send(" j ");
    s.wait_for("[+]");
    let pid = s.pid().unwrap();
    s.signal("TSTP");
    s.wait_until("stopped", |_| process_state(pid) == 'T');
    assert!(!s.in_alternate_screen(), "stopped in the alternate screen:\n{}", s.screen());
    assert!(s.in_line_mode(), "stopped with the terminal raw");
    // What was unsaved is kept before stopping: a stopped session may never be continued.
    let recovery_folder = home.path().join("data").join("phasebook");
    let kept = phasebook::store::find_recovery(&recovery_folder, &file).unwrap().expect("a recovery file");
    assert_eq!(kept.changes.len(), 2, "{:?}", kept.changes);

    s.signal("CONT");
    s.wait_until("running again", |s| process_state(pid) != 'T' && s.in_alternate_screen() && !s.in_line_mode());
    s.wait_for("▶1 Initiate");
    s.wait_for("[+]");
    // It answers keys again, and quits as ever.
    s.send("q");
    s.wait_for("Unsaved changes");
    s.send("s");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(phasebook::store::load(&file).unwrap().history.len(), 2);

    // Stopped from outside (SIGSTOP cannot be caught) and continued: the terminal is taken
    // again and the screen drawn anew.
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    let pid = s.pid().unwrap();
    s.signal("STOP");
    s.wait_until("stopped", |_| process_state(pid) == 'T');
    let before = s.bytes_received();
    s.signal("CONT");
    s.wait_until("drawn anew", |s| s.bytes_received() > before + 500);
    s.wait_for("▶1 Initiate");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_work() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[("PHASEBOOK_DEBUG_PANIC_KEY", "!")]);
    s.wait_for("quit");
    s.send(" j ");
    s.wait_for("[+]");
    s.send("!");
    assert_eq!(s.wait_exit(), 101);
    assert!(!s.in_alternate_screen(), "left in the alternate screen:\n{}", s.screen());
    assert!(s.in_line_mode(), "the terminal was left in raw mode");
    s.wait_for("internal error");
    drop(s);

    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("2 unsaved change(s)");
    s.send("n\r");
    s.wait_for("quit");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_file_changed_on_disk_is_reloaded_with_the_unsaved_change_reapplied() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    // Someone else changes the file behind phasebook's back.
    let mut theirs = phasebook::store::load(&file).unwrap();
    let their_item = theirs.general[0].id.clone();
    theirs.item_mut(&their_item).unwrap().assignee = "Bo".into();
    phasebook::store::save(&file, &theirs).unwrap();

    s.send(" ");
    s.wait_for("[+]");
    s.send("\x13");
    s.wait_for("was changed on disk");
    s.wait_for("reload it and reapply your changes");
    s.send("r");
    s.wait_for("reapplied 1 of your changes");
    s.send("\x13");
    s.wait_for("Saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let saved = phasebook::store::load(&file).unwrap();
    assert_eq!(saved.general[0].assignee, "Bo", "their change is kept");
    assert_eq!(saved.history.len(), 1, "our change is in: {:?}", saved.history);
    assert!(saved.all_items().any(|(_, item)| item.status == phasebook::model::Status::Done));
}

#[test]
fn closing_the_terminal_keeps_the_work_and_lets_go_of_the_lock() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    s.send(" j ");
    s.wait_for("[+]");
    s.hang_up("k");
    // Whichever phasebook notices first: the hang-up signal (129) or the failed terminal read (1).
    let code = s.wait_exit();
    assert!(code == 129 || code == 1, "exit code {code}");
    assert!(!phasebook::store::lock_path(&file).exists(), "the lock is left behind");
    drop(s);

    let saved = apply_the_recovered_changes_and_save(&file, home.path(), "2 unsaved change(s)");
    assert_eq!(saved.history.len(), 2);
}

#[test]
fn a_note_being_typed_and_meeting_minutes_survive_the_terminal_closing() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    // A meeting's minutes, half written, and nothing else changed.
    s.send("mn");
    s.send("Customer agreed to pilot with 20 devices");
    s.wait_for("pilot with 20 devices");
    s.hang_up("!");
    let code = s.wait_exit();
    assert!(code == 129 || code == 1, "exit code {code}");
    drop(s);

    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("meeting in progress");
    s.send("y\r");
    s.wait_for("[+]");
    // Now a note, half written, when a SIGTERM comes.
    s.send("cCalled Bo about DNS");
    s.wait_for("Called Bo about DNS");
    s.signal("TERM");
    assert_eq!(s.wait_exit(), 143);
    drop(s);

    let saved = apply_the_recovered_changes_and_save(&file, home.path(), "the note being written");
    assert_eq!(saved.meetings.len(), 1);
    assert!(saved.meetings[0].minutes.contains("Customer agreed to pilot with 20 devices"), "{:?}", saved.meetings);
    assert!(saved.all_items().any(|(_, i)| i.notes.iter().any(|n| n.text == "Called Bo about DNS")));
}

/// Starts phasebook on `file`, waits for the recovery offer to show `offered`, applies the
/// changes, saves and quits; returns the workbook as saved.
fn apply_the_recovered_changes_and_save(
    file: &std::path::Path,
    home: &std::path::Path,
    offered: &str,
) -> phasebook::model::Workbook {
    let mut s = Session::start(&[file.to_str().unwrap()], home, &[]);
    s.wait_for(offered);
    s.send("y\r");
    s.wait_for("[+]");
    s.send("\x13");
    s.wait_for("Saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    phasebook::store::load(file).unwrap()
}

#[test]
fn a_bare_enter_or_a_stray_key_at_the_recovery_offer_keeps_the_changes_aside() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let recovery_folder = home.path().join("data").join("phasebook");
    for answer in ["\r", "?\x1b[6~\r"] {
        let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
        s.wait_for("quit");
        s.send(" ");
        s.wait_for("[+]");
        s.signal("TERM");
        assert_eq!(s.wait_exit(), 143);
        drop(s);
        let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
        s.wait_for("1 unsaved change(s)");
        s.send(answer);
        s.wait_for("Kept for later in");
        assert!(!s.screen().contains("[+]"), "the changes were not applied");
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
    let kept: Vec<String> = std::fs::read_dir(&recovery_folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".recovery.kept-"))
        .collect();
    assert_eq!(kept.len(), 2, "both are kept, neither written over: {kept:?}");
    for name in kept {
        let text = std::fs::read_to_string(recovery_folder.join(name)).unwrap();
        assert!(text.contains("changes"), "a whole recovery file");
    }
}

#[test]
fn a_read_only_session_stopped_by_a_signal_keeps_its_work_in_a_file_of_its_own() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut first = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    first.wait_for("quit");
    let mut second = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    second.wait_for("[read-only]");
    second.send("c");
    second.wait_for("New note");
    second.send("typed in read-only");
    second.wait_for("typed in read-only");
    second.signal("TERM");
    assert_eq!(second.wait_exit(), 143);
    let folder = home.path().join("data").join("phasebook");
    let kept: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".recovery.ron"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].to_string_lossy().contains(".read-only-"));
    assert!(std::fs::read_to_string(&kept[0]).unwrap().contains("typed in read-only"));
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
}

#[test]
fn text_terminals_draw_at_widths_of_their_own_keeps_every_border_in_its_column() {
    let home = tempfile::tempdir().unwrap();
    let text = crate::common::readme_example()
        .replace("customer: \"Contoso\"", "customer: \"Contoso\\u{1b}]2;owned\\u{7}\"")
        .replace(
            "text: \"Run the project on the customer side.\"",
            "text: \"Run 👩\u{200d}🔬 ❤\u{fe0f} 👍🏽 \u{1112}\u{1161}\u{11ab} tab\\there \\u{1b}[2J end\", assignee: \"田中\"",
        );
    let file = crate::common::write(home.path(), "w.ron", text.as_bytes());
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[("NO_COLOR", "1")]);
    s.wait_for("Prepare");
    s.send("0");
    s.wait_for("田中");
    let screen = s.screen();
    // A tab shows as white space (wrapped text breaks at it like at a space), controls as
    // what they are, and the title was not set.
    assert!(screen.contains("tab here"), "{screen}");
    assert!(screen.contains("Contoso\\u{1b}]2;owned\\u{7}"), "{screen}");
    assert!(screen.contains("\\u{1b}[2J"), "{screen}");
    // Every row between the pane's top and bottom borders has its borders where the top
    // border put them (at this width the details fold away, and the list is alone).
    let top = (0..crate::common::pty::ROWS).find(|&r| s.cells(r)[0] == "┌").expect("a pane's top border");
    let corners: Vec<usize> =
        s.cells(top).iter().enumerate().filter(|(_, c)| *c == "┐" || *c == "┌").map(|(i, _)| i).collect();
    assert_eq!(corners.len(), 2, "the checklist alone:\n{screen}");
    let mut rows = 0;
    for row in top + 1.. {
        let cells = s.cells(row);
        if cells[0] == "└" {
            break;
        }
        for &col in &corners {
            assert_eq!(cells[col], "│", "row {row}, column {col}:\n{screen}");
        }
        rows += 1;
    }
    assert!(rows > 10, "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn fifos_where_the_config_a_temp_file_or_the_workbook_would_be_are_not_waited_on() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let config = home.path().join("config").join("phasebook");
    std::fs::create_dir_all(&config).unwrap();
    crate::common::mkfifo(&config.join("config.ron"));
    crate::common::mkfifo(&home.path().join(".w.ron.abcdefghij.tmp"));
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("Initiate");
    s.send("?");
    s.wait_for("cannot be read");
    s.send("\x1b");
    s.wait_until("help closed", |s| !s.screen().contains("cannot be read"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let fifo = home.path().join("fifo.ron");
    crate::common::mkfifo(&fifo);
    let mut s = Session::start(&[fifo.to_str().unwrap()], home.path(), &[]);
    s.wait_for("FIFO");
    assert_eq!(s.wait_exit(), 1);
}

#[test]
fn a_damaged_recovery_file_is_set_aside_said_on_screen_and_never_written_over() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let recovery_folder = home.path().join("data").join("phasebook");
    std::fs::create_dir_all(&recovery_folder).unwrap();
    let recovery = phasebook::store::recovery_path(&recovery_folder, &file);
    let damaged = b"(workbook_path: \"half an hour of notes, cut off here".to_vec();
    std::fs::write(&recovery, &damaged).unwrap();

    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("could not be used");
    s.wait_for(".recovery.kept-");
    // Five changes write this session's recovery file at once; the damaged one stays.
    s.send(" j j j j ");
    s.wait_for("Overall   6 %");
    let start = std::time::Instant::now();
    while !recovery.exists() {
        assert!(start.elapsed().as_secs() < 30, "no recovery file of this session");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    s.signal("TERM");
    assert_eq!(s.wait_exit(), 143);
    let kept: Vec<_> = std::fs::read_dir(&recovery_folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".recovery.kept-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), damaged, "the damaged file is kept as it was");
    assert!(phasebook::store::find_recovery(&recovery_folder, &file).unwrap().is_some(), "this session's own");
}

#[test]
fn a_continue_sent_right_after_a_stop_is_not_lost() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    let pid = s.pid().unwrap();
    for round in 0..20 {
        std::process::Command::new("sh").args(["-c", &format!("kill -TSTP {pid}; kill -CONT {pid}")]).status().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        s.wait_until(&format!("running after round {round}"), |s| process_state(pid) != 'T' && s.in_alternate_screen());
    }
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_lead_adds_a_task_moves_it_reads_the_history_and_the_log_shows_it() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[("NO_COLOR", "1")]);
    s.wait_for("Initiate");
    s.send("+");
    s.wait_for("New task for Microsoft");
    s.send("Book the workshop room");
    s.wait_for("Book the workshop room");
    s.send("\r");
    s.wait_for("› Book the workshop room");
    s.send("K");
    s.wait_until("the task above the item it followed", |s| {
        let screen = s.screen();
        let (task, before) = (screen.find("Book the workshop room"), screen.find("Verify that you are eligible"));
        matches!((task, before), (Some(t), Some(b)) if t < b)
    });
    s.send("T");
    s.wait_for("History: every change");
    s.wait_for("item added · Book the workshop room");
    s.send("\x1b");
    s.wait_until("history closed", |s| !s.screen().contains("History: every change"));
    s.send("\x13"); // Ctrl+S
    s.wait_for("Saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let saved = phasebook::store::load(&file).unwrap();
    let own: Vec<_> = saved.phases[0].items.iter().filter(|i| i.own).collect();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].text, "Book the workshop room");
    let log = std::process::Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .args(["log", file.to_str().unwrap(), "--item", &own[0].id])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&log.stdout);
    assert!(text.contains("item added") && text.lines().count() == 2, "{text}");
}

/// Runs phasebook's command line on `args`, in English; its standard output.
fn command_line(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .args(args)
        .env("LANG", "C.UTF-8")
        .env("XDG_DATA_HOME", std::env::temp_dir().join("phasebook-pty-command-line"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_lead_holds_the_kick_off_corrects_its_minutes_settles_a_decision_and_passes_the_gate_on_an_earlier_day() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    // Initiate's work done and its criteria met, but for the kick-off meeting.
    let mut wb = phasebook::store::load(std::path::Path::new("workbooks/intune-fasttrack.en.ron")).unwrap();
    for item in &mut wb.phases[0].items {
        item.status = phasebook::model::Status::Done;
    }
    for c in &mut wb.phases[0].gate.criteria {
        c.met = c.id != "initiate.gate.kickoff";
    }
    phasebook::store::save(&file, &wb).unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[("NO_COLOR", "1")]);
    s.wait_for("Initiate");
    // The meeting offered is the planned kick-off; held, it meets the criterion.
    s.send("m");
    s.wait_for("Engagement kick-off meeting");
    s.send("n");
    s.send("Agreed the plan.");
    s.wait_for("Agreed the plan.");
    s.send("\x1b");
    s.wait_until("minutes done", |s| !s.screen().contains("Esc done"));
    s.send("c");
    s.wait_for("Criterion met: Kick-off meeting held");
    // Reread on the meetings screen, and its minutes corrected.
    s.send("w");
    s.wait_for("Agreed the plan.");
    s.send("n");
    s.send(" Bo keeps the list.");
    s.wait_for("Bo keeps the list.");
    s.send("\x1b");
    s.wait_until("minutes done", |s| !s.screen().contains("Esc done"));
    s.send("\x1b");
    s.wait_until("meetings closed", |s| !s.screen().contains("Bo keeps the list."));
    // A decision rejected, then superseded: the chain shows.
    s.send("L");
    s.send("a");
    s.send("Pilot group\r\r\r\r\rAnn, Bo\r");
    s.wait_for("Pilot group");
    s.send("t");
    s.wait_for("rejected");
    s.send("s");
    s.send("Everyone\r\r\r\r\r\r");
    s.wait_for("Chain: D-1 → [D-2]");
    s.send("\x1b");
    s.wait_until("decisions closed", |s| !s.screen().contains("Chain:"));
    // The gate passed at the meeting three days ago.
    s.send("r");
    s.wait_for("Gate: Ready to assess");
    s.send("d");
    s.send("-3d\r");
    s.wait_for("passed");
    s.send("\x1b");
    s.wait_until("gate closed", |s| !s.screen().contains("Gate: Ready to assess"));
    s.send("\x13"); // Ctrl+S
    s.wait_for("Saved");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let saved = phasebook::store::load(&file).unwrap();
    let day = saved.phases[0].gate.passed.as_ref().map(|p| p.date).expect("the gate passed");
    assert!(saved.phases[0].gate.criteria.iter().all(|c| c.met));
    assert_eq!(saved.meetings[0].minutes, "Agreed the plan. Bo keeps the list.");
    let path = file.to_str().unwrap();
    let status = command_line(&["status", path]);
    assert!(status.contains(&format!("passed {day}")), "{status}");
    let md = command_line(&["export", path, "--format", "md", "-o", "-"]);
    assert!(md.contains(&day.to_string()), "{md}");
    let log = command_line(&["log", path]);
    for said in [
        "criterion met: Kick-off meeting held",
        "minutes corrected",
        "decision D-1 set to rejected",
        "decision D-2 supersedes D-1",
        &format!("(dated {day})"),
    ] {
        assert!(log.contains(said), "{said}: {log}");
    }
}

#[test]
fn every_workbook_opened_joins_the_known_engagements_that_list_shows() {
    let home = tempfile::tempdir().unwrap();
    for (name, customer) in [("contoso.ron", "Contoso"), ("fabrikam.ron", "Fabrikam")] {
        let file = home.path().join(name);
        let mut wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
        wb.engagement.customer = customer.into();
        phasebook::store::save(&file, &wb).unwrap();
        let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
        s.wait_for(name);
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
    let list = std::process::Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .arg("list")
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&list.stdout);
    assert_eq!(stdout.lines().count(), 3, "a heading and the two opened:\n{stdout}");
    assert!(stdout.contains("Contoso") && stdout.contains("Fabrikam"), "{stdout}");
}
