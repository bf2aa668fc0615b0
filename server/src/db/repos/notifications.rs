//! In-app notifications.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::db::entities::notifications;
use crate::domain::UserId;

/// A stored notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredNotification {
    /// Its id.
    pub id: Uuid,
    /// What it is about (see `domain::notification::Notice`).
    pub kind: String,
    /// Its facts, as JSON.
    pub params: String,
    /// Where it leads: a path of the app.
    pub link: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When its reader saw it.
    pub read_at: Option<DateTime<Utc>>,
}

/// Stores a notification for `user`.
pub async fn insert(
    db: &impl ConnectionTrait,
    user: UserId,
    kind: &str,
    params: &serde_json::Value,
    link: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    notifications::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user.0),
        kind: Set(kind.to_owned()),
        params: Set(params.to_string()),
        link: Set(link.to_owned()),
        created_at: Set(now),
        read_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// `user`'s notifications, newest first: at most `limit` after the key `after`.
pub async fn of(
    db: &impl ConnectionTrait,
    user: UserId,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
) -> Result<Vec<StoredNotification>, DbErr> {
    let mut query = notifications::Entity::find().filter(notifications::Column::UserId.eq(user.0));
    if let Some((at, id)) = after {
        query =
            query.filter(Condition::any().add(notifications::Column::CreatedAt.lt(at)).add(
                Condition::all().add(notifications::Column::CreatedAt.eq(at)).add(notifications::Column::Id.lt(id)),
            ));
    }
    let rows = query
        .order_by_desc(notifications::Column::CreatedAt)
        .order_by_desc(notifications::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| StoredNotification {
            id: r.id,
            kind: r.kind,
            params: r.params,
            link: r.link,
            created_at: r.created_at,
            read_at: r.read_at,
        })
        .collect())
}

/// How many of `user`'s notifications are unread.
pub async fn unread(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user.0))
        .filter(notifications::Column::ReadAt.is_null())
        .count(db)
        .await
}

/// Marks those of `ids` that are `user`'s own as read (others' ids change nothing).
pub async fn mark_read(db: &impl ConnectionTrait, user: UserId, ids: &[Uuid], now: DateTime<Utc>) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    notifications::Entity::update_many()
        .col_expr(notifications::Column::ReadAt, sea_orm::sea_query::Expr::value(now))
        .filter(notifications::Column::UserId.eq(user.0))
        .filter(notifications::Column::Id.is_in(ids.iter().copied()))
        .filter(notifications::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
