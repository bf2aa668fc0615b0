//! Browsers an account has signed in from, found by the hash of their device cookie.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::db::entities::known_devices;
use crate::domain::{TokenHash, UserId};

/// A browser an account signed in from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownDevice {
    /// The device id.
    pub id: Uuid,
    /// Whose it is.
    pub user: UserId,
}

/// Remembers a browser for `user`.
pub async fn create(
    db: &impl ConnectionTrait,
    user: UserId,
    token: &TokenHash,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    known_devices::ActiveModel {
        id: Set(id),
        user_id: Set(user.0),
        token_hash: Set(token.0.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// The device with this cookie hash, if it signed in after `seen_since`.
pub async fn find(
    db: &impl ConnectionTrait,
    token: &TokenHash,
    seen_since: DateTime<Utc>,
) -> Result<Option<KnownDevice>, DbErr> {
    Ok(known_devices::Entity::find()
        .filter(known_devices::Column::TokenHash.eq(token.0.as_str()))
        .filter(known_devices::Column::LastSeenAt.gt(seen_since))
        .one(db)
        .await?
        .map(|m| KnownDevice { id: m.id, user: UserId(m.user_id) }))
}

/// Whether `user` has any known device.
pub async fn any_for(db: &impl ConnectionTrait, user: UserId) -> Result<bool, DbErr> {
    Ok(known_devices::Entity::find().filter(known_devices::Column::UserId.eq(user.0)).one(db).await?.is_some())
}

/// Records a sign-in from a known device.
pub async fn touch(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<(), DbErr> {
    known_devices::Entity::update_many()
        .col_expr(known_devices::Column::LastSeenAt, sea_orm::sea_query::Expr::value(now))
        .filter(known_devices::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every known device of `user` (after a password change or reset, a second-factor
/// reset, or disabling): a browser an intruder used is no longer let through.
pub async fn delete_all_for(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    let res = known_devices::Entity::delete_many().filter(known_devices::Column::UserId.eq(user.0)).exec(db).await?;
    Ok(res.rows_affected)
}

/// Forgets devices not seen since `before`.
pub async fn purge_unseen_since(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let res =
        known_devices::Entity::delete_many().filter(known_devices::Column::LastSeenAt.lt(before)).exec(db).await?;
    Ok(res.rows_affected)
}
