//! Counters the database raises when data that server processes keep in memory changes (see
//! `services::mentoring::pool`).

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::change_counters;

/// Mentors' accounts, profiles and lists.
pub const MENTORS: &str = "mentors";
/// The places mentors have taken: a mentorship starting or stopping to hold one.
pub const PLACES: &str = "places";

/// The counter `name`; a missing one is an error (the migration creates them).
pub async fn value(db: &impl ConnectionTrait, name: &str) -> Result<i64, DbErr> {
    change_counters::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?
        .map(|c| c.value)
        .ok_or_else(|| DbErr::RecordNotFound(format!("change counter {name}")))
}

/// The counters `names`, in that order, in one statement; a missing one is an error.
pub async fn values<const N: usize>(db: &impl ConnectionTrait, names: [&str; N]) -> Result<[i64; N], DbErr> {
    let rows = change_counters::Entity::find().filter(change_counters::Column::Name.is_in(names)).all(db).await?;
    let mut found = [0; N];
    for (slot, name) in found.iter_mut().zip(names) {
        *slot = rows
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.value)
            .ok_or_else(|| DbErr::RecordNotFound(format!("change counter {name}")))?;
    }
    Ok(found)
}
