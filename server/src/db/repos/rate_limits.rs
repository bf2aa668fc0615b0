//! Fixed-window hit counters shared by every replica.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, ExprTrait, OnConflict},
};

use crate::db::entities::rate_limits;

/// Counts one hit in `bucket` for the window starting at `window_start` (unix seconds) and
/// returns the hits so far, this one included.
pub async fn hit(db: &impl ConnectionTrait, bucket: &str, window_start: i64) -> Result<i32, DbErr> {
    let row = rate_limits::Entity::insert(rate_limits::ActiveModel {
        bucket: Set(bucket.to_owned()),
        window_start: Set(window_start),
        hits: Set(1),
    })
    .on_conflict(
        OnConflict::columns([rate_limits::Column::Bucket, rate_limits::Column::WindowStart])
            .value(rate_limits::Column::Hits, Expr::col((rate_limits::Entity, rate_limits::Column::Hits)).add(1))
            .to_owned(),
    )
    .exec_with_returning(db)
    .await?;
    Ok(row.hits)
}

/// Forgets windows that started before `before` (unix seconds).
pub async fn purge_before(db: &impl ConnectionTrait, before: i64) -> Result<u64, DbErr> {
    let res = rate_limits::Entity::delete_many().filter(rate_limits::Column::WindowStart.lt(before)).exec(db).await?;
    Ok(res.rows_affected)
}
