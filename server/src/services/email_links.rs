//! E-mail links that did not work: a new verification link on request, and what a reset link
//! is worth before its page asks for a new password.

use std::net::IpAddr;

use super::Db;
use super::accounts::{AccountsError, limited, parse_email, queue_verification_link};
use super::rate_limit::{self, Limiter};
use crate::db::repos::{tokens, tokens::Purpose, users};
use crate::domain::{EmailAddress, SecretToken, token::LinkStatus};
use crate::state::AppState;

/// E-mails a new verification link when the address has a self-registered account that is not
/// confirmed yet, in the account's language.
///
/// Requests are limited per address and client, per address, and per network. The answer is
/// the same whether or not the address is registered or confirmed, and it does not wait for the
/// lookup or the writes, so its timing reveals nothing either.
#[tracing::instrument(skip_all)]
pub async fn resend_verification(state: &AppState, email: &str, client: Option<IpAddr>) -> Result<(), AccountsError> {
    let now = state.now();
    let address = parse_email(email)?;
    let client_key = rate_limit::client_key(client);
    let network_key = rate_limit::network_key(client);
    let pair = format!("{}\n{client_key}", address.as_str());
    let hits = [
        (rate_limit::RESEND_PAIR, pair.as_str()),
        (rate_limit::RESEND_ACCOUNT, address.as_str()),
        (rate_limit::RESEND_CLIENT, network_key.as_str()),
    ];
    limited(Limiter::new(state).reserve(now, &hits).await?, now)?;
    // The lookup and the writes outlive the request (the answer must not wait for them), so they
    // run on the pool, never inside a caller's transaction.
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(err) = send_verification_link(&state.db, &state, &address).await {
            tracing::error!(error = %crate::error::cause_chain(&err), "queueing a new verification link failed");
        }
    });
    Ok(())
}

async fn send_verification_link(db: &impl Db, state: &AppState, address: &EmailAddress) -> Result<(), AccountsError> {
    let Some(user) = users::find_by_email(db, address).await? else {
        return Ok(());
    };
    let account = user.account;
    // Staff confirm their address through their invitation; a disabled account gets nothing.
    if account.email_verified || user.disabled || !account.role.may_self_register() {
        return Ok(());
    }
    let now = state.now();
    let txn = db.begin().await?;
    queue_verification_link(&txn, state, &account, now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(user.id = %account.id.0, "new verification link queued");
    Ok(())
}

/// Whether a password-reset or staff-invitation link can still be used. It tells only about the
/// token the caller holds: nothing about its account.
pub async fn password_reset_link(db: &impl Db, state: &AppState, token: &str) -> Result<LinkStatus, AccountsError> {
    let hash = SecretToken::from_user(token).hash();
    let stored = tokens::find(db, &hash, &[Purpose::ResetPassword, Purpose::StaffInvitation]).await?;
    Ok(LinkStatus::of(stored.map(|t| (t.expires_at, t.used_at)), state.now()))
}
