//! The approved, available mentors that every founder's recommendations start from, and the
//! places each mentor has taken, held in memory. Each use reads the database's `mentors` and
//! `places` change counters (one small statement), which triggers raise in the same transaction
//! as any write to a mentor's account, profile or lists, and as any mentorship starting or
//! stopping to hold a place: whichever moved since this process read it is read again. So a
//! mentor suspended, paused, edited or filled up by any server process drops out or changes at
//! once, and a recommendation costs a fixed number of small statements however many mentors
//! there are.

use std::collections::{HashMap, HashSet};
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

/// The places taken per mentor (accepted or running mentorships) as read at one value of the
/// `places` counter.
#[derive(Debug)]
pub struct Places {
    /// The counter when they were read.
    counter: i64,
    /// Places taken, by mentor; a mentor with none is absent.
    pub taken: HashMap<UserId, u8>,
}

/// A process's pool and places, shared by its requests.
#[derive(Debug, Default)]
pub struct PoolCell {
    mentors: Mutex<Option<Arc<MentorPool>>>,
    places: Mutex<Option<Arc<Places>>>,
}

impl PoolCell {
    fn get(&self) -> Option<Arc<MentorPool>> {
        self.mentors.lock().ok().and_then(|pool| pool.clone())
    }

    /// Keeps `pool` unless a newer one is there already.
    fn offer(&self, pool: Arc<MentorPool>) {
        if let Ok(mut held) = self.mentors.lock()
            && held.as_ref().is_none_or(|h| h.counter <= pool.counter)
        {
            *held = Some(pool);
        }
    }

    fn places(&self) -> Option<Arc<Places>> {
        self.places.lock().ok().and_then(|places| places.clone())
    }

    /// Keeps `places` unless newer ones are there already.
    fn offer_places(&self, places: Arc<Places>) {
        if let Ok(mut held) = self.places.lock()
            && held.as_ref().is_none_or(|h| h.counter <= places.counter)
        {
            *held = Some(places);
        }
    }
}

/// The mentors and the places they have taken as they are now: what `cell` holds while its
/// counter has not moved, else read afresh (the counters first, so a change while reading only
/// makes the next use read again).
pub async fn current(db: &impl ConnectionTrait, cell: &PoolCell) -> Result<(Arc<MentorPool>, Arc<Places>), DbErr> {
    use repos::change_counters::{MENTORS, PLACES};
    let [mentors, places] = repos::change_counters::values(db, [MENTORS, PLACES]).await?;
    let places = match cell.places().filter(|p| p.counter == places) {
        Some(held) => held,
        None => {
            let read = Arc::new(Places { counter: places, taken: repos::mentorships::places_taken(db, None).await? });
            cell.offer_places(read.clone());
            read
        }
    };
    Ok((mentors_at(db, cell, mentors).await?, places))
}

/// The mentors at `counter`: `cell`'s while it holds them at that value, else read afresh.
async fn mentors_at(db: &impl ConnectionTrait, cell: &PoolCell, counter: i64) -> Result<Arc<MentorPool>, DbErr> {
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
