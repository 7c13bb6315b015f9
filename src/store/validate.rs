//! The checks beyond syntax: ids unique, references resolving, conditions naming real
//! questions and options, gate criteria inside their phase, dates that can be. Every
//! problem is collected, each placed in the text where it can be found.

use std::collections::{HashMap, HashSet};

use super::error::Problem;
use crate::model::{Choice, Condition, Workbook};

/// Every problem with a parsed workbook; `text` is its source, used to place them.
pub fn validate(workbook: &Workbook, text: &str) -> Vec<Problem> {
    let mut check = Checker { text, problems: Vec::new(), seen: HashMap::new() };
    check.run(workbook);
    check.problems.sort_by_key(|p| p.at.unwrap_or((usize::MAX, 0)));
    check.problems
}

struct Checker<'a> {
    text: &'a str,
    problems: Vec<Problem>,
    /// How often each id has been seen, to place the nth occurrence of a duplicate.
    seen: HashMap<String, usize>,
}

impl Checker<'_> {
    /// Records a problem placed at the `nth` occurrence of `needle` in the text.
    fn report(&mut self, needle: &str, nth: usize, message: String) {
        let at = locate(self.text, needle, nth);
        self.problems.push(Problem { at, message });
    }

    /// Registers an id; a second sighting is a duplicate.
    fn id(&mut self, id: &str, what: &str) {
        let count = self.seen.entry(id.to_string()).or_insert(0);
        *count += 1;
        let nth = *count;
        if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
            self.report(&format!("\"{id}\""), 1, format!("{what} id {id:?} must be non-empty and without spaces"));
        } else if nth > 1 {
            self.report(
                &format!("id: \"{id}\""),
                nth,
                format!("duplicate id \"{id}\": {what} ids must be unique in the workbook"),
            );
        }
    }

    fn run(&mut self, wb: &Workbook) {
        if wb.phases.is_empty() {
            self.problems.push(Problem {
                at: locate(self.text, "phases", 1),
                message: "a workbook needs at least one phase".into(),
            });
        }
        for d in &wb.deadlines {
            self.id(&d.id, "deadline");
        }
        for l in &wb.limits {
            self.id(&l.id, "limit");
        }
        for q in &wb.scope {
            self.id(&q.id, "question");
        }
        for c in &wb.scope_conflicts {
            self.id(&c.id, "conflict");
        }
        for e in &wb.expectations {
            self.id(&e.id, "expectation");
        }
        for item in &wb.general {
            self.id(&item.id, "item");
        }
        for phase in &wb.phases {
            self.id(&phase.id, "phase");
            for item in &phase.items {
                self.id(&item.id, "item");
            }
            for m in &phase.meetings {
                self.id(&m.id, "meeting");
            }
            self.id(&phase.gate.id, "gate");
            for c in &phase.gate.criteria {
                self.id(&c.id, "criterion");
            }
        }
        for d in &wb.decisions {
            self.id(&d.id, "decision");
        }
        for m in &wb.meetings {
            self.id(&m.id, "meeting");
        }

        self.scope(wb);
        self.items(wb);
        self.gates(wb);
        self.references(wb);
        self.dates(wb);
    }

    fn scope(&mut self, wb: &Workbook) {
        for q in &wb.scope {
            let mut options = HashSet::new();
            for o in &q.options {
                if !options.insert(o.id.as_str()) {
                    self.report(
                        &format!("id: \"{}\"", o.id),
                        2,
                        format!("question \"{}\" has option \"{}\" twice", q.id, o.id),
                    );
                }
            }
            if q.options.is_empty() {
                self.report(&format!("id: \"{}\"", q.id), 1, format!("question \"{}\" has no options", q.id));
            }
            for a in &q.answer {
                if !options.contains(a.as_str()) {
                    self.report(
                        &format!("\"{a}\""),
                        1,
                        format!("question \"{}\" is answered \"{a}\", which is not one of its options", q.id),
                    );
                }
            }
            if q.choice == Choice::One && q.answer.len() > 1 {
                self.report(
                    &format!("id: \"{}\"", q.id),
                    1,
                    format!("question \"{}\" takes one answer but has {}", q.id, q.answer.len()),
                );
            }
        }
        let conditions = wb
            .all_items()
            .map(|(_, item)| (&item.id, &item.when))
            .chain(wb.expectations.iter().map(|e| (&e.id, &e.when)))
            .chain(wb.scope_conflicts.iter().map(|c| (&c.id, &c.when)));
        let mut found = Vec::new();
        for (owner, condition) in conditions {
            self.condition(wb, owner, condition, &mut found);
        }
        self.problems.extend(found);
    }

    fn condition(&self, wb: &Workbook, owner: &str, condition: &Condition, out: &mut Vec<Problem>) {
        for (question, option) in condition.references() {
            let at = locate(self.text, &format!("Is(\"{question}\", \"{option}\")"), 1)
                .or_else(|| locate(self.text, &format!("id: \"{owner}\""), 1));
            match wb.question(question) {
                None => out.push(Problem { at, message: format!("\"{owner}\" depends on question \"{question}\", which does not exist") }),
                Some(q) if !q.options.iter().any(|o| o.id == option) => out.push(Problem {
                    at,
                    message: format!("\"{owner}\" depends on option \"{option}\" of question \"{question}\", which has no such option"),
                }),
                Some(_) => {}
            }
        }
    }

    fn items(&mut self, wb: &Workbook) {
        let lists = std::iter::once(&wb.general).chain(wb.phases.iter().map(|p| &p.items));
        for items in lists {
            let ids: HashMap<&str, Option<&str>> = items.iter().map(|i| (i.id.as_str(), i.parent.as_deref())).collect();
            for item in items {
                let Some(parent) = item.parent.as_deref() else { continue };
                if !ids.contains_key(parent) {
                    self.report(
                        &format!("parent: \"{parent}\""),
                        1,
                        format!(
                            "item \"{}\" names parent \"{parent}\", which is not an item of the same list",
                            item.id
                        ),
                    );
                    continue;
                }
                // Follow the parents; coming back to the item is a cycle.
                let mut at = Some(parent);
                for _ in 0..=items.len() {
                    match at {
                        Some(p) if p == item.id => {
                            self.report(
                                &format!("id: \"{}\"", item.id),
                                1,
                                format!("item \"{}\" is its own ancestor (a parent cycle)", item.id),
                            );
                            break;
                        }
                        Some(p) => at = ids.get(p).copied().flatten(),
                        None => break,
                    }
                }
            }
        }
    }

    fn gates(&mut self, wb: &Workbook) {
        let mut earlier_open = false;
        for phase in &wb.phases {
            let own: HashSet<&str> = phase.items.iter().map(|i| i.id.as_str()).collect();
            for criterion in &phase.gate.criteria {
                for id in &criterion.items {
                    if !own.contains(id.as_str()) {
                        let message = if wb.item(id).is_some() {
                            format!(
                                "criterion \"{}\" of phase \"{}\" names item \"{id}\" of another list; a gate can only wait for its own phase's items",
                                criterion.id, phase.id
                            )
                        } else {
                            format!("criterion \"{}\" names item \"{id}\", which does not exist", criterion.id)
                        };
                        self.report(&format!("\"{id}\""), 2, message);
                    }
                }
            }
            if let Some(passage) = &phase.gate.passed {
                if earlier_open {
                    self.report(
                        &format!("id: \"{}\"", phase.gate.id),
                        1,
                        format!("gate \"{}\" is passed while an earlier gate is still open", phase.gate.id),
                    );
                }
                if let Some(waiver) = &passage.waiver
                    && !wb.decisions.iter().any(|d| &d.id == waiver)
                {
                    self.report(
                        &format!("waiver: \"{waiver}\""),
                        1,
                        format!("gate \"{}\" is waived by decision \"{waiver}\", which does not exist", phase.gate.id),
                    );
                }
            } else {
                earlier_open = true;
            }
        }
    }

    fn references(&mut self, wb: &Workbook) {
        let known = |id: &str| self.seen.contains_key(id);
        let mut found = Vec::new();
        for limit in &wb.limits {
            for id in &limit.applies_to {
                if !known(id) {
                    found.push((
                        format!("\"{id}\""),
                        format!("limit \"{}\" applies to \"{id}\", which does not exist", limit.id),
                    ));
                }
            }
        }
        for (_, item) in wb.all_items() {
            if let Some(e) = &item.remediates
                && !wb.expectations.iter().any(|x| &x.id == e)
            {
                found.push((
                    format!("remediates: \"{e}\""),
                    format!("item \"{}\" remediates \"{e}\", which is not an expectation", item.id),
                ));
            }
        }
        for d in &wb.decisions {
            for id in &d.links {
                if !known(id) {
                    found.push((
                        format!("\"{id}\""),
                        format!("decision \"{}\" links to \"{id}\", which does not exist", d.id),
                    ));
                }
            }
            if let Some(s) = &d.superseded_by
                && !wb.decisions.iter().any(|x| &x.id == s)
            {
                found.push((
                    format!("superseded_by: \"{s}\""),
                    format!("decision \"{}\" is superseded by \"{s}\", which does not exist", d.id),
                ));
            }
        }
        for m in &wb.meetings {
            if let Some(p) = &m.phase
                && wb.phase(p).is_none()
            {
                found.push((
                    format!("phase: \"{p}\""),
                    format!("meeting \"{}\" belongs to phase \"{p}\", which does not exist", m.id),
                ));
            }
        }
        for e in &wb.expectations {
            if let Some(t) = &e.threshold
                && !t.levels.contains(&t.minimum)
            {
                found.push((
                    format!("minimum: \"{}\"", t.minimum),
                    format!("expectation \"{}\" has minimum \"{}\", which is not one of its levels", e.id, t.minimum),
                ));
            }
        }
        for (needle, message) in found {
            self.report(&needle, 1, message);
        }
    }

    fn dates(&mut self, wb: &Workbook) {
        let e = &wb.engagement;
        if let (Some(purchase), Some(start)) = (e.purchase_date, e.start_date)
            && start < purchase
        {
            self.report("start_date", 1, format!("the start date {start} is before the purchase date {purchase}; onboarding starts after the purchase"));
        }
    }
}

/// 1-based line and column of the `nth` (1-based) occurrence of `needle`.
fn locate(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let offset = text.match_indices(needle).nth(nth.saturating_sub(1))?.0;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    Some((line, before[line_start..].chars().count() + 1))
}
