//! The engagement's details as a person edits them, one field at a time.

use chrono::NaiveDate;

use super::due::{self, DateWords, NotADate};
use super::workbook::Engagement;

/// The fields of the engagement, in the order the engagement screen lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Customer,
    Tenant,
    ProjectLead,
    Partner,
    PurchaseDate,
    StartDate,
}

impl Field {
    pub const ALL: [Field; 6] =
        [Field::Customer, Field::Tenant, Field::ProjectLead, Field::Partner, Field::PurchaseDate, Field::StartDate];

    pub fn is_date(self) -> bool {
        matches!(self, Field::PurchaseDate | Field::StartDate)
    }

    /// The field as its prompt shows it; empty when not set.
    pub fn value(self, e: &Engagement) -> String {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            Field::Customer => e.customer.clone(),
            Field::Tenant => e.tenant.clone(),
            Field::ProjectLead => e.project_lead.clone(),
            Field::Partner => e.partner.clone(),
            Field::PurchaseDate => date(e.purchase_date),
            Field::StartDate => date(e.start_date),
        }
    }

    /// The engagement with this field set from the text typed for it.
    pub fn set(
        self,
        e: &Engagement,
        text: &str,
        today: NaiveDate,
        words: &DateWords<'_>,
    ) -> Result<Engagement, NotADate> {
        let mut to = e.clone();
        let text = text.trim().to_string();
        match self {
            Field::Customer => to.customer = text,
            Field::Tenant => to.tenant = text,
            Field::ProjectLead => to.project_lead = text,
            Field::Partner => to.partner = text,
            Field::PurchaseDate => to.purchase_date = due::parse(&text, today, words)?,
            Field::StartDate => to.start_date = due::parse(&text, today, words)?,
        }
        Ok(to)
    }
}
