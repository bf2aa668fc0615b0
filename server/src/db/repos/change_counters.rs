//! Counters the database raises when data that server processes keep in memory changes (see
//! `services::mentoring::pool`).

use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use crate::db::entities::change_counters;

/// Mentors' accounts, profiles and lists.
pub const MENTORS: &str = "mentors";

/// The counter `name`; a missing one is an error (the migration creates them).
pub async fn value(db: &impl ConnectionTrait, name: &str) -> Result<i64, DbErr> {
    change_counters::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?
        .map(|c| c.value)
        .ok_or_else(|| DbErr::RecordNotFound(format!("change counter {name}")))
}
