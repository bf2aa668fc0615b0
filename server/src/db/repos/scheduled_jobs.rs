//! When each named job is next due, and which process holds it. A run is claimed with one
//! conditional update, so of several processes on one database exactly one gets it.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, OnConflict},
};

use crate::db::entities::scheduled_jobs;

/// Makes sure job `name` has its row: due at `now` when it is new.
pub async fn ensure(db: &impl ConnectionTrait, name: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    scheduled_jobs::Entity::insert(scheduled_jobs::ActiveModel {
        name: Set(name.to_owned()),
        next_run_at: Set(now),
        held_until: Set(None),
        last_finished_at: Set(None),
    })
    .on_conflict(OnConflict::column(scheduled_jobs::Column::Name).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Takes job `name` if it is due at `now` and nobody holds it (or a holder's time ran out):
/// held until `held_until`, due next at `next_run_at`. Whether this caller got it.
pub async fn claim(
    db: &impl ConnectionTrait,
    name: &str,
    now: DateTime<Utc>,
    held_until: DateTime<Utc>,
    next_run_at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let claimed = scheduled_jobs::Entity::update_many()
        .col_expr(scheduled_jobs::Column::HeldUntil, Expr::value(Some(held_until)))
        .col_expr(scheduled_jobs::Column::NextRunAt, Expr::value(next_run_at))
        .filter(scheduled_jobs::Column::Name.eq(name))
        .filter(scheduled_jobs::Column::NextRunAt.lte(now))
        .filter(
            Condition::any()
                .add(scheduled_jobs::Column::HeldUntil.is_null())
                .add(scheduled_jobs::Column::HeldUntil.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Lets go of job `name` after a run that ended at `now`.
pub async fn release(db: &impl ConnectionTrait, name: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    scheduled_jobs::Entity::update_many()
        .col_expr(scheduled_jobs::Column::HeldUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(scheduled_jobs::Column::LastFinishedAt, Expr::value(Some(now)))
        .filter(scheduled_jobs::Column::Name.eq(name))
        .exec(db)
        .await?;
    Ok(())
}

/// Job `name`'s row, if it has one.
pub async fn find(db: &impl ConnectionTrait, name: &str) -> Result<Option<scheduled_jobs::Model>, DbErr> {
    scheduled_jobs::Entity::find_by_id(name.to_owned()).one(db).await
}
