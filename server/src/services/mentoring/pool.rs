//! The approved, available mentors that every founder's recommendations start from, held in
//! memory. Each use reads the database's `mentors` change counter (one small statement), which
//! triggers raise in the same transaction as any write to a mentor's account, profile or lists:
//! when it moved, since this process read the mentors, they are read again. So a mentor suspended,
//! paused or edited by any server process drops out or changes at once, and a recommendation
//! costs a fixed number of small statements however many mentors there are.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

use crate::db::repos::{
    self,
    directory::{Filter, Listed},
};
use crate::domain::{
    Role, UserId,
    policy::{Person, Scope},
    profile::MentorProfile,
};

/// The mentors as read at one value of the change counter.
#[derive(Debug)]
pub struct MentorPool {
    /// The counter when they were read.
    counter: i64,
    /// Every approved, active mentor available for mentees, in name order (profiles shared
    /// with the candidates each recommendation scores).
    pub mentors: Vec<Listed<Arc<MentorProfile>>>,
}

impl MentorPool {
    /// `mentor` as the people scope sees them.
    pub fn person(mentor: &Listed<Arc<MentorProfile>>) -> Person {
        Person {
            id: mentor.id,
            role: Role::Mentor,
            standing: mentor.standing,
            disabled: mentor.disabled,
            listed: mentor.profile.available,
        }
    }
}

/// A process's pool, shared by its requests.
#[derive(Debug, Default)]
pub struct PoolCell(Mutex<Option<Arc<MentorPool>>>);

impl PoolCell {
    fn get(&self) -> Option<Arc<MentorPool>> {
        self.0.lock().ok().and_then(|pool| pool.clone())
    }

    /// Keeps `pool` unless a newer one is there already.
    fn offer(&self, pool: Arc<MentorPool>) {
        if let Ok(mut held) = self.0.lock()
            && held.as_ref().is_none_or(|h| h.counter <= pool.counter)
        {
            *held = Some(pool);
        }
    }
}

/// The mentors as they are now: the pool in `cell` while the counter has not moved, else read
/// afresh (the counter first, so a change while reading only makes the next use read again).
pub async fn current(db: &impl ConnectionTrait, cell: &PoolCell) -> Result<Arc<MentorPool>, DbErr> {
    let counter = repos::change_counters::value(db, repos::change_counters::MENTORS).await?;
    if let Some(pool) = cell.get().filter(|p| p.counter == counter) {
        return Ok(pool);
    }
    // Every mentor that any founder's directory scope can admit: approved, active, available.
    let everyone_listed = Scope {
        everyone: false,
        viewer: UserId(Uuid::nil()),
        roles: vec![(Role::Mentor, true)],
        excluded: HashSet::new(),
        connected: HashSet::new(),
        nobody: false,
    };
    let mentors = repos::directory::mentors(db, &everyone_listed, &Filter::default(), None, u64::from(u32::MAX))
        .await?
        .people
        .into_iter()
        .map(|l| Listed {
            id: l.id,
            display_name: l.display_name,
            email: l.email,
            standing: l.standing,
            disabled: l.disabled,
            profile: Arc::new(l.profile),
        })
        .collect();
    let pool = Arc::new(MentorPool { counter, mentors });
    cell.offer(pool.clone());
    Ok(pool)
}
