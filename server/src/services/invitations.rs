//! Founder accounts for people without a stable e-mail address: a probation officer makes an
//! invitation code and hands it over in person; the person redeems it with an address and a
//! password of their choosing and can sign in at once. Codes work once, for 14 days; trying
//! them is rate-limited per network, and each code takes only a few failed tries.
//!
//! The address is not proven: it may be mistyped or someone else's. So the e-mail sent to it
//! names nobody and says nothing about probation, only asks to confirm the address; and until
//! the address is confirmed no password-reset link goes to it (its owner could otherwise take
//! the account, and with it the person's data).

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::Db;
use super::accounts::{AccountsError, VERIFY_TTL, limited, parse_display_name, parse_email, parse_password};
use super::rate_limit::{self, Limiter};
use crate::db::repos::{
    self,
    audit::AuditEntry,
    invitations,
    tokens::{self, Purpose},
    users,
};
use crate::domain::{
    Account, Locale, Role, SecretToken,
    invitation::{INVITATION_TTL, InvitationCode},
    token::{TokenProblem, check_usable},
};
use crate::email::{self, Email};
use crate::state::AppState;

/// A code just made, to hand over.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// The code as people read it.
    pub code: String,
    /// The name the account will have.
    pub display_name: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// VPD staff make an invitation code for a founder named `display_name` (audited; the code
/// itself is shown once and only its hash is kept).
#[tracing::instrument(skip_all, fields(user.id = %actor.id.0))]
pub async fn create(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    display_name: &str,
    locale: Locale,
) -> Result<Invitation, AccountsError> {
    if !actor.role.is_vpd() {
        return Err(AccountsError::RoleNotServed(actor.role));
    }
    let name = parse_display_name(display_name)?;
    let now = state.now();
    let code = InvitationCode::generate();
    let expires_at = now + INVITATION_TTL;
    let txn = db.begin().await?;
    let new = invitations::NewInvitation {
        code: &code.hash(),
        display_name: name.as_str(),
        locale,
        created_by: actor.id,
        expires_at,
    };
    let id = invitations::insert(&txn, new, now).await?;
    let entry = AuditEntry {
        actor: Some(actor.id),
        action: "founder_invitation.created",
        subject_type: "invitation",
        subject_id: Some(id),
        detail: json!({ "expires_at": expires_at.to_rfc3339() }),
    };
    repos::audit::record(&txn, entry, now).await?;
    txn.commit().await?;
    tracing::info!("founder invitation made");
    Ok(Invitation { code: code.display(), display_name: name.as_str().to_owned(), expires_at })
}

/// Makes the founder account of an invitation code with `email` and `password`; the person can
/// sign in at once, and the address gets a welcome e-mail (so a mistyped or someone else's
/// address finds out). Unknown, used and expired codes are refused clearly and count against
/// the network's attempts.
#[tracing::instrument(skip_all)]
pub async fn redeem(
    db: &impl Db,
    state: &AppState,
    code: &str,
    email: &str,
    password: &str,
    client: Option<IpAddr>,
) -> Result<Account, AccountsError> {
    let now = state.now();
    let network = rate_limit::client_key(client);
    let hits = [(rate_limit::REDEEM_CLIENT, network.as_str())];
    let limiter = Limiter::new(state);
    limited(limiter.reserve(now, &hits).await?, now)?;
    let code = InvitationCode::parse(code).ok_or(AccountsError::Invitation(None))?;
    let invitation = invitations::find(db, &code.hash()).await?.ok_or(AccountsError::Invitation(None))?;
    check_usable(invitation.expires_at, invitation.redeemed_at, now).map_err(|p| AccountsError::Invitation(Some(p)))?;
    // A holder of a valid code cannot use it to test many addresses or passwords.
    let code_key = code.hash().0;
    let per_code = [(rate_limit::REDEEM_CODE, code_key.as_str())];
    limited(limiter.reserve(now, &per_code).await?, now)?;
    let address = parse_email(email)?;
    let password = parse_password(password, &address, "password")?;
    if users::find_by_email(db, &address).await?.is_some() {
        return Err(AccountsError::EmailTaken);
    }
    let hash = state.hasher.hash(password).await?;
    let txn = db.begin().await?;
    let new = users::NewUser {
        email: &address,
        password_hash: Some(hash),
        display_name: &invitation.display_name,
        role: Role::Founder,
        locale: invitation.locale,
        // Not proven yet: the e-mail below asks to confirm it.
        email_verified_at: None,
    };
    let account = match users::insert(&txn, new, now).await {
        Ok(account) => account,
        Err(e) if repos::is_unique_violation(&e) => return Err(AccountsError::EmailTaken),
        Err(e) => return Err(e.into()),
    };
    if !invitations::redeem(&txn, invitation.id, account.id, now).await? {
        return Err(AccountsError::Invitation(Some(TokenProblem::AlreadyUsed)));
    }
    let entry = AuditEntry {
        actor: Some(account.id),
        action: "founder_invitation.redeemed",
        subject_type: "invitation",
        subject_id: Some(invitation.id),
        detail: json!({}),
    };
    repos::audit::record(&txn, entry, now).await?;
    let token = SecretToken::generate();
    tokens::create(&txn, account.id, Purpose::VerifyEmail, &token.hash(), now, now + VERIFY_TTL).await?;
    let link = state.settings.link("/verify-email", "token", token.expose());
    let mail = Email::FounderWelcome { link: &link };
    email::enqueue(&txn, &address, &mail.render(account.locale), now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    limiter.refund(now, &hits).await?;
    limiter.refund(now, &per_code).await?;
    tracing::info!(user.id = %account.id.0, "founder invitation redeemed");
    Ok(account)
}
