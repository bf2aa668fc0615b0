//! A founder's target-group record and supervision constraints over GraphQL, for VPD staff only.
//! Every type here is sealed: a schema test fails if any field a non-staff role may use leads
//! to one of them, through its result or its arguments.

use async_graphql::{Context, Enum, ErrorExtensions, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::accounts::RoleGql;
use super::context::ContextExt;
use crate::domain::{Role, UserId};
use crate::privacy::{self, ConstraintsInput, Field, Named, PrivacyError, RecordInput, Supervision};

/// VPD staff and admins.
const VPD: Rule = Rule::Roles(&[Role::Staff, Role::Admin]);

/// Who may reach the fields of this module: VPD staff only.
pub const ACCESS: &[Access] = &[
    ("Query", "targetGroupRecord", VPD),
    ("Mutation", "setTargetGroupRecord", VPD),
    ("Mutation", "setSupervisionConstraints", VPD),
    ("TargetGroupRecord", ANY_FIELD, VPD),
    ("SupervisionConstraints", ANY_FIELD, VPD),
    ("SupervisionPerson", ANY_FIELD, VPD),
];

/// The types that carry conviction and supervision data. No field that a non-staff role may
/// use may lead to them (tested over the whole schema).
pub const SEALED_TYPES: &[&str] = &[
    "TargetGroupRecord",
    "TargetGroupCategory",
    "SupervisionConstraints",
    "SupervisionPerson",
    "TargetGroupRecordInput",
    "SupervisionConstraintsInput",
];

/// Why a founder belongs to VPD's target group.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "TargetGroupCategory", remote = "crate::privacy::Category")]
pub enum CategoryGql {
    /// Under probation supervision.
    ProbationClient,
    /// Released from prison.
    FormerPrisoner,
    /// At risk of offending.
    AtRisk,
}

/// A person named in supervision data.
#[derive(SimpleObject)]
pub struct SupervisionPerson {
    id: ID,
    display_name: String,
    role: RoleGql,
}

impl From<Named> for SupervisionPerson {
    fn from(n: Named) -> Self {
        SupervisionPerson { id: ID(n.id.0.to_string()), display_name: n.display_name, role: n.role.into() }
    }
}

/// What supervision rules out for a founder; the rest of Tilts obeys it without saying why.
#[derive(SimpleObject)]
pub struct SupervisionConstraints {
    /// People the founder never sees nor is shown to.
    no_contact: Vec<SupervisionPerson>,
    /// Sector codes (see `taxonomies`) the founder is not offered work in.
    excluded_sectors: Vec<String>,
}

/// What VPD keeps about a founder's supervision.
#[derive(SimpleObject)]
pub struct TargetGroupRecord {
    /// The founder.
    founder: SupervisionPerson,
    /// Whether staff have made the record (its fields are empty until then).
    exists: bool,
    category: Option<CategoryGql>,
    /// The VPD regional unit.
    unit_name: Option<String>,
    /// The supervising officer.
    officer: Option<SupervisionPerson>,
    supervision_ends_on: Option<NaiveDate>,
    notes: Option<String>,
    updated_at: Option<DateTime<Utc>>,
    constraints: SupervisionConstraints,
}

impl From<Supervision> for TargetGroupRecord {
    fn from(s: Supervision) -> Self {
        let record = s.record;
        TargetGroupRecord {
            founder: s.founder.into(),
            exists: record.is_some(),
            category: record.as_ref().map(|r| r.category.into()),
            unit_name: record.as_ref().map(|r| r.unit_name.clone()),
            officer: record.as_ref().and_then(|r| r.officer.clone()).map(Into::into),
            supervision_ends_on: record.as_ref().and_then(|r| r.supervision_ends_on),
            notes: record.as_ref().map(|r| r.notes.clone()),
            updated_at: record.as_ref().map(|r| r.updated_at),
            constraints: SupervisionConstraints {
                no_contact: s.constraints.no_contact.into_iter().map(Into::into).collect(),
                excluded_sectors: s.constraints.excluded_sectors,
            },
        }
    }
}

/// A founder's target-group record as staff enter it.
#[derive(InputObject)]
pub struct TargetGroupRecordInput {
    category: CategoryGql,
    /// The VPD regional unit, 1–120 characters.
    unit_name: String,
    /// The supervising officer: a VPD staff account.
    officer_id: Option<ID>,
    supervision_ends_on: Option<NaiveDate>,
    /// Up to 4,000 characters.
    #[graphql(default)]
    notes: String,
}

/// A founder's supervision constraints; they replace the ones stored.
#[derive(InputObject)]
pub struct SupervisionConstraintsInput {
    /// Accounts of people the founder must never see nor be shown to (at most 50).
    no_contact_user_ids: Vec<ID>,
    /// Sector codes the founder is not offered work in.
    excluded_sectors: Vec<String>,
}

/// The GraphQL name of an input field, as `extensions.field` names it.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Reason => "reason",
        Field::UnitName => "unitName",
        Field::Officer => "officerId",
        Field::Notes => "notes",
        Field::NoContact => "noContactUserIds",
        Field::ExcludedSectors => "excludedSectors",
    }
}

fn fail(ctx: &Context<'_>, err: &PrivacyError) -> async_graphql::Error {
    let error = ctx.fail(err);
    match err.field() {
        Some(field) => error.extend_with(|_, ext| ext.set("field", field_name(field))),
        None => error,
    }
}

/// An id as an account id; anything else is `otherwise`.
fn user_id(id: &ID, otherwise: PrivacyError) -> Result<UserId, PrivacyError> {
    uuid::Uuid::parse_str(id.as_str()).map(UserId).map_err(|_| otherwise)
}

/// Supervision queries.
#[derive(Default)]
pub struct PrivacyQuery;

#[Object]
impl PrivacyQuery {
    /// A founder's target-group record and constraints (VPD staff). Every read needs a reason
    /// and is audited; the founder sees that VPD staff read it.
    async fn target_group_record(
        &self,
        ctx: &Context<'_>,
        founder_id: ID,
        reason: String,
    ) -> async_graphql::Result<TargetGroupRecord> {
        let viewer = ctx.viewer()?;
        let founder = user_id(&founder_id, PrivacyError::NotFound).map_err(|e| fail(ctx, &e))?;
        let read = privacy::read(ctx.db()?, ctx.state()?, &viewer.account, founder, &reason)
            .await
            .map_err(|e| fail(ctx, &e))?;
        Ok(read.into())
    }
}

/// Supervision mutations.
#[derive(Default)]
pub struct PrivacyMutation;

#[Object]
impl PrivacyMutation {
    /// Makes or replaces a founder's target-group record (VPD staff; audited).
    async fn set_target_group_record(
        &self,
        ctx: &Context<'_>,
        founder_id: ID,
        input: TargetGroupRecordInput,
    ) -> async_graphql::Result<TargetGroupRecord> {
        let viewer = ctx.viewer()?;
        let founder = user_id(&founder_id, PrivacyError::NotFound).map_err(|e| fail(ctx, &e))?;
        let officer = match &input.officer_id {
            Some(id) => Some(user_id(id, PrivacyError::NotAnOfficer).map_err(|e| fail(ctx, &e))?),
            None => None,
        };
        let record = RecordInput {
            category: input.category.into(),
            unit_name: input.unit_name,
            officer,
            supervision_ends_on: input.supervision_ends_on,
            notes: input.notes,
        };
        let saved = privacy::set_record(ctx.db()?, ctx.state()?, &viewer.account, founder, record)
            .await
            .map_err(|e| fail(ctx, &e))?;
        Ok(saved.into())
    }

    /// Replaces a founder's supervision constraints (VPD staff; audited). Everyone concerned
    /// is affected from their next request, and nothing tells them why.
    async fn set_supervision_constraints(
        &self,
        ctx: &Context<'_>,
        founder_id: ID,
        input: SupervisionConstraintsInput,
    ) -> async_graphql::Result<TargetGroupRecord> {
        let viewer = ctx.viewer()?;
        let founder = user_id(&founder_id, PrivacyError::NotFound).map_err(|e| fail(ctx, &e))?;
        let no_contact = input
            .no_contact_user_ids
            .iter()
            .map(|id| user_id(id, PrivacyError::NotAContact))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| fail(ctx, &e))?;
        let constraints = ConstraintsInput { no_contact, excluded_sectors: input.excluded_sectors };
        let saved = privacy::set_constraints(ctx.db()?, ctx.state()?, &viewer.account, founder, constraints)
            .await
            .map_err(|e| fail(ctx, &e))?;
        Ok(saved.into())
    }
}
