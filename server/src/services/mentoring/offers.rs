//! The other way round: a mentor sees the founders who look for a mentor and fit them, with
//! reasons in the mentor's language, and offers to mentor one; the founder takes the offer up
//! or not ([`super::requests::answer`]), and the mentor may take it back
//! ([`super::requests::withdraw`]).
//!
//! The founders a mentor sees are those their directory scope admits (listed, approved, active,
//! nobody a supervision keeps from the mentor), looking for a mentor, without a mentor, sharing
//! a language; [`recommend::assess_for_mentor`] scores them without ever looking at what a
//! supervision excludes, so nothing in the list hints at it.

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::json;

use super::recommendations::{Reader, sentence};
use super::requests::{OPEN, audit, candidate, open_conflict};
use super::{MentoringError, News, bounded, tell};
use crate::db::repos::{
    self,
    directory::Filter,
    mentorships::{NewMentorship, Stored},
};
use crate::domain::{
    Account, Locale, Role, Taxonomies, UserId,
    mentoring::{
        Event, MentorshipStatus as S, Origin, lifecycle,
        recommend::{self, Seeker},
    },
    policy::{Purpose, Scope},
    profile::FounderProfile,
};
use crate::services::{Db, directory::Seen};
use crate::state::AppState;

/// The most founders a mentor is shown at once.
pub const MAX_SUGGESTED_FOUNDERS: usize = 20;
/// The most founders looking for a mentor read for one list (in name order).
const MAX_CANDIDATES: u64 = 1000;

/// A founder suggested to a mentor.
#[derive(Debug, Clone)]
pub struct SuggestedFounder {
    /// The founder as the mentor may see them.
    pub founder: Seen<FounderProfile>,
    /// Higher is better.
    pub score: u32,
    /// Why, in the mentor's language, most telling first.
    pub reasons: Vec<String>,
}

/// The best `first` founders for `actor` (a mentor) to offer mentoring to; reasons in `locale`.
/// Empty while the mentor has no profile, is paused or has no place free.
pub async fn recommended_founders(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    locale: Locale,
    first: usize,
) -> Result<(Vec<SuggestedFounder>, Arc<Taxonomies>), MentoringError> {
    if actor.role != Role::Mentor {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let terms = crate::services::taxonomies::all(db, state).await?;
    let Some((_, me_as_candidate)) = candidate(db, actor.id).await? else { return Ok((Vec::new(), terms)) };
    let (me, ties) = crate::services::directory::viewer(db, actor).await?;
    let scope = Scope::of(&me, &ties, Purpose::Directory);
    let filter =
        Filter { any_language: me_as_candidate.profile.languages.clone(), seeking_mentor: true, ..Filter::default() };
    let found = repos::directory::founders(db, &scope, &filter, None, MAX_CANDIDATES).await?.people;
    let ids: Vec<UserId> = found.iter().map(|f| f.id).collect();
    // Founders with a mentor, or waiting for staff to approve one, are not looking.
    let mentored: HashSet<UserId> = repos::mentorships::mentees_in(db, &ids, &[S::PendingReview, S::Active]).await?;
    let waiting = repos::mentorships::waiting_since_of(db, &ids).await?;
    let mut scored: Vec<(recommend::Recommendation, i64, usize)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.id != actor.id && !mentored.contains(&f.id) && !ties.asking.contains(&f.id))
        .filter_map(|(index, f)| {
            // The supervision's people are the scope's; its sectors are never looked at here.
            let seeker = Seeker {
                id: f.id,
                profile: f.profile.clone(),
                wants_peer: f.profile.wants_peer_mentor,
                no_contact: HashSet::new(),
                excluded_sectors: HashSet::new(),
            };
            let since = waiting.get(&f.id).map_or(i64::MAX, chrono::DateTime::timestamp);
            Some((recommend::assess_for_mentor(&seeker, &me_as_candidate)?, since, index))
        })
        .collect();
    // Best first; then who waited longest; then a stable order (the founders' name order).
    scored.sort_by(|(a, since_a, index_a), (b, since_b, index_b)| {
        b.score.cmp(&a.score).then(since_a.cmp(since_b)).then(index_a.cmp(index_b))
    });
    let mut found: Vec<Option<_>> = found.into_iter().map(Some).collect();
    let suggested = scored
        .into_iter()
        .take(first.clamp(1, MAX_SUGGESTED_FOUNDERS))
        .filter_map(|(r, _, index)| {
            let listed = found.get_mut(index)?.take()?;
            Some(SuggestedFounder {
                founder: crate::services::directory::seen_founder(&me, &ties, listed),
                score: r.score,
                reasons: r
                    .reasons
                    .iter()
                    .filter_map(|reason| sentence(reason, &terms, locale, Reader::Mentor))
                    .collect(),
            })
        })
        .collect();
    Ok((suggested, terms))
}

/// `actor` (a mentor) offers to mentor `founder`, with `message`. The founder must be one the
/// mentor may find, looking for a mentor and without one; the mentor must have a place free and
/// share a language with them; at most [`lifecycle::MAX_OPEN_OFFERS`] offers wait at once. The
/// founder is told in the app and by e-mail.
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn offer(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    founder: UserId,
    message: &str,
) -> Result<Stored, MentoringError> {
    if actor.role != Role::Mentor {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let message = bounded(message, "message")?;
    if message.is_empty() {
        return Err(MentoringError::MessageRequired);
    }
    let now = state.now();
    let txn = db.begin().await?;
    // Mentor before mentee, as everywhere.
    repos::mentorships::hold_mentor(&txn, actor.id).await?;
    repos::mentorships::hold_mentee(&txn, founder).await?;
    let (me, ties) = crate::services::directory::viewer(&txn, actor).await?;
    let scope = Scope::of(&me, &ties, Purpose::Directory);
    // A founder the mentor may not find answers like one who does not exist.
    let listed = repos::directory::founder(&txn, &scope, founder).await?.ok_or(MentoringError::NotFound)?;
    if listed.id == actor.id {
        return Err(MentoringError::NotFound);
    }
    let founder_account = super::requests::account(&txn, founder).await?;
    if !listed.profile.seeking_mentor {
        return Err(MentoringError::NotSeeking);
    }
    let open = repos::mentorships::of_mentee_in(&txn, founder, &OPEN).await?;
    match open_conflict(&open, actor.id) {
        Some(MentoringError::AlreadyMentored) => return Err(MentoringError::NotSeeking),
        Some(MentoringError::OfferWaiting) => return Err(MentoringError::AlreadyOffered),
        Some(err) => return Err(err),
        None => {}
    }
    if repos::mentorships::of_mentor_in(&txn, actor.id, &[S::Offered]).await?.len() >= lifecycle::MAX_OPEN_OFFERS {
        return Err(MentoringError::TooManyOffers);
    }
    let (_, me_as_candidate) = candidate(&txn, actor.id).await?.ok_or(MentoringError::CannotOffer)?;
    let seeker = Seeker {
        id: founder,
        wants_peer: listed.profile.wants_peer_mentor,
        profile: listed.profile,
        no_contact: HashSet::new(),
        excluded_sectors: HashSet::new(),
    };
    if recommend::assess_for_mentor(&seeker, &me_as_candidate).is_none() {
        return Err(MentoringError::CannotOffer);
    }
    let new = NewMentorship {
        mentee: founder,
        mentor: actor.id,
        organisation: None,
        origin: Origin::Mentor,
        message: &message,
        proposed_by: None,
        status: S::Offered,
    };
    let id = repos::mentorships::insert(&txn, new, now).await?;
    audit(&txn, Some(actor.id), "mentorship.offer", id, json!({}), now).await?;
    let news = News { event: Event::Offered, mentorship: id, other: &actor.display_name, reason: Some(&message) };
    tell(&txn, state, &founder_account, news, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(mentorship.id = %id, "mentoring offered");
    repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)
}
