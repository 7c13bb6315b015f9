//! Working as two leads over git: what `phasebook git-setup` writes so that git merges
//! workbooks with phasebook's own merge (never leaving `<<<<<<<` inside RON) and shows them
//! as facts in `git diff` and `git log -p`.

use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

/// The line of `.gitattributes` that hands `.ron` files to the driver and the text filter.
pub const ATTRIBUTES_LINE: &str = "*.ron merge=phasebook diff=phasebook";

#[derive(Debug, Error)]
pub enum GitError {
    #[error("git could not be run ({0}); install git, or add the lines --print shows by hand")]
    NoGit(String),
    #[error("{0} is not inside a git repository; run git-setup in one, or with --global for all of yours")]
    NotARepository(PathBuf),
    #[error("git config failed: {0}")]
    Config(String),
    #[error("{path}: {error}")]
    Attributes { path: PathBuf, error: std::io::Error },
}

/// What git-setup writes: the attributes line into `attributes`, unless it is there
/// already, and each `(key, value)` into git's config (the repository's, or the user's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub attributes: PathBuf,
    pub attributes_has_line: bool,
    pub global: bool,
    pub config: Vec<(String, String)>,
    /// Every config entry holds its value already.
    pub config_set: bool,
}

/// The config entries for phasebook at `exe`: the merge driver (`%O %A %B`: base, ours,
/// theirs; the result goes to ours, which git keeps in a file of its own while `%P` is the
/// workbook's name in the repository) and the text git diffs a workbook as.
pub fn config_entries(exe: &Path) -> Vec<(String, String)> {
    let exe = quoted(&exe.display().to_string());
    vec![
        ("merge.phasebook.name".into(), "phasebook: merge engagement workbooks fact by fact".into()),
        ("merge.phasebook.driver".into(), format!("{exe} merge --or-text --name %P %O %A %B")),
        ("diff.phasebook.textconv".into(), format!("{exe} show --or-raw")),
    ]
}

/// A path as a shell word for git to run: quoted when it holds anything but plain characters.
fn quoted(path: &str) -> String {
    if path.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}

fn git(args: &[&str], dir: &Path) -> Result<std::process::Output, GitError> {
    Command::new("git").args(args).current_dir(dir).output().map_err(|e| GitError::NoGit(e.to_string()))
}

/// What git-setup would do from folder `dir`, for the repository there or (`global`) for
/// every repository of the user's.
pub fn plan(dir: &Path, global: bool, exe: &Path) -> Result<Setup, GitError> {
    let attributes = if global {
        // The user's attributes file: git's own setting, else its default place.
        let set = git(&["config", "--global", "--get", "core.attributesFile"], dir)?;
        let named = String::from_utf8_lossy(&set.stdout).trim().to_string();
        if named.is_empty() {
            let config = std::env::var_os("XDG_CONFIG_HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
                .unwrap_or_else(|| PathBuf::from(".config"));
            config.join("git").join("attributes")
        } else if let Some(rest) = named.strip_prefix("~/") {
            std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default().join(rest)
        } else {
            PathBuf::from(named)
        }
    } else {
        let top = git(&["rev-parse", "--show-toplevel"], dir)?;
        if !top.status.success() {
            return Err(GitError::NotARepository(dir.to_path_buf()));
        }
        PathBuf::from(String::from_utf8_lossy(&top.stdout).trim()).join(".gitattributes")
    };
    let attributes_has_line = std::fs::read_to_string(&attributes)
        .map(|text| text.lines().any(|l| l.trim() == ATTRIBUTES_LINE))
        .unwrap_or(false);
    let config = config_entries(exe);
    let scope = if global { "--global" } else { "--local" };
    let mut config_set = true;
    for (key, value) in &config {
        let now = git(&["config", scope, "--get", key], dir)?;
        config_set &= now.status.success() && String::from_utf8_lossy(&now.stdout).trim_end_matches('\n') == value;
    }
    Ok(Setup { attributes, attributes_has_line, global, config, config_set })
}

impl Setup {
    /// What would be written, as the lines a person could add by hand.
    pub fn describe(&self) -> String {
        let scope = if self.global { "--global" } else { "--local" };
        let mut out = format!("{}: {ATTRIBUTES_LINE}\n", self.attributes.display());
        for (key, value) in &self.config {
            out.push_str(&format!("git config {scope} {key} {}\n", quoted(value)));
        }
        out
    }

    /// Whether everything is in place already: writing would change nothing.
    pub fn is_done(&self) -> bool {
        self.attributes_has_line && self.config_set
    }

    /// Writes it. Run twice, the second run changes nothing.
    pub fn apply(&self, dir: &Path) -> Result<(), GitError> {
        if !self.attributes_has_line {
            let attributes_error = |error| GitError::Attributes { path: self.attributes.clone(), error };
            if let Some(parent) = self.attributes.parent() {
                std::fs::create_dir_all(parent).map_err(attributes_error)?;
            }
            let mut text = std::fs::read_to_string(&self.attributes).unwrap_or_default();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(ATTRIBUTES_LINE);
            text.push('\n');
            std::fs::write(&self.attributes, text).map_err(attributes_error)?;
        }
        let scope = if self.global { "--global" } else { "--local" };
        for (key, value) in &self.config {
            let done = git(&["config", scope, key, value], dir)?;
            if !done.status.success() {
                return Err(GitError::Config(String::from_utf8_lossy(&done.stderr).trim().to_string()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_and_the_text_filter_name_phasebook_by_a_path_git_can_run() {
        let entries = config_entries(Path::new("/opt/phase book/phasebook"));
        assert_eq!(entries[1].1, "'/opt/phase book/phasebook' merge --or-text --name %P %O %A %B");
        assert_eq!(entries[2].1, "'/opt/phase book/phasebook' show --or-raw");
        assert_eq!(
            config_entries(Path::new("/usr/bin/phasebook"))[1].1,
            "/usr/bin/phasebook merge --or-text --name %P %O %A %B"
        );
    }
}
