//! The steps the clock takes: reminders of requests a mentor has not answered (after 3 and 7
//! days), and their expiry after 14 days, which also pauses the mentor who let them wait and
//! kindly declines their other open requests, pointing those founders to other mentors; and
//! the expiry of mentors' offers a founder left unanswered for 14 days (the mentor is told).
//!
//! Each request moves in its own transaction by a conditional update, so a run cut short, or
//! two runs at once, never send an e-mail twice.

use chrono::{DateTime, Utc};
use sea_orm::TransactionTrait;
use serde_json::json;

use super::requests::{account, audit, decline_words};
use super::{MentoringError, News, tell};
use crate::db::repos::{
    self,
    mentorships::{StepFacts, Stored},
};
use crate::domain::mentoring::{
    DeclineReason, Event, MentorshipStatus as S, Party, Transition,
    lifecycle::{self, EXPIRES_AFTER, REMINDERS_AFTER},
};
use crate::state::AppState;

/// Requests read at once.
const BATCH: u64 = 200;

/// Reminds mentors of the requests due a reminder at `now`; how many reminders went out.
pub async fn remind_due(state: &AppState, now: DateTime<Utc>) -> Result<u64, MentoringError> {
    let mut sent = 0;
    // The later reminder first: a request found late gets the one reminder it is due, not two.
    for (index, after) in REMINDERS_AFTER.iter().enumerate().rev() {
        let stage = u8::try_from(index + 1).unwrap_or(u8::MAX);
        loop {
            let due = repos::mentorships::unanswered(&state.db, now - *after, stage, BATCH).await?;
            let full = due.len() as u64 == BATCH;
            for request in due {
                if remind(state, &request, stage, now).await? {
                    sent += 1;
                }
            }
            if !full {
                break;
            }
        }
    }
    if sent > 0 {
        state.outbox_wake.notify_one();
    }
    Ok(sent)
}

async fn remind(state: &AppState, request: &Stored, stage: u8, now: DateTime<Utc>) -> Result<bool, MentoringError> {
    let txn = state.db.begin().await?;
    if !repos::mentorships::mark_reminded(&txn, request.id, request.reminders_sent, stage).await? {
        return Ok(false);
    }
    let (mentor, founder) = (account(&txn, request.mentor).await?, account(&txn, request.mentee).await?);
    let news = News { event: Event::Reminded, mentorship: request.id, other: &founder.display_name, reason: None };
    tell(&txn, state, &mentor, news, now).await?;
    txn.commit().await?;
    Ok(true)
}

/// Closes the requests unanswered for [`EXPIRES_AFTER`] at `now`; how many closed.
pub async fn expire_due(state: &AppState, now: DateTime<Utc>) -> Result<u64, MentoringError> {
    let mut expired = 0;
    loop {
        let due = repos::mentorships::unanswered(&state.db, now - EXPIRES_AFTER, u8::MAX, BATCH).await?;
        let full = due.len() as u64 == BATCH;
        for request in due {
            if expire(state, &request, now).await? {
                expired += 1;
            }
        }
        if !full {
            break;
        }
    }
    loop {
        let due = repos::mentorships::unanswered_offers(&state.db, now - EXPIRES_AFTER, BATCH).await?;
        let full = due.len() as u64 == BATCH;
        for offer in due {
            if expire_offer(state, &offer, now).await? {
                expired += 1;
            }
        }
        if !full {
            break;
        }
    }
    if expired > 0 {
        state.outbox_wake.notify_one();
    }
    Ok(expired)
}

/// Closes `offer`, unanswered by its founder, and tells its mentor.
async fn expire_offer(state: &AppState, offer: &Stored, now: DateTime<Utc>) -> Result<bool, MentoringError> {
    let txn = state.db.begin().await?;
    let to = lifecycle::next(offer.status, Party::System, &Transition::Expire)?;
    if !repos::mentorships::step(&txn, offer.id, S::Offered, to, StepFacts::default(), now).await? {
        return Ok(false);
    }
    let (mentor, founder) = (account(&txn, offer.mentor).await?, account(&txn, offer.mentee).await?);
    audit(&txn, None, "mentorship.expire", offer.id, json!({}), now).await?;
    let news = News { event: Event::OfferExpired, mentorship: offer.id, other: &founder.display_name, reason: None };
    tell(&txn, state, &mentor, news, now).await?;
    txn.commit().await?;
    Ok(true)
}

/// Closes `request`, tells its founder, and pauses its mentor if they were taking mentees.
async fn expire(state: &AppState, request: &Stored, now: DateTime<Utc>) -> Result<bool, MentoringError> {
    let txn = state.db.begin().await?;
    repos::mentorships::hold_mentor(&txn, request.mentor).await?;
    let to = lifecycle::next(request.status, Party::System, &Transition::Expire)?;
    if !repos::mentorships::step(&txn, request.id, S::Requested, to, StepFacts::default(), now).await? {
        return Ok(false);
    }
    let (mentor, founder) = (account(&txn, request.mentor).await?, account(&txn, request.mentee).await?);
    audit(&txn, None, "mentorship.expire", request.id, json!({}), now).await?;
    let news = News { event: Event::Expired, mentorship: request.id, other: &mentor.display_name, reason: None };
    tell(&txn, state, &founder, news, now).await?;
    if repos::mentorships::pause_mentor(&txn, request.mentor, now).await? {
        let news = News { event: Event::Paused, mentorship: request.id, other: &founder.display_name, reason: None };
        tell(&txn, state, &mentor, news, now).await?;
        let step = Transition::Decline(DeclineReason::Paused);
        for other in repos::mentorships::of_mentor_in(&txn, request.mentor, &[S::Requested]).await? {
            let to = lifecycle::next(other.status, Party::System, &step)?;
            let facts = StepFacts { decline_reason: Some(DeclineReason::Paused), ..StepFacts::default() };
            if !repos::mentorships::step(&txn, other.id, S::Requested, to, facts, now).await? {
                continue;
            }
            audit(&txn, None, "mentorship.decline", other.id, json!({ "reason": "paused" }), now).await?;
            let asking = account(&txn, other.mentee).await?;
            let words = decline_words(DeclineReason::Paused, "", asking.locale);
            let news = News {
                event: Event::Declined,
                mentorship: other.id,
                other: &mentor.display_name,
                reason: Some(&words),
            };
            tell(&txn, state, &asking, news, now).await?;
        }
        tracing::info!(mentor.id = %request.mentor.0, "mentor paused after an unanswered request");
    }
    txn.commit().await?;
    Ok(true)
}
