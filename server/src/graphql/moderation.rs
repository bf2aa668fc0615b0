//! VPD staff's moderation decisions over GraphQL: one queue of people, organisations and
//! representatives' invitations, and one mutation deciding about any of them by id.

use async_graphql::{
    Context, Enum, ID, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;
use chrono::{DateTime, Utc};

use super::access::{ANY_FIELD, Access, Rule};
use super::accounts::{RoleGql, StandingGql};
use super::context::ContextExt;
use crate::domain::{Role, Standing, organisation::InvitationStatus};
use crate::services::moderation::{self, Decided, DecisionError, Queued};

/// VPD staff and admins.
const VPD: Rule = Rule::Roles(&[Role::Staff, Role::Admin]);

/// Who may reach the fields of this module: VPD staff only.
pub const ACCESS: &[Access] = &[
    ("Mutation", "decideModeration", VPD),
    ("ModeratedSubject", ANY_FIELD, VPD),
    ("Query", "moderationQueue", VPD),
    ("QueuedSubjectConnection", ANY_FIELD, VPD),
    ("QueuedSubjectEdge", ANY_FIELD, VPD),
    ("QueuedSubject", ANY_FIELD, VPD),
    // Shared by every connection, the public buy-social directory's too; it says nothing about
    // the rows (whoever reaches a connection already may read its rows).
    ("PageInfo", ANY_FIELD, Rule::Public),
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

/// What staff decide about.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "ModerationSubjectKind")]
pub enum SubjectKind {
    /// A person's account.
    Person,
    /// An organisation.
    Organisation,
    /// A representative's invitation of someone else to act for their organisation.
    Representative,
}

/// Something after a moderation decision.
#[derive(SimpleObject)]
pub struct ModeratedSubject {
    /// The `subjectId` decided about.
    id: ID,
    kind: SubjectKind,
    /// The person's or organisation's name; for an invitation, the invited address.
    display_name: String,
    /// A person's role.
    role: Option<RoleGql>,
    /// Where it stands now (an invitation: approved or rejected).
    standing: StandingGql,
}

impl From<Decided> for ModeratedSubject {
    fn from(decided: Decided) -> Self {
        match decided {
            Decided::Person(a) => ModeratedSubject {
                id: ID(a.id.0.to_string()),
                kind: SubjectKind::Person,
                display_name: a.display_name,
                role: Some(a.role.into()),
                standing: a.standing.into(),
            },
            Decided::Organisation(o) => ModeratedSubject {
                id: ID(o.id.to_string()),
                kind: SubjectKind::Organisation,
                display_name: o.profile.name,
                role: None,
                standing: o.standing.into(),
            },
            Decided::Representative(i, _) => ModeratedSubject {
                id: ID(i.id.to_string()),
                kind: SubjectKind::Representative,
                display_name: i.email,
                role: None,
                standing: match i.status {
                    InvitationStatus::Pending => Standing::Pending,
                    InvitationStatus::Approved | InvitationStatus::Joined => Standing::Approved,
                    InvitationStatus::Rejected => Standing::Rejected,
                }
                .into(),
            },
        }
    }
}

/// Something waiting for VPD staff's approval.
#[derive(SimpleObject)]
pub struct QueuedSubject {
    /// The `subjectId` to decide about.
    id: ID,
    kind: SubjectKind,
    /// The person's or organisation's name; for an invitation, the invited address.
    display_name: String,
    /// A person's role.
    role: Option<RoleGql>,
    /// A person's sign-in address, or the invited address.
    email: Option<String>,
    /// The organisation an invitation is to; an organisation's registration number is in
    /// `registrationNumber`.
    organisation: Option<String>,
    /// An organisation's registration number.
    registration_number: Option<String>,
    /// Since when it waits: the queue shows what waited longest first.
    waiting_since: DateTime<Utc>,
}

impl QueuedSubject {
    fn new(subject: Queued, since: DateTime<Utc>) -> QueuedSubject {
        let id = ID(subject.id().to_string());
        match subject {
            Queued::Person(person) => QueuedSubject {
                id,
                kind: SubjectKind::Person,
                display_name: person.display_name,
                role: Some(person.role.into()),
                email: Some(person.email.as_str().to_owned()),
                organisation: None,
                registration_number: None,
                waiting_since: since,
            },
            Queued::Organisation(o) => QueuedSubject {
                id,
                kind: SubjectKind::Organisation,
                display_name: o.profile.name,
                role: None,
                email: None,
                organisation: None,
                registration_number: Some(o.profile.registration_number),
                waiting_since: since,
            },
            Queued::Representative(invitation, organisation) => QueuedSubject {
                id,
                kind: SubjectKind::Representative,
                display_name: invitation.email.clone(),
                role: None,
                email: Some(invitation.email),
                organisation: Some(organisation),
                registration_number: None,
                waiting_since: since,
            },
        }
    }
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
    /// People, organisations and representatives waiting for approval, who waited longest
    /// first (VPD staff).
    #[graphql(complexity = "first * child_complexity")]
    async fn moderation_queue(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, QueuedSubject>> {
        let viewer = ctx.viewer()?;
        let after = match after {
            Some(text) => Some(parse_cursor(&text).ok_or_else(|| ctx.fail(&DecisionError::BadCursor))?),
            None => None,
        };
        let page = moderation::queue(ctx.db()?, &viewer.account, first, after).await.map_err(|e| ctx.fail(&e))?;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection.edges.extend(page.items.into_iter().map(|(subject, since)| {
            let key = cursor(since, subject.id());
            Edge::new(key, QueuedSubject::new(subject, since))
        }));
        Ok(connection)
    }
}

/// Moderation mutations.
#[derive(Default)]
pub struct ModerationMutation;

#[Object]
impl ModerationMutation {
    /// Approves, rejects, suspends or reinstates a person or an organisation, or approves or
    /// rejects a representative's invitation (VPD staff; audited; whoever must know is told by
    /// e-mail and in the app). Rejecting and suspending need a reason, which they receive.
    async fn decide_moderation(
        &self,
        ctx: &Context<'_>,
        subject_id: ID,
        decision: DecisionGql,
        reason: Option<String>,
    ) -> async_graphql::Result<ModeratedSubject> {
        let viewer = ctx.viewer()?;
        let subject = uuid::Uuid::parse_str(subject_id.as_str()).map_err(|_| ctx.fail(&DecisionError::NotFound))?;
        let decided =
            moderation::decide(ctx.db()?, ctx.state()?, &viewer.account, subject, decision.into(), reason.as_deref())
                .await
                .map_err(|e| ctx.fail(&e))?;
        Ok(ModeratedSubject::from(decided))
    }
}
