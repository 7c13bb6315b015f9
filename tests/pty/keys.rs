//! Keys moved in the user's config, in the real binary: they act on every screen that
//! lists rows, the old keys no longer do, and `?` lists the keys as bound.

use crate::common::pty::Session;
use phasebook::model::edit::Edit;

/// A workbook with something on every screen: two items due today, three decisions.
fn workbook(path: &std::path::Path) {
    let mut wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    let today = chrono::Local::now().date_naive();
    for item in wb.phases[0].items.iter_mut().take(3) {
        item.due = Some(today);
    }
    for title in ["Pilot group", "Enrolment order", "Support hours"] {
        let record = phasebook::model::decision::record(
            &wb,
            title.into(),
            phasebook::model::DecisionKind::General,
            "ann",
            today,
        );
        let index = wb.decisions.len();
        Edit::Decision { index, from: None, to: Some(Box::new(record)) }.apply(&mut wb).unwrap();
    }
    phasebook::store::save(path, &wb).unwrap();
}

/// The selected row moves with the new keys and not with the old ones.
fn moves_only_with_the_new_keys(s: &mut Session, screen: &str) {
    let first = s.reversed();
    assert!(!first.is_empty(), "{screen}: nothing is selected:\n{}", s.screen());
    s.send("v");
    s.wait_until(&format!("{screen}: the selection moved down"), |s| s.reversed() != first);
    let second = s.reversed();
    s.send("z");
    s.wait_until(&format!("{screen}: the selection moved back up"), |s| s.reversed() == first);
    // The old down key before the new one: only the new one moves.
    s.send("jv");
    s.wait_until(&format!("{screen}: j did not move"), |s| s.reversed() == second);
    s.send("v");
    s.wait_until(&format!("{screen}: a third row"), |s| s.reversed() != second);
    // The old up key before the new one: only the new one moves.
    s.send("kz");
    s.wait_until(&format!("{screen}: k did not move"), |s| s.reversed() == second);
}

#[test]
fn keys_moved_in_the_config_file_move_on_every_screen_and_help_lists_them() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("phasebook");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.ron"), r#"(keys: { list: { up: ["z"], down: ["v"], toggle_done: ["t"] } })"#)
        .unwrap();
    let file = home.path().join("contoso.ron");
    workbook(&file);
    let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("Initiate");
    for (open, title, name) in [
        ("O", "┌ Scope", "Scope"),
        ("r", "┌ Gate", "Gate"),
        ("A", "┌ Assessment", "Assessment"),
        ("L", "┌ Decision log", "Decision log"),
        ("E", "┌ Engagement", "Engagement"),
        ("U", "┌ Upcoming", "Upcoming"),
    ] {
        s.send(open);
        s.wait_for(title);
        moves_only_with_the_new_keys(&mut s, name);
        s.send("?");
        s.wait_for(&format!("{:<18}Move to the next row", "v"));
        s.wait_for(&format!("{:<18}Move to the previous row", "z"));
        assert!(!s.screen().contains("↓, j"), "{name}: the help lists the old keys");
        s.send("\x1b");
        s.wait_until(&format!("{name}: help closed"), |s| !s.screen().contains("Move to the next row"));
        s.send("\x1b");
        s.wait_until(&format!("{name}: closed"), |s| !s.screen().contains(title));
    }
    // The meeting screen scrolls with the list keys; its help lists them as bound.
    s.send("m");
    s.wait_for("┌ Meeting");
    s.send("?");
    s.wait_for(&format!("{:<18}Scroll down", "v"));
    s.wait_for(&format!("{:<18}Scroll up", "z"));
    s.send("\x1b");
    s.wait_until("meeting help closed", |s| !s.screen().contains("Scroll down"));
    s.send("\x1b");
    s.wait_until("meeting closed", |s| !s.screen().contains("┌ Meeting"));
    // Toggling moved too: on the gate screen, t marks the selected criterion met; Space does not.
    s.send("r ");
    s.wait_for("┌ Gate");
    s.send("v");
    s.wait_until("the second criterion selected", |s| s.reversed().starts_with("[ ]") && s.screen().contains("[ ]"));
    s.send("t");
    s.wait_until("the second criterion met", |s| s.reversed().starts_with("[x]"));
    s.send("\x1b");
    s.wait_until("the gate closed", |s| !s.screen().contains("┌ Gate"));
    s.send("q");
    s.wait_for("Unsaved changes");
    s.send("s");
    assert_eq!(s.wait_exit(), 0);
    let saved = phasebook::store::load(&file).unwrap();
    let criteria = &saved.phases[0].gate.criteria;
    assert_eq!(criteria.iter().map(|c| c.met).collect::<Vec<_>>(), [false, true, false, false]);
}
