//! Accounts: registration, e-mail verification, sign-in and sessions, passwords, staff accounts.

use std::net::IpAddr;

use chrono::Duration;
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::Db;
use super::hashing::{Checked, HashingError};
use super::rate_limit::{self, Limiter, Refused};
use crate::db::repos::{
    self,
    audit::AuditEntry,
    known_devices,
    sessions::{self, NewSession, Stage},
    tokens,
    tokens::Purpose,
    users,
};
use crate::domain::{
    Account, DisplayName, EmailAddress, Locale, Password, PasswordError, Role, SecretToken, SessionPolicy, UserId,
    token::{TokenProblem, check_usable},
};
use crate::email::{self, Email};
use crate::error::{ClientError, Code, ToClientError};
use crate::i18n::Message;
use crate::state::AppState;

/// How long an e-mail verification link works.
pub const VERIFY_TTL: Duration = Duration::hours(24);
/// How long a password-reset link works.
pub const RESET_TTL: Duration = Duration::minutes(30);
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
    /// The invitation code is unknown, expired or used.
    #[error("unusable invitation code: {0:?}")]
    Invitation(Option<TokenProblem>),
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited")]
    RateLimited(i64),
    /// An account with this address exists.
    #[error("e-mail taken")]
    EmailTaken,
    /// A wrong or reused second-factor code.
    #[error("wrong code")]
    WrongCode,
    /// The second factor is already on.
    #[error("second factor exists")]
    SecondFactorExists,
    /// The account was disabled by an admin.
    #[error("account disabled")]
    AccountDisabled,
    /// No sign-in is waiting for a second factor (or it timed out).
    #[error("no pending sign-in")]
    NoPendingSignIn,
    /// Not there, or not visible to the caller.
    #[error("not found")]
    NotFound,
    /// A role this use case never serves reached it: the access matrix, which refuses such
    /// callers before any resolver runs, was bypassed. Refused, and logged as an internal fault.
    #[error("the access matrix let a {0:?} through to a use case that does not serve that role")]
    RoleNotServed(Role),
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
            AccountsError::Invitation(None) => ClientError::new(Code::BadUserInput, Message::InvitationInvalid)
                .field("code")
                .reason("INVITATION_INVALID"),
            AccountsError::Invitation(Some(TokenProblem::Expired)) => {
                ClientError::new(Code::BadUserInput, Message::InvitationExpired)
                    .field("code")
                    .reason("INVITATION_EXPIRED")
            }
            AccountsError::Invitation(Some(TokenProblem::AlreadyUsed)) => {
                ClientError::new(Code::BadUserInput, Message::InvitationUsed).field("code").reason("INVITATION_USED")
            }
            AccountsError::RateLimited(secs) => {
                ClientError::new(Code::RateLimited, Message::RateLimited).retry_after(*secs)
            }
            AccountsError::EmailTaken => ClientError::new(Code::Conflict, Message::EmailTaken).field("email"),
            AccountsError::WrongCode => ClientError::new(Code::BadUserInput, Message::WrongCode).field("code"),
            AccountsError::SecondFactorExists => ClientError::new(Code::Conflict, Message::SecondFactorExists),
            AccountsError::AccountDisabled => {
                ClientError::new(Code::Forbidden, Message::AccountDisabled).reason("ACCOUNT_DISABLED")
            }
            AccountsError::NoPendingSignIn => {
                ClientError::new(Code::Unauthenticated, Message::SignInExpired).reason("SIGN_IN_EXPIRED")
            }
            AccountsError::NotFound => ClientError::new(Code::NotFound, Message::NotFound),
            AccountsError::RoleNotServed(_) | AccountsError::Unexpected(_) => return None,
        })
    }
}

impl From<HashingError> for AccountsError {
    fn from(err: HashingError) -> Self {
        match err {
            // Every hashing slot is busy (a burst, or an attack): ask to come back shortly.
            HashingError::Busy => AccountsError::RateLimited(5),
            HashingError::Failed(e) => AccountsError::Unexpected(e),
        }
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

/// A session, as the transport needs it.
pub struct Authenticated {
    /// Whose session.
    pub account: Account,
    /// The session id.
    pub session_id: Uuid,
    /// Signed in, or waiting for the second factor.
    pub stage: Stage,
    /// Seconds until the session's absolute end, for the cookie's lifetime.
    pub max_age_secs: i64,
}

/// What a sign-in needs next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInStep {
    /// Signed in.
    Done,
    /// A code from the authenticator app (or a recovery code).
    SecondFactor,
    /// Setting up a second factor, which VPD accounts must have.
    SetUpSecondFactor,
}

/// Where a new session came from.
#[derive(Debug, Clone, Default)]
pub struct Origin<'a> {
    /// The client's address.
    pub client: Option<IpAddr>,
    /// The device cookie the browser sent, if any.
    pub device: Option<&'a str>,
    /// The browser's `User-Agent`, for the label in the person's list of devices.
    pub user_agent: Option<&'a str>,
}

/// Starts a session at `stage` for `account`, returning its token.
async fn start_session(
    db: &impl ConnectionTrait,
    account: &Account,
    stage: Stage,
    user_agent: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<SecretToken, AccountsError> {
    let policy = if stage == Stage::Active { SessionPolicy::for_role(account.role) } else { SessionPolicy::pending() };
    let absolute = now + policy.absolute;
    let token = SecretToken::generate();
    let label = user_agent.map(crate::domain::session::device_label);
    let new = NewSession {
        user: account.id,
        token: &token.hash(),
        stage,
        expires_at: policy.idle_end(now, absolute),
        absolute_expires_at: absolute,
        device: label.as_deref(),
    };
    sessions::create(db, new, now).await?;
    Ok(token)
}

/// The e-mail address typed into a form, or an error at the field `email`.
pub(crate) fn parse_email(input: &str) -> Result<EmailAddress, AccountsError> {
    EmailAddress::parse(input).ok_or(AccountsError::Invalid { field: "email", message: Message::InvalidEmail })
}

pub(crate) fn parse_password(
    input: &str,
    email: &EmailAddress,
    field: &'static str,
) -> Result<Password, AccountsError> {
    Password::parse(input, email.as_str()).map_err(|e| AccountsError::Invalid {
        field,
        message: match e {
            PasswordError::TooShort => Message::PasswordTooShort,
            PasswordError::TooLong => Message::PasswordTooLong,
            PasswordError::TooCommon => Message::PasswordTooCommon,
            PasswordError::Personal => Message::PasswordPersonal,
        },
    })
}

/// Turns a limiter's answer into the accounts error that tells when to come back.
pub(crate) fn limited(decision: Result<(), Refused>, now: chrono::DateTime<chrono::Utc>) -> Result<(), AccountsError> {
    decision.map_err(|refused| AccountsError::RateLimited(refused.retry_after_secs(now)))
}

pub(crate) fn parse_display_name(input: &str) -> Result<DisplayName, AccountsError> {
    DisplayName::parse(input)
        .ok_or(AccountsError::Invalid { field: "displayName", message: Message::InvalidDisplayName })
}

/// Registers a founder, mentor or organisation member and e-mails a verification link.
///
/// An address that already has an account gets a "you already have an account" e-mail instead;
/// the caller sees the same answer either way, so registration does not reveal who is registered.
#[tracing::instrument(skip_all, fields(role = ?form.role))]
pub async fn register(
    db: &impl Db,
    state: &AppState,
    form: Registration<'_>,
    client: Option<IpAddr>,
) -> Result<(), AccountsError> {
    if !form.role.may_self_register() {
        return Err(AccountsError::Forbidden(Message::RoleNotSelfRegistrable));
    }
    let email = parse_email(form.email)?;
    let name = parse_display_name(form.display_name)?;
    let password = parse_password(form.password, &email, "password")?;
    let now = state.now();
    let client_key = rate_limit::client_key(client);
    let hits =
        [(rate_limit::REGISTER_PER_EMAIL, email.as_str()), (rate_limit::REGISTER_PER_CLIENT, client_key.as_str())];
    limited(Limiter::new(state).reserve(now, &hits).await?, now)?;
    // Hash whether or not the address is taken: both paths then take the same time.
    let hash = state.hasher.hash(password).await?;
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
    let txn = db.begin().await?;
    match users::insert(&txn, new, now).await {
        Ok(account) => {
            queue_verification_link(&txn, state, &account, now).await?;
            txn.commit().await?;
            tracing::info!(user.id = %account.id.0, "account registered");
        }
        Err(e) if repos::is_unique_violation(&e) => {
            drop(txn);
            if let Some(existing) = users::find_by_email(db, &email).await? {
                let reset_link = state.settings.page("/forgot-password");
                let mail = Email::AccountExists { name: &existing.account.display_name, reset_link: &reset_link };
                email::enqueue(db, &email, &mail.render(existing.account.locale), now).await?;
            }
        }
        Err(e) => return Err(e.into()),
    }
    state.outbox_wake.notify_one();
    Ok(())
}

/// Stores a new verification token for `account` and queues the e-mail with its link, in the
/// account's language, on `db` (the caller's transaction).
pub(crate) async fn queue_verification_link(
    db: &impl ConnectionTrait,
    state: &AppState,
    account: &Account,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AccountsError> {
    let token = SecretToken::generate();
    tokens::create(db, account.id, Purpose::VerifyEmail, &token.hash(), now, now + VERIFY_TTL).await?;
    let link = state.settings.link("/verify-email", "token", token.expose());
    let mail = Email::VerifyEmail { name: &account.display_name, link: &link };
    email::enqueue(db, &account.email, &mail.render(account.locale), now).await?;
    Ok(())
}

/// Confirms an address with the token from the verification e-mail.
#[tracing::instrument(skip_all)]
pub async fn verify_email(db: &impl Db, state: &AppState, token: &str) -> Result<(), AccountsError> {
    let now = state.now();
    let stored = tokens::find(db, &SecretToken::from_user(token).hash(), &[Purpose::VerifyEmail])
        .await?
        .ok_or(AccountsError::Token(None))?;
    check_usable(stored.expires_at, stored.used_at, now).map_err(|p| AccountsError::Token(Some(p)))?;
    let txn = db.begin().await?;
    if !tokens::consume(&txn, stored.id, now).await? {
        return Err(AccountsError::Token(Some(TokenProblem::AlreadyUsed)));
    }
    users::mark_email_verified(&txn, stored.user, now).await?;
    // An organisation account whose address staff approved to represent an organisation
    // starts acting for it now that the address is proven.
    super::organisations::join_on_confirmation(&txn, stored.user, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %stored.user.0, "e-mail verified");
    Ok(())
}

/// A sign-in attempt: who, with what, from where.
pub struct SignInAttempt<'a> {
    /// The address typed.
    pub email: &'a str,
    /// The password typed.
    pub password: &'a str,
    /// The client's address.
    pub client: Option<IpAddr>,
    /// The device cookie the browser sent, if any.
    pub device: Option<&'a str>,
    /// The browser's `User-Agent`.
    pub user_agent: Option<&'a str>,
}

/// A successful sign-in (or its first step).
pub struct SignedIn {
    /// Whose session it is.
    pub account: Account,
    /// The new session's token, for the session cookie.
    pub session: SecretToken,
    /// Seconds until the session's absolute end.
    pub max_age_secs: i64,
    /// Whether a second factor is still needed.
    pub step: SignInStep,
    /// A device cookie to set when this browser was not yet known to the account.
    pub new_device: Option<SecretToken>,
}

/// How long a browser stays a known device without signing in again.
pub const KNOWN_DEVICE_TTL: Duration = Duration::days(400);

/// The known device that this device cookie names, if it is one of `user`'s. The cookie is
/// looked up whether or not the address has an account, so the timing tells nothing.
async fn known_device(
    db: &impl ConnectionTrait,
    cookie: Option<&str>,
    user: Option<UserId>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Uuid>, AccountsError> {
    let Some(cookie) = cookie else {
        return Ok(None);
    };
    let device = known_devices::find(db, &SecretToken::from_user(cookie).hash(), now - KNOWN_DEVICE_TTL).await?;
    Ok(device.filter(|d| Some(d.user) == user).map(|d| d.id))
}

/// Which device cookie belongs to the account with the address `email`: a short HMAC, so one
/// browser keeps a cookie per account (a shared office desktop) and the name reveals nothing.
pub fn device_slot(state: &AppState, email: &str) -> Result<String, AccountsError> {
    Ok(rate_limit::keyed_label(&state.settings.secret_key, "device-slot", &email.trim().to_lowercase())?)
}

/// Writes a credential event into the audit log and e-mails it to the person, in their
/// language, inside the transaction of the change.
async fn report_credential_event(
    db: &impl ConnectionTrait,
    state: &AppState,
    account: &Account,
    action: &'static str,
    mail: Email<'_>,
) -> Result<(), AccountsError> {
    let now = state.now();
    let entry = AuditEntry {
        actor: Some(account.id),
        action,
        subject_type: "user",
        subject_id: Some(account.id.0),
        detail: json!({}),
    };
    repos::audit::record(db, entry, now).await?;
    email::enqueue(db, &account.email, &mail.render(account.locale), now).await?;
    Ok(())
}

/// Signs in and returns the account, a new session token and, for a browser the account has
/// not used before, a device cookie.
///
/// Failed attempts are counted per account and client (the browser's device cookie when it is a
/// known device of the account, else the network), with growing delays, so guessing from one
/// place slows down without keeping the owner out; a high ceiling per account holds back only
/// browsers that never signed in to it. Refused attempts are not counted.
#[tracing::instrument(skip_all)]
pub async fn sign_in(db: &impl Db, state: &AppState, attempt: SignInAttempt<'_>) -> Result<SignedIn, AccountsError> {
    let now = state.now();
    let account_key = attempt.email.trim().to_lowercase();
    let found = match EmailAddress::parse(attempt.email) {
        Some(address) => users::find_by_email(db, &address).await?,
        None => None,
    };
    let device = known_device(db, attempt.device, found.as_ref().map(|u| u.account.id), now).await?;
    let client_key = rate_limit::client_key(attempt.client);
    let network_key = rate_limit::network_key(attempt.client);
    let pair = match device {
        Some(id) => format!("{account_key}\ndevice:{id}"),
        None => format!("{account_key}\n{client_key}"),
    };
    let mut hits = vec![(rate_limit::SIGN_IN_PAIR, pair.as_str())];
    if device.is_none() {
        hits.push((rate_limit::SIGN_IN_ACCOUNT, account_key.as_str()));
        hits.push((rate_limit::SIGN_IN_CLIENT, network_key.as_str()));
    }
    let limiter = Limiter::new(state);
    // Counted before the password is checked, and given back when it was right: requests sent
    // at once cannot all pass on the same count.
    let log_key = rate_limit::keyed_label(&state.settings.secret_key, "log", &account_key)?;
    if let Err(refused) = limiter.reserve(now, &hits).await? {
        tracing::warn!(account.key = %log_key, known_device = device.is_some(), "sign-in refused: too many failed attempts");
        return Err(AccountsError::RateLimited(refused.retry_after_secs(now)));
    }
    let (account, stored_hash, disabled, second_factor) = match found {
        Some(user) => {
            let second_factor = user.totp.as_ref().is_some_and(|t| t.confirmed);
            (Some(user.account), user.password_hash, user.disabled, second_factor)
        }
        None => (None, None, false, false),
    };
    let checked = state.hasher.check(attempt.password, stored_hash, device.is_some()).await?;
    let (account, rehashed) = match (account, checked) {
        (Some(account), Checked::Right { rehashed }) => (account, rehashed),
        _ => {
            tracing::warn!(account.key = %log_key, known_device = device.is_some(), "sign-in failed: wrong e-mail or password");
            return Err(AccountsError::InvalidCredentials);
        }
    };
    limiter.forget(&hits[..1]).await?;
    limiter.refund(now, &hits[1..]).await?;
    if let Some(hash) = rehashed {
        users::set_password_hash(db, account.id, hash, now).await?;
        tracing::info!(user.id = %account.id.0, "password hash upgraded to the current parameters");
    }
    if disabled {
        tracing::warn!(user.id = %account.id.0, "sign-in to a disabled account refused");
        return Err(AccountsError::AccountDisabled);
    }
    // An account made with an officer's invitation code may sign in before its address is
    // confirmed: the person may have no steady access to it.
    if !account.email_verified && !repos::invitations::made_account(db, account.id).await? {
        return Err(AccountsError::EmailNotVerified);
    }
    let step = if second_factor {
        SignInStep::SecondFactor
    } else if account.role.is_vpd() && !exempt_from_second_factor(state, &account) {
        SignInStep::SetUpSecondFactor
    } else {
        SignInStep::Done
    };
    let stage = match step {
        SignInStep::Done => Stage::Active,
        SignInStep::SecondFactor => Stage::SecondFactor,
        SignInStep::SetUpSecondFactor => Stage::SetUpSecondFactor,
    };
    let txn = db.begin().await?;
    let token = start_session(&txn, &account, stage, attempt.user_agent, now).await?;
    let mut reported = false;
    let new_device = match device {
        Some(id) => {
            known_devices::touch(&txn, id, now).await?;
            None
        }
        None => {
            // The very first sign-in is no news; any later browser is.
            reported = known_devices::any_for(&txn, account.id).await?;
            let device_token = SecretToken::generate();
            known_devices::create(&txn, account.id, &device_token.hash(), now).await?;
            if reported {
                let reset_link = state.settings.page("/forgot-password");
                let mail = Email::NewDeviceSignIn { name: &account.display_name, reset_link: &reset_link };
                report_credential_event(&txn, state, &account, "sign_in.new_device", mail).await?;
            }
            Some(device_token)
        }
    };
    txn.commit().await?;
    if reported {
        state.outbox_wake.notify_one();
    }
    tracing::info!(user.id = %account.id.0, new_device = new_device.is_some(), ?step, "password accepted");
    let policy =
        if step == SignInStep::Done { SessionPolicy::for_role(account.role) } else { SessionPolicy::pending() };
    Ok(SignedIn { account, session: token, max_age_secs: policy.absolute.num_seconds(), step, new_device })
}

/// Development may skip the second factor for the demo accounts (their password is published
/// anyway); production never does.
fn exempt_from_second_factor(state: &AppState, account: &Account) -> bool {
    !state.settings.is_production() && account.email.as_str().ends_with(crate::cli::DEMO_SUFFIX)
}

/// Finds the live session for a cookie token and records its use: the idle end moves forward
/// (never past the absolute end), written at most once per [`SessionPolicy::touch_interval`].
/// Sessions of disabled accounts, and idle or past their absolute end, are not found.
pub async fn authenticate(db: &impl Db, state: &AppState, token: &str) -> Result<Option<Authenticated>, AccountsError> {
    let now = state.now();
    let Some(session) = sessions::find_live(db, &SecretToken::from_user(token).hash(), now).await? else {
        return Ok(None);
    };
    let account = session.user.account;
    let policy =
        if session.stage == Stage::Active { SessionPolicy::for_role(account.role) } else { SessionPolicy::pending() };
    if now - session.last_seen_at >= policy.touch_interval() {
        sessions::touch(db, session.id, now, policy.idle_end(now, session.absolute_expires_at)).await?;
    }
    let max_age_secs = (session.absolute_expires_at - now).num_seconds().max(0);
    Ok(Some(Authenticated { account, session_id: session.id, stage: session.stage, max_age_secs }))
}

/// Finishes a sign-in waiting for the second factor with a code from the authenticator app or
/// a recovery code; the half-finished session is replaced by a new, signed-in one.
#[tracing::instrument(skip_all, fields(user.id = %account.id.0))]
pub async fn complete_second_factor(
    db: &impl Db,
    state: &AppState,
    account: &Account,
    pending: Uuid,
    code: &str,
    user_agent: Option<&str>,
) -> Result<SignedIn, AccountsError> {
    let now = state.now();
    let key = account.id.0.to_string();
    let session = pending.to_string();
    let hits = [(rate_limit::SECOND_FACTOR, key.as_str()), (rate_limit::SECOND_FACTOR_SIGN_IN, session.as_str())];
    let limiter = Limiter::new(state);
    limited(limiter.reserve(now, &hits).await?, now)?;
    if !super::second_factor::check(db, state, account, code).await? {
        tracing::warn!("wrong second-factor code");
        // A few wrong codes end the half-finished sign-in: guessing on needs the password again.
        if limiter.check(now, &hits[1..]).await?.is_err() {
            sessions::delete(db, pending).await?;
            tracing::warn!("half-finished sign-in ended after repeated wrong codes");
        }
        return Err(AccountsError::WrongCode);
    }
    limiter.forget(&hits).await?;
    activate(db, state, account, pending, user_agent).await
}

/// Replaces a half-finished sign-in's session with a signed-in one (a new token, so a token
/// seen before the second factor is worth nothing after it).
pub async fn activate(
    db: &impl Db,
    state: &AppState,
    account: &Account,
    pending: Uuid,
    user_agent: Option<&str>,
) -> Result<SignedIn, AccountsError> {
    let now = state.now();
    let txn = db.begin().await?;
    if !sessions::delete_of(&txn, account.id, pending).await? {
        return Err(AccountsError::NoPendingSignIn);
    }
    let token = start_session(&txn, account, Stage::Active, user_agent, now).await?;
    txn.commit().await?;
    tracing::info!(user.id = %account.id.0, "signed in with a second factor");
    Ok(SignedIn {
        account: account.clone(),
        session: token,
        max_age_secs: SessionPolicy::for_role(account.role).absolute.num_seconds(),
        step: SignInStep::Done,
        new_device: None,
    })
}

/// The signed-in sessions of `account`, most recently used first (at most 50).
pub async fn my_sessions(
    db: &impl Db,
    state: &AppState,
    account: &Account,
) -> Result<Vec<sessions::SessionSummary>, AccountsError> {
    Ok(sessions::list_active(db, account.id, state.now(), 50).await?)
}

/// Ends one of the person's own sessions; another person's id answers `NOT_FOUND`.
pub async fn end_session(db: &impl Db, account: &Account, id: Uuid) -> Result<(), AccountsError> {
    if !sessions::delete_of(db, account.id, id).await? {
        return Err(AccountsError::NotFound);
    }
    tracing::info!(user.id = %account.id.0, "a session was ended from the list of devices");
    Ok(())
}

/// An admin disables (or re-enables) an account: a disabled account's sessions end at once and
/// it cannot sign in. Audited. Admins cannot disable themselves.
pub async fn set_account_disabled(
    db: &impl Db,
    state: &AppState,
    admin: &Account,
    target: UserId,
    disabled: bool,
) -> Result<(), AccountsError> {
    if !admin.role.may_create_staff_accounts() {
        return Err(AccountsError::RoleNotServed(admin.role));
    }
    if target == admin.id {
        return Err(AccountsError::Forbidden(Message::Forbidden));
    }
    let now = state.now();
    let txn = db.begin().await?;
    if !users::set_disabled(&txn, target, disabled, now).await? {
        return Err(AccountsError::NotFound);
    }
    let revoked = if disabled { sessions::delete_all_for(&txn, target).await? } else { 0 };
    if disabled {
        known_devices::delete_all_for(&txn, target).await?;
    }
    let entry = AuditEntry {
        actor: Some(admin.id),
        action: if disabled { "account.disabled" } else { "account.enabled" },
        subject_type: "user",
        subject_id: Some(target.0),
        detail: json!({ "sessions_ended": revoked }),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    tracing::info!(actor.id = %admin.id.0, user.id = %target.0, disabled, "account status changed");
    Ok(())
}

/// Ends a session.
pub async fn sign_out(db: &impl Db, session_id: Uuid) -> Result<(), AccountsError> {
    sessions::delete(db, session_id).await?;
    Ok(())
}

/// E-mails a reset link when the address has an account.
///
/// Requests are limited per address and client (the device cookie of a browser that signed in
/// to the account before, else the network), with ceilings per address and per network that
/// hold back only unknown browsers, so nobody can use up another person's resets. The answer
/// is the same either way and does not wait for the lookup or the writes, so its timing does
/// not reveal whether the address is registered either.
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(
    db: &impl Db,
    state: &AppState,
    email: &str,
    client: Option<IpAddr>,
    device_cookie: Option<&str>,
) -> Result<(), AccountsError> {
    let now = state.now();
    let address = parse_email(email)?;
    // A device cookie names its account: no lookup by address, so no timing difference.
    let device = match device_cookie {
        Some(cookie) => known_devices::find(db, &SecretToken::from_user(cookie).hash(), now - KNOWN_DEVICE_TTL).await?,
        None => None,
    };
    let device = match device {
        Some(d) => users::find(db, d.user).await?.filter(|u| u.account.email == address).map(|_| d.id),
        None => None,
    };
    let client_key = rate_limit::client_key(client);
    let network_key = rate_limit::network_key(client);
    let pair = match device {
        Some(id) => format!("{}\ndevice:{id}", address.as_str()),
        None => format!("{}\n{client_key}", address.as_str()),
    };
    let mut hits = vec![(rate_limit::RESET_PAIR, pair.as_str())];
    if device.is_none() {
        hits.push((rate_limit::RESET_ACCOUNT, address.as_str()));
        hits.push((rate_limit::RESET_CLIENT, network_key.as_str()));
    }
    limited(Limiter::new(state).reserve(now, &hits).await?, now)?;
    // The lookup and the writes outlive the request (the answer must not wait for them), so they
    // run on the pool, never inside a caller's transaction.
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(err) = send_reset_link(&state.db, &state, &address).await {
            tracing::error!(error = %crate::error::cause_chain(&err), "queueing a reset link failed");
        }
    });
    Ok(())
}

async fn send_reset_link(db: &impl Db, state: &AppState, address: &EmailAddress) -> Result<(), AccountsError> {
    let Some(user) = users::find_by_email(db, address).await? else {
        return Ok(());
    };
    // An invitation account's address is not proven until confirmed: its owner might be
    // someone else, who must not be able to take the account.
    if !user.account.email_verified && repos::invitations::made_account(db, user.account.id).await? {
        return Ok(());
    }
    let now = state.now();
    let token = SecretToken::generate();
    let txn = db.begin().await?;
    tokens::create(&txn, user.account.id, Purpose::ResetPassword, &token.hash(), now, now + RESET_TTL).await?;
    let link = state.settings.link("/reset-password", "token", token.expose());
    let mail = Email::PasswordReset { name: &user.account.display_name, link: &link };
    email::enqueue(&txn, address, &mail.render(user.account.locale), now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    Ok(())
}

/// Sets a new password with the token from a reset or invitation e-mail, signs out every
/// session of the account, and tells the person.
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    db: &impl Db,
    state: &AppState,
    token: &str,
    new_password: &str,
) -> Result<(), AccountsError> {
    let now = state.now();
    let hash_of_token = SecretToken::from_user(token).hash();
    let stored = tokens::find(db, &hash_of_token, &[Purpose::ResetPassword, Purpose::StaffInvitation])
        .await?
        .ok_or(AccountsError::Token(None))?;
    check_usable(stored.expires_at, stored.used_at, now).map_err(|p| AccountsError::Token(Some(p)))?;
    let user = users::find(db, stored.user).await?.ok_or(AccountsError::Token(None))?;
    // Check the password before using up the link, so a weak one can be corrected.
    let password = parse_password(new_password, &user.account.email, "newPassword")?;
    let user_key = stored.user.0.to_string();
    limited(Limiter::new(state).reserve(now, &[(rate_limit::SET_PASSWORD, user_key.as_str())]).await?, now)?;
    let hash = state.hasher.hash(password).await?;
    let txn = db.begin().await?;
    if !tokens::consume(&txn, stored.id, now).await? {
        return Err(AccountsError::Token(Some(TokenProblem::AlreadyUsed)));
    }
    users::set_password_hash(&txn, stored.user, hash, now).await?;
    tokens::consume_open(&txn, stored.user, &[Purpose::ResetPassword, Purpose::StaffInvitation], now).await?;
    // Receiving the link proves control of the address.
    users::mark_email_verified(&txn, stored.user, now).await?;
    super::organisations::join_on_confirmation(&txn, stored.user, now).await?;
    let revoked = sessions::delete_all_for(&txn, stored.user).await?;
    // Whoever knew the old password may have made their browser a known device.
    known_devices::delete_all_for(&txn, stored.user).await?;
    if stored.purpose == Purpose::ResetPassword {
        let reset_link = state.settings.page("/forgot-password");
        let mail = Email::PasswordWasReset { name: &user.account.display_name, reset_link: &reset_link };
        report_credential_event(&txn, state, &user.account, "password.reset", mail).await?;
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(user.id = %stored.user.0, sessions.revoked = revoked, "password reset");
    Ok(())
}

/// Changes the password of a signed-in person, signs out all their sessions and forgets their
/// other known devices, tells them by e-mail, and returns a new session token and device cookie
/// for the browser they are using.
#[tracing::instrument(skip_all, fields(user.id = %account.id.0))]
pub async fn change_password(
    db: &impl Db,
    state: &AppState,
    account: &Account,
    current: &str,
    new_password: &str,
    user_agent: Option<&str>,
) -> Result<(SecretToken, SecretToken), AccountsError> {
    let now = state.now();
    // Limited before any hashing: a stolen session cannot turn this into a password oracle
    // or a way to keep the hashing slots busy.
    let account_key = account.id.0.to_string();
    let hits = [(rate_limit::CHANGE_PASSWORD, account_key.as_str())];
    let limiter = Limiter::new(state);
    limited(limiter.reserve(now, &hits).await?, now)?;
    let password = parse_password(new_password, &account.email, "newPassword")?;
    let stored = users::find(db, account.id).await?.ok_or(AccountsError::InvalidCredentials)?;
    if state.hasher.check(current, stored.password_hash, false).await? == Checked::Wrong {
        return Err(AccountsError::Invalid { field: "current", message: Message::WrongCurrentPassword });
    }
    let hash = state.hasher.hash(password).await?;
    let txn = db.begin().await?;
    users::set_password_hash(&txn, account.id, hash, now).await?;
    tokens::consume_open(&txn, account.id, &[Purpose::ResetPassword, Purpose::StaffInvitation], now).await?;
    sessions::delete_all_for(&txn, account.id).await?;
    let token = start_session(&txn, account, Stage::Active, user_agent, now).await?;
    // Only this browser stays a known device.
    known_devices::delete_all_for(&txn, account.id).await?;
    let device = SecretToken::generate();
    known_devices::create(&txn, account.id, &device.hash(), now).await?;
    let reset_link = state.settings.page("/forgot-password");
    let mail = Email::PasswordChanged { name: &account.display_name, reset_link: &reset_link };
    report_credential_event(&txn, state, account, "password.changed", mail).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    limiter.forget(&hits).await?;
    tracing::info!("password changed");
    Ok((token, device))
}

/// Checks a signed-in person's password before a sensitive change, limited per account before
/// any hashing (shared with `changePassword`); a wrong one is an error at `field`.
pub async fn confirm_password(
    state: &AppState,
    account: &Account,
    password: &str,
    stored_hash: Option<String>,
    field: &'static str,
) -> Result<(), AccountsError> {
    let now = state.now();
    let account_key = account.id.0.to_string();
    let hits = [(rate_limit::CHANGE_PASSWORD, account_key.as_str())];
    let limiter = Limiter::new(state);
    limited(limiter.reserve(now, &hits).await?, now)?;
    if state.hasher.check(password, stored_hash, false).await? == Checked::Wrong {
        return Err(AccountsError::Invalid { field, message: Message::WrongCurrentPassword });
    }
    limiter.forget(&hits).await?;
    Ok(())
}

/// Changes the language of pages, e-mails and errors.
pub async fn update_locale(
    db: &impl Db,
    state: &AppState,
    account: &Account,
    locale: Locale,
) -> Result<Account, AccountsError> {
    users::set_locale(db, account.id, locale, state.now()).await?;
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
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    input: NewStaffAccount<'_>,
) -> Result<Account, AccountsError> {
    if !actor.role.may_create_staff_accounts() {
        return Err(AccountsError::RoleNotServed(actor.role));
    }
    if !input.role.is_vpd() {
        return Err(AccountsError::Invalid { field: "role", message: Message::StaffRoleRequired });
    }
    let email = parse_email(input.email)?;
    let name = parse_display_name(input.display_name)?;
    let now = state.now();
    let txn = db.begin().await?;
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
    db: &impl Db,
    state: &AppState,
    email: &str,
    display_name: &str,
    password: &str,
) -> Result<Account, AccountsError> {
    let email = parse_email(email)?;
    let name = parse_display_name(display_name)?;
    let hash = state.hasher.hash(parse_password(password, &email, "password")?).await?;
    let now = state.now();
    let txn = db.begin().await?;
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
    db: &impl Db,
    state: &AppState,
    email: &str,
    display_name: &str,
    password: &str,
    role: Role,
    locale: Locale,
) -> Result<Option<Account>, AccountsError> {
    let email = parse_email(email)?;
    let name = parse_display_name(display_name)?;
    let hash = state.hasher.hash(parse_password(password, &email, "password")?).await?;
    let now = state.now();
    let new = users::NewUser {
        email: &email,
        password_hash: Some(hash),
        display_name: name.as_str(),
        role,
        locale,
        email_verified_at: Some(now),
    };
    match users::insert(db, new, now).await {
        Ok(account) => Ok(Some(account)),
        Err(e) if repos::is_unique_violation(&e) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
