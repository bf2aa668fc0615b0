//! VPD staff's moderation decisions over GraphQL.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};

use super::access::{ANY_FIELD, Access, Rule};
use super::accounts::{RoleGql, StandingGql};
use super::context::ContextExt;
use crate::domain::{Account, Role, UserId};
use crate::services::moderation::{self, DecisionError};

/// VPD staff and admins.
const VPD: Rule = Rule::Roles(&[Role::Staff, Role::Admin]);

/// Who may reach the fields of this module: VPD staff only.
pub const ACCESS: &[Access] = &[("Mutation", "decideModeration", VPD), ("ModeratedPerson", ANY_FIELD, VPD)];

/// A moderation decision.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "ModerationDecision", remote = "crate::domain::moderation::Decision")]
pub enum DecisionGql {
    /// Let a person who waits (or was refused) take part.
    Approve,
    /// Refuse a person who waits; needs a reason.
    Reject,
    /// Take an approved person out of Tilts; needs a reason.
    Suspend,
    /// Let a suspended person back.
    Reinstate,
}

/// A person after a moderation decision.
#[derive(SimpleObject)]
pub struct ModeratedPerson {
    id: ID,
    display_name: String,
    role: RoleGql,
    standing: StandingGql,
}

impl From<&Account> for ModeratedPerson {
    fn from(a: &Account) -> Self {
        ModeratedPerson {
            id: ID(a.id.0.to_string()),
            display_name: a.display_name.clone(),
            role: a.role.into(),
            standing: a.standing.into(),
        }
    }
}

/// Moderation mutations.
#[derive(Default)]
pub struct ModerationMutation;

#[Object]
impl ModerationMutation {
    /// Approves, rejects, suspends or reinstates a person (VPD staff; audited; the person is
    /// told by e-mail). Rejecting and suspending need a reason, which the person receives.
    async fn decide_moderation(
        &self,
        ctx: &Context<'_>,
        subject_id: ID,
        decision: DecisionGql,
        reason: Option<String>,
    ) -> async_graphql::Result<ModeratedPerson> {
        let viewer = ctx.viewer()?;
        let subject = uuid::Uuid::parse_str(subject_id.as_str()).map_err(|_| ctx.fail(&DecisionError::NotFound))?;
        let person =
            moderation::decide(ctx.state()?, &viewer.account, UserId(subject), decision.into(), reason.as_deref())
                .await
                .map_err(|e| ctx.fail(&e))?;
        Ok(ModeratedPerson::from(&person))
    }
}
