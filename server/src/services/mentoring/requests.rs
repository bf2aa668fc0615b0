//! The steps of a mentorship up to its start: a founder's request, the mentor's answer, the
//! founder taking it back, staff's review, and staff proposing a match themselves.

use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::{MentoringError, News, bounded, party_of, tell};
use crate::db::repos::{
    self,
    audit::AuditEntry,
    mentorships::{NewMentorship, StepFacts, Stored},
    users::{self, StoredUser},
};
use crate::domain::{
    Account, Locale, Role, Standing, UserId,
    mentoring::{
        DeclineReason, Event, MentorshipStatus as S, Origin, Party, Transition, lifecycle,
        recommend::{self, Candidate, Seeker},
    },
};
use crate::i18n::message_keys;
use crate::services::Db;
use crate::state::AppState;

/// `founder` as recommendations and requests know them, with what their supervision keeps
/// from them (never shown); `None` without a profile.
pub(super) async fn seeker(db: &impl ConnectionTrait, founder: UserId) -> Result<Option<Seeker>, sea_orm::DbErr> {
    let Some(profile) = repos::profiles::founder(db, founder).await? else { return Ok(None) };
    Ok(Some(Seeker {
        id: founder,
        wants_peer: profile.wants_peer_mentor,
        profile,
        no_contact: crate::privacy::no_contact_of(db, founder).await?,
        excluded_sectors: crate::privacy::excluded_sectors_of(db, founder).await?,
    }))
}

/// The mentor `id` with their profile and places taken; `None` unless they are a mentor with a
/// profile.
async fn candidate(db: &impl ConnectionTrait, id: UserId) -> Result<Option<(StoredUser, Candidate)>, sea_orm::DbErr> {
    let Some(user) = users::find(db, id).await? else { return Ok(None) };
    if user.account.role != Role::Mentor {
        return Ok(None);
    }
    let Some(profile) = repos::profiles::mentor(db, id).await? else { return Ok(None) };
    let taken = repos::mentorships::places_taken(db, Some(&[id])).await?.get(&id).copied().unwrap_or(0);
    let approved = user.account.standing == Standing::Approved && !user.disabled;
    Ok(Some((user, Candidate { id, approved, profile: std::sync::Arc::new(profile), taken })))
}

/// The account `id`, if it takes part (approved, not disabled).
async fn active_account(db: &impl ConnectionTrait, id: UserId) -> Result<Option<Account>, sea_orm::DbErr> {
    Ok(users::find(db, id)
        .await?
        .filter(|u| !u.disabled && u.account.standing == Standing::Approved)
        .map(|u| u.account))
}

/// The account `id` whatever its standing (the other side of a mentorship being told).
pub(super) async fn account(db: &impl ConnectionTrait, id: UserId) -> Result<Account, MentoringError> {
    Ok(users::find(db, id).await?.ok_or(MentoringError::NotFound)?.account)
}

/// Records `action` on `mentorship` by `actor` (`None`: by Tilts itself) in the audit log.
pub(super) async fn audit(
    db: &impl ConnectionTrait,
    actor: Option<UserId>,
    action: &'static str,
    mentorship: Uuid,
    detail: serde_json::Value,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), sea_orm::DbErr> {
    let entry = AuditEntry { actor, action, subject_type: "mentorship", subject_id: Some(mentorship), detail };
    repos::audit::record(db, entry, now).await
}

/// Why the founder's open mentorships keep them from asking `mentor`, if they do.
fn open_conflict(open: &[Stored], mentor: UserId) -> Option<MentoringError> {
    if open.iter().any(|m| m.status != S::Requested) {
        Some(MentoringError::AlreadyMentored)
    } else if open.iter().any(|m| m.mentor == mentor) {
        Some(MentoringError::AlreadyRequested)
    } else {
        None
    }
}

/// `actor` (a founder) asks `mentor` to mentor them with `message`. The mentor is told in the
/// app and by e-mail.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn request(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    mentor: UserId,
    message: &str,
) -> Result<Stored, MentoringError> {
    if actor.role != Role::Founder {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let message = bounded(message, "message")?;
    if message.is_empty() {
        return Err(MentoringError::MessageRequired);
    }
    let now = state.now();
    let txn = db.begin().await?;
    // Two requests of one founder at once count each other's.
    repos::mentorships::hold_mentee(&txn, actor.id).await?;
    let seeker = seeker(&txn, actor.id).await?.ok_or(MentoringError::ProfileRequired)?;
    let (mentor_user, candidate) = candidate(&txn, mentor).await?.ok_or(MentoringError::NotFound)?;
    // A mentor kept from the founder, or not yet approved, answers like one who does not exist.
    if !candidate.approved || seeker.no_contact.contains(&mentor) {
        return Err(MentoringError::NotFound);
    }
    let open = repos::mentorships::of_mentee_in(&txn, actor.id, &[S::Requested, S::PendingReview, S::Active]).await?;
    if let Some(err) = open_conflict(&open, mentor) {
        return Err(err);
    }
    if open.len() >= lifecycle::MAX_OPEN_REQUESTS {
        return Err(MentoringError::TooManyRequests);
    }
    if recommend::assess(&seeker, &candidate).is_none() {
        return Err(MentoringError::MentorUnavailable);
    }
    let new = NewMentorship {
        mentee: actor.id,
        mentor,
        organisation: None,
        origin: Origin::Founder,
        message: &message,
        proposed_by: None,
        status: S::Requested,
    };
    let id = repos::mentorships::insert(&txn, new, now).await?;
    let news = News { event: Event::Requested, mentorship: id, other: &actor.display_name, reason: Some(&message) };
    tell(&txn, state, &mentor_user.account, news, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(mentorship.id = %id, "mentoring requested");
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}

/// A mentor's answer to a request.
#[derive(Debug, Clone)]
pub enum Answer {
    /// Yes: the match goes to VPD staff.
    Accept,
    /// No, with a reason and optional words.
    Decline(Option<DeclineReason>, String),
}

/// The label of `reason` in `locale`, with the mentor's `text` after it if they wrote one.
pub(super) fn decline_words(reason: DeclineReason, text: &str, locale: Locale) -> String {
    let key = match reason {
        DeclineReason::NoCapacity => message_keys::DECLINE_NO_CAPACITY,
        DeclineReason::OutsideExpertise => message_keys::DECLINE_OUTSIDE_EXPERTISE,
        DeclineReason::CannotMeet => message_keys::DECLINE_CANNOT_MEET,
        DeclineReason::Paused => message_keys::DECLINE_PAUSED,
        DeclineReason::Other => message_keys::DECLINE_OTHER,
    };
    let label = key.text(locale);
    if text.is_empty() { label.to_owned() } else { format!("{label} — {text}") }
}

/// The mentorship `id` as `actor` may act on it: `NOT_FOUND` for a third person.
async fn mine(db: &impl ConnectionTrait, actor: &Account, id: Uuid) -> Result<(Stored, Party), MentoringError> {
    let found = repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)?;
    let party = party_of(&found, actor).ok_or(MentoringError::NotFound)?;
    Ok((found, party))
}

/// `actor` (the mentor) answers request `id`. Accepting closes the founder's other requests
/// (their mentors are told) and sends the match to staff; declining needs a reason.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, mentorship.id = %id))]
pub async fn answer(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    answer: Answer,
) -> Result<Stored, MentoringError> {
    if actor.role != Role::Mentor {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let (found, party) = mine(db, actor, id).await?;
    let step = match &answer {
        Answer::Accept => Transition::Accept,
        Answer::Decline(reason, _) => Transition::Decline(reason.unwrap_or(DeclineReason::Other)),
    };
    lifecycle::next(found.status, party, &step)?;
    let now = state.now();
    let txn = db.begin().await?;
    // Mentor before mentee, as everywhere, so two steps never wait for each other.
    repos::mentorships::hold_mentor(&txn, found.mentor).await?;
    repos::mentorships::hold_mentee(&txn, found.mentee).await?;
    let founder = account(&txn, found.mentee).await?;
    match answer {
        Answer::Accept => {
            let capacity = repos::profiles::mentor(&txn, actor.id).await?.map_or(0, |p| p.capacity);
            let taken =
                repos::mentorships::places_taken(&txn, Some(&[actor.id])).await?.get(&actor.id).copied().unwrap_or(0);
            if taken >= capacity {
                return Err(MentoringError::MentorFull);
            }
            let to = lifecycle::next(found.status, party, &Transition::Accept)?;
            if !repos::mentorships::step(&txn, id, S::Requested, to, StepFacts::default(), now).await? {
                return Err(moved_on(&txn, id, Transition::Accept).await);
            }
            invalidate_others(&txn, state, &found, &founder, now).await?;
            audit(&txn, Some(actor.id), "mentorship.accept", id, json!({}), now).await?;
            let news = News { event: Event::Accepted, mentorship: id, other: &actor.display_name, reason: None };
            tell(&txn, state, &founder, news, now).await?;
        }
        Answer::Decline(reason, text) => {
            let reason = reason.ok_or(MentoringError::DeclineReasonRequired)?;
            let text = bounded(&text, "text")?;
            let facts = StepFacts {
                decline_reason: Some(reason),
                answer_text: (!text.is_empty()).then(|| text.clone()),
                ..StepFacts::default()
            };
            let to = lifecycle::next(found.status, party, &Transition::Decline(reason))?;
            if !repos::mentorships::step(&txn, id, S::Requested, to, facts, now).await? {
                return Err(moved_on(&txn, id, Transition::Decline(reason)).await);
            }
            audit(&txn, Some(actor.id), "mentorship.decline", id, json!({ "reason": reason.as_str() }), now).await?;
            let words = decline_words(reason, &text, founder.locale);
            let news =
                News { event: Event::Declined, mentorship: id, other: &actor.display_name, reason: Some(&words) };
            tell(&txn, state, &founder, news, now).await?;
        }
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!("mentoring request answered");
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}

/// The error for a step whose conditional update found the mentorship elsewhere.
async fn moved_on(db: &impl ConnectionTrait, id: Uuid, step: Transition) -> MentoringError {
    match repos::mentorships::find(db, id).await {
        Ok(Some(now)) => {
            MentoringError::MovedOn(lifecycle::TransitionError::WrongState { step: step.name(), from: now.status })
        }
        Ok(None) => MentoringError::NotFound,
        Err(err) => err.into(),
    }
}

/// Closes the founder's other open requests once `accepted` was accepted, telling their mentors.
async fn invalidate_others(
    db: &impl ConnectionTrait,
    state: &AppState,
    accepted: &Stored,
    founder: &Account,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), MentoringError> {
    let others = repos::mentorships::of_mentee_in(db, accepted.mentee, &[S::Requested]).await?;
    for other in others.into_iter().filter(|m| m.id != accepted.id) {
        let to = lifecycle::next(other.status, Party::System, &Transition::Invalidate)?;
        if repos::mentorships::step(db, other.id, S::Requested, to, StepFacts::default(), now).await? {
            let mentor = account(db, other.mentor).await?;
            let news =
                News { event: Event::Invalidated, mentorship: other.id, other: &founder.display_name, reason: None };
            tell(db, state, &mentor, news, now).await?;
        }
    }
    Ok(())
}

/// `actor` (the founder) takes request `id` back; the mentor is told.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, mentorship.id = %id))]
pub async fn withdraw(db: &impl Db, state: &AppState, actor: &Account, id: Uuid) -> Result<Stored, MentoringError> {
    if actor.role != Role::Founder {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let (found, party) = mine(db, actor, id).await?;
    let to = lifecycle::next(found.status, party, &Transition::Withdraw)?;
    let now = state.now();
    let txn = db.begin().await?;
    if !repos::mentorships::step(&txn, id, S::Requested, to, StepFacts::default(), now).await? {
        return Err(moved_on(&txn, id, Transition::Withdraw).await);
    }
    let mentor = account(&txn, found.mentor).await?;
    audit(&txn, Some(actor.id), "mentorship.withdraw", id, json!({}), now).await?;
    let news = News { event: Event::Withdrawn, mentorship: id, other: &actor.display_name, reason: None };
    tell(&txn, state, &mentor, news, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}

/// Staff `actor` approve or reject the match `id` waiting for them. A rejection needs a note,
/// which only staff ever see; an approval never gives a mentor more active mentees than their
/// capacity, however many staff approve at once.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, mentorship.id = %id))]
pub async fn review(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    approve: bool,
    note: &str,
) -> Result<Stored, MentoringError> {
    if !actor.role.is_vpd() {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let note = bounded(note, "note")?;
    if !approve && note.is_empty() {
        return Err(MentoringError::NoteRequired);
    }
    let (found, party) = mine(db, actor, id).await?;
    let step = if approve { Transition::Approve } else { Transition::Reject };
    let to = lifecycle::next(found.status, party, &step)?;
    let now = state.now();
    let txn = db.begin().await?;
    repos::mentorships::hold_mentor(&txn, found.mentor).await?;
    if approve {
        let capacity = repos::profiles::mentor(&txn, found.mentor).await?.map_or(0, |p| p.capacity);
        let active = repos::mentorships::count_of_mentor(&txn, found.mentor, &[S::Active]).await?;
        if active >= u64::from(capacity) {
            return Err(MentoringError::MentorFull);
        }
    }
    // Approving without words keeps the note of a proposal.
    let note = if note.is_empty() { found.review_note.clone().unwrap_or_default() } else { note };
    let facts = StepFacts { review: Some((note, actor.id)), ..StepFacts::default() };
    if !repos::mentorships::step(&txn, id, S::PendingReview, to, facts, now).await? {
        return Err(moved_on(&txn, id, step).await);
    }
    audit(&txn, Some(actor.id), if approve { "mentorship.approve" } else { "mentorship.reject" }, id, json!({}), now)
        .await?;
    let (founder, mentor) = (account(&txn, found.mentee).await?, account(&txn, found.mentor).await?);
    let event = if approve { Event::Approved } else { Event::Rejected };
    for (person, other) in [(&founder, &mentor), (&mentor, &founder)] {
        let news = News { event, mentorship: id, other: &other.display_name, reason: None };
        tell(&txn, state, person, news, now).await?;
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(approve, "mentorship reviewed");
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}

/// Staff `actor` propose that `mentor` mentors `founder`; the mentor answers as to a request.
/// Staff's `note` stays with staff. The founder's supervision is obeyed and, to staff only,
/// named as the reason a match cannot be proposed.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn propose(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    founder: UserId,
    mentor: UserId,
    note: &str,
) -> Result<Stored, MentoringError> {
    if !actor.role.is_vpd() {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let note = bounded(note, "note")?;
    let now = state.now();
    let txn = db.begin().await?;
    repos::mentorships::hold_mentor(&txn, mentor).await?;
    repos::mentorships::hold_mentee(&txn, founder).await?;
    let founder_account = active_account(&txn, founder).await?.filter(|a| a.role == Role::Founder);
    let founder_account = founder_account.ok_or(MentoringError::NotFound)?;
    let seeker = seeker(&txn, founder).await?.ok_or(MentoringError::ProfileRequired)?;
    let (mentor_user, candidate) = candidate(&txn, mentor).await?.ok_or(MentoringError::NotFound)?;
    if !candidate.approved {
        return Err(MentoringError::NotFound);
    }
    if seeker.no_contact.contains(&mentor) {
        return Err(MentoringError::SupervisionConflict);
    }
    let open = repos::mentorships::of_mentee_in(&txn, founder, &[S::Requested, S::PendingReview, S::Active]).await?;
    if let Some(err) = open_conflict(&open, mentor) {
        return Err(err);
    }
    if recommend::assess(&seeker, &candidate).is_none() {
        return Err(MentoringError::MentorUnavailable);
    }
    let new = NewMentorship {
        mentee: founder,
        mentor,
        organisation: None,
        origin: Origin::Staff,
        message: "",
        proposed_by: Some(actor.id),
        status: S::Requested,
    };
    let id = repos::mentorships::insert(&txn, new, now).await?;
    if !note.is_empty() {
        // The note is staff's; it is kept where staff's review notes are.
        repos::mentorships::set_review_note(&txn, id, &note, actor.id).await?;
    }
    audit(&txn, Some(actor.id), "mentorship.propose", id, json!({ "founder": founder.0, "mentor": mentor.0 }), now)
        .await?;
    let mentor_account = mentor_user.account;
    for (person, other) in [(&mentor_account, &founder_account), (&founder_account, &mentor_account)] {
        let news = News { event: Event::Proposed, mentorship: id, other: &other.display_name, reason: None };
        tell(&txn, state, person, news, now).await?;
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(mentorship.id = %id, "mentorship proposed");
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}
