//! The buy-social directory: approved organisations that employ or support the target group,
//! for anyone (no sign-in) — procurement officers above all — with VPD staff's attestation of
//! how many people from the target group each employs. Counts only, never names; a count under
//! [`crate::domain::organisation::SMALLEST_COUNT_SHOWN`] is shown as "fewer than 5". Also as a CSV file (UTF-8 with a byte
//! order mark, so spreadsheet programs keep Latvian and Russian letters).

use serde_json::json;
use uuid::Uuid;

use super::Db;
use crate::db::repos::{
    self,
    audit::AuditEntry,
    organisations::{After, Attestation, Filter, Stored},
};
use crate::domain::{
    Account, Locale, Role, Standing, Taxonomies, TaxonomyKind,
    organisation::{EMPLOYED_MAX, OrganisationKind, OrganisationScope, ShownCount},
};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::{Key, Message, fill, message_keys as k};
use crate::state::AppState;

/// Why a buy-social use case did not go through.
#[derive(Debug, thiserror::Error)]
pub enum BuySocialError {
    /// No such organisation.
    #[error("not found")]
    NotFound,
    /// A count below 0 or above [`EMPLOYED_MAX`].
    #[error("the count is out of range")]
    BadCount,
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// A role the access gate should have refused reached this use case.
    #[error("the access rules let a {0:?} through to attestations")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("the directory could not be read or saved")]
    Database(#[from] sea_orm::DbErr),
}

impl ToClientError for BuySocialError {
    fn client_error(&self) -> Option<ClientError> {
        match self {
            BuySocialError::NotFound => Some(ClientError::new(Code::NotFound, Message::NotFound)),
            BuySocialError::BadCount => {
                Some(ClientError::new(Code::BadUserInput, Message::EmployedCountOutOfRange).field("employedCount"))
            }
            BuySocialError::BadCursor => {
                Some(ClientError::new(Code::BadUserInput, Message::InvalidRequest).field("after"))
            }
            BuySocialError::RoleNotServed(_) | BuySocialError::Database(_) => None,
        }
    }
}

/// An organisation in the directory, with VPD's attestation if there is one.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The organisation.
    pub organisation: Stored,
    /// VPD staff's latest check.
    pub attestation: Option<Attestation>,
}

/// Staff attest that `organisation` employs `employed` people from the target group, as checked
/// today. Returns the attestation.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, organisation.id = %organisation))]
pub async fn attest(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    organisation: Uuid,
    employed: i64,
) -> Result<Attestation, BuySocialError> {
    if !actor.role.is_vpd() {
        return Err(BuySocialError::RoleNotServed(actor.role));
    }
    let employed = u32::try_from(employed).ok().filter(|n| *n <= EMPLOYED_MAX).ok_or(BuySocialError::BadCount)?;
    repos::organisations::find_any(db, organisation).await?.ok_or(BuySocialError::NotFound)?;
    let now = state.now();
    let attestation = Attestation { employed, verified_on: now.date_naive() };
    let txn = db.begin().await?;
    repos::organisations::attest(&txn, organisation, attestation, actor.id, now).await?;
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "organisation.attest",
        subject_type: "organisation",
        subject_id: Some(organisation),
        detail: json!({ "employed": employed }),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(attestation)
}

/// The filter of the directory: only those that employ or support the target group.
fn filter(region: Option<String>, sector: Option<String>) -> Filter {
    let some = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    Filter { region: some(region), sector: some(sector), supports_target_group: true, ..Filter::default() }
}

/// A page of the directory, by name: at most `first` after `after`, and whether more follow.
/// Three statements whatever the page size.
pub async fn page(
    db: &impl Db,
    (region, sector): (Option<String>, Option<String>),
    after: Option<&After>,
    first: usize,
) -> Result<(Vec<Listed>, bool), BuySocialError> {
    let first = first.clamp(1, super::MAX_PAGE_SIZE) as u64;
    let page =
        repos::organisations::list(db, &OrganisationScope::public(), &filter(region, sector), after, first).await?;
    let ids: Vec<Uuid> = page.organisations.iter().map(|o| o.id).collect();
    let mut attestations = repos::organisations::attestations(db, &ids).await?;
    let listed = page
        .organisations
        .into_iter()
        .filter(|o| o.standing == Standing::Approved)
        .map(|organisation| Listed { attestation: attestations.remove(&organisation.id), organisation })
        .collect();
    Ok((listed, page.has_more))
}

/// The attestation as a sentence in `locale`: "employs 7 people from the target group —
/// verified by VPD on 03.12.2026", or "fewer than 5".
pub fn statement(attestation: &Attestation, locale: Locale) -> String {
    let date = attestation.verified_on.format("%d.%m.%Y").to_string();
    match ShownCount::of(attestation.employed) {
        ShownCount::FewerThan(n) => {
            fill(k::BUY_SOCIAL_EMPLOYS_FEW.text(locale), &[("count", &n.to_string()), ("date", &date)])
        }
        ShownCount::Exactly(n) => {
            fill(k::BUY_SOCIAL_EMPLOYS.text(locale), &[("count", &n.to_string()), ("date", &date)])
        }
    }
}

/// The count as the public may see it, in `locale`: the number, or "fewer than 5".
pub fn shown_count(employed: u32, locale: Locale) -> String {
    match ShownCount::of(employed) {
        ShownCount::FewerThan(n) => fill(k::BUY_SOCIAL_FEWER_THAN.text(locale), &[("count", &n.to_string())]),
        ShownCount::Exactly(n) => n.to_string(),
    }
}

fn kind_label(kind: OrganisationKind) -> Key {
    match kind {
        OrganisationKind::SocialEnterprise => k::BUY_SOCIAL_KIND_SOCIAL_ENTERPRISE,
        OrganisationKind::Ngo => k::BUY_SOCIAL_KIND_NGO,
        OrganisationKind::Company => k::BUY_SOCIAL_KIND_COMPANY,
        OrganisationKind::Municipality => k::BUY_SOCIAL_KIND_MUNICIPALITY,
    }
}

/// Rows read per statement while the CSV is written.
const CSV_BATCH: usize = 50;

/// The whole directory (narrowed like the page) as CSV in `locale`: a byte order mark, a header
/// row, one row per organisation by name.
pub async fn csv(
    db: &impl Db,
    state: &AppState,
    (region, sector): (Option<String>, Option<String>),
    locale: Locale,
) -> Result<Vec<u8>, BuySocialError> {
    let terms = crate::services::taxonomies::all(db, state).await?;
    let mut out = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        k::BUY_SOCIAL_CSV_NAME,
        k::BUY_SOCIAL_CSV_REGISTRATION_NUMBER,
        k::BUY_SOCIAL_CSV_KIND,
        k::BUY_SOCIAL_CSV_SECTORS,
        k::BUY_SOCIAL_CSV_REGION,
        k::BUY_SOCIAL_CSV_WEBSITE,
        k::BUY_SOCIAL_CSV_EMPLOYED,
        k::BUY_SOCIAL_CSV_VERIFIED_ON,
    ];
    let failed = |e: csv::Error| BuySocialError::Database(sea_orm::DbErr::Custom(e.to_string()));
    out.write_record(header.iter().map(|key| key.text(locale))).map_err(failed)?;
    let mut after: Option<After> = None;
    loop {
        let (rows, more) = page(db, (region.clone(), sector.clone()), after.as_ref(), CSV_BATCH).await?;
        after = rows.last().map(|l| (l.organisation.profile.name.clone(), l.organisation.id));
        for listed in &rows {
            out.write_record(row(listed, &terms, locale)).map_err(failed)?;
        }
        if !more || after.is_none() {
            break;
        }
    }
    out.into_inner().map_err(|e| BuySocialError::Database(sea_orm::DbErr::Custom(e.to_string())))
}

/// A cell as a spreadsheet program shows it: text an organisation wrote that starts like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so
/// opening the file never runs it.
fn inert(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

/// One organisation's CSV cells.
fn row(listed: &Listed, terms: &Taxonomies, locale: Locale) -> Vec<String> {
    let p = &listed.organisation.profile;
    let labels =
        |kind, codes: &[String]| crate::services::mentoring::recommendations::labels(terms, kind, codes, locale);
    vec![
        p.name.clone(),
        p.registration_number.clone(),
        kind_label(p.kind).text(locale).to_owned(),
        labels(TaxonomyKind::Sector, &p.sectors),
        labels(TaxonomyKind::Region, std::slice::from_ref(&p.region)),
        p.website.clone().unwrap_or_default(),
        listed.attestation.map(|a| shown_count(a.employed, locale)).unwrap_or_default(),
        listed.attestation.map(|a| a.verified_on.format("%d.%m.%Y").to_string()).unwrap_or_default(),
    ]
    .into_iter()
    .map(inert)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_start_like_a_formula_stay_text() {
        assert_eq!(inert("=HYPERLINK(\"x\")".to_owned()), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("+371".to_owned()), "'+371");
        assert_eq!(inert("@SUM(A1)".to_owned()), "'@SUM(A1)");
        assert_eq!(inert("-2".to_owned()), "'-2");
        assert_eq!(inert("Rīgas darbnīca".to_owned()), "Rīgas darbnīca");
        assert_eq!(inert(String::new()), "");
    }

    #[test]
    fn small_counts_read_as_fewer_than_five_in_every_language() {
        let few =
            Attestation { employed: 3, verified_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default() };
        for locale in Locale::ALL {
            for employed in [0, 1, 4] {
                let other = Attestation { employed, ..few };
                assert_eq!(statement(&few, locale), statement(&other, locale), "nothing tells 3 from {employed}");
                assert_eq!(shown_count(3, locale), shown_count(employed, locale));
            }
            assert!(statement(&few, locale).contains("03.12.2026"));
            assert!(!shown_count(3, locale).contains('3') && shown_count(3, locale).contains('5'));
        }
        assert_eq!(shown_count(7, Locale::En), "7");
        assert!(statement(&Attestation { employed: 12, ..few }, Locale::Lv).contains("12"));
        assert_eq!(crate::domain::organisation::SMALLEST_COUNT_SHOWN, 5);
    }
}
