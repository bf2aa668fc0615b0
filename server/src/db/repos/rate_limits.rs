//! Fixed-window attempt counters shared by every replica.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, OnConflict},
};

use crate::db::entities::rate_limits;

/// One counter: its hits in the window and when it last counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    /// Hits so far in the window.
    pub hits: i32,
    /// When the last hit was counted.
    pub last_hit_at: Option<DateTime<Utc>>,
}

/// Makes sure the counters of `keys` exist (at zero), so they can be locked.
pub async fn ensure(db: &impl ConnectionTrait, keys: &[(String, i64)]) -> Result<(), DbErr> {
    for (bucket, window_start) in keys {
        rate_limits::Entity::insert(rate_limits::ActiveModel {
            bucket: Set(bucket.clone()),
            window_start: Set(*window_start),
            hits: Set(0),
            last_hit_at: Set(None),
        })
        .on_conflict(
            OnConflict::columns([rate_limits::Column::Bucket, rate_limits::Column::WindowStart])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// The counters of `(bucket, window_start)` pairs, in the order asked; a pair never hit is zero.
/// With `lock`, PostgreSQL holds the rows until the transaction ends (SQLite's transaction holds
/// the whole database once it has written).
pub async fn read(db: &impl ConnectionTrait, keys: &[(String, i64)], lock: bool) -> Result<Vec<Counter>, DbErr> {
    let mut any = Condition::any();
    for (bucket, window_start) in keys {
        any = any.add(
            Condition::all()
                .add(rate_limits::Column::Bucket.eq(bucket.as_str()))
                .add(rate_limits::Column::WindowStart.eq(*window_start)),
        );
    }
    let mut query = rate_limits::Entity::find().filter(any);
    if lock && db.get_database_backend() == DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    let rows = query.all(db).await?;
    Ok(keys
        .iter()
        .map(|(bucket, window_start)| {
            rows.iter()
                .find(|r| &r.bucket == bucket && r.window_start == *window_start)
                .map(|r| Counter { hits: r.hits, last_hit_at: r.last_hit_at })
                .unwrap_or(Counter { hits: 0, last_hit_at: None })
        })
        .collect())
}

/// Counts one hit in `bucket` for the window starting at `window_start` (unix seconds).
pub async fn hit(db: &impl ConnectionTrait, bucket: &str, window_start: i64, now: DateTime<Utc>) -> Result<(), DbErr> {
    rate_limits::Entity::insert(rate_limits::ActiveModel {
        bucket: Set(bucket.to_owned()),
        window_start: Set(window_start),
        hits: Set(1),
        last_hit_at: Set(Some(now)),
    })
    .on_conflict(
        OnConflict::columns([rate_limits::Column::Bucket, rate_limits::Column::WindowStart])
            .value(rate_limits::Column::Hits, Expr::col((rate_limits::Entity, rate_limits::Column::Hits)).add(1))
            .value(rate_limits::Column::LastHitAt, Expr::value(now))
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Takes back one counted attempt of `bucket` in the window starting at `window_start`.
pub async fn refund(db: &impl ConnectionTrait, bucket: &str, window_start: i64) -> Result<(), DbErr> {
    rate_limits::Entity::update_many()
        .col_expr(rate_limits::Column::Hits, Expr::col(rate_limits::Column::Hits).sub(1))
        .filter(rate_limits::Column::Bucket.eq(bucket))
        .filter(rate_limits::Column::WindowStart.eq(window_start))
        .filter(rate_limits::Column::Hits.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every window of `bucket`.
pub async fn forget(db: &impl ConnectionTrait, bucket: &str) -> Result<(), DbErr> {
    rate_limits::Entity::delete_many().filter(rate_limits::Column::Bucket.eq(bucket)).exec(db).await?;
    Ok(())
}

/// Forgets windows that started before `before` (unix seconds).
pub async fn purge_before(db: &impl ConnectionTrait, before: i64) -> Result<u64, DbErr> {
    let res = rate_limits::Entity::delete_many().filter(rate_limits::Column::WindowStart.lt(before)).exec(db).await?;
    Ok(res.rows_affected)
}
