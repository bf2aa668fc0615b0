//! Sign-in sessions, found by the hash of the cookie token.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use super::users::{StoredUser, from_model};
use crate::db::entities::{sessions, users};
use crate::domain::{TokenHash, UserId};

/// Where a session is in signing in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Signed in.
    Active,
    /// The password was right; a code from the authenticator app is still needed.
    SecondFactor,
    /// The password was right; the account must set up a second factor first.
    SetUpSecondFactor,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Active => "active",
            Stage::SecondFactor => "second_factor",
            Stage::SetUpSecondFactor => "set_up_second_factor",
        }
    }

    fn parse(text: &str) -> Option<Stage> {
        [Stage::Active, Stage::SecondFactor, Stage::SetUpSecondFactor].into_iter().find(|s| s.as_str() == text)
    }
}

/// A new session.
pub struct NewSession<'a> {
    /// Whose it is.
    pub user: UserId,
    /// The hash of its cookie token.
    pub token: &'a TokenHash,
    /// Where it is in signing in.
    pub stage: Stage,
    /// When it ends unless used.
    pub expires_at: DateTime<Utc>,
    /// When it ends however much it is used.
    pub absolute_expires_at: DateTime<Utc>,
    /// A short label of the browser, e.g. "Chrome · Android".
    pub device: Option<&'a str>,
}

/// A live session and its account.
pub struct LiveSession {
    /// The session id.
    pub id: Uuid,
    /// Where it is in signing in.
    pub stage: Stage,
    /// When it ends unless used.
    pub expires_at: DateTime<Utc>,
    /// When it ends however much it is used.
    pub absolute_expires_at: DateTime<Utc>,
    /// When it was last used.
    pub last_seen_at: DateTime<Utc>,
    /// Whose it is.
    pub user: StoredUser,
}

/// A session as its owner sees it in their list of devices.
#[derive(Debug, Clone)]
pub struct SessionSummary {
    /// The session id.
    pub id: Uuid,
    /// When it started.
    pub created_at: DateTime<Utc>,
    /// When it was last used.
    pub last_seen_at: DateTime<Utc>,
    /// The browser's label.
    pub device: Option<String>,
}

/// Starts a session.
pub async fn create(db: &impl ConnectionTrait, new: NewSession<'_>, now: DateTime<Utc>) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    sessions::ActiveModel {
        id: Set(id),
        user_id: Set(new.user.0),
        token_hash: Set(new.token.0.clone()),
        created_at: Set(now),
        expires_at: Set(new.expires_at),
        absolute_expires_at: Set(Some(new.absolute_expires_at)),
        last_seen_at: Set(Some(now)),
        device: Set(new.device.map(|d| d.chars().take(80).collect())),
        stage: Set(new.stage.as_str().to_owned()),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// The unexpired session with this token hash, with its account, in one query. Sessions of
/// disabled accounts are not live.
pub async fn find_live(
    db: &impl ConnectionTrait,
    token: &TokenHash,
    now: DateTime<Utc>,
) -> Result<Option<LiveSession>, DbErr> {
    let found = sessions::Entity::find()
        .filter(sessions::Column::TokenHash.eq(token.0.as_str()))
        .filter(sessions::Column::ExpiresAt.gt(now))
        .filter(sessions::Column::AbsoluteExpiresAt.gt(now))
        .find_also_related(users::Entity)
        .one(db)
        .await?;
    let Some((session, Some(user))) = found else {
        return Ok(None);
    };
    let user = from_model(user)?;
    let stage = Stage::parse(&session.stage);
    // Rows from before absolute ends were recorded, or with an unknown stage, are not trusted.
    let (Some(stage), Some(absolute_expires_at), false) = (stage, session.absolute_expires_at, user.disabled) else {
        return Ok(None);
    };
    Ok(Some(LiveSession {
        id: session.id,
        stage,
        expires_at: session.expires_at,
        absolute_expires_at,
        last_seen_at: session.last_seen_at.unwrap_or(session.created_at),
        user,
    }))
}

/// Records a use: the last-seen time and the new idle end.
pub async fn touch(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::ExpiresAt, sea_orm::sea_query::Expr::value(expires_at))
        .col_expr(sessions::Column::LastSeenAt, sea_orm::sea_query::Expr::value(now))
        .filter(sessions::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The signed-in sessions of `user`, most recently used first.
pub async fn list_active(
    db: &impl ConnectionTrait,
    user: UserId,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<SessionSummary>, DbErr> {
    let rows = sessions::Entity::find()
        .filter(sessions::Column::UserId.eq(user.0))
        .filter(sessions::Column::Stage.eq(Stage::Active.as_str()))
        .filter(sessions::Column::ExpiresAt.gt(now))
        .filter(Condition::all().add(sessions::Column::AbsoluteExpiresAt.gt(now)))
        .order_by_desc(sessions::Column::LastSeenAt)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionSummary {
            id: r.id,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at.unwrap_or(r.created_at),
            device: r.device,
        })
        .collect())
}

/// Ends one session.
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    sessions::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Ends one session of `user`; `false` when `user` has no session with this id.
pub async fn delete_of(db: &impl ConnectionTrait, user: UserId, id: Uuid) -> Result<bool, DbErr> {
    let res = sessions::Entity::delete_many()
        .filter(sessions::Column::Id.eq(id))
        .filter(sessions::Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Ends every session of an account.
pub async fn delete_all_for(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    let res = sessions::Entity::delete_many().filter(sessions::Column::UserId.eq(user.0)).exec(db).await?;
    Ok(res.rows_affected)
}

/// Removes sessions that expired before `now`.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let res = sessions::Entity::delete_many()
        .filter(
            Condition::any()
                .add(sessions::Column::ExpiresAt.lte(now))
                .add(sessions::Column::AbsoluteExpiresAt.lte(now))
                .add(sessions::Column::AbsoluteExpiresAt.is_null()),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
