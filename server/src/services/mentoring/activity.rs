//! A running mentorship, as its two sides use it: messages (the other side hears in the app
//! at once and by e-mail at most once an hour), goals, the session log (a private note is its
//! author's alone), the fit check after the first session (a "no" goes to VPD staff, never to
//! the other side), and its end, completed or ended early, with closing feedback.
//!
//! What the two write is theirs: anyone else, VPD staff included, gets `NOT_FOUND` for it. Staff
//! see that a fit check said "no", and the mentorship itself.

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::requests::{account, audit};
use super::views::Shown;
use super::{MentoringError, News, party_of, tell};
use crate::db::repos::{
    self,
    mentorship_activity::{Answer, AnswerKind, Goal, Message, Session},
    mentorships::{StepFacts, Stored},
};
use crate::domain::{
    Account,
    mentoring::{
        Event, MentorshipStatus as S, Party, Transition,
        activity::{self, MAX_MESSAGE_CHARS, MAX_TITLE_CHARS, MAX_WORDS_CHARS, SessionLog},
        lifecycle,
    },
};
use crate::services::Db;
use crate::state::AppState;

/// The mentorship `id` if `actor` is one of its two sides; `NOT_FOUND` for anyone else.
async fn side(db: &impl ConnectionTrait, actor: &Account, id: Uuid) -> Result<(Stored, Party), MentoringError> {
    let found = repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)?;
    match party_of(&found, actor) {
        Some(party @ (Party::Founder | Party::Mentor)) => Ok((found, party)),
        _ => Err(MentoringError::NotFound),
    }
}

/// `side`, and only while the mentorship runs.
async fn running(db: &impl ConnectionTrait, actor: &Account, id: Uuid) -> Result<Stored, MentoringError> {
    let (found, _) = side(db, actor, id).await?;
    if found.status != S::Active {
        return Err(MentoringError::NotActive);
    }
    Ok(found)
}

/// The other side of `mentorship` from `actor`.
fn other_of(mentorship: &Stored, actor: &Account) -> crate::domain::UserId {
    if mentorship.mentee == actor.id { mentorship.mentor } else { mentorship.mentee }
}

/// `actor` writes `body` in mentorship `id`; the other side is told in the app at once and by
/// e-mail if none went out about this mentorship in the last hour.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, mentorship.id = %id))]
pub async fn send_message(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    body: &str,
) -> Result<Message, MentoringError> {
    let body = activity::text(body, "body", MAX_MESSAGE_CHARS, true)?;
    let found = running(db, actor, id).await?;
    let now = state.now();
    let txn = db.begin().await?;
    let message = repos::mentorship_activity::insert_message(&txn, id, actor.id, &body, now).await?;
    let other = account(&txn, other_of(&found, actor)).await?;
    let notice = crate::domain::notification::Notice::Mentorship {
        event: Event::Message,
        mentorship: id,
        other: actor.display_name.clone(),
        reason: None,
    };
    if repos::mentorship_activity::claim_message_mail(&txn, id, now).await? {
        let news = News { event: Event::Message, mentorship: id, other: &actor.display_name, reason: None };
        tell(&txn, state, &other, news, now).await?;
    } else {
        crate::services::notifications::notify(&txn, other.id, &notice, now).await?;
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    Ok(message)
}

/// The messages of mentorship `id`, newest first: at most `first` after `after`.
pub async fn messages(
    db: &impl Db,
    actor: &Account,
    id: Uuid,
    first: usize,
    after: Option<&repos::mentorship_activity::After>,
) -> Result<(Vec<Message>, bool), MentoringError> {
    side(db, actor, id).await?;
    let first = first.clamp(1, crate::services::MAX_PAGE_SIZE) as u64;
    Ok(repos::mentorship_activity::messages(db, id, after, first).await?)
}

/// `actor` sets a goal in mentorship `id`.
pub async fn add_goal(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    title: &str,
    due_on: Option<NaiveDate>,
) -> Result<Goal, MentoringError> {
    let title = activity::text(title, "title", MAX_TITLE_CHARS, true)?;
    running(db, actor, id).await?;
    Ok(repos::mentorship_activity::insert_goal(db, id, &title, due_on, actor.id, state.now()).await?)
}

/// `actor` marks goal `goal` of mentorship `id` reached (again: no change).
pub async fn complete_goal(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    goal: Uuid,
) -> Result<Goal, MentoringError> {
    running(db, actor, id).await?;
    repos::mentorship_activity::complete_goal(db, id, goal, state.now()).await?;
    let goals = repos::mentorship_activity::goals(db, id).await?;
    goals.into_iter().find(|g| g.id == goal).ok_or(MentoringError::NotFound)
}

/// The goals of mentorship `id`.
pub async fn goals(db: &impl Db, actor: &Account, id: Uuid) -> Result<Vec<Goal>, MentoringError> {
    side(db, actor, id).await?;
    Ok(repos::mentorship_activity::goals(db, id).await?)
}

/// What `actor` logs about a session.
#[derive(Debug, Clone)]
pub struct SessionInput<'a> {
    /// When it was held.
    pub held_on: NaiveDate,
    /// How long, in minutes.
    pub minutes: i64,
    /// What it was about.
    pub topic: &'a str,
    /// The author's own note.
    pub private_note: Option<&'a str>,
}

/// `actor` logs a session of mentorship `id`.
pub async fn log_session(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    input: SessionInput<'_>,
) -> Result<Session, MentoringError> {
    let now = state.now();
    let log = SessionLog::new(input.held_on, input.minutes, input.topic, input.private_note, now.date_naive())?;
    running(db, actor, id).await?;
    Ok(repos::mentorship_activity::insert_session(db, id, actor.id, &log, now).await?)
}

/// The sessions of mentorship `id`, latest first; private notes only to their authors.
pub async fn sessions(db: &impl Db, actor: &Account, id: Uuid) -> Result<Vec<Session>, MentoringError> {
    side(db, actor, id).await?;
    let mut sessions = repos::mentorship_activity::sessions(db, id).await?;
    for session in sessions.iter_mut().filter(|s| s.author != actor.id) {
        session.log.private_note = None;
    }
    Ok(sessions)
}

/// What `actor` has answered in mentorship `id`: their fit check, and whether they left
/// closing feedback.
pub async fn my_answers(db: &impl Db, actor: &Account, id: Uuid) -> Result<Vec<Answer>, MentoringError> {
    side(db, actor, id).await?;
    let mut all = repos::mentorship_activity::answers(db, &[id]).await?;
    Ok(all.remove(&id).unwrap_or_default().into_iter().filter(|a| a.person == actor.id).collect())
}

/// `actor` answers "is this working?" once, after the first logged session. A "no" is for VPD
/// staff: the other side never learns it.
pub async fn answer_fit_check(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    working: bool,
    words: &str,
) -> Result<(), MentoringError> {
    let words = activity::text(words, "comment", MAX_WORDS_CHARS, false)?;
    running(db, actor, id).await?;
    if repos::mentorship_activity::sessions(db, id).await?.is_empty() {
        return Err(MentoringError::NoSessionYet);
    }
    let now = state.now();
    let answer = Answer {
        person: actor.id,
        kind: AnswerKind::FitCheck,
        working: Some(working),
        rating: None,
        words,
        created_at: now,
    };
    let txn = db.begin().await?;
    if !repos::mentorship_activity::insert_answer(&txn, id, &answer).await? {
        return Err(MentoringError::AlreadyAnswered);
    }
    if !working {
        audit(&txn, Some(actor.id), "mentorship.fit_concern", id, json!({}), now).await?;
        tracing::info!(mentorship.id = %id, "a fit check said no; VPD staff see it");
    }
    txn.commit().await?;
    Ok(())
}

/// How `actor` closes a mentorship.
#[derive(Debug, Clone)]
pub struct Closing<'a> {
    /// Finished as planned (otherwise ended early, which needs a reason).
    pub completed: bool,
    /// Why it ends early.
    pub reason: &'a str,
    /// Their rating, 1 to 5.
    pub rating: i64,
    /// Their words.
    pub feedback: &'a str,
}

/// `actor` completes or ends mentorship `id` with their feedback; the other side is told.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, mentorship.id = %id))]
pub async fn close(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    closing: Closing<'_>,
) -> Result<Stored, MentoringError> {
    let rating = activity::rating(closing.rating)?;
    let feedback = activity::text(closing.feedback, "feedback", MAX_WORDS_CHARS, false)?;
    let reason = activity::text(closing.reason, "reason", MAX_WORDS_CHARS, false)?;
    if !closing.completed && reason.is_empty() {
        return Err(MentoringError::EndReasonRequired);
    }
    let (found, party) = side(db, actor, id).await?;
    let step = if closing.completed { Transition::Complete } else { Transition::End };
    let to = lifecycle::next(found.status, party, &step)?;
    let now = state.now();
    let txn = db.begin().await?;
    let end_reason = (!closing.completed).then(|| reason.clone());
    let facts = StepFacts { end: Some((end_reason, actor.id)), ..StepFacts::default() };
    if !repos::mentorships::step(&txn, id, S::Active, to, facts, now).await? {
        return Err(MentoringError::MovedOn(lifecycle::TransitionError::WrongState {
            step: step.name(),
            from: found.status,
        }));
    }
    let answer = Answer {
        person: actor.id,
        kind: AnswerKind::Feedback,
        working: None,
        rating: Some(rating),
        words: feedback,
        created_at: now,
    };
    repos::mentorship_activity::insert_answer(&txn, id, &answer).await?;
    audit(
        &txn,
        Some(actor.id),
        if closing.completed { "mentorship.complete" } else { "mentorship.end" },
        id,
        json!({}),
        now,
    )
    .await?;
    let other = account(&txn, other_of(&found, actor)).await?;
    let event = if closing.completed { Event::Completed } else { Event::Ended };
    let why = (!closing.completed).then_some(reason.as_str());
    let news = News { event, mentorship: id, other: &actor.display_name, reason: why };
    tell(&txn, state, &other, news, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}

/// The other side leaves their closing feedback once the mentorship has ended.
pub async fn leave_feedback(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    rating: i64,
    feedback: &str,
) -> Result<(), MentoringError> {
    let rating = activity::rating(rating)?;
    let feedback = activity::text(feedback, "feedback", MAX_WORDS_CHARS, false)?;
    let (found, _) = side(db, actor, id).await?;
    if !matches!(found.status, S::Completed | S::Ended) {
        return Err(MentoringError::NotActive);
    }
    let answer = Answer {
        person: actor.id,
        kind: AnswerKind::Feedback,
        working: None,
        rating: Some(rating),
        words: feedback,
        created_at: state.now(),
    };
    if !repos::mentorship_activity::insert_answer(db, id, &answer).await? {
        return Err(MentoringError::AlreadyAnswered);
    }
    Ok(())
}

/// Both sides' fit-check answers in mentorship `id`, with their words (VPD staff only).
pub async fn fit_checks(db: &impl Db, actor: &Account, id: Uuid) -> Result<Vec<Answer>, MentoringError> {
    if !actor.role.is_vpd() {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)?;
    let mut all = repos::mentorship_activity::answers(db, &[id]).await?;
    Ok(all.remove(&id).unwrap_or_default().into_iter().filter(|a| a.kind == AnswerKind::FitCheck).collect())
}

/// Mentorships where a side answered "no" to the fit check, newest first (VPD staff).
pub async fn fit_concerns(db: &impl Db, actor: &Account, first: usize) -> Result<Vec<Shown>, MentoringError> {
    if !actor.role.is_vpd() {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let first = first.clamp(1, crate::services::MAX_PAGE_SIZE) as u64;
    let ids = repos::mentorship_activity::fit_concerns(db, first).await?;
    super::views::many(db, actor, &ids).await
}
