//! The key table: for each context, which key does which action. Built from the defaults in
//! `assets/config.ron` with the user's config laid over them; a context's own keys come
//! first, then its layers'. Clashes a user's config causes are reported, never fatal.

use std::collections::{BTreeMap, BTreeSet};

use super::action::Action;
use super::context::Context;
use super::keys::Key;

/// Keys per action per context, as the config file writes them.
pub type KeyTable = BTreeMap<Context, BTreeMap<Action, Vec<String>>>;

/// The keys one context binds itself, in the order the config lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Table {
    by_key: BTreeMap<Key, Action>,
    by_action: BTreeMap<Action, Vec<Key>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyMap {
    tables: BTreeMap<Context, Table>,
    /// Problems to show the user: keys bound twice, keys that could not be read.
    pub problems: Vec<String>,
}

/// A context as problems name it: `[gate]`, the name its section has in the config.
fn place(context: Context) -> String {
    format!("[{}]", context.name())
}

impl KeyMap {
    /// The defaults with the user's table laid over them: an action the user names in a
    /// context gets exactly the keys the user gives it there.
    pub fn build(defaults: &KeyTable, user: &KeyTable) -> KeyMap {
        let mut map = KeyMap::default();
        let mut merged = defaults.clone();
        for (context, actions) in user {
            for (action, keys) in actions {
                if !context.handles(*action) {
                    map.problems.push(format!(
                        "{}: {} is not an action there; the actions there are {}",
                        place(*context),
                        action.name(),
                        context.actions().iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")
                    ));
                    continue;
                }
                let readable = keys.iter().any(|k| Key::parse(k).is_ok());
                if !readable && !keys.is_empty() {
                    // Not one key could be read: a typo must not leave the action without its keys.
                    map.problems.push(format!(
                        "{}: {}: none of {keys:?} is a key phasebook knows; the default keys stay",
                        place(*context),
                        action.name()
                    ));
                    continue;
                }
                merged.entry(*context).or_default().insert(*action, keys.clone());
            }
        }
        for (context, actions) in &merged {
            let table = map.tables.entry(*context).or_default();
            for (action, keys) in actions {
                for text in keys {
                    match Key::parse(text) {
                        // In a text field a plain character is typed: binding it would make it untypeable.
                        Ok(key) if key.types_text() && context.takes_text() => map.problems.push(format!(
                            "{}: {key} is typed in a text field; bind {} with ctrl- or alt-",
                            place(*context),
                            action.name()
                        )),
                        Ok(key) => match table.by_key.get(&key) {
                            Some(other) if other != action => map.problems.push(format!(
                                "{}: {key} is bound to both {} and {}; it does {}",
                                place(*context),
                                other.name(),
                                action.name(),
                                other.name()
                            )),
                            Some(_) => {}
                            None => {
                                table.by_key.insert(key, *action);
                                table.by_action.entry(*action).or_default().push(key);
                            }
                        },
                        Err(e) => map.problems.push(format!("{}: {}: {e}", place(*context), action.name())),
                    }
                }
            }
        }
        map.keep_ways_out(defaults);
        map.problems.extend(map.shadowed());
        map
    }

    /// Every screen and popup keeps a way out, whatever a config says: an action that would
    /// be left without a key gets its default keys back (Ctrl+C, for quitting).
    fn keep_ways_out(&mut self, defaults: &KeyTable) {
        let mut ways = vec![
            (Context::Main, Action::Quit),
            (Context::Help, Action::Close),
            (Context::Prompt, Action::Cancel),
            (Context::Editor, Action::Done),
            (Context::Export, Action::Cancel),
            (Context::Conflict, Action::Cancel),
            (Context::Quit, Action::Cancel),
        ];
        ways.extend(Context::SCREENS.map(|c| (c, Action::Close)));
        for (context, action) in ways {
            if !self.keys(context, action).is_empty() {
                continue;
            }
            // Back where the defaults keep it: the context itself or the layer it shares.
            let home = if action == Action::Quit {
                Context::Global
            } else {
                std::iter::once(context)
                    .chain(context.layers().iter().copied())
                    .find(|c| defaults.get(c).is_some_and(|t| t.contains_key(&action)))
                    .unwrap_or(context)
            };
            let texts = match action {
                Action::Quit => vec!["ctrl-c".to_string()],
                _ => defaults.get(&home).and_then(|t| t.get(&action)).cloned().unwrap_or_default(),
            };
            if texts.is_empty() {
                continue;
            }
            let table = self.tables.entry(home).or_default();
            let mut restored = Vec::new();
            for key in texts.iter().filter_map(|t| Key::parse(t).ok()) {
                if let Some(other) = table.by_key.insert(key, action) {
                    table.by_action.entry(other).or_default().retain(|k| *k != key);
                }
                table.by_action.entry(action).or_default().push(key);
                restored.push(key.to_string());
            }
            self.problems.push(format!(
                "{}: {} has no key left; {} kept for it",
                place(home),
                action.name(),
                restored.join(", ")
            ));
        }
    }

    /// Keys of a layer that a context's own keys (or a nearer layer's) take over.
    fn shadowed(&self) -> Vec<String> {
        let mut problems = BTreeSet::new();
        for context in Context::ALL.into_iter().filter(|c| !c.is_layer()) {
            let chain = self.chain(context);
            for (i, far) in chain.iter().enumerate() {
                let Some(far_table) = self.tables.get(far) else { continue };
                for (key, far_action) in &far_table.by_key {
                    let nearer = chain[..i].iter().find_map(|c| self.tables.get(c)?.by_key.get(key).map(|a| (*c, *a)));
                    if let Some((near, near_action)) = nearer
                        && near_action != *far_action
                        && context.handles(near_action)
                        && context.handles(*far_action)
                    {
                        problems.insert(format!(
                            "{key} is bound to both {} {} and {} {}; in {} it does {}",
                            near_action.name(),
                            place(near),
                            far_action.name(),
                            place(*far),
                            place(context),
                            near_action.name()
                        ));
                    }
                }
            }
        }
        problems.into_iter().collect()
    }

    /// The context itself, then its layers, nearest first.
    fn chain(&self, context: Context) -> Vec<Context> {
        std::iter::once(context).chain(context.layers().iter().copied()).collect()
    }

    /// The action `key` does in `context`, if any.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        let action = self.chain(context).into_iter().find_map(|c| self.tables.get(&c)?.by_key.get(&key).copied())?;
        context.handles(action).then_some(action)
    }

    /// The keys that do `action` in `context`, its own first.
    pub fn keys(&self, context: Context, action: Action) -> Vec<Key> {
        let mut keys = Vec::new();
        for c in self.chain(context) {
            let Some(listed) = self.tables.get(&c).and_then(|t| t.by_action.get(&action)) else { continue };
            for key in listed {
                if !keys.contains(key) && self.action(context, *key) == Some(action) {
                    keys.push(*key);
                }
            }
        }
        keys
    }

    /// Every key bound anywhere, once each.
    pub fn all_keys(&self) -> Vec<Key> {
        let keys: BTreeSet<Key> = self.tables.values().flat_map(|t| t.by_key.keys().copied()).collect();
        keys.into_iter().collect()
    }

    /// The first key of `action` in `context`, as the hints show it.
    pub fn first(&self, context: Context, action: Action) -> Option<String> {
        self.keys(context, action).first().map(ToString::to_string)
    }

    /// The keys of an action as the help shows them: `j, ↓`.
    pub fn describe(&self, context: Context, action: Action) -> String {
        self.keys(context, action).iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(entries: &[(Context, Action, &[&str])]) -> KeyTable {
        let mut table = KeyTable::new();
        for (context, action, keys) in entries {
            table.entry(*context).or_default().insert(*action, keys.iter().map(|k| k.to_string()).collect());
        }
        table
    }

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap()
    }

    fn defaults() -> KeyTable {
        table(&[
            (Context::List, Action::Down, &["j", "down"]),
            (Context::Global, Action::Save, &["ctrl-s"]),
            (Context::Main, Action::Quit, &["q"]),
            (Context::Screen, Action::Close, &["esc", "q"]),
            (Context::Gate, Action::Pass, &["p"]),
        ])
    }

    #[test]
    fn a_context_takes_the_keys_of_its_layers() {
        let map = KeyMap::build(&defaults(), &KeyTable::new());
        assert!(map.problems.is_empty(), "{:?}", map.problems);
        assert_eq!(map.action(Context::Gate, key("j")), Some(Action::Down));
        assert_eq!(map.action(Context::Gate, key("p")), Some(Action::Pass));
        assert_eq!(map.action(Context::Gate, key("q")), Some(Action::Close));
        assert_eq!(map.action(Context::Main, key("q")), Some(Action::Quit));
        assert_eq!(map.action(Context::Main, key("p")), None);
        assert_eq!(map.describe(Context::Gate, Action::Down), "j, ↓");
    }

    #[test]
    fn a_key_moved_in_a_layer_moves_on_every_screen_that_uses_it() {
        let user = table(&[(Context::List, Action::Down, &["n"])]);
        let map = KeyMap::build(&defaults(), &user);
        for context in [Context::Main, Context::Gate, Context::Scope, Context::Help] {
            assert_eq!(map.action(context, key("n")), Some(Action::Down), "{context:?}");
            assert_eq!(map.action(context, key("j")), None, "{context:?}");
        }
    }

    #[test]
    fn a_user_list_replaces_only_the_actions_it_names() {
        let user = table(&[(Context::Global, Action::Save, &["f2", "ctrl-w"])]);
        let map = KeyMap::build(&defaults(), &user);
        assert_eq!(map.action(Context::Main, key("f2")), Some(Action::Save));
        assert_eq!(map.action(Context::Main, key("ctrl-s")), None);
        assert_eq!(map.action(Context::Main, key("j")), Some(Action::Down));
        assert!(map.problems.is_empty());
    }

    #[test]
    fn a_key_bound_twice_in_one_context_is_reported() {
        let user = table(&[(Context::List, Action::Down, &["x", "down"]), (Context::List, Action::Up, &["x"])]);
        let map = KeyMap::build(&defaults(), &user);
        assert_eq!(map.problems, ["[list]: x is bound to both up and down; it does up"]);
        assert_eq!(map.action(Context::Main, key("x")), Some(Action::Up));
    }

    #[test]
    fn a_screen_key_that_hides_a_layer_key_is_reported_and_wins_there() {
        let user = table(&[(Context::Gate, Action::Pass, &["j"])]);
        let map = KeyMap::build(&defaults(), &user);
        assert_eq!(map.action(Context::Gate, key("j")), Some(Action::Pass));
        assert_eq!(map.action(Context::Scope, key("j")), Some(Action::Down));
        let expected = "j is bound to both pass [gate] and down [list]; in [gate] it does pass";
        assert!(map.problems.iter().any(|p| p == expected), "{:?}", map.problems);
    }

    #[test]
    fn an_action_a_context_does_not_have_is_reported() {
        let user = table(&[(Context::Gate, Action::Assign, &["a"])]);
        let map = KeyMap::build(&defaults(), &user);
        assert!(
            map.problems.iter().any(|p| p.starts_with("[gate]: assign is not an action there")),
            "{:?}",
            map.problems
        );
        assert_eq!(map.action(Context::Gate, key("a")), None);
    }

    #[test]
    fn every_popup_keeps_a_way_out_whatever_the_config_says() {
        let mut defaults = defaults();
        defaults.entry(Context::Help).or_default().insert(Action::Close, vec!["esc".into(), "q".into()]);
        defaults.entry(Context::Prompt).or_default().insert(Action::Cancel, vec!["esc".into()]);
        let user = table(&[(Context::Help, Action::Close, &[]), (Context::Prompt, Action::Cancel, &[])]);
        let map = KeyMap::build(&defaults, &user);
        assert_eq!(map.action(Context::Help, key("esc")), Some(Action::Close));
        assert_eq!(map.action(Context::Prompt, key("esc")), Some(Action::Cancel));
        assert!(
            map.problems.iter().any(|p| p == "[help]: close has no key left; Esc, q kept for it"),
            "{:?}",
            map.problems
        );
    }

    #[test]
    fn a_key_list_with_no_key_that_can_be_read_keeps_the_defaults() {
        let user = table(&[(Context::Global, Action::Save, &["ctrl-banana"])]);
        let map = KeyMap::build(&defaults(), &user);
        assert_eq!(map.action(Context::Main, key("ctrl-s")), Some(Action::Save));
        assert!(map.problems.iter().any(|p| p.contains("the default keys stay")), "{:?}", map.problems);
    }

    #[test]
    fn a_plain_letter_is_never_bound_where_text_is_typed() {
        let user = table(&[(Context::Text, Action::LineStart, &["a", "ctrl-a"])]);
        let map = KeyMap::build(&defaults(), &user);
        assert_eq!(map.action(Context::Prompt, key("a")), None);
        assert_eq!(map.action(Context::Prompt, key("ctrl-a")), Some(Action::LineStart));
        assert!(map.problems.iter().any(|p| p.contains("a is typed in a text field")), "{:?}", map.problems);
    }

    #[test]
    fn quitting_stays_possible_whatever_the_config_says() {
        let user = table(&[(Context::Main, Action::Quit, &[])]);
        let map = KeyMap::build(&defaults(), &user);
        assert_eq!(map.action(Context::Main, key("ctrl-c")), Some(Action::Quit));
        assert!(map.problems.iter().any(|p| p.contains("quit has no key left; Ctrl+C kept")), "{:?}", map.problems);
    }
}
