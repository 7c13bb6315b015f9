//! When an item applies: a small expression over the scope answers. An unanswered
//! question leaves a condition undecided, and undecided items stay in scope, so that
//! nothing drops off the checklist before someone has actually answered.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::workbook::ScopeQuestion;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Condition {
    #[default]
    Always,
    /// The question `.0` has option `.1` among its answers.
    Is(String, String),
    Not(Box<Condition>),
    All(Vec<Condition>),
    Any(Vec<Condition>),
}

impl Condition {
    pub fn is_always(&self) -> bool {
        matches!(self, Condition::Always)
    }

    /// `Some(true)` or `Some(false)` when the answers decide it, `None` while they do not.
    pub fn evaluate(&self, scope: &[ScopeQuestion]) -> Option<bool> {
        match self {
            Condition::Always => Some(true),
            Condition::Is(question, option) => {
                let question = scope.iter().find(|q| &q.id == question)?;
                if question.answer.is_empty() { None } else { Some(question.answer.iter().any(|a| a == option)) }
            }
            Condition::Not(inner) => inner.evaluate(scope).map(|v| !v),
            Condition::All(parts) => {
                let mut undecided = false;
                for part in parts {
                    match part.evaluate(scope) {
                        Some(false) => return Some(false),
                        None => undecided = true,
                        Some(true) => {}
                    }
                }
                if undecided { None } else { Some(true) }
            }
            Condition::Any(parts) => {
                let mut undecided = false;
                for part in parts {
                    match part.evaluate(scope) {
                        Some(true) => return Some(true),
                        None => undecided = true,
                        Some(false) => {}
                    }
                }
                if undecided { None } else { Some(false) }
            }
        }
    }

    /// The part of the condition that makes it false, as narrow as the answers tell: the
    /// first false part of an `All`, the whole of anything else. `None` unless it is false.
    pub fn false_part(&self, scope: &[ScopeQuestion]) -> Option<&Condition> {
        if self.evaluate(scope) != Some(false) {
            return None;
        }
        match self {
            Condition::All(parts) => parts.iter().find_map(|p| p.false_part(scope)).or(Some(self)),
            _ => Some(self),
        }
    }

    /// Every (question, option) pair the condition mentions, for validation.
    pub fn references(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        self.collect_references(&mut out);
        out
    }

    fn collect_references<'a>(&'a self, out: &mut Vec<(&'a str, &'a str)>) {
        match self {
            Condition::Always => {}
            Condition::Is(q, o) => out.push((q.as_str(), o.as_str())),
            Condition::Not(inner) => inner.collect_references(out),
            Condition::All(parts) | Condition::Any(parts) => {
                for part in parts {
                    part.collect_references(out);
                }
            }
        }
    }
}
