//! Founder invitation codes (their hashes).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::db::entities::founder_invitations;
use crate::domain::{Locale, TokenHash, UserId};

/// A new invitation.
pub struct NewInvitation<'a> {
    /// The code's hash.
    pub code: &'a TokenHash,
    /// The name the account will have.
    pub display_name: &'a str,
    /// The account's language.
    pub locale: Locale,
    /// The officer who made it.
    pub created_by: UserId,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// A stored invitation.
pub struct StoredInvitation {
    /// The row id.
    pub id: Uuid,
    /// The name the account will have.
    pub display_name: String,
    /// The account's language.
    pub locale: Locale,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was redeemed, if it was.
    pub redeemed_at: Option<DateTime<Utc>>,
}

/// Stores an invitation.
pub async fn insert(db: &impl ConnectionTrait, new: NewInvitation<'_>, now: DateTime<Utc>) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    founder_invitations::ActiveModel {
        id: Set(id),
        code_hash: Set(new.code.0.clone()),
        display_name: Set(new.display_name.to_owned()),
        locale: Set(new.locale.code().to_owned()),
        created_by: Set(new.created_by.0),
        created_at: Set(now),
        expires_at: Set(new.expires_at),
        redeemed_at: Set(None),
        user_id: Set(None),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// The invitation whose code has this hash.
pub async fn find(db: &impl ConnectionTrait, code: &TokenHash) -> Result<Option<StoredInvitation>, DbErr> {
    let row = founder_invitations::Entity::find()
        .filter(founder_invitations::Column::CodeHash.eq(code.0.as_str()))
        .one(db)
        .await?;
    Ok(row.map(|r| StoredInvitation {
        id: r.id,
        display_name: r.display_name,
        locale: Locale::from_code(&r.locale).unwrap_or_default(),
        expires_at: r.expires_at,
        redeemed_at: r.redeemed_at,
    }))
}

/// Marks the invitation redeemed by `user`; `false` if another redemption came first.
pub async fn redeem(db: &impl ConnectionTrait, id: Uuid, user: UserId, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let res = founder_invitations::Entity::update_many()
        .col_expr(founder_invitations::Column::RedeemedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(founder_invitations::Column::UserId, sea_orm::sea_query::Expr::value(user.0))
        .filter(founder_invitations::Column::Id.eq(id))
        .filter(founder_invitations::Column::RedeemedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Whether `user`'s account was made with an invitation code.
pub async fn made_account(db: &impl ConnectionTrait, user: UserId) -> Result<bool, DbErr> {
    use sea_orm::PaginatorTrait;
    let made =
        founder_invitations::Entity::find().filter(founder_invitations::Column::UserId.eq(user.0)).count(db).await?;
    Ok(made > 0)
}
