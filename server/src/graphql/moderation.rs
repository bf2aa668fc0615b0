//! VPD staff's moderation decisions over GraphQL.

use async_graphql::{
    Context, Enum, ID, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::accounts::{RoleGql, StandingGql};
use super::context::ContextExt;
use crate::domain::{Account, Role, UserId};
use crate::services::moderation::{self, DecisionError};

/// VPD staff and admins.
const VPD: Rule = Rule::Roles(&[Role::Staff, Role::Admin]);

/// Who may reach the fields of this module: VPD staff only.
pub const ACCESS: &[Access] = &[
    ("Mutation", "decideModeration", VPD),
    ("ModeratedPerson", ANY_FIELD, VPD),
    ("Query", "moderationQueue", VPD),
    ("QueuedPersonConnection", ANY_FIELD, VPD),
    ("QueuedPersonEdge", ANY_FIELD, VPD),
    ("QueuedPerson", ANY_FIELD, VPD),
    // Shared by every connection; it says nothing about the rows.
    ("PageInfo", ANY_FIELD, Rule::SignedIn),
];

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

/// A person waiting for VPD staff's approval.
#[derive(SimpleObject)]
pub struct QueuedPerson {
    id: ID,
    display_name: String,
    role: RoleGql,
    email: String,
    /// When they joined: the queue shows who waited longest first.
    waiting_since: DateTime<Utc>,
}

/// The cursor of a queued person: when they joined and their id, opaque to clients.
fn cursor(joined: DateTime<Utc>, id: uuid::Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}|{id}", joined.to_rfc3339()))
}

/// The key in `cursor`; `None` for anything a client made up.
fn parse_cursor(cursor: &str) -> Option<(DateTime<Utc>, uuid::Uuid)> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (joined, id) = text.split_once('|')?;
    Some((DateTime::parse_from_rfc3339(joined).ok()?.with_timezone(&Utc), uuid::Uuid::parse_str(id).ok()?))
}

/// Moderation queries.
#[derive(Default)]
pub struct ModerationQuery;

#[Object]
impl ModerationQuery {
    /// People waiting for approval, who waited longest first (VPD staff).
    #[graphql(complexity = "first * child_complexity")]
    async fn moderation_queue(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, QueuedPerson>> {
        let viewer = ctx.viewer()?;
        let after = match after {
            Some(text) => Some(parse_cursor(&text).ok_or_else(|| ctx.fail(&DecisionError::BadCursor))?),
            None => None,
        };
        let page = moderation::queue(ctx.state()?, &viewer.account, first, after).await.map_err(|e| ctx.fail(&e))?;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection.edges.extend(page.people.into_iter().map(|(person, joined)| {
            let node = QueuedPerson {
                id: ID(person.id.0.to_string()),
                display_name: person.display_name,
                role: person.role.into(),
                email: person.email.as_str().to_owned(),
                waiting_since: joined,
            };
            Edge::new(cursor(joined, person.id.0), node)
        }));
        Ok(connection)
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
