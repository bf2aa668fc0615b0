//! VPD staff closing mentorships, whatever they wait for or however far they ran: by hand, with
//! a note only staff read (a safeguarding concern, a "not working" answer followed up), and at
//! once when staff put a person on a founder's no-contact list, in the same transaction, for
//! whatever the two have open or running (a request or offer, a match waiting for review, a
//! running mentorship). Both sides are told that VPD closed it, never why; as staff close for
//! many reasons, the closing says nothing of a supervision.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::requests::{OPEN, account, audit, mine};
use super::{MentoringError, News, bounded, tell};
use crate::db::repos::{
    self,
    mentorships::{StepFacts, Stored},
};
use crate::domain::{
    Account, UserId,
    mentoring::{Event, Party, Transition, lifecycle},
};
use crate::services::Db;
use crate::state::AppState;

/// How many times closing a mentorship that moves meanwhile is tried before giving up.
const TRIES: usize = 3;

/// Staff `actor` close mentorship `id` with `note` (required; staff's own).
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0, mentorship.id = %id))]
pub async fn close(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    id: Uuid,
    note: &str,
) -> Result<Stored, MentoringError> {
    if !actor.role.is_vpd() {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let note = bounded(note, "note")?;
    if note.is_empty() {
        return Err(MentoringError::NoteRequired);
    }
    let (found, party) = mine(db, actor, id).await?;
    lifecycle::next(found.status, party, &Transition::Close)?;
    let now = state.now();
    let txn = db.begin().await?;
    if !close_one(&txn, state, actor, found, Some(note), "by_hand", now).await? {
        return Err(MentoringError::MovedOn(lifecycle::TransitionError::WrongState {
            step: "close",
            from: repos::mentorships::find(&txn, id).await?.ok_or(MentoringError::NotFound)?.status,
        }));
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}

/// Closes the mentorships of `founder` with anyone in `kept` (their supervision's no-contact),
/// by staff `actor`, inside the caller's transaction (which holds the founder, so no new
/// request or offer slips in meanwhile); how many closed.
pub async fn close_kept_apart(
    db: &impl ConnectionTrait,
    state: &AppState,
    actor: &Account,
    founder: UserId,
    kept: &HashSet<UserId>,
    now: DateTime<Utc>,
) -> Result<usize, MentoringError> {
    if kept.is_empty() {
        return Ok(0);
    }
    let mut closed = 0;
    let open = repos::mentorships::of_mentee_in(db, founder, &OPEN).await?;
    for mentorship in open.into_iter().filter(|m| kept.contains(&m.mentor)) {
        if close_one(db, state, actor, mentorship, None, "supervision", now).await? {
            closed += 1;
        }
    }
    Ok(closed)
}

/// Closes `mentorship` wherever it stands now (read again when it moved meanwhile), keeping
/// staff's `note`, and tells both sides; whether it closed (`false`: it was over already).
async fn close_one(
    db: &impl ConnectionTrait,
    state: &AppState,
    actor: &Account,
    mut mentorship: Stored,
    note: Option<String>,
    why: &'static str,
    now: DateTime<Utc>,
) -> Result<bool, MentoringError> {
    for attempt in 0..=TRIES {
        // Over meanwhile (ended, declined, withdrawn): nothing left to close.
        let Ok(to) = lifecycle::next(mentorship.status, Party::Staff, &Transition::Close) else { return Ok(false) };
        if attempt == TRIES {
            // Still moving after every try: refuse rather than leave it open.
            return Err(lifecycle::TransitionError::WrongState { step: "close", from: mentorship.status }.into());
        }
        let facts = StepFacts {
            end: Some((None, actor.id)),
            review: note.clone().map(|n| (n, actor.id)),
            ..StepFacts::default()
        };
        if repos::mentorships::step(db, mentorship.id, mentorship.status, to, facts, now).await? {
            audit(db, Some(actor.id), "mentorship.close", mentorship.id, json!({ "why": why }), now).await?;
            let (mentee, mentor) = (account(db, mentorship.mentee).await?, account(db, mentorship.mentor).await?);
            for (person, other) in [(&mentee, &mentor), (&mentor, &mentee)] {
                let news =
                    News { event: Event::Closed, mentorship: mentorship.id, other: &other.display_name, reason: None };
                tell(db, state, person, news, now).await?;
            }
            return Ok(true);
        }
        match repos::mentorships::find(db, mentorship.id).await? {
            Some(moved) => mentorship = moved,
            None => return Ok(false),
        }
    }
    Ok(false)
}
