//! What happens before the interface starts: finding the workbook (the working copy of the
//! bundled one when none is named), the user's config, and whether to apply changes a
//! stopped session kept in its recovery file.

use std::path::PathBuf;

use color_eyre::eyre::{Result, WrapErr, eyre};

use crate::app::config::Config;
use crate::cli::Cli;
use crate::i18n::{Lang, Strings, visible};
use crate::store;
use crate::templates::{self, DEFAULT_TEMPLATE};

pub use crate::project_dirs;

/// The user's working copy of the bundled workbook, made from the embedded one on first use.
pub fn working_copy(lang: Lang) -> Result<PathBuf> {
    let dirs = project_dirs().ok_or_else(|| eyre!("cannot find a home folder to keep the workbook in"))?;
    let folder = dirs.data_dir();
    std::fs::create_dir_all(folder).wrap_err_with(|| format!("cannot create {}", folder.display()))?;
    let template = templates::find(DEFAULT_TEMPLATE, lang.code())
        .or_else(|| templates::find(DEFAULT_TEMPLATE, "en"))
        .ok_or_else(|| eyre!("the bundled workbook is missing from this build"))?;
    let path = folder.join(template.file_name);
    if !path.exists() {
        let mut workbook = template.workbook()?;
        workbook.engagement.id = store::fresh_engagement_id();
        let _created = store::create_new(&path, &workbook)?;
    }
    Ok(path)
}

/// The configuration: the defaults, patched by the user's file if there is one.
/// The most of `config.ron` that is read.
const CONFIG_READ_LIMIT: u64 = 1024 * 1024;

pub fn load_config() -> Config {
    let login = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "me".into());
    let path = project_dirs().map(|d| d.config_dir().join("config.ron"));
    let Some(path) = path else { return Config::from_texts(None, &login) };
    // A config file is a few kilobytes; a FIFO or an endless device is not waited on.
    let read = store::fs::read_capped(&path, CONFIG_READ_LIMIT)
        .and_then(|b| String::from_utf8(b).map_err(|_| std::io::Error::other("it is not UTF-8 text")));
    match read {
        Ok(text) => Config::from_texts(Some((&path.display().to_string(), &text)), &login),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::from_texts(None, &login),
        Err(e) => {
            let mut config = Config::from_texts(None, &login);
            config.problems.insert(0, format!("{}: cannot be read ({e}); using the defaults", path.display()));
            config
        }
    }
}

/// Colours are on unless `--no-color` is given or NO_COLOR is set to anything non-empty.
pub fn wants_color(cli: &Cli) -> bool {
    !cli.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Why the workbook opens read-only, in the interface language.
pub fn read_only_reason(s: &Strings, e: &store::LockError) -> String {
    match e {
        store::LockError::HeldBy { holder, standing: store::Standing::Locked | store::Standing::OtherHost, .. } => s
            .read_only_held
            .replace("{user}", &holder.user)
            .replace("{host}", &holder.host)
            .replace("{since}", &holder.since.format("%Y-%m-%d %H:%M").to_string()),
        other => s.read_only_other.replace("{reason}", &other.to_string()),
    }
}

/// What the user said to the recovered changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Apply,
    /// Only an explicit no: the recovery file is deleted.
    Discard,
    /// Anything else (Enter, end of input, a stray key): the file is kept aside.
    Keep,
}

/// Reads an answer: yes applies, an explicit no discards, anything else keeps.
pub fn answer(text: &str) -> Answer {
    match text.trim().to_lowercase().as_str() {
        "y" | "yes" | "j" | "ja" => Answer::Apply,
        "n" | "no" | "nej" | "discard" | "kasta" => Answer::Discard,
        _ => Answer::Keep,
    }
}

/// Asks on the plain terminal, before the interface starts, whether to apply recovered changes.
pub fn offer_recovery(recovery: &store::Recovery, current: &store::Fingerprint, lang: Lang) -> Result<Answer> {
    use std::io::Write;
    let s = lang.strings();
    let mut err = std::io::stderr();
    // The file names and the changes quote the workbook: shown, never sent as controls.
    let found = s
        .recovery_found
        .replace("{path}", &recovery.workbook_path.display().to_string())
        .replace("{n}", &recovery.changes.len().to_string())
        .replace("{when}", &recovery.written.format("%Y-%m-%d %H:%M").to_string())
        .replace("{age}", &age(s, super::now() - recovery.written));
    writeln!(err, "{}", visible::terminal(&found))?;
    for change in recovery.changes.iter().rev().take(10) {
        writeln!(err, "  - {}", visible::line(&change.to_string()))?;
    }
    if recovery.changes.len() > 10 {
        writeln!(err, "  …")?;
    }
    if recovery.base.as_ref().is_some_and(|base| base != current) {
        writeln!(err, "{}", s.recovery_saved_since)?;
    }
    write!(err, "{} ", s.recovery_question)?;
    err.flush()?;
    let mut typed = String::new();
    // No input at all (end of input, no terminal) keeps the changes too.
    if std::io::stdin().read_line(&mut typed).is_err() {
        return Ok(Answer::Keep);
    }
    Ok(answer(&typed))
}

/// How long ago, in the largest whole unit: "just now", "5 min ago", "3 h ago", "2 days ago".
fn age(s: &Strings, elapsed: chrono::TimeDelta) -> String {
    let (n, unit) = if elapsed.num_days() >= 1 {
        (elapsed.num_days(), &s.age_days)
    } else if elapsed.num_hours() >= 1 {
        (elapsed.num_hours(), &s.age_hours)
    } else if elapsed.num_minutes() >= 1 {
        (elapsed.num_minutes(), &s.age_minutes)
    } else {
        return s.age_now.clone();
    };
    unit.replace("{n}", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_explicit_no_discards_recovered_changes() {
        assert_eq!(answer("y\n"), Answer::Apply);
        assert_eq!(answer("J"), Answer::Apply);
        assert_eq!(answer("n"), Answer::Discard);
        assert_eq!(answer("Nej"), Answer::Discard);
        for other in ["", "\n", "?\x1b[6~", "x", "yy"] {
            assert_eq!(answer(other), Answer::Keep, "{other:?}");
        }
    }

    #[test]
    fn ages_read_in_the_largest_whole_unit() {
        let s = Lang::En.strings();
        assert_eq!(age(s, chrono::TimeDelta::seconds(-5)), "just now");
        assert_eq!(age(s, chrono::TimeDelta::seconds(59)), "just now");
        assert_eq!(age(s, chrono::TimeDelta::minutes(12)), "12 min ago");
        assert_eq!(age(s, chrono::TimeDelta::minutes(150)), "2 h ago");
        assert_eq!(age(s, chrono::TimeDelta::hours(49)), "2 days ago");
        assert_eq!(age(Lang::Sv.strings(), chrono::TimeDelta::hours(49)), "för 2 dagar sedan");
    }
}
