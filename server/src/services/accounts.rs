//! Accounts: registration, e-mail verification, sign-in and sessions, passwords, staff accounts.

use std::{net::IpAddr, sync::OnceLock};

use anyhow::Context as _;
use chrono::Duration;
use sea_orm::TransactionTrait;
use serde_json::json;
use uuid::Uuid;

use super::rate_limit;
use crate::db::repos::{self, audit::AuditEntry, sessions, tokens, tokens::Purpose, users};
use crate::domain::{
    Account, DisplayName, EmailAddress, Locale, Password, PasswordError, Role, SecretToken, password,
    token::{TokenProblem, check_usable},
};
use crate::email::{self, Email};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// How long a session lasts without use.
pub const SESSION_TTL: Duration = Duration::days(30);
/// How long an e-mail verification link works.
pub const VERIFY_TTL: Duration = Duration::hours(24);
/// How long a password-reset link works.
pub const RESET_TTL: Duration = Duration::hours(1);
/// How long a staff invitation link works.
pub const INVITATION_TTL: Duration = Duration::hours(72);

/// Why an accounts operation failed.
#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    /// A field of the input is not acceptable.
    #[error("invalid {field}")]
    Invalid {
        /// The input field.
        field: &'static str,
        /// What is wrong.
        message: Message,
    },
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden(Message),
    /// Wrong e-mail or password; never says which.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// The address is not verified yet.
    #[error("e-mail not verified")]
    EmailNotVerified,
    /// The link's token is unknown, expired or used.
    #[error("unusable token: {0:?}")]
    Token(Option<TokenProblem>),
    /// Too many attempts.
    #[error("rate limited")]
    RateLimited,
    /// An account with this address exists.
    #[error("e-mail taken")]
    EmailTaken,
    /// Anything else.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ToClientError for AccountsError {
    fn client_error(&self) -> Option<ClientError> {
        Some(match self {
            AccountsError::Invalid { field, message } => ClientError::new(Code::BadUserInput, *message).field(field),
            AccountsError::Forbidden(message) => ClientError::new(Code::Forbidden, *message),
            AccountsError::InvalidCredentials => ClientError::new(Code::Unauthenticated, Message::InvalidCredentials),
            AccountsError::EmailNotVerified => {
                ClientError::new(Code::Forbidden, Message::EmailNotVerified).reason("EMAIL_NOT_VERIFIED")
            }
            AccountsError::Token(None) => {
                ClientError::new(Code::BadUserInput, Message::TokenInvalid).reason("TOKEN_INVALID")
            }
            AccountsError::Token(Some(TokenProblem::Expired)) => {
                ClientError::new(Code::BadUserInput, Message::TokenExpired).reason("TOKEN_EXPIRED")
            }
            AccountsError::Token(Some(TokenProblem::AlreadyUsed)) => {
                ClientError::new(Code::BadUserInput, Message::TokenUsed).reason("TOKEN_USED")
            }
            AccountsError::RateLimited => ClientError::new(Code::RateLimited, Message::RateLimited),
            AccountsError::EmailTaken => ClientError::new(Code::Conflict, Message::EmailTaken).field("email"),
            AccountsError::Unexpected(_) => return None,
        })
    }
}

impl From<sea_orm::DbErr> for AccountsError {
    fn from(err: sea_orm::DbErr) -> Self {
        AccountsError::Unexpected(anyhow::Error::new(err).context("database"))
    }
}

/// A registration form.
pub struct Registration<'a> {
    /// The sign-in address.
    pub email: &'a str,
    /// The chosen password.
    pub password: &'a str,
    /// The name shown to others.
    pub display_name: &'a str,
    /// Founder, mentor or enterprise.
    pub role: Role,
    /// The person's language.
    pub locale: Locale,
}

/// A signed-in session, as the transport needs it.
pub struct Authenticated {
    /// Whose session.
    pub account: Account,
    /// The session id.
    pub session_id: Uuid,
    /// Set when the expiry moved, so the cookie's lifetime should be renewed.
    pub renewed: bool,
}

fn parse_email(input: &str) -> Result<EmailAddress, AccountsError> {
    EmailAddress::parse(input).ok_or(AccountsError::Invalid { field: "email", message: Message::InvalidEmail })
}

fn parse_password(input: &str, field: &'static str) -> Result<Password, AccountsError> {
    Password::parse(input).map_err(|e| AccountsError::Invalid {
        field,
        message: match e {
            PasswordError::TooShort => Message::PasswordTooShort,
            PasswordError::TooLong => Message::PasswordTooLong,
            PasswordError::TooCommon => Message::PasswordTooCommon,
        },
    })
}

fn parse_display_name(input: &str) -> Result<DisplayName, AccountsError> {
    DisplayName::parse(input)
        .ok_or(AccountsError::Invalid { field: "displayName", message: Message::InvalidDisplayName })
}

/// At most this many Argon2 computations (19 MiB each) run at once; more wait their turn, so a
/// burst of requests cannot exhaust memory or starve other work.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

async fn hash_password(password: Password) -> Result<String, AccountsError> {
    let _permit = HASHING.acquire().await.context("hashing permit")?;
    let hash = tokio::task::spawn_blocking(move || password.hash()).await.context("hashing task")?;
    Ok(hash.map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?)
}

/// Checks a password off the async runtime. Unknown accounts are checked against a fixed dummy
/// hash, so the answer takes as long whether or not the address is registered.
async fn password_matches(candidate: &str, stored: Option<String>) -> Result<bool, AccountsError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let _permit = HASHING.acquire().await.context("hashing permit")?;
    let candidate = candidate.to_owned();
    let matched = tokio::task::spawn_blocking(move || {
        let dummy = DUMMY.get_or_init(|| {
            Password::parse("tilts dummy password for timing").ok().and_then(|p| p.hash().ok()).unwrap_or_default()
        });
        match stored {
            Some(hash) => password::verify(&candidate, &hash),
            None => {
                password::verify(&candidate, dummy);
                false
            }
        }
    })
    .await
    .context("verifying task")?;
    Ok(matched)
}

/// Registers a founder, mentor or organisation member and e-mails a verification link.
///
/// An address that already has an account gets a "you already have an account" e-mail instead;
/// the caller sees the same answer either way, so registration does not reveal who is registered.
#[tracing::instrument(skip_all, fields(role = ?form.role))]
pub async fn register(state: &AppState, form: Registration<'_>, client: Option<IpAddr>) -> Result<(), AccountsError> {
    if !form.role.may_self_register() {
        return Err(AccountsError::Forbidden(Message::RoleNotSelfRegistrable));
    }
    let email = parse_email(form.email)?;
    let name = parse_display_name(form.display_name)?;
    let password = parse_password(form.password, "password")?;
    let now = state.now();
    let ip_key = client.map(|ip| ip.to_string()).unwrap_or_default();
    let hits = [(rate_limit::REGISTER_PER_EMAIL, email.as_str()), (rate_limit::REGISTER_PER_IP, ip_key.as_str())];
    if !rate_limit::allow(&state.db, now, &hits).await? {
        return Err(AccountsError::RateLimited);
    }
    // Hash whether or not the address is taken: both paths then take the same time.
    let hash = hash_password(password).await?;
    let new = users::NewUser {
        email: &email,
        password_hash: Some(hash),
        display_name: name.as_str(),
        role: form.role,
        locale: form.locale,
        email_verified_at: None,
    };
    // Insert first and let the unique index decide: no check-then-insert race, and on SQLite
    // the transaction starts with a write.
    let txn = state.db.begin().await?;
    match users::insert(&txn, new, now).await {
        Ok(account) => {
            let token = SecretToken::generate();
            tokens::create(&txn, account.id, Purpose::VerifyEmail, &token.hash(), now, now + VERIFY_TTL).await?;
            let link = state.settings.link("/verify-email", "token", token.expose());
            let mail = Email::VerifyEmail { name: &account.display_name, link: &link };
            email::enqueue(&txn, &email, &mail.render(account.locale), now).await?;
            txn.commit().await?;
            tracing::info!(user.id = %account.id.0, "account registered");
        }
        Err(e) if repos::is_unique_violation(&e) => {
            drop(txn);
            if let Some(existing) = users::find_by_email(&state.db, &email).await? {
                let reset_link = state.settings.page("/forgot-password");
                let mail = Email::AccountExists { name: &existing.account.display_name, reset_link: &reset_link };
                email::enqueue(&state.db, &email, &mail.render(existing.account.locale), now).await?;
            }
        }
        Err(e) => return Err(e.into()),
    }
    state.outbox_wake.notify_one();
    Ok(())
}

/// Confirms an address with the token from the verification e-mail.
#[tracing::instrument(skip_all)]
pub async fn verify_email(state: &AppState, token: &str) -> Result<(), AccountsError> {
    let now = state.now();
    let stored = tokens::find(&state.db, &SecretToken::from_user(token).hash(), &[Purpose::VerifyEmail])
        .await?
        .ok_or(AccountsError::Token(None))?;
    check_usable(stored.expires_at, stored.used_at, now).map_err(|p| AccountsError::Token(Some(p)))?;
    let txn = state.db.begin().await?;
    if !tokens::consume(&txn, stored.id, now).await? {
        return Err(AccountsError::Token(Some(TokenProblem::AlreadyUsed)));
    }
    users::mark_email_verified(&txn, stored.user, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %stored.user.0, "e-mail verified");
    Ok(())
}

/// Signs in and returns the account and a new session token for the cookie.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    client: Option<IpAddr>,
) -> Result<(Account, SecretToken), AccountsError> {
    let now = state.now();
    let email_key = email.trim().to_lowercase();
    let ip_key = client.map(|ip| ip.to_string()).unwrap_or_default();
    let hits = [(rate_limit::SIGN_IN_PER_EMAIL, email_key.as_str()), (rate_limit::SIGN_IN_PER_IP, ip_key.as_str())];
    if !rate_limit::allow(&state.db, now, &hits).await? {
        tracing::warn!("sign-in rate limit reached");
        return Err(AccountsError::RateLimited);
    }
    let found = match EmailAddress::parse(email) {
        Some(address) => users::find_by_email(&state.db, &address).await?,
        None => None,
    };
    let (account, stored_hash) = match found {
        Some(user) => (Some(user.account), user.password_hash),
        None => (None, None),
    };
    let matched = password_matches(password, stored_hash).await?;
    let account = match account {
        Some(account) if matched => account,
        _ => return Err(AccountsError::InvalidCredentials),
    };
    if !account.email_verified {
        return Err(AccountsError::EmailNotVerified);
    }
    let token = SecretToken::generate();
    sessions::create(&state.db, account.id, &token.hash(), now, now + SESSION_TTL).await?;
    tracing::info!(user.id = %account.id.0, "signed in");
    Ok((account, token))
}

/// Finds the live session for a cookie token, sliding its expiry forward at most once a day.
pub async fn authenticate(state: &AppState, token: &str) -> Result<Option<Authenticated>, AccountsError> {
    let now = state.now();
    let Some(session) = sessions::find_live(&state.db, &SecretToken::from_user(token).hash(), now).await? else {
        return Ok(None);
    };
    let renewed = session.expires_at < now + SESSION_TTL - Duration::days(1);
    if renewed {
        sessions::extend(&state.db, session.id, now + SESSION_TTL).await?;
    }
    Ok(Some(Authenticated { account: session.user.account, session_id: session.id, renewed }))
}

/// Ends a session.
pub async fn sign_out(state: &AppState, session_id: Uuid) -> Result<(), AccountsError> {
    sessions::delete(&state.db, session_id).await?;
    Ok(())
}

/// E-mails a reset link when the address has an account.
///
/// The answer is the same either way and does not wait for the lookup or the writes, so its
/// timing does not reveal whether the address is registered either.
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(
    state: &AppState,
    email: &str,
    client: Option<IpAddr>,
) -> Result<(), AccountsError> {
    let now = state.now();
    let address = parse_email(email)?;
    let ip_key = client.map(|ip| ip.to_string()).unwrap_or_default();
    let hits = [(rate_limit::RESET_PER_EMAIL, address.as_str()), (rate_limit::RESET_PER_IP, ip_key.as_str())];
    if !rate_limit::allow(&state.db, now, &hits).await? {
        return Err(AccountsError::RateLimited);
    }
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(err) = send_reset_link(&state, &address).await {
            tracing::error!(error = %crate::error::cause_chain(&err), "queueing a reset link failed");
        }
    });
    Ok(())
}

async fn send_reset_link(state: &AppState, address: &EmailAddress) -> Result<(), AccountsError> {
    let Some(user) = users::find_by_email(&state.db, address).await? else {
        return Ok(());
    };
    let now = state.now();
    let token = SecretToken::generate();
    let txn = state.db.begin().await?;
    tokens::create(&txn, user.account.id, Purpose::ResetPassword, &token.hash(), now, now + RESET_TTL).await?;
    let link = state.settings.link("/reset-password", "token", token.expose());
    let mail = Email::PasswordReset { name: &user.account.display_name, link: &link };
    email::enqueue(&txn, address, &mail.render(user.account.locale), now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// Sets a new password with the token from a reset or invitation e-mail, and signs out every
/// session of the account.
#[tracing::instrument(skip_all)]
pub async fn reset_password(state: &AppState, token: &str, new_password: &str) -> Result<(), AccountsError> {
    // Check the password first, so a weak one does not use up the link.
    let password = parse_password(new_password, "newPassword")?;
    let now = state.now();
    let hash_of_token = SecretToken::from_user(token).hash();
    let stored = tokens::find(&state.db, &hash_of_token, &[Purpose::ResetPassword, Purpose::StaffInvitation])
        .await?
        .ok_or(AccountsError::Token(None))?;
    check_usable(stored.expires_at, stored.used_at, now).map_err(|p| AccountsError::Token(Some(p)))?;
    let hash = hash_password(password).await?;
    let txn = state.db.begin().await?;
    if !tokens::consume(&txn, stored.id, now).await? {
        return Err(AccountsError::Token(Some(TokenProblem::AlreadyUsed)));
    }
    users::set_password_hash(&txn, stored.user, hash, now).await?;
    tokens::consume_open(&txn, stored.user, &[Purpose::ResetPassword, Purpose::StaffInvitation], now).await?;
    // Receiving the link proves control of the address.
    users::mark_email_verified(&txn, stored.user, now).await?;
    let revoked = sessions::delete_all_for(&txn, stored.user).await?;
    txn.commit().await?;
    tracing::info!(user.id = %stored.user.0, sessions.revoked = revoked, "password reset");
    Ok(())
}

/// Changes the password of a signed-in person, signs out all their sessions and returns a new
/// session token for the device they are using.
#[tracing::instrument(skip_all, fields(user.id = %account.id.0))]
pub async fn change_password(
    state: &AppState,
    account: &Account,
    current: &str,
    new_password: &str,
) -> Result<SecretToken, AccountsError> {
    let password = parse_password(new_password, "newPassword")?;
    let stored = users::find(&state.db, account.id).await?.ok_or(AccountsError::InvalidCredentials)?;
    if !password_matches(current, stored.password_hash).await? {
        return Err(AccountsError::Invalid { field: "current", message: Message::WrongCurrentPassword });
    }
    let hash = hash_password(password).await?;
    let now = state.now();
    let token = SecretToken::generate();
    let txn = state.db.begin().await?;
    users::set_password_hash(&txn, account.id, hash, now).await?;
    tokens::consume_open(&txn, account.id, &[Purpose::ResetPassword, Purpose::StaffInvitation], now).await?;
    sessions::delete_all_for(&txn, account.id).await?;
    sessions::create(&txn, account.id, &token.hash(), now, now + SESSION_TTL).await?;
    txn.commit().await?;
    tracing::info!("password changed");
    Ok(token)
}

/// Changes the language of pages, e-mails and errors.
pub async fn update_locale(state: &AppState, account: &Account, locale: Locale) -> Result<Account, AccountsError> {
    users::set_locale(&state.db, account.id, locale, state.now()).await?;
    Ok(Account { locale, ..account.clone() })
}

/// A new VPD account to create.
pub struct NewStaffAccount<'a> {
    /// The work address.
    pub email: &'a str,
    /// The name shown to others.
    pub display_name: &'a str,
    /// Staff or admin.
    pub role: Role,
    /// The person's language.
    pub locale: Locale,
}

/// Creates a staff or admin account (admins only), e-mails an invitation to set a password and
/// writes an audit entry, all in one transaction.
#[tracing::instrument(skip_all, fields(actor.id = %actor.id.0))]
pub async fn create_staff_account(
    state: &AppState,
    actor: &Account,
    input: NewStaffAccount<'_>,
) -> Result<Account, AccountsError> {
    if !actor.role.may_create_staff_accounts() {
        return Err(AccountsError::Forbidden(Message::Forbidden));
    }
    if !input.role.is_vpd() {
        return Err(AccountsError::Invalid { field: "role", message: Message::StaffRoleRequired });
    }
    let email = parse_email(input.email)?;
    let name = parse_display_name(input.display_name)?;
    let now = state.now();
    let txn = state.db.begin().await?;
    let new = users::NewUser {
        email: &email,
        password_hash: None,
        display_name: name.as_str(),
        role: input.role,
        locale: input.locale,
        email_verified_at: None,
    };
    let account = users::insert(&txn, new, now)
        .await
        .map_err(|e| if repos::is_unique_violation(&e) { AccountsError::EmailTaken } else { e.into() })?;
    let token = SecretToken::generate();
    tokens::create(&txn, account.id, Purpose::StaffInvitation, &token.hash(), now, now + INVITATION_TTL).await?;
    let link = state.settings.link("/reset-password", "token", token.expose());
    let mail = Email::StaffInvitation { name: &account.display_name, link: &link };
    email::enqueue(&txn, &email, &mail.render(account.locale), now).await?;
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "staff_account.created",
        subject_type: "user",
        subject_id: Some(account.id.0),
        detail: json!({ "role": account.role.as_str() }),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(user.id = %account.id.0, "staff account created");
    Ok(account)
}

/// Creates an admin account from the command line, with a password and a verified address.
pub async fn create_admin(
    state: &AppState,
    email: &str,
    display_name: &str,
    password: &str,
) -> Result<Account, AccountsError> {
    let email = parse_email(email)?;
    let name = parse_display_name(display_name)?;
    let hash = hash_password(parse_password(password, "password")?).await?;
    let now = state.now();
    let txn = state.db.begin().await?;
    let new = users::NewUser {
        email: &email,
        password_hash: Some(hash),
        display_name: name.as_str(),
        role: Role::Admin,
        locale: Locale::Lv,
        email_verified_at: Some(now),
    };
    let account = users::insert(&txn, new, now)
        .await
        .map_err(|e| if repos::is_unique_violation(&e) { AccountsError::EmailTaken } else { e.into() })?;
    let entry = AuditEntry {
        actor: None,
        action: "admin_account.created_by_cli",
        subject_type: "user",
        subject_id: Some(account.id.0),
        detail: json!({}),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    Ok(account)
}

/// Creates a ready-to-use account with a verified address (demo data); `None` if it exists.
pub async fn create_verified(
    state: &AppState,
    email: &str,
    display_name: &str,
    password: &str,
    role: Role,
    locale: Locale,
) -> Result<Option<Account>, AccountsError> {
    let email = parse_email(email)?;
    let name = parse_display_name(display_name)?;
    let hash = hash_password(parse_password(password, "password")?).await?;
    let now = state.now();
    let new = users::NewUser {
        email: &email,
        password_hash: Some(hash),
        display_name: name.as_str(),
        role,
        locale,
        email_verified_at: Some(now),
    };
    match users::insert(&state.db, new, now).await {
        Ok(account) => Ok(Some(account)),
        Err(e) if repos::is_unique_violation(&e) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
