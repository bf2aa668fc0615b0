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
pub(super) async fn candidate(
    db: &impl ConnectionTrait,
    id: UserId,
) -> Result<Option<(StoredUser, Candidate)>, sea_orm::DbErr> {
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

/// The statuses of a founder's mentorships that shape what they may start: waiting ones, and
/// one that holds a place.
pub(super) const OPEN: [S; 4] = [S::Requested, S::Offered, S::PendingReview, S::Active];

/// Why the founder's [`OPEN`] mentorships keep them from a new one with `mentor`, if they do.
pub(super) fn open_conflict(open: &[Stored], mentor: UserId) -> Option<MentoringError> {
    if open.iter().any(|m| m.status.holds_a_place()) {
        Some(MentoringError::AlreadyMentored)
    } else if open.iter().any(|m| m.mentor == mentor && m.status == S::Offered) {
        Some(MentoringError::OfferWaiting)
    } else if open.iter().any(|m| m.mentor == mentor) {
        Some(MentoringError::AlreadyRequested)
    } else {
        None
    }
}

/// `actor` (a founder) asks `mentor` to mentor them with `message`; or `actor`, a representative,
/// asks for the NGO `organisation` they act for (their only approved NGO when `None`). The mentor
/// is told in the app and by e-mail.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn request(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    mentor: UserId,
    message: &str,
    organisation: Option<Uuid>,
) -> Result<Stored, MentoringError> {
    let message = bounded(message, "message")?;
    if message.is_empty() {
        return Err(MentoringError::MessageRequired);
    }
    match actor.role {
        Role::Founder if organisation.is_none() => {}
        // A founder acts for no organisation: like one that does not exist.
        Role::Founder => return Err(MentoringError::NotFound),
        Role::Enterprise => return for_organisation(db, state, actor, mentor, &message, organisation).await,
        other => return Err(MentoringError::RoleNotServed(other)),
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
    let open = repos::mentorships::of_mentee_in(&txn, actor.id, &OPEN).await?;
    if let Some(err) = open_conflict(&open, mentor) {
        return Err(err);
    }
    if open.iter().filter(|m| m.status.is_open_request()).count() >= lifecycle::MAX_OPEN_REQUESTS {
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

/// `actor` (a representative) asks `mentor` to mentor the NGO `organisation` they act for.
/// The NGO must be approved; the mentor approved, available, with a place free, mentoring NGOs
/// and speaking the representative's language. The same limits as a founder's apply to the
/// representative: three open requests, none while a mentorship runs.
async fn for_organisation(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    mentor: UserId,
    message: &str,
    organisation: Option<Uuid>,
) -> Result<Stored, MentoringError> {
    let now = state.now();
    let txn = db.begin().await?;
    repos::mentorships::hold_mentee(&txn, actor.id).await?;
    // The organisations the representative acts for; another one answers like none at all.
    let theirs = repos::organisations::of_member(&txn, actor.id).await?;
    let ngos: Vec<_> = theirs
        .into_iter()
        .filter(|o| {
            o.standing == Standing::Approved
                && o.profile.kind == crate::domain::organisation::OrganisationKind::Ngo
                && organisation.is_none_or(|id| o.id == id)
        })
        .collect();
    let [ngo] = ngos.as_slice() else {
        return Err(if organisation.is_some() { MentoringError::NotFound } else { MentoringError::NgoRequired });
    };
    let (mentor_user, candidate) = candidate(&txn, mentor).await?.ok_or(MentoringError::NotFound)?;
    if !candidate.approved {
        return Err(MentoringError::NotFound);
    }
    let open = repos::mentorships::of_mentee_in(&txn, actor.id, &OPEN).await?;
    if let Some(err) = open_conflict(&open, mentor) {
        return Err(err);
    }
    if open.iter().filter(|m| m.status.is_open_request()).count() >= lifecycle::MAX_OPEN_REQUESTS {
        return Err(MentoringError::TooManyRequests);
    }
    let profile = &candidate.profile;
    if !profile.mentors_ngos
        || !profile.available
        || candidate.taken >= profile.capacity
        || !profile.languages.iter().any(|code| code == actor.locale.code())
    {
        return Err(MentoringError::MentorUnavailable);
    }
    let new = NewMentorship {
        mentee: actor.id,
        mentor,
        organisation: Some(ngo.id),
        origin: Origin::Organisation,
        message,
        proposed_by: None,
        status: S::Requested,
    };
    let id = repos::mentorships::insert(&txn, new, now).await?;
    audit(&txn, Some(actor.id), "mentorship.request", id, json!({ "organisation": ngo.id }), now).await?;
    // The mentor reads the NGO's name, with the representative's.
    let asking = format!("{} ({})", ngo.profile.name, actor.display_name);
    let news = News { event: Event::Requested, mentorship: id, other: &asking, reason: Some(message) };
    tell(&txn, state, &mentor_user.account, news, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(mentorship.id = %id, "mentoring requested for an organisation");
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}

/// The answer of the side asked: the mentor's to a request, the founder's to an offer.
#[derive(Debug, Clone)]
pub enum Answer {
    /// Yes: the match goes to VPD staff.
    Accept,
    /// No; a mentor gives a reason and optional words, a founder neither.
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
pub(super) async fn mine(
    db: &impl ConnectionTrait,
    actor: &Account,
    id: Uuid,
) -> Result<(Stored, Party), MentoringError> {
    let found = repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)?;
    let party = party_of(&found, actor).ok_or(MentoringError::NotFound)?;
    Ok((found, party))
}

/// `actor` answers `id`: the mentor a request, the founder an offer. Accepting closes the
/// founder's other requests and offers (the other mentors are told) and sends the match to
/// staff; a mentor's no needs a reason, a founder's none.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, mentorship.id = %id))]
pub async fn answer(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    answer: Answer,
) -> Result<Stored, MentoringError> {
    if !matches!(actor.role, Role::Mentor | Role::Founder | Role::Enterprise) {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let (found, party) = mine(db, actor, id).await?;
    let step = match &answer {
        Answer::Accept => Transition::Accept,
        Answer::Decline(reason, _) => Transition::Decline(reason.unwrap_or(DeclineReason::Other)),
    };
    let to = lifecycle::next(found.status, party, &step)?;
    let now = state.now();
    let txn = db.begin().await?;
    // Mentor before mentee, as everywhere, so two steps never wait for each other.
    repos::mentorships::hold_mentor(&txn, found.mentor).await?;
    repos::mentorships::hold_mentee(&txn, found.mentee).await?;
    let (founder, mentor) = (account(&txn, found.mentee).await?, account(&txn, found.mentor).await?);
    // The side told: the founder of the mentor's answer, the mentor of the founder's.
    let (told, answering) = if party == Party::Mentor { (&founder, &mentor) } else { (&mentor, &founder) };
    match answer {
        Answer::Accept => {
            // A mentor suspended or paused since their offer cannot be taken up.
            if party == Party::Founder
                && !candidate(&txn, found.mentor).await?.is_some_and(|(_, c)| c.approved && c.profile.available)
            {
                return Err(MentoringError::MentorUnavailable);
            }
            let capacity = repos::profiles::mentor(&txn, found.mentor).await?.map_or(0, |p| p.capacity);
            let taken = repos::mentorships::places_taken(&txn, Some(&[found.mentor]))
                .await?
                .get(&found.mentor)
                .copied()
                .unwrap_or(0);
            if taken >= capacity {
                return Err(MentoringError::MentorFull);
            }
            let open = repos::mentorships::of_mentee_in(&txn, found.mentee, &[S::PendingReview, S::Active]).await?;
            if !open.is_empty() {
                return Err(MentoringError::AlreadyMentored);
            }
            if !repos::mentorships::step(&txn, id, found.status, to, StepFacts::default(), now).await? {
                return Err(moved_on(&txn, id, Transition::Accept).await);
            }
            invalidate_others(&txn, state, &found, &founder, now).await?;
            audit(&txn, Some(actor.id), "mentorship.accept", id, json!({}), now).await?;
            let event = if party == Party::Mentor { Event::Accepted } else { Event::OfferAccepted };
            let news = News { event, mentorship: id, other: &answering.display_name, reason: None };
            tell(&txn, state, told, news, now).await?;
        }
        Answer::Decline(reason, text) if party == Party::Mentor => {
            let reason = reason.ok_or(MentoringError::DeclineReasonRequired)?;
            let text = bounded(&text, "text")?;
            let facts = StepFacts {
                decline_reason: Some(reason),
                answer_text: (!text.is_empty()).then(|| text.clone()),
                ..StepFacts::default()
            };
            if !repos::mentorships::step(&txn, id, found.status, to, facts, now).await? {
                return Err(moved_on(&txn, id, Transition::Decline(reason)).await);
            }
            audit(&txn, Some(actor.id), "mentorship.decline", id, json!({ "reason": reason.as_str() }), now).await?;
            let words = decline_words(reason, &text, founder.locale);
            let news =
                News { event: Event::Declined, mentorship: id, other: &actor.display_name, reason: Some(&words) };
            tell(&txn, state, told, news, now).await?;
        }
        Answer::Decline(..) => {
            // A founder says no to an offer without giving a reason.
            if !repos::mentorships::step(&txn, id, found.status, to, StepFacts::default(), now).await? {
                return Err(moved_on(&txn, id, step).await);
            }
            audit(&txn, Some(actor.id), "mentorship.decline", id, json!({}), now).await?;
            let news = News { event: Event::OfferDeclined, mentorship: id, other: &actor.display_name, reason: None };
            tell(&txn, state, told, news, now).await?;
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

/// Closes the founder's other open requests and offers once `accepted` was accepted, telling
/// their mentors.
async fn invalidate_others(
    db: &impl ConnectionTrait,
    state: &AppState,
    accepted: &Stored,
    founder: &Account,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), MentoringError> {
    let others = repos::mentorships::of_mentee_in(db, accepted.mentee, &[S::Requested, S::Offered]).await?;
    for other in others.into_iter().filter(|m| m.id != accepted.id) {
        let to = lifecycle::next(other.status, Party::System, &Transition::Invalidate)?;
        if repos::mentorships::step(db, other.id, other.status, to, StepFacts::default(), now).await? {
            let mentor = account(db, other.mentor).await?;
            let news =
                News { event: Event::Invalidated, mentorship: other.id, other: &founder.display_name, reason: None };
            tell(db, state, &mentor, news, now).await?;
        }
    }
    Ok(())
}

/// `actor` takes back what they started: the founder a request, the mentor an offer; the other
/// side is told.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, mentorship.id = %id))]
pub async fn withdraw(db: &impl Db, state: &AppState, actor: &Account, id: Uuid) -> Result<Stored, MentoringError> {
    if !matches!(actor.role, Role::Mentor | Role::Founder | Role::Enterprise) {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let (found, party) = mine(db, actor, id).await?;
    let to = lifecycle::next(found.status, party, &Transition::Withdraw)?;
    let now = state.now();
    let txn = db.begin().await?;
    if !repos::mentorships::step(&txn, id, found.status, to, StepFacts::default(), now).await? {
        return Err(moved_on(&txn, id, Transition::Withdraw).await);
    }
    let (told, event) =
        if party == Party::Founder { (found.mentor, Event::Withdrawn) } else { (found.mentee, Event::OfferWithdrawn) };
    let told = account(&txn, told).await?;
    audit(&txn, Some(actor.id), "mentorship.withdraw", id, json!({}), now).await?;
    let news = News { event, mentorship: id, other: &actor.display_name, reason: None };
    tell(&txn, state, &told, news, now).await?;
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
    let open = repos::mentorships::of_mentee_in(&txn, founder, &OPEN).await?;
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
