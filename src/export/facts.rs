//! A workbook as facts, one per line, in a stable order: what `phasebook show` prints for
//! git's `textconv` (so `git diff` and `git log -p` read as changes to the engagement), and
//! what `phasebook diff` compares, fact by fact, to say what changed between two copies.

use std::collections::HashMap;

use crate::i18n::Strings;
use crate::i18n::visible::terminal;
use crate::model::{Change, Status, Workbook};

/// One fact of a workbook: what it is about, in words (`Assess · Run the assessment
/// tools`), and its value (`done · Anna Berg · due 2026-12-08`). `key` names it stably
/// across copies (ids, never positions), so two copies' facts can be paired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub key: String,
    /// The id a change of the history names when it changed this fact.
    pub target: String,
    pub about: String,
    pub value: String,
}

impl Fact {
    /// The fact as one line: `about: value`.
    pub fn line(&self) -> String {
        format!("{}: {}", self.about.trim_end_matches(':'), self.value)
    }
}

/// Text on one line: line breaks shown as ` ⏎ `, so every fact stays one line.
fn one_line(text: &str) -> String {
    text.trim().replace("\r\n", "\n").replace('\n', " ⏎ ")
}

/// Every fact of `workbook`, in the workbook's order, in `s`'s words.
pub fn facts(workbook: &Workbook, s: &Strings) -> Vec<Fact> {
    let mut out = Vec::new();
    // Two notes of one time and author would share a key: the second is `…#2`.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut fact = |key: String, target: &str, about: String, value: String| {
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        let key = if *n == 1 { key } else { format!("{key}#{n}") };
        let (about, value) = (terminal(&one_line(&about)).into_owned(), terminal(&one_line(&value)).into_owned());
        out.push(Fact { key, target: target.to_string(), about, value });
    };
    let dash = || "—".to_string();
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(dash, |d| d.to_string());
    let e = &workbook.engagement;
    let engagement = &s.fact_engagement;
    for (key, label, value) in [
        ("customer", &s.customer, e.customer.clone()),
        ("tenant", &s.tenant, e.tenant.clone()),
        ("project_lead", &s.project_lead, e.project_lead.clone()),
        ("partner", &s.partner, e.partner.clone()),
        ("purchase_date", &s.purchase_date, day(e.purchase_date)),
        ("start_date", &s.start_date, day(e.start_date)),
    ] {
        let value = if value.is_empty() { dash() } else { value };
        fact(format!("engagement.{key}"), "engagement", format!("{engagement} · {label}"), value);
    }
    for q in &workbook.scope {
        let answer: Vec<&str> = q
            .answer
            .iter()
            .map(|a| q.options.iter().find(|o| &o.id == a).map_or(a.as_str(), |o| o.label.as_str()))
            .collect();
        let value = if answer.is_empty() { s.unanswered.clone() } else { answer.join(", ") };
        fact(format!("scope.{}", q.id), &q.id, format!("{} · {}", s.scope_label, q.text), value);
    }
    for x in &workbook.expectations {
        let mut value = s.assessment(x.result).to_string();
        if !x.found.trim().is_empty() {
            value = format!("{value} · {}", x.found);
        }
        fact(format!("expectation.{}", x.id), &x.id, format!("{} · {}", s.scr_assess, x.text), value);
    }
    let lists = std::iter::once((s.general.as_str(), &workbook.general, None))
        .chain(workbook.phases.iter().map(|p| (p.title.as_str(), &p.items, Some(p))));
    for (place, items, phase) in lists {
        if let Some(p) = phase {
            fact(format!("phase.{}.started", p.id), &p.id, format!("{place} · {}", s.fact_started), day(p.started));
        }
        for item in items {
            let mut value = s.status(item.status).to_string();
            if !item.assignee.is_empty() {
                value = format!("{value} · {}", item.assignee);
            }
            if let Some(due) = item.due {
                value = format!("{value} · {} {due}", s.fact_due);
            }
            let about = format!("{place} · {}", one_line(&item.text));
            fact(format!("item.{}", item.id), &item.id, about.clone(), value);
            for note in &item.notes {
                let key = format!("item.{}.note.{}.{}", item.id, note.at.to_rfc3339(), note.by);
                let when = note.at.format("%Y-%m-%d %H:%M");
                fact(key, &item.id, format!("{about} · {} {when} {}", s.fact_note, note.by), note.text.clone());
            }
        }
        let Some(p) = phase else { continue };
        let gate = format!("{place} · {} {}", s.scr_gate, p.gate.title);
        for c in &p.gate.criteria {
            let value = if c.met { &s.fact_met } else { &s.fact_not_met };
            fact(format!("criterion.{}", c.id), &p.gate.id, format!("{gate} · {}", one_line(&c.text)), value.clone());
        }
        for signoff in &p.gate.signoffs {
            let party = s.party(&workbook.meta.parties, signoff.party);
            let key = format!("gate.{}.signoff.{:?}", p.gate.id, signoff.party);
            let value = format!("{}, {}", signoff.name, signoff.date);
            fact(key, &p.gate.id, format!("{gate} · {} {party}", s.signoffs), value);
        }
        let passed = match &p.gate.passed {
            Some(passage) => {
                let by = if passage.by.is_empty() { String::new() } else { format!(" · {}", passage.by) };
                let waiver = passage.waiver.as_ref().map(|w| format!(" · {} {w}", s.fact_waiver)).unwrap_or_default();
                format!("{}{by}{waiver}", passage.date)
            }
            None => s.fact_not_passed.clone(),
        };
        fact(format!("gate.{}.passed", p.gate.id), &p.gate.id, format!("{gate} · {}", s.fact_passed), passed);
    }
    for d in &workbook.decisions {
        let mut value = format!("{} · {}", s.decision_status(d.status), d.date);
        if !d.deciders.is_empty() {
            value = format!("{value} · {}", crate::model::names::join(&d.deciders));
        }
        if let Some(by) = &d.superseded_by {
            value = format!("{value} · → {by}");
        }
        let about = format!("{} {} · {}", s.fact_decision, d.id, one_line(&d.title));
        fact(format!("decision.{}", d.id), &d.id, about.clone(), value);
        for (key, label, text) in [
            ("context", &s.context, d.context.clone()),
            ("options", &s.options, d.options.join("; ")),
            ("outcome", &s.outcome, d.outcome.clone()),
            ("consequences", &s.consequences, d.consequences.clone()),
        ] {
            if !text.trim().is_empty() {
                fact(format!("decision.{}.{key}", d.id), &d.id, format!("{about} · {label}"), text);
            }
        }
    }
    for m in &workbook.meetings {
        let about = format!("{} {} · {}", s.scr_meeting, m.id, one_line(&m.title));
        let mut value = format!("{} · {}", m.held.format("%Y-%m-%d %H:%M"), s.meeting_kind(m.kind));
        if !m.attendees.is_empty() {
            value = format!("{value} · {}", crate::model::names::join(&m.attendees));
        }
        fact(format!("meeting.{}", m.id), &m.id, about.clone(), value);
        if !m.minutes.trim().is_empty() {
            fact(
                format!("meeting.{}.minutes", m.id),
                &m.id,
                format!("{about} · {}", s.minutes_label),
                m.minutes.clone(),
            );
        }
    }
    for (n, c) in workbook.conflicts.iter().enumerate() {
        let side = |v: &Option<String>| v.as_deref().map_or_else(dash, |v| readable(s, v));
        let value = format!(
            "{} {} · {} {} · {} {}",
            s.fact_ours,
            side(&c.ours),
            s.fact_theirs,
            side(&c.theirs),
            s.fact_base,
            side(&c.base)
        );
        fact(
            format!("conflict.{n}"),
            &c.target,
            format!("{} · {} {}", s.fact_conflict, c.target, s.field_name(&c.field)),
            value,
        );
    }
    out
}

/// A value a merge conflict holds (RON), as a reader says it: a text without its quotes, a
/// status in words, an item by its text and status, a decision by its id, title and status.
pub fn readable(s: &Strings, value: &str) -> String {
    use crate::store::from_ron;
    if let Ok(text) = from_ron::<String>(value) {
        return if text.is_empty() { "—".into() } else { terminal(&one_line(&text)).into_owned() };
    }
    if let Ok(status) = from_ron::<Status>(value) {
        return s.status(status).to_string();
    }
    if let Ok((_, item)) = from_ron::<(String, crate::model::Item)>(value) {
        return terminal(&one_line(&format!("{} ({})", item.text, s.status(item.status)))).into_owned();
    }
    if let Ok(d) = from_ron::<crate::model::Decision>(value) {
        return terminal(&one_line(&format!("{} {} ({})", d.id, d.title, s.decision_status(d.status)))).into_owned();
    }
    if let Ok(Some(day)) = from_ron::<Option<chrono::NaiveDate>>(value) {
        return day.to_string();
    }
    terminal(&one_line(value)).into_owned()
}

/// `phasebook show`: every fact, one per line.
pub fn show(workbook: &Workbook, s: &Strings) -> String {
    facts(workbook, s).iter().map(|f| f.line() + "\n").collect()
}

/// One difference between two copies' facts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    pub key: String,
    pub about: String,
    /// `None`: the fact is new.
    pub old: Option<String>,
    /// `None`: the fact is gone.
    pub new: Option<String>,
    /// Who made the change and when, from the newer copy's history, where it says.
    pub by: Option<String>,
    pub at: Option<String>,
    /// What the fact was about before, when that changed (an item reworded).
    pub was: Option<String>,
    /// The words a rewording is said with ("reworded from"), in the reader's language.
    #[serde(skip)]
    reworded: String,
}

impl Difference {
    /// `Assess · Run the assessment tools: not started → done (Anna Berg, 2026-12-01)`.
    pub fn line(&self) -> String {
        let dash = "—";
        let who = match (&self.by, &self.at) {
            (Some(by), Some(at)) => format!(" ({by}, {at})"),
            _ => String::new(),
        };
        let (old, new) = (self.old.as_deref().unwrap_or(dash), self.new.as_deref().unwrap_or(dash));
        let about = self.about.trim_end_matches(':');
        match &self.was {
            Some(was) if old == new => format!("{about}: {} “{was}”{who}", self.reworded),
            Some(was) => format!("{about}: {old} → {new} ({} “{was}”){who}", self.reworded),
            None => format!("{about}: {old} → {new}{who}"),
        }
    }
}

/// What changed from `old` to `new`, fact by fact: the changed and new facts in `new`'s
/// order, then those gone, in `old`'s.
pub fn diff(old: &Workbook, new: &Workbook, s: &Strings) -> Vec<Difference> {
    let before = facts(old, s);
    let after = facts(new, s);
    let was: HashMap<&str, &Fact> = before.iter().map(|f| (f.key.as_str(), f)).collect();
    let now: HashMap<&str, &Fact> = after.iter().map(|f| (f.key.as_str(), f)).collect();
    // The newest change of the newer copy's own (not in the older one's history) to each id.
    let seen = |c: &Change| (c.at, c.by.clone(), c.target.clone(), c.what.clone());
    let known: std::collections::HashSet<_> = old.history.iter().map(seen).collect();
    let mut last: HashMap<&str, &Change> = HashMap::new();
    for c in new.history.iter().filter(|c| !known.contains(&seen(c))) {
        last.insert(c.target.as_str(), c);
    }
    let mut out = Vec::new();
    let who = |target: &str| last.get(target).map(|c| (c.by.clone(), c.at.format("%Y-%m-%d").to_string()));
    let reworded = s.fact_reworded_from.clone();
    for f in &after {
        let before = was.get(f.key.as_str());
        if before.is_some_and(|o| o.value == f.value && o.about == f.about) {
            continue;
        }
        let (by, at) = who(&f.target).unzip();
        out.push(Difference {
            key: f.key.clone(),
            about: f.about.clone(),
            old: before.map(|o| o.value.clone()),
            new: Some(f.value.clone()),
            by,
            at,
            was: before.filter(|o| o.about != f.about).map(|o| o.about.clone()),
            reworded: reworded.clone(),
        });
    }
    for f in before.iter().filter(|f| !now.contains_key(f.key.as_str())) {
        let (by, at) = who(&f.target).unzip();
        out.push(Difference {
            key: f.key.clone(),
            about: f.about.clone(),
            old: Some(f.value.clone()),
            new: None,
            by,
            at,
            was: None,
            reworded: reworded.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn bundled() -> Workbook {
        crate::templates::find("intune-fasttrack", "en")
            .and_then(|t| t.workbook().ok())
            .unwrap_or_else(crate::model::fixture::workbook)
    }

    #[test]
    fn every_fact_is_one_line_with_a_key_of_its_own() {
        let mut wb = bundled();
        wb.phases[0].items[0].notes.push(crate::model::Note {
            at: chrono::DateTime::default(),
            by: "ann".into(),
            text: "Two\nlines \u{1b}[31m".into(),
        });
        let all = facts(&wb, Lang::En.strings());
        let keys: std::collections::HashSet<&str> = all.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys.len(), all.len(), "keys are unique");
        let shown = show(&wb, Lang::En.strings());
        assert_eq!(shown.lines().count(), all.len());
        assert!(shown.contains("Two ⏎ lines"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "no control characters reach the terminal");
    }

    #[test]
    fn a_status_change_reads_as_one_line_with_who_and_when() {
        let old = bundled();
        let mut new = old.clone();
        let item = new.phases[1].items[0].clone();
        new.phases[1].items[0].status = Status::Done;
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00+01:00").unwrap_or_default();
        new.history.push(Change {
            at,
            by: "Anna Berg".into(),
            target: item.id.clone(),
            what: String::new(),
            said: None,
        });
        let lines: Vec<String> = diff(&old, &new, Lang::En.strings()).iter().map(Difference::line).collect();
        assert_eq!(
            lines,
            [format!("{} · {}: not started → done (Anna Berg, 2026-12-01)", new.phases[1].title, item.text)]
        );
        assert!(diff(&old, &old, Lang::En.strings()).is_empty());
        // A reworded item says what it was.
        let mut reworded = old.clone();
        reworded.phases[1].items[0].text = "Run the tools.".into();
        let lines: Vec<String> = diff(&old, &reworded, Lang::En.strings()).iter().map(Difference::line).collect();
        let phase = &new.phases[1].title;
        assert_eq!(lines, [format!("{phase} · Run the tools.: reworded from “{phase} · {}”", item.text)]);
    }
}
