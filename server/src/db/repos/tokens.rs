//! Single-use tokens sent in e-mail links.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::db::entities::account_tokens;
use crate::domain::{TokenHash, UserId};

/// What a token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirm an e-mail address.
    VerifyEmail,
    /// Choose a new password.
    ResetPassword,
    /// Set the first password of a staff account.
    StaffInvitation,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::StaffInvitation => "staff_invitation",
        }
    }

    fn parse(text: &str) -> Option<Purpose> {
        [Purpose::VerifyEmail, Purpose::ResetPassword, Purpose::StaffInvitation]
            .into_iter()
            .find(|p| p.as_str() == text)
    }
}

/// A stored token.
pub struct StoredToken {
    /// The row id.
    pub id: Uuid,
    /// Whose it is.
    pub user: UserId,
    /// What it is for.
    pub purpose: Purpose,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was used, if it was.
    pub used_at: Option<DateTime<Utc>>,
}

/// Stores a new token's hash.
pub async fn create(
    db: &impl ConnectionTrait,
    user: UserId,
    purpose: Purpose,
    hash: &TokenHash,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    account_tokens::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user.0),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(hash.0.clone()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The token with this hash, if it serves one of `purposes`.
pub async fn find(
    db: &impl ConnectionTrait,
    hash: &TokenHash,
    purposes: &[Purpose],
) -> Result<Option<StoredToken>, DbErr> {
    let found = account_tokens::Entity::find()
        .filter(account_tokens::Column::TokenHash.eq(hash.0.as_str()))
        .filter(account_tokens::Column::Purpose.is_in(purposes.iter().map(|p| p.as_str())))
        .one(db)
        .await?;
    found
        .map(|t| {
            let purpose = Purpose::parse(&t.purpose)
                .ok_or_else(|| DbErr::Type(format!("unknown token purpose {}", t.purpose)))?;
            Ok(StoredToken { id: t.id, user: UserId(t.user_id), purpose, expires_at: t.expires_at, used_at: t.used_at })
        })
        .transpose()
}

/// Marks a token used; `false` when another request used it first.
pub async fn consume(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let res = account_tokens::Entity::update_many()
        .col_expr(account_tokens::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(account_tokens::Column::Id.eq(id))
        .filter(account_tokens::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Uses up every open token of `user` for `purposes` (after a password change, older reset and
/// invitation links must stop working).
pub async fn consume_open(
    db: &impl ConnectionTrait,
    user: UserId,
    purposes: &[Purpose],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let res = account_tokens::Entity::update_many()
        .col_expr(account_tokens::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(account_tokens::Column::UserId.eq(user.0))
        .filter(account_tokens::Column::Purpose.is_in(purposes.iter().map(|p| p.as_str())))
        .filter(account_tokens::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
