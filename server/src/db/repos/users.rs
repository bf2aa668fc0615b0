//! Accounts.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::db::entities::users;
use crate::domain::{Account, EmailAddress, Locale, Role, Standing, UserId};

/// A stored account, with what only the accounts service may see.
pub struct StoredUser {
    /// The account as everyone else sees it.
    pub account: Account,
    /// The Argon2id hash, absent until an invited person sets a password.
    pub password_hash: Option<String>,
    /// Disabled by an admin: no sign-in, no session.
    pub disabled: bool,
    /// The TOTP second factor, if one was set up (or is being set up).
    pub totp: Option<StoredTotp>,
}

/// A stored TOTP second factor.
#[derive(Debug, Clone)]
pub struct StoredTotp {
    /// The secret, sealed with the deployment's key.
    pub sealed_secret: String,
    /// Whether a code proved the person's app has it; until then it does not guard sign-in.
    pub confirmed: bool,
    /// The last time step a code was accepted for.
    pub last_step: Option<i64>,
}

/// Account status values.
const ACTIVE: &str = "active";
const DISABLED: &str = "disabled";

/// What is needed to create an account.
pub struct NewUser<'a> {
    /// The sign-in address.
    pub email: &'a EmailAddress,
    /// The password hash, if the account has a password yet.
    pub password_hash: Option<String>,
    /// The name shown to others.
    pub display_name: &'a str,
    /// The role.
    pub role: Role,
    /// The language.
    pub locale: Locale,
    /// When the address was verified, if it already is.
    pub email_verified_at: Option<DateTime<Utc>>,
}

fn to_stored(m: users::Model) -> Result<StoredUser, DbErr> {
    let role = Role::parse(&m.role).ok_or_else(|| DbErr::Type(format!("unknown role {}", m.role)))?;
    let email = EmailAddress::parse(&m.email).ok_or_else(|| DbErr::Type("stored e-mail is not an address".into()))?;
    Ok(StoredUser {
        account: Account {
            id: UserId(m.id),
            email,
            display_name: m.display_name,
            role,
            locale: Locale::from_code(&m.locale).unwrap_or_default(),
            email_verified: m.email_verified_at.is_some(),
            second_factor: m.totp_confirmed_at.is_some(),
            // A standing this version does not know counts as not approved.
            standing: Standing::parse(&m.standing).unwrap_or(Standing::Pending),
        },
        password_hash: m.password_hash,
        disabled: m.status != ACTIVE,
        totp: m.totp_secret.map(|sealed_secret| StoredTotp {
            sealed_secret,
            confirmed: m.totp_confirmed_at.is_some(),
            last_step: m.totp_last_step,
        }),
    })
}

/// The account with this address.
pub async fn find_by_email(db: &impl ConnectionTrait, email: &EmailAddress) -> Result<Option<StoredUser>, DbErr> {
    users::Entity::find().filter(users::Column::Email.eq(email.as_str())).one(db).await?.map(to_stored).transpose()
}

/// The account with this id.
pub async fn find(db: &impl ConnectionTrait, id: UserId) -> Result<Option<StoredUser>, DbErr> {
    users::Entity::find_by_id(id.0).one(db).await?.map(to_stored).transpose()
}

/// Converts a row loaded elsewhere (e.g. joined with a session).
pub fn from_model(m: users::Model) -> Result<StoredUser, DbErr> {
    to_stored(m)
}

/// Creates an account; a taken address fails with a unique violation (see [`super::is_unique_violation`]).
pub async fn insert(db: &impl ConnectionTrait, new: NewUser<'_>, now: DateTime<Utc>) -> Result<Account, DbErr> {
    let model = users::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(new.email.as_str().to_owned()),
        password_hash: Set(new.password_hash),
        display_name: Set(new.display_name.to_owned()),
        search_text: Set(super::search_text(&[new.display_name])),
        role: Set(new.role.as_str().to_owned()),
        locale: Set(new.locale.code().to_owned()),
        email_verified_at: Set(new.email_verified_at),
        created_at: Set(now),
        updated_at: Set(now),
        status: Set(ACTIVE.to_owned()),
        totp_secret: Set(None),
        totp_confirmed_at: Set(None),
        totp_last_step: Set(None),
        standing: Set(Standing::on_joining(new.role).as_str().to_owned()),
    }
    .insert(db)
    .await?;
    Ok(to_stored(model)?.account)
}

/// Records that the person proved they control their address (keeps the first time).
pub async fn mark_email_verified(db: &impl ConnectionTrait, id: UserId, now: DateTime<Utc>) -> Result<(), DbErr> {
    users::Entity::update_many()
        .col_expr(users::Column::EmailVerifiedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(users::Column::Id.eq(id.0))
        .filter(users::Column::EmailVerifiedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Replaces the password hash.
pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: UserId,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    users::ActiveModel { id: Set(id.0), password_hash: Set(Some(hash)), updated_at: Set(now), ..Default::default() }
        .update(db)
        .await?;
    Ok(())
}

/// Changes the language of pages, e-mails and errors.
pub async fn set_locale(
    db: &impl ConnectionTrait,
    id: UserId,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    users::ActiveModel {
        id: Set(id.0),
        locale: Set(locale.code().to_owned()),
        updated_at: Set(now),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// How many accounts have an address outside `domain` (e.g. `demo.tilts.lv`).
pub async fn count_outside_domain(db: &impl ConnectionTrait, domain: &str) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    users::Entity::find().filter(users::Column::Email.not_like(format!("%@{domain}"))).count(db).await
}

/// Disables or re-enables an account.
pub async fn set_disabled(
    db: &impl ConnectionTrait,
    id: UserId,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = users::Entity::update_many()
        .col_expr(users::Column::Status, sea_orm::sea_query::Expr::value(if disabled { DISABLED } else { ACTIVE }))
        .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(users::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// People waiting for approval, oldest first, after the key `(joined, id)` if given: at most
/// `limit` of them, each with when they joined.
pub async fn pending(
    db: &impl ConnectionTrait,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
) -> Result<Vec<(Account, DateTime<Utc>)>, DbErr> {
    use sea_orm::{Condition, QueryOrder, QuerySelect};
    let mut query = users::Entity::find().filter(users::Column::Standing.eq(Standing::Pending.as_str()));
    if let Some((joined, id)) = after {
        query = query.filter(
            Condition::any()
                .add(users::Column::CreatedAt.gt(joined))
                .add(Condition::all().add(users::Column::CreatedAt.eq(joined)).add(users::Column::Id.gt(id))),
        );
    }
    let rows =
        query.order_by_asc(users::Column::CreatedAt).order_by_asc(users::Column::Id).limit(limit).all(db).await?;
    rows.into_iter()
        .map(|row| {
            let joined = row.created_at;
            to_stored(row).map(|stored| (stored.account, joined))
        })
        .collect()
}

/// Moves an account from standing `from` to `to`; `false` when its standing was no longer
/// `from` (another decision came first) or it does not exist.
pub async fn set_standing(
    db: &impl ConnectionTrait,
    id: UserId,
    from: Standing,
    to: Standing,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = users::Entity::update_many()
        .col_expr(users::Column::Standing, sea_orm::sea_query::Expr::value(to.as_str()))
        .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(users::Column::Id.eq(id.0))
        .filter(users::Column::Standing.eq(from.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Stores a new, not yet confirmed TOTP secret (replacing an unconfirmed one).
pub async fn set_totp_secret(
    db: &impl ConnectionTrait,
    id: UserId,
    sealed: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    users::Entity::update_many()
        .col_expr(users::Column::TotpSecret, sea_orm::sea_query::Expr::value(sealed))
        .col_expr(users::Column::TotpConfirmedAt, sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(users::Column::TotpLastStep, sea_orm::sea_query::Expr::value(Option::<i64>::None))
        .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(users::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks the TOTP secret `sealed` confirmed; `false` when it was replaced or confirmed meanwhile.
pub async fn confirm_totp(
    db: &impl ConnectionTrait,
    id: UserId,
    sealed: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = users::Entity::update_many()
        .col_expr(users::Column::TotpConfirmedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(users::Column::Id.eq(id.0))
        .filter(users::Column::TotpSecret.eq(sealed))
        .filter(users::Column::TotpConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Records that a code for time step `step` was accepted; `false` when a code for this or a
/// later step was accepted before (a replayed code).
pub async fn use_totp_step(db: &impl ConnectionTrait, id: UserId, step: i64) -> Result<bool, DbErr> {
    use sea_orm::Condition;
    let res = users::Entity::update_many()
        .col_expr(users::Column::TotpLastStep, sea_orm::sea_query::Expr::value(step))
        .filter(users::Column::Id.eq(id.0))
        .filter(Condition::any().add(users::Column::TotpLastStep.is_null()).add(users::Column::TotpLastStep.lt(step)))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Removes the TOTP second factor.
pub async fn clear_totp(db: &impl ConnectionTrait, id: UserId, now: DateTime<Utc>) -> Result<(), DbErr> {
    users::Entity::update_many()
        .col_expr(users::Column::TotpSecret, sea_orm::sea_query::Expr::value(Option::<String>::None))
        .col_expr(users::Column::TotpConfirmedAt, sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(users::Column::TotpLastStep, sea_orm::sea_query::Expr::value(Option::<i64>::None))
        .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(users::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// The accounts with these ids; unknown ids are left out. One statement.
pub async fn find_many(db: &impl ConnectionTrait, ids: &[UserId]) -> Result<Vec<StoredUser>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    users::Entity::find()
        .filter(users::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(to_stored)
        .collect()
}

/// Every account whose name or address contains `text` (all if `None`), of `role` if given, in
/// name order after the key `(name, id)`: at most `limit`, each with when they joined and
/// whether disabled. For VPD staff's search over all people.
pub async fn search(
    db: &impl ConnectionTrait,
    text: Option<&str>,
    role: Option<Role>,
    after: Option<(String, Uuid)>,
    limit: u64,
) -> Result<Vec<(StoredUser, DateTime<Utc>)>, DbErr> {
    use sea_orm::{Condition, QueryOrder, QuerySelect};
    let mut query = users::Entity::find();
    if let Some(pattern) = text.and_then(super::like_pattern) {
        query = query.filter(
            Condition::any()
                .add(users::Column::SearchText.like(pattern.as_str()))
                .add(users::Column::Email.like(pattern.as_str())),
        );
    }
    if let Some(role) = role {
        query = query.filter(users::Column::Role.eq(role.as_str()));
    }
    if let Some((name, id)) = after {
        query = query.filter(
            Condition::any()
                .add(users::Column::DisplayName.gt(name.as_str()))
                .add(Condition::all().add(users::Column::DisplayName.eq(name.as_str())).add(users::Column::Id.gt(id))),
        );
    }
    let rows =
        query.order_by_asc(users::Column::DisplayName).order_by_asc(users::Column::Id).limit(limit).all(db).await?;
    rows.into_iter()
        .map(|row| {
            let joined = row.created_at;
            to_stored(row).map(|stored| (stored, joined))
        })
        .collect()
}
