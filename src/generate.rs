//! Synthetic workbooks of any size, for the benchmarks and the tests that check speed and
//! size limits. Deterministic: the same item count and seed give the same workbook.

use chrono::{DateTime, NaiveDate};

use crate::model::{
    Choice, Condition, Decision, DecisionKind, DecisionStatus, FORMAT_VERSION, Gate, Item, ItemKind, Meta, Note, Owner,
    Phase, ScopeOption, ScopeQuestion, Status, Workbook,
};

/// A small, fast pseudo-random sequence (xorshift64*): enough to spread items about.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "configure",
    "tenant",
    "Active Directory",
    "sync",
    "DNS",
    "firewall",
    "policy",
    "devices",
    "åtgärda",
    "grupper",
    "verify",
    "remediation",
    "checkpoint",
    "licences",
    "Intune",
    "connector",
    "identity",
    "report",
    "översikt",
    "plan",
];

/// A workbook with `items` items spread over five phases and General, about a fifth of
/// them sub-items, a tenth conditional, a tenth with notes, one decision per hundred.
pub fn workbook(items: usize, seed: u64) -> Workbook {
    let mut seq = Sequence(seed.max(1));
    let start = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap_or_default();
    let at = DateTime::parse_from_rfc3339("2026-02-01T09:00:00+01:00").unwrap_or_default();
    let phase_ids = ["initiate", "assess", "remediate", "enable-core", "enable-service"];
    let mut phases: Vec<Phase> = phase_ids
        .iter()
        .map(|id| Phase {
            id: (*id).to_string(),
            title: format!("Phase {id}"),
            stage: String::new(),
            purpose: format!("Generated phase {id}."),
            receives_remediation: *id == "remediate",
            items: Vec::new(),
            meetings: Vec::new(),
            gate: Gate {
                id: format!("{id}.gate"),
                title: format!("Gate of {id}"),
                detail: String::new(),
                joint: false,
                criteria: Vec::new(),
                signoffs: Vec::new(),
                passed: None,
            },
            started: None,
        })
        .collect();
    let mut general = Vec::new();
    for n in 0..items {
        // One in twenty goes to General, the rest evenly over the phases.
        let list = if n % 20 == 0 { None } else { Some(n % phases.len()) };
        let id = format!("g{n}");
        let owner = Owner::ALL[usize::try_from(seq.below(3)).unwrap_or(0)];
        let text: Vec<&str> =
            (0..4 + seq.below(8)).map(|_| WORDS[usize::try_from(seq.below(WORDS.len() as u64)).unwrap_or(0)]).collect();
        let mut item = Item::new(id, owner, text.join(" "));
        item.kind = if seq.below(5) == 0 { ItemKind::Task } else { ItemKind::Responsibility };
        item.status = Status::ALL[usize::try_from(seq.below(4)).unwrap_or(0)];
        if seq.below(10) == 0 {
            item.when = Condition::Is("workloads".into(), if seq.below(2) == 0 { "mdm".into() } else { "mam".into() });
        }
        if seq.below(3) == 0 {
            item.due = start.checked_add_days(chrono::Days::new(seq.below(400)));
        }
        if seq.below(4) == 0 {
            item.assignee = ["Åsa", "Bo", "Cecilia", "Dan"][usize::try_from(seq.below(4)).unwrap_or(0)].into();
        }
        if seq.below(10) == 0 {
            item.notes.push(Note { at, by: "Åsa".into(), text: format!("Note on {}: {}", item.id, text.join(" ")) });
        }
        let target = match list {
            None => &mut general,
            Some(p) => &mut phases[p].items,
        };
        // About a fifth sit under the item before them, when that one is a top-level item.
        if seq.below(5) == 0
            && let Some(previous) = target.last()
            && previous.parent.is_none()
            && previous.owner == item.owner
        {
            item.parent = Some(previous.id.clone());
            item.when = Condition::Always;
        }
        target.push(item);
    }
    let decisions = (0..items / 100)
        .map(|n| Decision {
            id: format!("D-{n}"),
            title: format!("Decision {n}"),
            date: start,
            status: DecisionStatus::Accepted,
            kind: DecisionKind::General,
            deciders: vec!["Åsa".into()],
            context: "Generated.".into(),
            options: vec!["Yes".into(), "No".into()],
            outcome: "Yes".into(),
            consequences: String::new(),
            links: Vec::new(),
            superseded_by: None,
        })
        .collect();
    Workbook {
        version: FORMAT_VERSION,
        meta: Meta {
            template: "generated".into(),
            title: format!("Generated workbook, {items} items"),
            language: "en".into(),
            summary: String::new(),
            source: "Generated for benchmarks.".into(),
            parties: Default::default(),
        },
        engagement: crate::model::Engagement {
            customer: "Contoso".into(),
            purchase_date: Some(start),
            start_date: start.checked_add_days(chrono::Days::new(10)),
            ..Default::default()
        },
        deadlines: Vec::new(),
        limits: Vec::new(),
        scope: vec![ScopeQuestion {
            id: "workloads".into(),
            text: "Workloads in scope".into(),
            help: String::new(),
            choice: Choice::Many,
            options: vec![
                ScopeOption { id: "mdm".into(), label: "MDM".into(), help: String::new(), exclusive: false },
                ScopeOption { id: "mam".into(), label: "MAM".into(), help: String::new(), exclusive: false },
            ],
            answer: vec!["mdm".into()],
        }],
        scope_conflicts: Vec::new(),
        expectations: Vec::new(),
        general,
        phases,
        decisions,
        meetings: Vec::new(),
        history: Vec::new(),
        conflicts: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_workbook_has_the_items_asked_for_and_is_valid() {
        let wb = workbook(1000, 7);
        assert_eq!(wb.all_items().count(), 1000);
        let text = crate::store::to_ron(&wb).unwrap();
        let back = crate::store::load_bytes(std::path::Path::new("gen.ron"), text.as_bytes()).unwrap();
        assert_eq!(back, wb);
    }

    #[test]
    fn the_same_seed_gives_the_same_workbook() {
        assert_eq!(workbook(300, 3), workbook(300, 3));
        assert_ne!(workbook(300, 3), workbook(300, 4));
    }
}
