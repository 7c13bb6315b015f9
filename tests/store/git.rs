//! Working as two leads over git: git-setup, and git running phasebook as the merge driver
//! and the text filter of workbooks.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `git` in `dir`, with a config and a home of the test's own.
fn git(dir: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ann")
        .env("GIT_AUTHOR_EMAIL", "ann@example.com")
        .env("GIT_COMMITTER_NAME", "Ann")
        .env("GIT_COMMITTER_EMAIL", "ann@example.com")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("git runs (.ci/run installs it)")
}

fn phasebook(dir: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn git_setup_writes_the_attributes_and_the_config_once_and_print_only_shows_them() {
    let home = tempfile::tempdir().unwrap();
    let repo = home.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    assert!(git(&repo, home.path(), &["init", "-q"]).status.success());
    // Outside a repository: said, and nothing written.
    let outside = phasebook(home.path(), home.path(), &["git-setup"]);
    assert_eq!(outside.status.code(), Some(1));
    assert!(text(&outside.stderr).contains("is not inside a git repository"), "{}", text(&outside.stderr));
    let printed = phasebook(&repo, home.path(), &["git-setup", "--print"]);
    assert!(printed.status.success());
    assert!(text(&printed.stdout).contains("*.ron merge=phasebook diff=phasebook"));
    assert!(!repo.join(".gitattributes").exists(), "--print writes nothing");
    std::fs::write(repo.join(".gitattributes"), "*.png binary").unwrap();
    let mut said = Vec::new();
    for _ in 0..2 {
        let done = phasebook(&repo, home.path(), &["git-setup"]);
        assert!(done.status.success(), "{}", text(&done.stderr));
        said.push(text(&done.stdout));
    }
    assert!(said[0].contains("shows them as facts now"), "{}", said[0]);
    assert!(said[1].contains("already; nothing to change"), "a second run says it changed nothing: {}", said[1]);
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.png binary\n*.ron merge=phasebook diff=phasebook\n"
    );
    let driver = git(&repo, home.path(), &["config", "--local", "--get", "merge.phasebook.driver"]);
    assert!(
        text(&driver.stdout).trim_end().ends_with("merge --or-text --name %P %O %A %B"),
        "{}",
        text(&driver.stdout)
    );
    let filter = git(&repo, home.path(), &["config", "--local", "--get-all", "diff.phasebook.textconv"]);
    assert_eq!(text(&filter.stdout).lines().count(), 1, "set once, not added twice");
    // For every repository: the user's config and attributes file.
    let global = phasebook(&repo, home.path(), &["git-setup", "--global"]);
    assert!(global.status.success(), "{}", text(&global.stderr));
    let attributes = std::fs::read_to_string(home.path().join("config/git/attributes")).unwrap();
    assert_eq!(attributes, "*.ron merge=phasebook diff=phasebook\n");
    let user = std::fs::read_to_string(home.path().join("gitconfig")).unwrap();
    assert!(user.contains("[merge \"phasebook\"]") && user.contains("textconv"), "{user}");
}

#[test]
fn git_diff_reads_a_workbook_as_facts() {
    let home = tempfile::tempdir().unwrap();
    let repo = home.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    assert!(git(&repo, home.path(), &["init", "-q"]).status.success());
    assert!(phasebook(&repo, home.path(), &["git-setup"]).status.success());
    let file = repo.join("contoso.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    assert!(git(&repo, home.path(), &["add", "."]).status.success());
    assert!(git(&repo, home.path(), &["commit", "-qm", "start"]).status.success());
    let mut wb = phasebook::store::load(&file).unwrap();
    wb.phases[0].items[0].status = phasebook::model::Status::Done;
    wb.phases[0].items[0].assignee = "Åsa".into();
    phasebook::store::save(&file, &wb).unwrap();
    let diff = text(&git(&repo, home.path(), &["diff"]).stdout);
    let item = &wb.phases[0].items[0].text;
    assert!(diff.contains(&format!("-Initiate · {item}: not started\n")), "{diff}");
    assert!(diff.contains(&format!("+Initiate · {item}: done · Åsa\n")), "{diff}");
    assert!(!diff.contains("status:"), "no RON in the diff: {diff}");
}

/// A repository holding a workbook, and two clones of it set up for phasebook: the two
/// leads' laptops.
struct TwoLeads {
    home: tempfile::TempDir,
    ann: std::path::PathBuf,
    bo: std::path::PathBuf,
}

impl TwoLeads {
    fn new() -> TwoLeads {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let origin = h.join("origin.git");
        assert!(git(h, h, &["init", "-q", "--bare", origin.to_str().unwrap()]).status.success());
        let (ann, bo) = (h.join("ann"), h.join("bo"));
        for clone in [&ann, &bo] {
            assert!(git(h, h, &["clone", "-q", origin.to_str().unwrap(), clone.to_str().unwrap()]).status.success());
        }
        // Ann sets it up and commits the attributes; Bo, having pulled them, sets up his config.
        assert!(phasebook(&ann, h, &["git-setup"]).status.success());
        std::fs::copy("workbooks/intune-fasttrack.en.ron", ann.join("contoso.ron")).unwrap();
        assert!(git(&ann, h, &["add", "."]).status.success());
        assert!(git(&ann, h, &["commit", "-qm", "start"]).status.success());
        assert!(git(&ann, h, &["push", "-q", "origin", "HEAD"]).status.success());
        let branch = text(&git(&ann, h, &["rev-parse", "--abbrev-ref", "HEAD"]).stdout).trim().to_string();
        assert!(git(&bo, h, &["pull", "-q", "--no-rebase", "origin", &branch]).status.success());
        assert!(phasebook(&bo, h, &["git-setup"]).status.success());
        TwoLeads { home, ann, bo }
    }

    fn edit(&self, who: &Path, change: impl FnOnce(&mut phasebook::model::Workbook)) {
        let file = who.join("contoso.ron");
        let mut wb = phasebook::store::load(&file).unwrap();
        change(&mut wb);
        phasebook::store::save(&file, &wb).unwrap();
        assert!(git(who, self.home.path(), &["commit", "-qam", "work"]).status.success());
    }

    /// Ann pushes; Bo pulls, and git runs the merge driver.
    fn ann_pushes_bo_pulls(&self) -> Output {
        let h = self.home.path();
        assert!(git(&self.ann, h, &["push", "-q", "origin", "HEAD"]).status.success());
        let branch = text(&git(&self.ann, h, &["rev-parse", "--abbrev-ref", "HEAD"]).stdout).trim().to_string();
        git(&self.bo, h, &["pull", "--no-rebase", "--no-edit", "origin", &branch])
    }
}

fn note(text: &str, by: &str) -> phasebook::model::Note {
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+01:00").unwrap();
    phasebook::model::Note { at, by: by.into(), text: text.into() }
}

#[test]
fn two_leads_pull_each_others_work_and_git_merges_the_workbook_fact_by_fact() {
    use phasebook::model::Status;
    let leads = TwoLeads::new();
    // Different items, notes on the same item, a decision each.
    leads.edit(&leads.ann, |wb| {
        wb.phases[0].items[0].status = Status::Done;
        wb.phases[0].items[2].notes.push(note("Ann's note", "Ann"));
        let d = phasebook::model::decision::record(
            wb,
            "Ann's decision".into(),
            Default::default(),
            "Ann",
            wb.engagement.start_date.unwrap_or_default(),
        );
        wb.decisions.push(d);
    });
    leads.edit(&leads.bo, |wb| {
        wb.phases[0].items[1].assignee = "Bo".into();
        wb.phases[0].items[2].notes.push(note("Bo's note", "Bo"));
        let d = phasebook::model::decision::record(
            wb,
            "Bo's decision".into(),
            Default::default(),
            "Bo",
            wb.engagement.start_date.unwrap_or_default(),
        );
        wb.decisions.push(d);
    });
    let pulled = leads.ann_pushes_bo_pulls();
    assert!(pulled.status.success(), "{}{}", text(&pulled.stdout), text(&pulled.stderr));
    let merged = phasebook::store::load(&leads.bo.join("contoso.ron")).expect("the merged file opens");
    assert_eq!(merged.phases[0].items[0].status, Status::Done);
    assert_eq!(merged.phases[0].items[1].assignee, "Bo");
    let notes: Vec<&str> = merged.phases[0].items[2].notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    let titles: Vec<&str> = merged.decisions.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "both decisions, one renumbered: {titles:?}");
    assert_ne!(merged.decisions[0].id, merged.decisions[1].id);
    assert!(merged.conflicts.is_empty());
    // (phasebook's own backups beside the file are no part of the repository.)
    let status = text(&git(&leads.bo, leads.home.path(), &["status", "--porcelain", "--untracked-files=no"]).stdout);
    assert!(status.trim().is_empty(), "nothing left conflicted: {status}");
}

#[test]
fn the_same_status_changed_both_ways_is_a_conflict_kept_in_the_file_and_git_says_so() {
    use phasebook::model::Status;
    let leads = TwoLeads::new();
    leads.edit(&leads.ann, |wb| wb.phases[0].items[3].status = Status::Done);
    leads.edit(&leads.bo, |wb| wb.phases[0].items[3].status = Status::Blocked);
    let pulled = leads.ann_pushes_bo_pulls();
    assert!(!pulled.status.success(), "git stops for the conflict");
    // The driver's summary names the workbook as the repository does, not git's own copy,
    // and the conflict by the item's text.
    let said = text(&pulled.stderr);
    let item_text = phasebook::store::load(&leads.ann.join("contoso.ron")).unwrap().phases[0].items[3].text.clone();
    assert!(said.contains("contoso.ron: merged;") && !said.contains(".merge_file"), "{said}");
    assert!(said.contains(&item_text), "{said}");
    let file = leads.bo.join("contoso.ron");
    let raw = std::fs::read_to_string(&file).unwrap();
    assert!(!raw.contains("<<<<<<<"), "no text markers");
    let merged = phasebook::store::load(&file).expect("the file opens");
    assert_eq!(merged.phases[0].items[3].status, Status::Blocked, "ours kept");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].target, merged.phases[0].items[3].id);
    let status = text(&git(&leads.bo, leads.home.path(), &["status", "--porcelain"]).stdout);
    assert!(status.contains("UU contoso.ron"), "{status}");
    // validate names it as a warning.
    let checked = phasebook(&leads.bo, leads.home.path(), &["validate", file.to_str().unwrap()]);
    assert!(text(&checked.stdout).contains("warning"), "{}", text(&checked.stdout));
    // Opened, the conflicts screen lists it; settled on theirs, the file is Ann's status.
    let config = phasebook::app::config::Config::from_texts(None, "bo");
    let mut app = phasebook::app::state::App::new(
        merged,
        file.clone(),
        phasebook::i18n::Lang::En,
        config,
        crate::common::headless::now(),
    );
    phasebook::app::update::update(&mut app, phasebook::app::update::Msg::Resize(100, 30));
    crate::common::headless::keys(&mut app, "C");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("ours (kept for now): blocked") && screen.contains("theirs: done"), "{screen}");
    crate::common::headless::keys(&mut app, "t");
    assert!(app.workbook.conflicts.is_empty());
    assert_eq!(app.workbook.phases[0].items[3].status, Status::Done);
}

#[test]
fn merge_refuses_what_is_no_workbook_and_leaves_ours_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &ours).unwrap();
    let before = std::fs::read(&ours).unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "<<<<<<< HEAD\n").unwrap();
    let other = dir.path().join("sv.ron");
    std::fs::copy("workbooks/intune-fasttrack.sv.ron", &other).unwrap();
    for theirs in [&bad, &other] {
        let out = phasebook(
            dir.path(),
            dir.path(),
            &["merge", ours.to_str().unwrap(), ours.to_str().unwrap(), theirs.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(!out.stderr.is_empty());
        assert_eq!(std::fs::read(&ours).unwrap(), before, "ours untouched");
    }
}

#[test]
fn upgrade_brings_in_new_and_reworded_items_of_a_newer_process_and_keeps_the_engagements_state() {
    use phasebook::model::{Item, Owner, Status};
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path();
    let file = h.join("contoso.ron");
    let mut engagement = phasebook::store::load(Path::new("workbooks/intune-fasttrack.en.ron")).unwrap();
    engagement.engagement.customer = "Contoso".into();
    engagement.phases[0].items[0].status = Status::Done;
    engagement.phases[0].items[0].assignee = "Åsa".into();
    phasebook::store::save(&file, &engagement).unwrap();
    // The newer process: the first item reworded, one item more.
    let mut newer = phasebook::model::template::cleared(&engagement);
    newer.phases[0].items[0].text = "Get in touch within 30 days of the purchase.".into();
    newer.phases[0].items.push(Item::new("initiate.ms.welcome-pack", Owner::Microsoft, "Send the welcome pack."));
    let template = h.join("newer.ron");
    phasebook::store::save(&template, &newer).unwrap();
    let out = phasebook(h, h, &["upgrade", file.to_str().unwrap(), "--template", template.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("1 new item(s), 1 reworded, 0 conflict(s)"), "{}", text(&out.stdout));
    let upgraded = phasebook::store::load(&file).unwrap();
    let first = &upgraded.phases[0].items[0];
    assert_eq!(first.text, "Get in touch within 30 days of the purchase.");
    assert_eq!((first.status, first.assignee.as_str()), (Status::Done, "Åsa"), "the state is kept");
    assert!(upgraded.item("initiate.ms.welcome-pack").is_some());
    assert_eq!(upgraded.engagement.customer, "Contoso");
    // A template of another process is refused, the file untouched.
    let before = std::fs::read(&file).unwrap();
    let mut other = newer.clone();
    other.meta.template = "another".into();
    phasebook::store::save(&template, &other).unwrap();
    let refused = phasebook(h, h, &["upgrade", file.to_str().unwrap(), "--template", template.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // A newer process that drops an item the engagement finished: a conflict, kept in the file.
    let mut worked = upgraded.clone();
    let at = worked.phases[0].items.iter().position(|i| i.id == "initiate.ms.welcome-pack").unwrap();
    worked.phases[0].items[at].status = Status::Done;
    phasebook::store::save(&file, &worked).unwrap();
    let mut dropped = phasebook::model::template::cleared(&worked);
    dropped.phases[0].items.remove(at);
    phasebook::store::save(&template, &dropped).unwrap();
    let clash = phasebook(h, h, &["upgrade", file.to_str().unwrap(), "--template", template.to_str().unwrap()]);
    assert_eq!(clash.status.code(), Some(1), "{}{}", text(&clash.stdout), text(&clash.stderr));
    let kept = phasebook::store::load(&file).expect("the file opens");
    assert_eq!(kept.conflicts.len(), 1, "{:?}", kept.conflicts);
    assert_eq!(kept.conflicts[0].target, "initiate.ms.welcome-pack");
    assert!(kept.item("initiate.ms.welcome-pack").is_some(), "kept, as ours");
}

#[test]
fn another_ron_file_that_is_no_workbook_is_merged_line_by_line_as_git_would() {
    let leads = TwoLeads::new();
    let h = leads.home.path();
    std::fs::write(leads.ann.join("settings.ron"), "(\n  a: 1,\n  b: 2,\n  c: 3,\n)\n").unwrap();
    assert!(git(&leads.ann, h, &["add", "settings.ron"]).status.success());
    assert!(git(&leads.ann, h, &["commit", "-qm", "settings"]).status.success());
    let pulled = leads.ann_pushes_bo_pulls();
    assert!(pulled.status.success(), "{}", text(&pulled.stderr));
    std::fs::write(leads.ann.join("settings.ron"), "(\n  a: 10,\n  b: 2,\n  c: 3,\n)\n").unwrap();
    assert!(git(&leads.ann, h, &["commit", "-qam", "a"]).status.success());
    std::fs::write(leads.bo.join("settings.ron"), "(\n  a: 1,\n  b: 2,\n  c: 30,\n)\n").unwrap();
    assert!(git(&leads.bo, h, &["commit", "-qam", "c"]).status.success());
    let pulled = leads.ann_pushes_bo_pulls();
    assert!(pulled.status.success(), "{}{}", text(&pulled.stdout), text(&pulled.stderr));
    assert_eq!(std::fs::read_to_string(leads.bo.join("settings.ron")).unwrap(), "(\n  a: 10,\n  b: 2,\n  c: 30,\n)\n");
}

#[test]
fn a_base_that_is_no_ancestor_of_both_copies_is_refused_and_ours_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path();
    let base = phasebook::store::load(Path::new("workbooks/intune-fasttrack.en.ron")).unwrap();
    let change = |by: &str| phasebook::model::Change {
        at: chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+01:00").unwrap(),
        by: by.into(),
        target: "initiate.ms.contact".into(),
        what: "x".into(),
        said: None,
    };
    let (mut ours, mut theirs, mut later) = (base.clone(), base.clone(), base.clone());
    ours.history.push(change("Ann"));
    theirs.history.push(change("Bo"));
    later.history.push(change("Cy"));
    let path = |name: &str, wb: &phasebook::model::Workbook| {
        let p = h.join(name);
        phasebook::store::save(&p, wb).unwrap();
        p
    };
    let (o, t, l) = (path("ours.ron", &ours), path("theirs.ron", &theirs), path("later.ron", &later));
    let before = std::fs::read(&o).unwrap();
    let out = phasebook(h, h, &["merge", l.to_str().unwrap(), o.to_str().unwrap(), t.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("not what both grew from"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&o).unwrap(), before);
}

#[test]
fn the_rough_edges_of_merging_by_hand_and_by_git_are_said_and_never_write_over_work() {
    use phasebook::model::{Note, Status};
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path();
    let base = phasebook::store::load(Path::new("workbooks/intune-fasttrack.en.ron")).unwrap();
    let path = |name: &str| h.join(name);
    let arg = |name: &str| path(name).to_str().unwrap().to_string();
    let save = |name: &str, wb: &phasebook::model::Workbook| phasebook::store::save(&path(name), wb).unwrap();
    // Both leads made the file: git's base is empty. The merge starts from the process alone,
    // and the two customers' names are one conflict; no text markers.
    std::fs::write(path("empty.ron"), "").unwrap();
    let (mut a, mut b) = (base.clone(), base.clone());
    a.engagement.customer = "Northwind".into();
    b.engagement.customer = "Northwind Traders".into();
    (a.engagement.id, b.engagement.id) = ("e-a".into(), "e-b".into());
    save("a.ron", &a);
    save("b.ron", &b);
    let out = phasebook(h, h, &["merge", "--or-text", &arg("empty.ron"), &arg("a.ron"), &arg("b.ron")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let merged = phasebook::store::load(&path("a.ron")).expect("the file opens");
    assert_eq!(merged.conflicts.len(), 1, "the customer; never the ids no person could choose: {:?}", merged.conflicts);
    assert_eq!(merged.engagement.id, "e-a", "ours");
    assert!(text(&out.stderr).contains("Northwind"), "the conflict named by the customer: {}", text(&out.stderr));
    // A workbook broken by hand is said with its place, never merged line by line.
    save("a.ron", &a);
    let broken = std::fs::read_to_string(path("b.ron")).unwrap().replacen("meta: (", "meta: ((", 1);
    std::fs::write(path("b.ron"), &broken).unwrap();
    let before = std::fs::read(path("a.ron")).unwrap();
    save("base.ron", &base);
    let out = phasebook(h, h, &["merge", "--or-text", &arg("base.ron"), &arg("a.ron"), &arg("b.ron")]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("b.ron:"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(path("a.ron")).unwrap(), before, "ours untouched, no markers");
    // Under git, the copy at fault is said by the workbook's name, not git's own file's.
    let out = phasebook(
        h,
        h,
        &["merge", "--or-text", "--name", "contoso.ron", &arg("base.ron"), &arg("a.ron"), &arg("b.ron")],
    );
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(said.contains("contoso.ron (their copy)") && !said.contains(&arg("b.ron")), "{said}");
    // -o never writes over a file that is there, an input least of all.
    save("b.ron", &b);
    let out = phasebook(h, h, &["merge", &arg("base.ron"), &arg("a.ron"), &arg("b.ron"), "-o", &arg("base.ron")]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(phasebook::store::load(&path("base.ron")).unwrap(), base);
    // Their copy holding a conflict committed unsettled: their copy is named, and the way out.
    let mut theirs = b.clone();
    theirs.conflicts.push(phasebook::model::Conflict {
        target: "engagement".into(),
        field: "customer".into(),
        base: None,
        ours: None,
        theirs: None,
    });
    save("held.ron", &theirs);
    let out = phasebook(h, h, &["merge", &arg("base.ron"), &arg("a.ron"), &arg("held.ron")]);
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(said.starts_with(&arg("held.ron")) && said.contains("ask whoever committed them"), "{said}");
    // git's text filter on another .ron file: shown as it is, git's temporary name never said.
    std::fs::write(path("settings.ron"), "(theme: \"dark\")\n").unwrap();
    let out = phasebook(h, h, &["show", "--or-raw", &arg("settings.ron")]);
    assert!(out.status.success() && out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "(theme: \"dark\")\n");
    // Two notes of one time and author: diff of a file with itself says nothing.
    let mut twice = base.clone();
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+01:00").unwrap();
    for text in ["Erik's", "Anna's edit of Erik's"] {
        twice.phases[0].items[0].notes.push(Note { at, by: "Erik".into(), text: text.into() });
    }
    twice.phases[0].items[0].status = Status::Done;
    save("twice.ron", &twice);
    let out = phasebook(h, h, &["diff", &arg("twice.ron"), &arg("twice.ron")]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "", "nothing differs");
}

#[test]
fn upgrading_keeps_what_the_lead_reworded_and_the_history_says_it_happened() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path();
    let file = h.join("contoso.ron");
    let mut wb = phasebook::store::load(Path::new("workbooks/intune-fasttrack.en.ron")).unwrap();
    let edit =
        phasebook::model::items::reword(&wb, Some(0), 0, "Start the onboarding with Contoso Ltd.", None).unwrap();
    edit.apply(&mut wb).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+01:00").unwrap();
    let said = phasebook::model::Said::ItemReworded { to: "Start the onboarding with Contoso Ltd.".into() };
    let target = wb.phases[0].items[0].id.clone();
    wb.history.push(phasebook::model::Change {
        at,
        by: "Ann".into(),
        target,
        what: "reworded".into(),
        said: Some(said),
    });
    phasebook::store::save(&file, &wb).unwrap();
    let out = phasebook(h, h, &["upgrade", file.to_str().unwrap(), "--template", "intune-fasttrack"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let upgraded = phasebook::store::load(&file).unwrap();
    assert_eq!(upgraded.phases[0].items[0].text, "Start the onboarding with Contoso Ltd.", "the lead's words stay");
    let last = upgraded.history.last().unwrap();
    assert!(last.what.starts_with("process upgraded to intune-fasttrack"), "{}", last.what);
    // -o never writes over another file.
    let other = h.join("other.ron");
    std::fs::write(&other, "keep me").unwrap();
    let refused = phasebook(
        h,
        h,
        &["upgrade", file.to_str().unwrap(), "--template", "intune-fasttrack", "-o", other.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
}
