//! The user's configuration: their name, the mouse, and key bindings per context. The
//! defaults are `assets/config.ron`; a user's `config.ron` in the config folder patches them.
//! A file written for earlier versions, with one flat list of keys, still works.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, EnumAccess, VariantAccess, Visitor};

use super::action::Action;
use super::context::Context;
use super::keymap::{KeyMap, KeyTable};

/// A context or action name as the file writes it: one phasebook knows, or one it does not,
/// which is reported and skipped instead of throwing the rest of the file away.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Named<T> {
    Known(T),
    Unknown(String),
}

/// A bare identifier, as a variant's name.
struct Ident(String);

impl<'de> Deserialize<'de> for Ident {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ident, D::Error> {
        struct Id;
        impl Visitor<'_> for Id {
            type Value = Ident;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Ident, E> {
                Ok(Ident(v.to_string()))
            }
        }
        d.deserialize_identifier(Id)
    }
}

/// Reads a name: a bare word, or `go_to_phase(n)`.
struct NameVisitor<T>(fn(&str, Option<u8>) -> Option<T>);

impl<'de, T> Visitor<'de> for NameVisitor<T> {
    type Value = Named<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a name such as `down` or `go_to_phase(2)`")
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Named<T>, A::Error> {
        let (Ident(name), variant) = data.variant::<Ident>()?;
        if name == "go_to_phase" {
            let n: u8 = variant.newtype_variant()?;
            return Ok((self.0)(&name, Some(n)).map_or_else(|| Named::Unknown(format!("{name}({n})")), Named::Known));
        }
        variant.unit_variant()?;
        Ok((self.0)(&name, None).map_or(Named::Unknown(name), Named::Known))
    }
}

impl<'de> Deserialize<'de> for Named<Action> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_enum(
            "Action",
            &[],
            NameVisitor(|name, n| match n {
                Some(n) if (1..=super::action::MAX_PHASE_KEY).contains(&n) => Some(Action::GoToPhase(n)),
                Some(_) => None,
                None => Action::all().find(|a| !matches!(a, Action::GoToPhase(_)) && a.name() == name),
            }),
        )
    }
}

impl<'de> Deserialize<'de> for Named<Context> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_enum(
            "Context",
            &[],
            NameVisitor(|name, n| n.is_none().then(|| Context::ALL.into_iter().find(|c| c.name() == name)).flatten()),
        )
    }
}

/// Keys per action per context, as the file writes them, names not yet checked.
type WrittenKeys = BTreeMap<Named<Context>, BTreeMap<Named<Action>, Vec<String>>>;

/// The written table with every name checked: what is known, and a problem for each name that is not.
fn checked(written: WrittenKeys, problems: &mut Vec<String>) -> KeyTable {
    let mut table = KeyTable::new();
    for (context, actions) in written {
        let context = match context {
            Named::Known(c) => c,
            Named::Unknown(name) => {
                let known = Context::ALL.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ");
                problems.push(format!("keys: {name} is not a context; the contexts are {known}"));
                continue;
            }
        };
        for (action, keys) in actions {
            match action {
                Named::Known(a) => {
                    table.entry(context).or_default().insert(a, keys);
                }
                Named::Unknown(name) => problems.push(format!(
                    "[{}]: {name} is not an action; the actions there are {}",
                    context.name(),
                    context.actions().iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")
                )),
            }
        }
    }
    table
}

/// The default configuration, also the documented example of the file.
pub const DEFAULT: &str = include_str!("../../assets/config.ron");

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConfigFile {
    /// The name used for "mine" and in the change history; default: the login name.
    pub user: Option<String>,
    /// Whether the mouse selects and scrolls; default on.
    pub mouse: Option<bool>,
    /// Keys per action per context; an action named in a context gets exactly these keys there.
    keys: WrittenKeys,
}

/// The file as earlier versions wrote it: one list of keys for the main screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct FlatConfigFile {
    user: Option<String>,
    mouse: Option<bool>,
    keys: BTreeMap<Named<Action>, Vec<String>>,
}

impl FlatConfigFile {
    /// Each action goes to the context that binds it by default, of those the flat list
    /// could reach: the main screen and its layers.
    fn into_current(self, defaults: &KeyTable) -> ConfigFile {
        let mut keys = WrittenKeys::new();
        for (action, list) in self.keys {
            let home = match &action {
                Named::Known(a) => [Context::Main, Context::Global, Context::List]
                    .into_iter()
                    .find(|c| defaults.get(c).is_some_and(|t| t.contains_key(a)))
                    .unwrap_or(Context::Main),
                Named::Unknown(_) => Context::Main,
            };
            keys.entry(Named::Known(home)).or_default().insert(action, list);
        }
        ConfigFile { user: self.user, mouse: self.mouse, keys }
    }
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
        let mut problems = Vec::new();
        let defaults: ConfigFile = crate::store::from_ron(DEFAULT).unwrap_or_default();
        let default_keys = checked(defaults.keys, &mut problems);
        let user: ConfigFile = match user_text {
            Some((path, text)) => match crate::store::from_ron::<ConfigFile>(text) {
                Ok(file) => file,
                Err(e) => match crate::store::from_ron::<FlatConfigFile>(text) {
                    Ok(flat) => flat.into_current(&default_keys),
                    Err(_) => {
                        let (line, col) = (e.span.start.line, e.span.start.col);
                        problems.push(format!("{path}:{line}:{col}: {}; using the defaults", e.code));
                        ConfigFile::default()
                    }
                },
            },
            None => ConfigFile::default(),
        };
        let user_keys = checked(user.keys, &mut problems);
        let keymap = KeyMap::build(&default_keys, &user_keys);
        problems.extend(keymap.problems.iter().cloned());
        let name = user.user.or(defaults.user).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| login.to_string());
        Config { user: name, mouse: user.mouse.or(defaults.mouse).unwrap_or(true), keymap, problems }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::Key;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap()
    }

    #[test]
    fn the_default_config_parses_and_binds_every_action_of_every_context_without_clashes() {
        let config = Config::from_texts(None, "ann");
        assert!(config.problems.is_empty(), "{:?}", config.problems);
        for context in Context::ALL.into_iter().filter(|c| !c.is_layer()) {
            for action in context.actions() {
                assert!(
                    !config.keymap.keys(context, action).is_empty(),
                    "{}: {} has no key",
                    context.name(),
                    action.name()
                );
            }
        }
        assert_eq!(config.user, "ann");
    }

    #[test]
    fn the_defaults_bind_in_each_context_only_what_it_does() {
        let defaults: ConfigFile = crate::store::from_ron(DEFAULT).unwrap();
        let mut problems = Vec::new();
        let keys = checked(defaults.keys, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        for (context, actions) in &keys {
            for action in actions.keys() {
                assert!(context.handles(*action), "{}: {} does nothing there", context.name(), action.name());
            }
        }
    }

    #[test]
    fn a_user_file_patches_keys_per_context_and_sets_name_and_mouse() {
        let text = r#"(user: "Åsa Berg", mouse: false, keys: { global: { save: ["f2"] }, main: { go_to_phase(2): ["ctrl-2"] }, gate: { pass: ["P"] } })"#;
        let config = Config::from_texts(Some(("config.ron", text)), "ann");
        assert!(config.problems.is_empty(), "{:?}", config.problems);
        assert_eq!(config.user, "Åsa Berg");
        assert!(!config.mouse);
        assert_eq!(config.keymap.action(Context::Main, key("f2")), Some(Action::Save));
        assert_eq!(config.keymap.action(Context::Gate, key("f2")), Some(Action::Save));
        assert_eq!(config.keymap.action(Context::Main, key("ctrl-2")), Some(Action::GoToPhase(2)));
        assert_eq!(config.keymap.action(Context::Main, key("ctrl-s")), None);
        assert_eq!(config.keymap.action(Context::Gate, key("P")), Some(Action::Pass));
        assert_eq!(config.keymap.action(Context::Gate, key("p")), None);
    }

    #[test]
    fn a_flat_file_from_an_earlier_version_still_rebinds_the_main_keys() {
        let text = r#"(user: "Bo", keys: { save: ["f2"], down: ["ctrl-j"], next_hit: ["ctrl-n"] })"#;
        let config = Config::from_texts(Some(("config.ron", text)), "ann");
        assert!(config.problems.is_empty(), "{:?}", config.problems);
        assert_eq!(config.user, "Bo");
        assert_eq!(config.keymap.action(Context::Main, key("f2")), Some(Action::Save));
        assert_eq!(config.keymap.action(Context::Gate, key("ctrl-j")), Some(Action::Down));
        assert_eq!(config.keymap.action(Context::Gate, key("j")), None);
        assert_eq!(config.keymap.action(Context::Main, key("ctrl-n")), Some(Action::NextHit));
    }

    #[test]
    fn the_examples_in_the_readme_and_the_default_config_bind_without_clashes() {
        let readme = include_str!("../../README.md");
        let examples: Vec<&str> = readme
            .lines()
            .chain(DEFAULT.lines().map(|l| l.trim_start_matches("//").trim()))
            .filter(|l| l.starts_with("(keys:"))
            .collect();
        assert_eq!(examples.len(), 2, "{examples:?}");
        for example in examples {
            let config = Config::from_texts(Some(("config.ron", example)), "ann");
            assert!(config.problems.is_empty(), "{example}: {:?}", config.problems);
            assert_eq!(config.keymap.action(Context::Gate, key("ctrl-n")), Some(Action::Down));
        }
    }

    #[test]
    fn an_unknown_name_is_reported_and_the_rest_of_the_file_still_applies() {
        let text =
            r#"(user: "Kalle", keys: { main: { frobnicate: ["z"] }, lists: { down: ["v"] }, list: { down: ["v"] } })"#;
        let config = Config::from_texts(Some(("config.ron", text)), "ann");
        assert_eq!(config.user, "Kalle");
        assert_eq!(config.keymap.action(Context::Gate, key("v")), Some(Action::Down));
        assert_eq!(config.problems.len(), 2, "{:?}", config.problems);
        let has = |start: &str| config.problems.iter().any(|p| p.starts_with(start));
        assert!(has("keys: lists is not a context; the contexts are list, global"), "{:?}", config.problems);
        assert!(has("[main]: frobnicate is not an action; the actions there are up, down"), "{:?}", config.problems);
    }

    #[test]
    fn a_broken_user_file_is_reported_and_the_defaults_used() {
        let config = Config::from_texts(Some(("config.ron", "(keys: {")), "ann");
        assert_eq!(config.problems.len(), 1);
        assert!(config.problems[0].starts_with("config.ron:1:"), "{:?}", config.problems);
        assert_eq!(config.keymap.action(Context::Main, key("ctrl-s")), Some(Action::Save));
    }

    #[test]
    fn a_clash_in_the_user_file_is_reported() {
        let config = Config::from_texts(Some(("c", r#"(keys: { main: { quit: ["j"] } })"#)), "ann");
        assert!(
            config.problems.iter().any(|p| p.contains("j is bound to both quit [main] and down [list]")),
            "{:?}",
            config.problems
        );
    }
}
