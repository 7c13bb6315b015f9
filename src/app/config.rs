//! The user's configuration: their name, the mouse, and key bindings. The defaults are
//! `assets/config.ron`; a user's `config.ron` in the config folder patches them.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::action::Action;
use super::keys::KeyMap;

/// The default configuration, also the documented example of the file.
pub const DEFAULT: &str = include_str!("../../assets/config.ron");

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConfigFile {
    /// The name used for "mine" and in the change history; default: the login name.
    pub user: Option<String>,
    /// Whether the mouse selects and scrolls; default on.
    pub mouse: Option<bool>,
    /// Keys per action; an action named here gets exactly these keys.
    pub keys: BTreeMap<Action, Vec<String>>,
}

/// The configuration in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub user: String,
    pub mouse: bool,
    pub keymap: KeyMap,
    /// Problems with the user's file, shown on screen rather than refusing to start.
    pub problems: Vec<String>,
}

impl Config {
    /// The defaults patched by the user's file text (if any); `login` is the fallback name.
    pub fn from_texts(user_text: Option<(&str, &str)>, login: &str) -> Config {
        let defaults: ConfigFile = crate::store::from_ron(DEFAULT).unwrap_or_default();
        let mut problems = Vec::new();
        let user: ConfigFile = match user_text {
            Some((path, text)) => crate::store::from_ron(text).unwrap_or_else(|e| {
                problems
                    .push(format!("{path}:{}:{}: {}; using the defaults", e.span.start.line, e.span.start.col, e.code));
                ConfigFile::default()
            }),
            None => ConfigFile::default(),
        };
        let keymap = KeyMap::build(&defaults.keys, &user.keys);
        problems.extend(keymap.problems.iter().cloned());
        let name = user.user.or(defaults.user).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| login.to_string());
        Config { user: name, mouse: user.mouse.or(defaults.mouse).unwrap_or(true), keymap, problems }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::Key;

    #[test]
    fn the_default_config_parses_and_binds_every_action_without_clashes() {
        let config = Config::from_texts(None, "ann");
        assert!(config.problems.is_empty(), "{:?}", config.problems);
        for action in Action::all() {
            assert!(!config.keymap.keys(action).is_empty(), "{} has no key", action.name());
        }
        assert_eq!(config.user, "ann");
    }

    #[test]
    fn a_user_file_patches_keys_and_sets_name_and_mouse() {
        let text = r#"(user: "Åsa Berg", mouse: false, keys: { save: ["f2"], go_to_phase(2): ["ctrl-2"] })"#;
        let config = Config::from_texts(Some(("config.ron", text)), "ann");
        assert_eq!(config.user, "Åsa Berg");
        assert!(!config.mouse);
        assert_eq!(config.keymap.action(Key::parse("f2").unwrap()), Some(Action::Save));
        assert_eq!(config.keymap.action(Key::parse("ctrl-2").unwrap()), Some(Action::GoToPhase(2)));
        assert_eq!(config.keymap.action(Key::parse("ctrl-s").unwrap()), None);
    }

    #[test]
    fn a_broken_user_file_is_reported_and_the_defaults_used() {
        let config = Config::from_texts(Some(("config.ron", "(keys: {")), "ann");
        assert_eq!(config.problems.len(), 1);
        assert!(config.problems[0].starts_with("config.ron:1:"), "{:?}", config.problems);
        assert_eq!(config.keymap.action(Key::parse("ctrl-s").unwrap()), Some(Action::Save));
    }

    #[test]
    fn a_clash_in_the_user_file_is_reported() {
        let config = Config::from_texts(Some(("c", r#"(keys: { quit: ["j"] })"#)), "ann");
        assert!(config.problems.iter().any(|p| p.contains("j is bound to both")), "{:?}", config.problems);
    }
}
