//! Single-use recovery codes for the second factor, stored hashed.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::db::entities::recovery_codes;
use crate::domain::{TokenHash, UserId};

/// Replaces every recovery code of `user` with these.
pub async fn replace(
    db: &impl ConnectionTrait,
    user: UserId,
    codes: &[TokenHash],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    delete_all_for(db, user).await?;
    let rows = codes.iter().map(|hash| recovery_codes::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user.0),
        code_hash: Set(hash.0.clone()),
        created_at: Set(now),
        used_at: Set(None),
    });
    recovery_codes::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Uses up the unused code with this hash; `false` when there is none.
pub async fn consume(
    db: &impl ConnectionTrait,
    user: UserId,
    hash: &TokenHash,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = recovery_codes::Entity::update_many()
        .col_expr(recovery_codes::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(recovery_codes::Column::UserId.eq(user.0))
        .filter(recovery_codes::Column::CodeHash.eq(hash.0.as_str()))
        .filter(recovery_codes::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected >= 1)
}

/// Removes every recovery code of `user`.
pub async fn delete_all_for(db: &impl ConnectionTrait, user: UserId) -> Result<(), DbErr> {
    recovery_codes::Entity::delete_many().filter(recovery_codes::Column::UserId.eq(user.0)).exec(db).await?;
    Ok(())
}
