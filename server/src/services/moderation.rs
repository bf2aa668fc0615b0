//! VPD staff's decisions about people: approve, reject, suspend, reinstate. Each decision is
//! audited and the person is told by e-mail and in the app, in their language.

use chrono::{DateTime, Utc};
use sea_orm::TransactionTrait;
use serde_json::json;

use crate::db::repos::{self, audit::AuditEntry, users};
use crate::domain::{
    Account, Role, UserId,
    moderation::{self, Decision, ModerationError},
    notification::Notice,
};
use crate::email::{self, Email};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// Why a decision was not made.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    /// No such person (or one staff do not moderate).
    #[error("no such person")]
    NotFound,
    /// A page cursor the server did not make.
    #[error("not a cursor of this list")]
    BadCursor,
    /// The decision breaks a rule of [`moderation::decide`].
    #[error(transparent)]
    Rule(#[from] ModerationError),
    /// Another decision changed the person's standing first.
    #[error("the standing changed meanwhile")]
    Changed,
    /// A role the access gate should have refused reached this use case.
    #[error("the access rules let a {0:?} through to moderation")]
    RoleNotServed(Role),
    /// The database failed.
    #[error("moderation failed")]
    Database(#[from] sea_orm::DbErr),
    /// Queueing the e-mail failed.
    #[error("queueing the e-mail failed")]
    Unexpected(#[from] anyhow::Error),
}

impl ToClientError for DecisionError {
    fn client_error(&self) -> Option<ClientError> {
        Some(match self {
            DecisionError::NotFound | DecisionError::Rule(ModerationError::NotModerated(_)) => {
                ClientError::new(Code::NotFound, Message::NotFound)
            }
            DecisionError::BadCursor => ClientError::new(Code::BadUserInput, Message::InvalidRequest).field("after"),
            DecisionError::Rule(ModerationError::ReasonRequired) => {
                ClientError::new(Code::BadUserInput, Message::ReasonRequired).field("reason")
            }
            DecisionError::Rule(ModerationError::ReasonTooLong) => {
                ClientError::new(Code::BadUserInput, Message::ReasonTooLong).field("reason")
            }
            DecisionError::Rule(ModerationError::DoesNotApply { .. }) | DecisionError::Changed => {
                ClientError::new(Code::Conflict, Message::DecisionDoesNotApply).reason("DECISION_DOES_NOT_APPLY")
            }
            DecisionError::RoleNotServed(_) | DecisionError::Database(_) | DecisionError::Unexpected(_) => return None,
        })
    }
}

/// People waiting for approval, oldest first.
#[derive(Debug, Clone)]
pub struct QueuePage {
    /// The people, each with when they joined.
    pub people: Vec<(Account, DateTime<Utc>)>,
    /// Whether more wait after these.
    pub has_more: bool,
}

/// The moderation queue for `actor` (VPD staff or admin): at most `first` people (up to
/// [`crate::graphql::MAX_PAGE_SIZE`]) after the key `after`.
pub async fn queue(
    state: &AppState,
    actor: &Account,
    first: usize,
    after: Option<(DateTime<Utc>, uuid::Uuid)>,
) -> Result<QueuePage, DecisionError> {
    if !actor.role.is_vpd() {
        return Err(DecisionError::RoleNotServed(actor.role));
    }
    let first = first.clamp(1, super::MAX_PAGE_SIZE);
    let mut people = users::pending(&state.db, after, first as u64 + 1).await?;
    let has_more = people.len() > first;
    people.truncate(first);
    Ok(QueuePage { people, has_more })
}

/// Makes `decision` about `subject` as `actor` (VPD staff or admin), with the `reason` the
/// person is told; returns the person's account as it now stands.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, subject.id = %subject.0))]
pub async fn decide(
    state: &AppState,
    actor: &Account,
    subject: UserId,
    decision: Decision,
    reason: Option<&str>,
) -> Result<Account, DecisionError> {
    if !actor.role.is_vpd() {
        return Err(DecisionError::RoleNotServed(actor.role));
    }
    let now = state.now();
    let mut person = users::find(&state.db, subject).await?.ok_or(DecisionError::NotFound)?.account;
    let from = person.standing;
    let (to, reason) = moderation::decide(person.role, from, decision, reason)?;
    // The transaction starts with its write (SQLite cannot turn a reader into a writer once
    // another connection has written); the write only applies if the standing is still the
    // one decided on, so two staff deciding at once cannot both succeed.
    let txn = state.db.begin().await?;
    if !users::set_standing(&txn, subject, from, to, now).await? {
        return Err(DecisionError::Changed);
    }
    person.standing = to;
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: decision.audit_action(),
        subject_type: "user",
        subject_id: Some(subject.0),
        detail: json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason }),
    };
    repos::audit::record(&txn, entry, now).await?;
    let link = state.settings.page("/account");
    let mail =
        Email::ModerationDecided { name: &person.display_name, decision, reason: reason.as_deref(), link: &link };
    email::enqueue(&txn, &person.email, &mail.render(person.locale), now).await?;
    let notice = Notice::ModerationDecided { decision, reason: reason.clone() };
    super::notifications::notify(&txn, subject, &notice, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(decision = decision.audit_action(), "moderation decision made");
    Ok(person)
}
