//! Bare `phasebook` with several engagements: the picker lists them, makes a new one and
//! opens the one chosen.

use crate::common::pty::Session;
use phasebook::model::Status;
use phasebook::model::portfolio::Summary;

#[test]
fn three_engagements_opened_once_are_listed_by_bare_phasebook_which_makes_a_fourth_and_opens_one() {
    let home = tempfile::tempdir().unwrap();
    let today = chrono::Local::now().date_naive();
    let days_ago = |n: u64| today.checked_sub_days(chrono::Days::new(n)).unwrap();
    let mut expected = Vec::new();
    for (n, customer) in ["Contoso", "Fabrikam", "Northwind"].into_iter().enumerate() {
        let mut wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
        wb.engagement.customer = customer.into();
        // Bought and started on different days, so their deadlines differ.
        wb.engagement.purchase_date = Some(days_ago(10 + 20 * n as u64));
        wb.engagement.start_date = Some(days_ago(5 + 20 * n as u64));
        for item in wb.phases[0].items.iter_mut().take(2 + 4 * n) {
            item.status = Status::Done;
        }
        if n == 1 {
            wb.phases[0].items[10].status = Status::Blocked;
        }
        let file = home.path().join(format!("{}.ron", customer.to_lowercase()));
        phasebook::store::save(&file, &wb).unwrap();
        expected.push((customer, Summary::of(&wb, today)));
        let mut s = Session::start(&[file.to_str().unwrap()], home.path(), &[("NO_COLOR", "1")]);
        s.wait_for(&format!("{}.ron", customer.to_lowercase()));
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }

    let mut s = Session::start(&[], home.path(), &[("NO_COLOR", "1")]);
    s.wait_for("Engagements (3)");
    let screen = s.screen();
    for (customer, summary) in &expected {
        let row = screen.lines().find(|l| l.contains(customer)).unwrap_or_else(|| panic!("{customer}:\n{screen}"));
        let phase = summary.phase.clone().unwrap();
        assert!(row.contains(&phase[..phase.len().min(10)]), "{customer}'s phase {phase}: {row}");
        assert!(row.contains(&format!("{}%", summary.progress.percent())), "{customer}'s progress: {row}");
        let next = summary.next_deadline.as_ref().unwrap();
        assert!(row.contains(&next.date.to_string()), "{customer}'s next deadline {}: {row}", next.date);
        let blocked = if summary.blocked == 0 { "·".to_string() } else { summary.blocked.to_string() };
        assert!(row.trim_end().ends_with(&blocked), "{customer}'s blocked count: {row}");
    }
    // A fourth, made here: the customer, then Enter through the rest (empty or as offered).
    s.send("n");
    s.wait_for("New engagement");
    s.send("Adatum\r");
    s.wait_for("Tenant");
    s.send("adatum.onmicrosoft.com\r\r\r\r\r");
    s.wait_for("adatum.ron");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let made = home.path().join("data/phasebook/engagements/adatum.ron");
    let wb = phasebook::store::load(&made).unwrap();
    assert_eq!(wb.engagement.customer, "Adatum");
    assert_eq!(wb.engagement.tenant, "adatum.onmicrosoft.com");

    // Four now; the filter finds one and Enter opens it.
    let mut s = Session::start(&[], home.path(), &[("NO_COLOR", "1")]);
    s.wait_for("Engagements (4)");
    s.send("/north\r");
    s.wait_until("only Northwind listed", |s| !s.screen().contains("Fabrikam"));
    s.send("\r");
    s.wait_for("northwind.ron");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
