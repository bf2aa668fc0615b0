//! Sign-in sessions, found by the hash of the cookie token.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::users::{StoredUser, from_model};
use crate::db::entities::{sessions, users};
use crate::domain::{TokenHash, UserId};

/// A live session and its account.
pub struct LiveSession {
    /// The session id.
    pub id: Uuid,
    /// When it ends unless extended.
    pub expires_at: DateTime<Utc>,
    /// Whose it is.
    pub user: StoredUser,
}

/// Starts a session.
pub async fn create(
    db: &impl ConnectionTrait,
    user: UserId,
    token: &TokenHash,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    sessions::ActiveModel {
        id: Set(id),
        user_id: Set(user.0),
        token_hash: Set(token.0.clone()),
        created_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// The unexpired session with this token hash, with its account, in one query.
pub async fn find_live(
    db: &impl ConnectionTrait,
    token: &TokenHash,
    now: DateTime<Utc>,
) -> Result<Option<LiveSession>, DbErr> {
    let found = sessions::Entity::find()
        .filter(sessions::Column::TokenHash.eq(token.0.as_str()))
        .filter(sessions::Column::ExpiresAt.gt(now))
        .find_also_related(users::Entity)
        .one(db)
        .await?;
    match found {
        Some((session, Some(user))) => {
            Ok(Some(LiveSession { id: session.id, expires_at: session.expires_at, user: from_model(user)? }))
        }
        _ => Ok(None),
    }
}

/// Moves a session's expiry.
pub async fn extend(db: &impl ConnectionTrait, id: Uuid, expires_at: DateTime<Utc>) -> Result<(), DbErr> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::ExpiresAt, sea_orm::sea_query::Expr::value(expires_at))
        .filter(sessions::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends one session.
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    sessions::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Ends every session of an account.
pub async fn delete_all_for(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    let res = sessions::Entity::delete_many().filter(sessions::Column::UserId.eq(user.0)).exec(db).await?;
    Ok(res.rows_affected)
}

/// Removes sessions that expired before `now`.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let res = sessions::Entity::delete_many().filter(sessions::Column::ExpiresAt.lte(now)).exec(db).await?;
    Ok(res.rows_affected)
}
