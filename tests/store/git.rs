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
    for _ in 0..2 {
        let done = phasebook(&repo, home.path(), &["git-setup"]);
        assert!(done.status.success(), "{}", text(&done.stderr));
    }
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitattributes")).unwrap(),
        "*.png binary\n*.ron merge=phasebook diff=phasebook\n"
    );
    let driver = git(&repo, home.path(), &["config", "--local", "--get", "merge.phasebook.driver"]);
    assert!(text(&driver.stdout).trim_end().ends_with("merge %O %A %B"), "{}", text(&driver.stdout));
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
