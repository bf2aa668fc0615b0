//! VPD staff's decisions about people, organisations and representatives' invitations:
//! approve, reject, suspend, reinstate. One queue holds all three, the longest waiting first.
//! Each decision is audited, and whoever must know is told by e-mail and in the app, in their
//! language.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::Db;
use crate::db::repos::{
    self,
    audit::AuditEntry,
    organisations::{Invitation, Stored},
    users,
};
use crate::domain::{
    Account, Role, Standing, UserId,
    moderation::{self, Decision, ModerationError},
    notification::Notice,
    organisation::InvitationStatus,
};
use crate::email::{self, Email};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// Why a decision was not made.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    /// Nothing to moderate has this id (or it is someone staff do not moderate).
    #[error("no such subject")]
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
    /// An approved organisation already has this registration number.
    #[error("an approved organisation has this registration number")]
    RegistrationTaken,
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
            DecisionError::RegistrationTaken => {
                ClientError::new(Code::Conflict, Message::RegistrationNumberTaken).reason("REGISTRATION_NUMBER_TAKEN")
            }
            DecisionError::Rule(ModerationError::DoesNotApply { .. }) | DecisionError::Changed => {
                ClientError::new(Code::Conflict, Message::DecisionDoesNotApply).reason("DECISION_DOES_NOT_APPLY")
            }
            DecisionError::RoleNotServed(_) | DecisionError::Database(_) | DecisionError::Unexpected(_) => return None,
        })
    }
}

/// Something waiting for staff.
#[derive(Debug, Clone)]
pub enum Queued {
    /// A person who joined.
    Person(Account),
    /// An organisation an organisation account created.
    Organisation(Stored),
    /// A representative's invitation of someone else, with the organisation's name.
    Representative(Invitation, String),
}

impl Queued {
    /// The id staff decide about (`subjectId`).
    pub fn id(&self) -> uuid::Uuid {
        match self {
            Queued::Person(account) => account.id.0,
            Queued::Organisation(organisation) => organisation.id,
            Queued::Representative(invitation, _) => invitation.id,
        }
    }
}

/// What waits for staff, oldest first.
#[derive(Debug, Clone)]
pub struct QueuePage {
    /// What waits, each with since when.
    pub items: Vec<(Queued, DateTime<Utc>)>,
    /// Whether more wait after these.
    pub has_more: bool,
}

/// The moderation queue for `actor` (VPD staff or admin): at most `first` subjects (up to
/// [`crate::graphql::MAX_PAGE_SIZE`]) after the key `after`, people, organisations and
/// invitations merged by how long they waited. Each source gives its first `first + 1`, so the
/// merge is exact; five statements whatever the page size.
pub async fn queue(
    db: &impl Db,
    actor: &Account,
    first: usize,
    after: Option<(DateTime<Utc>, uuid::Uuid)>,
) -> Result<QueuePage, DecisionError> {
    if !actor.role.is_vpd() {
        return Err(DecisionError::RoleNotServed(actor.role));
    }
    let first = first.clamp(1, super::MAX_PAGE_SIZE);
    let limit = first as u64 + 1;
    let mut items: Vec<(Queued, DateTime<Utc>)> = users::pending(db, after, limit)
        .await?
        .into_iter()
        .map(|(account, since)| (Queued::Person(account), since))
        .collect();
    items.extend(
        repos::organisations::pending(db, after, limit)
            .await?
            .into_iter()
            .map(|o| (o.created_at, o))
            .map(|(since, o)| (Queued::Organisation(o), since)),
    );
    let invitations = repos::organisations::pending_invitations(db, after, limit).await?;
    let ids: Vec<uuid::Uuid> = invitations.iter().map(|i| i.organisation).collect();
    let names = repos::organisations::names(db, &ids).await?;
    items.extend(invitations.into_iter().map(|i| {
        let since = i.created_at;
        let name = names.get(&i.organisation).cloned().unwrap_or_default();
        (Queued::Representative(i, name), since)
    }));
    items.sort_by_key(|(subject, since)| (*since, subject.id()));
    let has_more = items.len() > first;
    items.truncate(first);
    Ok(QueuePage { items, has_more })
}

/// A subject after a decision.
#[derive(Debug, Clone)]
pub enum Decided {
    /// A person, as their account now stands.
    Person(Account),
    /// An organisation, as it now stands.
    Organisation(Stored),
    /// An invitation, as it now stands, with the organisation's name.
    Representative(Invitation, String),
}

/// Makes `decision` about `subject` (a person, an organisation or a representative's
/// invitation) as `actor` (VPD staff or admin), with the `reason` to tell.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, subject.id = %subject))]
pub async fn decide(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    subject: uuid::Uuid,
    decision: Decision,
    reason: Option<&str>,
) -> Result<Decided, DecisionError> {
    if !actor.role.is_vpd() {
        return Err(DecisionError::RoleNotServed(actor.role));
    }
    if let Some(stored) = users::find(db, UserId(subject)).await? {
        return decide_person(db, state, actor, stored.account, decision, reason).await.map(Decided::Person);
    }
    if let Some(organisation) = repos::organisations::find_any(db, subject).await? {
        return decide_organisation(db, state, actor, organisation, decision, reason).await.map(Decided::Organisation);
    }
    if let Some(invitation) = repos::organisations::find_invitation(db, subject).await? {
        return decide_invitation(db, state, actor, invitation, decision, reason).await;
    }
    Err(DecisionError::NotFound)
}

/// The audit entry of a decision.
fn audited(
    actor: &Account,
    decision: Decision,
    kind: &'static str,
    id: uuid::Uuid,
    detail: serde_json::Value,
) -> AuditEntry<'static> {
    AuditEntry {
        actor: Some(actor.id),
        action: decision.audit_action(),
        subject_type: kind,
        subject_id: Some(id),
        detail,
    }
}

async fn decide_person(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    mut person: Account,
    decision: Decision,
    reason: Option<&str>,
) -> Result<Account, DecisionError> {
    let now = state.now();
    let subject = person.id;
    let from = person.standing;
    let (to, reason) = moderation::decide(person.role, from, decision, reason)?;
    // The transaction starts with its write (SQLite cannot turn a reader into a writer once
    // another connection has written); the write only applies if the standing is still the
    // one decided on, so two staff deciding at once cannot both succeed.
    let txn = db.begin().await?;
    if !users::set_standing(&txn, subject, from, to, now).await? {
        return Err(DecisionError::Changed);
    }
    person.standing = to;
    let detail = json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason });
    repos::audit::record(&txn, audited(actor, decision, "user", subject.0, detail), now).await?;
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

async fn decide_organisation(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    mut organisation: Stored,
    decision: Decision,
    reason: Option<&str>,
) -> Result<Stored, DecisionError> {
    let now = state.now();
    let from = organisation.standing;
    let (to, reason) = moderation::decide_standing(from, decision, reason)?;
    // One approved organisation per registration number: staff see the number in the queue.
    let number = &organisation.profile.registration_number;
    if to == Standing::Approved && repos::organisations::registration_taken(db, number, Some(organisation.id)).await? {
        return Err(DecisionError::RegistrationTaken);
    }
    let txn = db.begin().await?;
    if !repos::organisations::set_standing(&txn, organisation.id, from, to, now).await? {
        return Err(DecisionError::Changed);
    }
    organisation.standing = to;
    let detail = json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason });
    repos::audit::record(&txn, audited(actor, decision, "organisation", organisation.id, detail), now).await?;
    let name = organisation.profile.name.clone();
    let notice = Notice::OrganisationDecided { organisation: name.clone(), decision, reason: reason.clone() };
    let link = state.settings.page("/organisation");
    let mail = |person: &str, locale| {
        Email::OrganisationDecided {
            name: person,
            organisation: &name,
            decision,
            reason: reason.as_deref(),
            link: &link,
        }
        .render(locale)
    };
    super::organisations::tell_representatives(
        &txn,
        organisation.id,
        &[Standing::Pending, Standing::Approved],
        &notice,
        mail,
        now,
    )
    .await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(decision = decision.audit_action(), "organisation moderation decision made");
    Ok(organisation)
}

async fn decide_invitation(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    mut invitation: Invitation,
    decision: Decision,
    reason: Option<&str>,
) -> Result<Decided, DecisionError> {
    let now = state.now();
    // An invitation is approved or rejected once; suspending a representative is a decision
    // about their account.
    let from = match invitation.status {
        InvitationStatus::Pending => Standing::Pending,
        InvitationStatus::Approved | InvitationStatus::Joined => Standing::Approved,
        InvitationStatus::Rejected => Standing::Rejected,
    };
    if invitation.status != InvitationStatus::Pending || !matches!(decision, Decision::Approve | Decision::Reject) {
        return Err(ModerationError::DoesNotApply { decision, standing: from }.into());
    }
    let (_, reason) = moderation::decide_standing(from, decision, reason)?;
    let to = if decision == Decision::Approve { InvitationStatus::Approved } else { InvitationStatus::Rejected };
    let Some(stored) = repos::organisations::find_any(db, invitation.organisation).await? else {
        return Err(DecisionError::NotFound);
    };
    // Nobody joins an organisation that is not (or no longer) approved.
    if decision == Decision::Approve && stored.standing != Standing::Approved {
        return Err(ModerationError::DoesNotApply { decision, standing: from }.into());
    }
    let organisation = stored.profile.name;
    let address = crate::domain::EmailAddress::parse(&invitation.email).ok_or(DecisionError::NotFound)?;
    let inviter = match invitation.invited_by {
        Some(id) => users::find(db, id).await?.filter(|p| !p.disabled).map(|p| p.account),
        None => None,
    };
    let txn = db.begin().await?;
    if !repos::organisations::set_invitation_status(&txn, invitation.id, InvitationStatus::Pending, to, now).await? {
        return Err(DecisionError::Changed);
    }
    // Read after the write, so an address confirmed meanwhile is seen (or sees this approval).
    let invitee = match users::find_by_email(&txn, &address).await? {
        Some(found) if found.account.email_verified && !found.disabled => Some(found.account),
        _ => None,
    };
    invitation.status = to;
    let detail = json!({ "organisation": invitation.organisation, "to": to.as_str(), "reason": reason });
    repos::audit::record(&txn, audited(actor, decision, "representative_invitation", invitation.id, detail), now)
        .await?;
    let link = state.settings.page("/organisation");
    if decision == Decision::Approve {
        // The invited person hears of it only once staff approved it: an organisation account
        // with that address joins at once; anyone else is asked to make one.
        let joined = match &invitee {
            Some(account) => {
                !super::organisations::join_approved(&txn, account, std::slice::from_ref(&invitation), now)
                    .await?
                    .is_empty()
            }
            None => false,
        };
        match invitee.as_ref().filter(|_| joined) {
            Some(account) => {
                invitation.status = InvitationStatus::Joined;
                let mail = Email::RepresentativeJoined { organisation: &organisation, link: &link };
                email::enqueue(&txn, &account.email, &mail.render(account.locale), now).await?;
            }
            None => {
                let register = state.settings.page("/register");
                // In the invited person's language if Tilts knows it, else in their colleague's.
                let locale = invitee.as_ref().or(inviter.as_ref()).map(|a| a.locale).unwrap_or_default();
                let mail = Email::RepresentativeInvited { organisation: &organisation, link: &register };
                email::enqueue(&txn, &address, &mail.render(locale), now).await?;
            }
        }
    }
    // Whoever invited hears the decision, and nothing about whether the address has an account.
    if let Some(account) = inviter {
        let notice = Notice::RepresentativeDecided {
            organisation: organisation.clone(),
            email: invitation.email.clone(),
            decision,
            reason: reason.clone(),
        };
        super::notifications::notify(&txn, account.id, &notice, now).await?;
        let mail = Email::RepresentativeDecided {
            name: &account.display_name,
            organisation: &organisation,
            email: &invitation.email,
            decision,
            reason: reason.as_deref(),
            link: &link,
        };
        email::enqueue(&txn, &account.email, &mail.render(account.locale), now).await?;
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(decision = decision.audit_action(), "representative invitation decided");
    Ok(Decided::Representative(invitation, organisation))
}
