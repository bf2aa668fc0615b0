//! Mentorships as their people and VPD staff see them: one by id, one's own list, and staff's
//! queue of matches waiting for review. Names come in one statement per page.

use std::collections::HashMap;

use uuid::Uuid;

use super::{MentoringError, party_of};
use crate::db::repos::{
    self,
    mentorships::{After, Stored},
};
use crate::domain::{Account, Role, UserId, mentoring::MentorshipStatus};
use crate::services::Db;

/// A mentorship with the names of its two sides.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The mentorship; its staff note emptied for anyone but staff.
    pub mentorship: Stored,
    /// The founder's (or representative's) name.
    pub mentee_name: String,
    /// The mentor's name.
    pub mentor_name: String,
}

/// `rows` with their people's names, staff notes kept only for staff.
async fn shown(db: &impl Db, actor: &Account, rows: Vec<Stored>) -> Result<Vec<Shown>, MentoringError> {
    let mut ids: Vec<UserId> = rows.iter().flat_map(|m| [m.mentee, m.mentor]).collect();
    ids.sort_by_key(|id| id.0);
    ids.dedup();
    let names: HashMap<UserId, String> =
        repos::users::find_many(db, &ids).await?.into_iter().map(|u| (u.account.id, u.account.display_name)).collect();
    let name = |id: UserId| names.get(&id).cloned().unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|mut mentorship| {
            if !actor.role.is_vpd() {
                mentorship.review_note = None;
            }
            Shown { mentee_name: name(mentorship.mentee), mentor_name: name(mentorship.mentor), mentorship }
        })
        .collect())
}

/// The mentorship `id`, if `actor` is one of its sides or VPD staff.
pub async fn get(db: &impl Db, actor: &Account, id: Uuid) -> Result<Shown, MentoringError> {
    let found = repos::mentorships::find(db, id).await?.ok_or(MentoringError::NotFound)?;
    party_of(&found, actor).ok_or(MentoringError::NotFound)?;
    shown(db, actor, vec![found]).await?.pop().ok_or(MentoringError::NotFound)
}

/// The mentorships `ids` in that order, for VPD staff (one statement for the rows, one for
/// the names).
pub(super) async fn many(db: &impl Db, actor: &Account, ids: &[Uuid]) -> Result<Vec<Shown>, MentoringError> {
    let mut rows = repos::mentorships::find_many(db, ids).await?;
    rows.sort_by_key(|m| ids.iter().position(|id| *id == m.id));
    shown(db, actor, rows).await
}

/// `actor`'s own mentorships (as mentee or mentor), newest change first, optionally only in
/// `statuses`: at most `first` after `after`, and whether more follow.
pub async fn mine(
    db: &impl Db,
    actor: &Account,
    statuses: Option<&[MentorshipStatus]>,
    first: usize,
    after: Option<&After>,
) -> Result<(Vec<Shown>, bool), MentoringError> {
    if !matches!(actor.role, Role::Founder | Role::Mentor | Role::Enterprise) {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let first = first.clamp(1, crate::services::MAX_PAGE_SIZE) as u64;
    let (rows, more) = repos::mentorships::page_of_person(db, actor.id, statuses, after, first).await?;
    Ok((shown(db, actor, rows).await?, more))
}

/// Matches waiting for VPD staff, longest waiting first: at most `first` after `after`.
pub async fn queue(
    db: &impl Db,
    actor: &Account,
    first: usize,
    after: Option<&After>,
) -> Result<(Vec<Shown>, bool), MentoringError> {
    if !actor.role.is_vpd() {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let first = first.clamp(1, crate::services::MAX_PAGE_SIZE) as u64;
    let (rows, more) = repos::mentorships::queue(db, after, first).await?;
    Ok((shown(db, actor, rows).await?, more))
}
