//! Conviction and supervision data: a founder's target-group record (category, VPD unit,
//! supervising officer, supervision end date, notes) and supervision constraints (no-contact
//! persons, excluded sectors).
//!
//! This module is the only way to those tables: their entities are private here, so no other
//! module can even name them (a test also holds raw SQL elsewhere to that). Staff reach the
//! data only through [`read`], which needs a reason and leaves an audit entry and a line in the
//! founder's "who viewed my data"; writes are audited too. The rest of Tilts obeys the
//! constraints through [`no_contact_of`] and [`excluded_sectors_of`], which answer with bare
//! ids and codes — never why.

mod tables;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

use crate::db::repos::{self, audit::AuditEntry, profile_views::What};
use crate::domain::{Account, Role, Standing, TaxonomyKind, UserId};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::services::Db;
use crate::state::AppState;
use tables::{supervision_excluded_sectors as excluded, supervision_no_contact as no_contact, target_group_records};

/// The longest VPD unit name.
pub const UNIT_NAME_MAX: usize = 120;
/// The longest notes.
pub const NOTES_MAX: usize = 4000;
/// The longest reason for reading a record.
pub const REASON_MAX: usize = 1000;
/// The most no-contact persons of one founder.
pub const NO_CONTACT_MAX: usize = 50;

/// Why a person belongs to the target group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Under probation supervision.
    ProbationClient,
    /// Released from prison.
    FormerPrisoner,
    /// At risk of offending.
    AtRisk,
}

impl Category {
    const ALL: [Category; 3] = [Category::ProbationClient, Category::FormerPrisoner, Category::AtRisk];

    fn as_str(self) -> &'static str {
        match self {
            Category::ProbationClient => "probation_client",
            Category::FormerPrisoner => "former_prisoner",
            Category::AtRisk => "at_risk",
        }
    }

    fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A person named in the data, as staff see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Their account.
    pub id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their role.
    pub role: Role,
}

/// A founder's target-group record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetGroupRecord {
    /// Why they belong to the target group.
    pub category: Category,
    /// The VPD regional unit.
    pub unit_name: String,
    /// The supervising officer, a VPD staff member (gone if their account was removed).
    pub officer: Option<Named>,
    /// When supervision ends.
    pub supervision_ends_on: Option<NaiveDate>,
    /// Staff's notes.
    pub notes: String,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// What supervision rules out for a founder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constraints {
    /// People the founder must never see nor be shown to, in name order.
    pub no_contact: Vec<Named>,
    /// Sector codes the founder must not work in, in code order.
    pub excluded_sectors: Vec<String>,
}

/// Everything kept about one founder's supervision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supervision {
    /// The founder.
    pub founder: Named,
    /// Their record, if staff made one.
    pub record: Option<TargetGroupRecord>,
    /// Their constraints (empty if none).
    pub constraints: Constraints,
}

/// A record as staff enter it.
#[derive(Debug, Clone)]
pub struct RecordInput {
    /// The category.
    pub category: Category,
    /// The VPD unit, 1–120 characters on one line.
    pub unit_name: String,
    /// The supervising officer: a VPD account.
    pub officer: Option<UserId>,
    /// When supervision ends.
    pub supervision_ends_on: Option<NaiveDate>,
    /// Notes, up to 4,000 characters.
    pub notes: String,
}

/// Constraints as staff enter them; they replace the ones stored.
#[derive(Debug, Clone, Default)]
pub struct ConstraintsInput {
    /// No-contact persons: accounts of Tilts users other than the founder and VPD.
    pub no_contact: Vec<UserId>,
    /// Excluded sector codes.
    pub excluded_sectors: Vec<String>,
}

/// An input field a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The reason for reading.
    Reason,
    /// The unit name.
    UnitName,
    /// The supervising officer.
    Officer,
    /// The notes.
    Notes,
    /// The no-contact persons.
    NoContact,
    /// The excluded sectors.
    ExcludedSectors,
}

/// Why a request about supervision data was refused.
#[derive(Debug, thiserror::Error)]
pub enum PrivacyError {
    /// No founder with this id.
    #[error("no such founder")]
    NotFound,
    /// Reading needs a reason.
    #[error("a reason is required")]
    ReasonRequired,
    /// The reason is longer than [`REASON_MAX`].
    #[error("the reason is too long")]
    ReasonTooLong,
    /// The unit name is empty.
    #[error("the unit name is required")]
    UnitNameRequired,
    /// The unit name is too long or spans lines.
    #[error("the unit name is too long")]
    UnitNameTooLong,
    /// The notes are longer than [`NOTES_MAX`].
    #[error("the notes are too long")]
    NotesTooLong,
    /// The officer is not a VPD account.
    #[error("the officer is not VPD staff")]
    NotAnOfficer,
    /// A no-contact id is not a Tilts user who can be one, or there are too many.
    #[error("not a person who can be a no-contact person")]
    NotAContact,
    /// A sector code that is not on the list.
    #[error("unknown sector")]
    UnknownSector,
    /// A role the access gate should have refused reached this module.
    #[error("the access rules let a {0:?} through to supervision data")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("supervision data could not be read or written")]
    Database(#[from] DbErr),
    /// Closing the mentorships a new no-contact rules out failed; nothing was saved.
    #[error("closing the mentorships the constraints rule out failed")]
    Mentoring(#[from] crate::services::mentoring::MentoringError),
}

impl PrivacyError {
    /// The input field the refusal is about.
    pub fn field(&self) -> Option<Field> {
        Some(match self {
            PrivacyError::ReasonRequired | PrivacyError::ReasonTooLong => Field::Reason,
            PrivacyError::UnitNameRequired | PrivacyError::UnitNameTooLong => Field::UnitName,
            PrivacyError::NotesTooLong => Field::Notes,
            PrivacyError::NotAnOfficer => Field::Officer,
            PrivacyError::NotAContact => Field::NoContact,
            PrivacyError::UnknownSector => Field::ExcludedSectors,
            PrivacyError::NotFound
            | PrivacyError::RoleNotServed(_)
            | PrivacyError::Database(_)
            | PrivacyError::Mentoring(_) => return None,
        })
    }
}

impl ToClientError for PrivacyError {
    fn client_error(&self) -> Option<ClientError> {
        let bad = |message| ClientError::new(Code::BadUserInput, message);
        Some(match self {
            PrivacyError::NotFound => ClientError::new(Code::NotFound, Message::NotFound),
            PrivacyError::ReasonRequired => bad(Message::AccessReasonRequired),
            PrivacyError::ReasonTooLong => bad(Message::ReasonTooLong),
            PrivacyError::UnitNameRequired => bad(Message::UnitNameRequired),
            PrivacyError::UnitNameTooLong => bad(Message::UnitNameTooLong),
            PrivacyError::NotesTooLong => bad(Message::NotesTooLong),
            PrivacyError::NotAnOfficer => bad(Message::NotAnOfficer),
            PrivacyError::NotAContact => bad(Message::NotAContact),
            PrivacyError::UnknownSector => bad(Message::UnknownTerm),
            PrivacyError::RoleNotServed(_) | PrivacyError::Database(_) | PrivacyError::Mentoring(_) => return None,
        })
    }
}

/// Only approved VPD staff and admins get past this.
fn staff_only(actor: &Account) -> Result<(), PrivacyError> {
    if actor.role.is_vpd() && actor.standing == Standing::Approved {
        Ok(())
    } else {
        Err(PrivacyError::RoleNotServed(actor.role))
    }
}

fn named(account: &Account) -> Named {
    Named { id: account.id, display_name: account.display_name.clone(), role: account.role }
}

/// The founder `id`, or `NotFound` for anyone else.
async fn founder(db: &impl ConnectionTrait, id: UserId) -> Result<Named, PrivacyError> {
    match repos::users::find(db, id).await? {
        Some(user) if user.account.role == Role::Founder => Ok(named(&user.account)),
        _ => Err(PrivacyError::NotFound),
    }
}

/// Staff read a founder's supervision data, saying why. The read is audited (who, whose,
/// when, why) and appears in the founder's "who viewed my data" as VPD staff.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn read(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    founder_id: UserId,
    reason: &str,
) -> Result<Supervision, PrivacyError> {
    staff_only(actor)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(PrivacyError::ReasonRequired);
    }
    if reason.chars().count() > REASON_MAX {
        return Err(PrivacyError::ReasonTooLong);
    }
    let now = state.now();
    let founder = founder(db, founder_id).await?;
    // Each transaction here starts with its write: SQLite cannot turn a reader into a writer
    // once another connection has written.
    let txn = db.begin().await?;
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "target_group_record.read",
        subject_type: "user",
        subject_id: Some(founder_id.0),
        detail: json!({ "reason": reason }),
    };
    repos::audit::record(&txn, entry, now).await?;
    repos::profile_views::record(&txn, founder_id, actor.id, What::VpdRecord, now).await?;
    let supervision = load(&txn, founder).await?;
    txn.commit().await?;
    tracing::info!("a founder's data read");
    Ok(supervision)
}

/// Staff set a founder's target-group record (audited).
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn set_record(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    founder_id: UserId,
    input: RecordInput,
) -> Result<Supervision, PrivacyError> {
    staff_only(actor)?;
    let unit_name = input.unit_name.trim().to_owned();
    if unit_name.is_empty() {
        return Err(PrivacyError::UnitNameRequired);
    }
    if unit_name.chars().count() > UNIT_NAME_MAX || unit_name.chars().any(char::is_control) {
        return Err(PrivacyError::UnitNameTooLong);
    }
    let notes = input.notes.trim().to_owned();
    if notes.chars().count() > NOTES_MAX {
        return Err(PrivacyError::NotesTooLong);
    }
    let now = state.now();
    let founder = founder(db, founder_id).await?;
    if let Some(officer) = input.officer {
        match repos::users::find(db, officer).await? {
            Some(user) if user.account.role.is_vpd() && !user.disabled => {}
            _ => return Err(PrivacyError::NotAnOfficer),
        }
    }
    let row = target_group_records::ActiveModel {
        founder_id: Set(founder_id.0),
        category: Set(input.category.as_str().to_owned()),
        unit_name: Set(unit_name),
        officer_id: Set(input.officer.map(|o| o.0)),
        supervision_ends_on: Set(input.supervision_ends_on),
        notes: Set(notes),
        updated_by: Set(actor.id.0),
        updated_at: Set(now),
    };
    let txn = db.begin().await?;
    // An update first (a write, and it says whether the record existed), else an insert.
    let updated = target_group_records::Entity::update_many()
        .set(row.clone())
        .filter(target_group_records::Column::FounderId.eq(founder_id.0))
        .exec(&txn)
        .await?;
    let exists = updated.rows_affected == 1;
    if !exists {
        row.insert(&txn).await?;
    }
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "target_group_record.set",
        subject_type: "user",
        subject_id: Some(founder_id.0),
        detail: json!({ "created": !exists }),
    };
    repos::audit::record(&txn, entry, now).await?;
    let supervision = load(&txn, founder).await?;
    txn.commit().await?;
    tracing::info!("a founder's data saved");
    Ok(supervision)
}

/// Staff replace a founder's supervision constraints (audited). They take effect on the next
/// request of everyone concerned.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn set_constraints(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    founder_id: UserId,
    input: ConstraintsInput,
) -> Result<Supervision, PrivacyError> {
    staff_only(actor)?;
    let people: HashSet<UserId> = input.no_contact.iter().copied().collect();
    let sectors: HashSet<&str> = input.excluded_sectors.iter().map(String::as_str).collect();
    if people.len() > NO_CONTACT_MAX || people.contains(&founder_id) {
        return Err(PrivacyError::NotAContact);
    }
    let terms = crate::services::taxonomies::all(db, state).await?;
    if !sectors.iter().all(|code| terms.contains(TaxonomyKind::Sector, code)) {
        return Err(PrivacyError::UnknownSector);
    }
    let now = state.now();
    let founder = founder(db, founder_id).await?;
    let found = repos::users::find_many(db, &people.iter().copied().collect::<Vec<_>>()).await?;
    if found.len() != people.len() || found.iter().any(|u| u.account.role.is_vpd()) {
        return Err(PrivacyError::NotAContact);
    }
    let txn = db.begin().await?;
    no_contact::Entity::delete_many().filter(no_contact::Column::FounderId.eq(founder_id.0)).exec(&txn).await?;
    if !people.is_empty() {
        no_contact::Entity::insert_many(
            people
                .iter()
                .map(|person| no_contact::ActiveModel { founder_id: Set(founder_id.0), person_id: Set(person.0) }),
        )
        .exec(&txn)
        .await?;
    }
    excluded::Entity::delete_many().filter(excluded::Column::FounderId.eq(founder_id.0)).exec(&txn).await?;
    if !sectors.is_empty() {
        excluded::Entity::insert_many(
            sectors
                .iter()
                .map(|code| excluded::ActiveModel { founder_id: Set(founder_id.0), sector: Set((*code).to_owned()) }),
        )
        .exec(&txn)
        .await?;
    }
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "supervision_constraints.set",
        subject_type: "user",
        subject_id: Some(founder_id.0),
        detail: json!({ "no_contact": people.len(), "excluded_sectors": sectors.len() }),
    };
    repos::audit::record(&txn, entry, now).await?;
    // Whatever the founder has open or running with a person now kept from them closes with
    // the change (the founder held, so nothing new starts meanwhile).
    repos::mentorships::hold_mentee(&txn, founder_id).await?;
    let closed =
        crate::services::mentoring::supervision::close_kept_apart(&txn, state, actor, founder_id, &people, now).await?;
    let supervision = load(&txn, founder).await?;
    txn.commit().await?;
    if closed > 0 {
        state.outbox_wake.notify_one();
    }
    tracing::info!(mentorships.closed = closed, "a founder's data saved");
    Ok(supervision)
}

/// Everything stored about `founder`: three statements whatever the size.
async fn load(db: &impl ConnectionTrait, founder: Named) -> Result<Supervision, PrivacyError> {
    let row = target_group_records::Entity::find_by_id(founder.id.0).one(db).await?;
    let people: Vec<UserId> = no_contact::Entity::find()
        .filter(no_contact::Column::FounderId.eq(founder.id.0))
        .all(db)
        .await?
        .into_iter()
        .map(|r| UserId(r.person_id))
        .collect();
    let excluded_sectors = excluded::Entity::find()
        .filter(excluded::Column::FounderId.eq(founder.id.0))
        .order_by_asc(excluded::Column::Sector)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.sector)
        .collect();
    let mut wanted = people.clone();
    wanted.extend(row.as_ref().and_then(|r| r.officer_id).map(UserId));
    let by_id: HashMap<UserId, Named> =
        repos::users::find_many(db, &wanted).await?.iter().map(|u| (u.account.id, named(&u.account))).collect();
    let mut no_contact: Vec<Named> = people.iter().filter_map(|id| by_id.get(id).cloned()).collect();
    no_contact.sort_by(|a, b| a.display_name.cmp(&b.display_name).then(a.id.0.cmp(&b.id.0)));
    let record = match row {
        None => None,
        Some(r) => Some(TargetGroupRecord {
            category: Category::parse(&r.category)
                .ok_or_else(|| DbErr::Type(format!("unknown target-group category {}", r.category)))?,
            unit_name: r.unit_name,
            officer: r.officer_id.and_then(|id| by_id.get(&UserId(id)).cloned()),
            supervision_ends_on: r.supervision_ends_on,
            notes: r.notes,
            updated_at: r.updated_at,
        }),
    };
    Ok(Supervision { founder, record, constraints: Constraints { no_contact, excluded_sectors } })
}

/// The people `person` must never see nor be shown to, in either direction of a no-contact
/// constraint: bare ids for the visibility policy, never the reason. One statement.
pub async fn no_contact_of(db: &impl ConnectionTrait, person: UserId) -> Result<HashSet<UserId>, DbErr> {
    no_contact_of_any(db, &[person]).await
}

/// The people a no-contact constraint keeps from any of `people` (the representatives of one
/// organisation, say), in either direction: bare ids, never the reason. One statement.
pub async fn no_contact_of_any(db: &impl ConnectionTrait, people: &[UserId]) -> Result<HashSet<UserId>, DbErr> {
    if people.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<Uuid> = people.iter().map(|p| p.0).collect();
    let rows = no_contact::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(no_contact::Column::FounderId.is_in(ids.clone()))
                .add(no_contact::Column::PersonId.is_in(ids.clone())),
        )
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .flat_map(|r| {
            let (founder, person) = (UserId(r.founder_id), UserId(r.person_id));
            [(founder, person), (person, founder)]
        })
        .filter(|(near, far)| people.contains(near) && !people.contains(far))
        .map(|(_, far)| far)
        .collect())
}

/// The sector codes `founder` must not be offered work in: bare codes for matching and
/// opportunity visibility, never the reason. One statement.
pub async fn excluded_sectors_of(db: &impl ConnectionTrait, founder: UserId) -> Result<HashSet<String>, DbErr> {
    let rows = excluded::Entity::find().filter(excluded::Column::FounderId.eq(founder.0)).all(db).await?;
    Ok(rows.into_iter().map(|r| r.sector).collect())
}

#[cfg(test)]
mod tests {
    /// Only this module names the supervision tables: no SQL elsewhere in the server reaches
    /// them past the compiler's guard on the private entities.
    #[test]
    fn no_other_module_names_the_supervision_tables() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let own = src.join("privacy");
        // Spelled in parts, so this file is not its own offender either way.
        let tables = [
            concat!("target_group", "_records"),
            concat!("supervision", "_no_contact"),
            concat!("supervision", "_excluded"),
        ];
        let mut offenders = Vec::new();
        let mut dirs = vec![src.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if path != own {
                        dirs.push(path);
                    }
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    offenders.extend(
                        tables.iter().filter(|t| text.contains(*t)).map(|t| format!("{}: {t}", path.display())),
                    );
                }
            }
        }
        assert!(offenders.is_empty(), "{offenders:?}");
        assert!(
            std::fs::read_to_string(own.join("tables.rs")).is_ok_and(|text| text.contains(tables[0])),
            "the guard looks for the right name"
        );
    }
}
