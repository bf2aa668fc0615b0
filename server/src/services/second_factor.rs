//! The TOTP second factor: setting it up, checking codes, recovery codes, and an admin's reset.
//!
//! Secrets are stored sealed (AES-256-GCM under a key derived from `TILTS_SECRET_KEY`), so a
//! copy of the database alone does not give anyone the codes. A code works once: the time step
//! it was accepted for is recorded. Ten single-use recovery codes are shown once at set-up and
//! stored hashed.

use aes_gcm::{
    Aes256Gcm, Key, KeyInit, Nonce,
    aead::{Aead, AeadCore, OsRng},
};
use anyhow::Context as _;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sea_orm::ConnectionTrait;
use secrecy::ExposeSecret;
use serde_json::json;
use sha2::Sha256;
use totp_rs::{Algorithm, TOTP};

use super::Db;
use super::accounts::AccountsError;
use crate::db::repos::{self, audit::AuditEntry, known_devices, recovery_codes, sessions, users};
use crate::domain::{Account, UserId, token::sha256_hex};
use crate::email::{self, Email};
use crate::state::AppState;

/// How many recovery codes a person gets.
pub const RECOVERY_CODES: usize = 10;
/// The TOTP time step, in seconds.
const STEP: u64 = 30;

/// What an authenticator app needs to add the account.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The secret in base32, to type in.
    pub secret: String,
    /// The `otpauth://` link, which phones open in their authenticator app.
    pub uri: String,
    /// The link as a QR code (an SVG `data:` URI), for scanning from a desktop screen.
    pub qr_code: String,
}

/// `text` as a QR code in an SVG `data:` URI.
fn qr_code(text: &str) -> anyhow::Result<String> {
    use base64::Engine as _;
    let code = qrcode::QrCode::new(text.as_bytes()).context("encoding the QR code")?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build();
    Ok(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
}

fn cipher(state: &AppState) -> anyhow::Result<Aes256Gcm> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(state.settings.secret_key.expose_secret().as_bytes())
        .map_err(|_| anyhow::anyhow!("the secret key cannot key an HMAC"))?;
    mac.update(b"tilts/totp-secret/v1");
    let key = mac.finalize().into_bytes();
    Ok(Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key)))
}

fn seal(state: &AppState, secret: &[u8]) -> anyhow::Result<String> {
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let sealed = cipher(state)?.encrypt(&nonce, secret).map_err(|_| anyhow::anyhow!("sealing a TOTP secret"))?;
    Ok(format!("v1:{}{}", hex::encode(nonce), hex::encode(sealed)))
}

fn open(state: &AppState, sealed: &str) -> anyhow::Result<Vec<u8>> {
    let bytes = hex::decode(sealed.strip_prefix("v1:").context("unknown sealing version")?).context("sealed hex")?;
    anyhow::ensure!(bytes.len() > 12, "sealed secret too short");
    let (nonce, ciphertext) = bytes.split_at(12);
    cipher(state)?.decrypt(Nonce::from_slice(nonce), ciphertext).map_err(|_| anyhow::anyhow!("opening a TOTP secret"))
}

fn totp(secret: Vec<u8>, account: &Account) -> anyhow::Result<TOTP> {
    TOTP::new(Algorithm::SHA1, 6, 0, STEP, secret, Some("Tilts".to_owned()), account.email.as_str().replace(':', ""))
        .map_err(|e| anyhow::anyhow!("building a TOTP: {e}"))
}

/// Only digits, without spaces: people type codes as "123 456".
fn clean(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_lowercase()
}

/// Starts (or restarts) setting up a second factor; not in force until confirmed with a code.
///
/// A signed-in person confirms their password first (`password`), so a browser left signed in
/// cannot tie the account to a stranger's phone; during a sign-in that must set one up, the
/// password was just given (`None`).
pub async fn begin_setup(
    db: &impl Db,
    state: &AppState,
    account: &Account,
    password: Option<&str>,
) -> Result<Setup, AccountsError> {
    let stored = users::find(db, account.id).await?.ok_or(AccountsError::NotFound)?;
    if stored.totp.as_ref().is_some_and(|t| t.confirmed) {
        return Err(AccountsError::SecondFactorExists);
    }
    if let Some(password) = password {
        super::accounts::confirm_password(state, account, password, stored.password_hash, "password").await?;
    }
    let mut secret = vec![0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let otp = totp(secret.clone(), account)?;
    let sealed = seal(state, &secret)?;
    users::set_totp_secret(db, account.id, &sealed, state.now()).await?;
    let uri = otp.get_url();
    Ok(Setup { secret: otp.get_secret_base32(), qr_code: qr_code(&uri)?, uri })
}

/// Whether `code` is the current TOTP code of `stored` (and was not used before). Records the
/// step, so the same code is refused a second time.
async fn totp_matches(
    db: &impl ConnectionTrait,
    state: &AppState,
    account: &Account,
    sealed: &str,
    code: &str,
) -> Result<bool, AccountsError> {
    let otp = totp(open(state, sealed)?, account)?;
    let now = u64::try_from(state.now().timestamp()).unwrap_or(0);
    let current = now / STEP;
    for step in [current.saturating_sub(1), current, current + 1] {
        if otp.check(code, step * STEP) {
            let step = i64::try_from(step).unwrap_or(i64::MAX);
            return Ok(users::use_totp_step(db, account.id, step).await?);
        }
    }
    Ok(false)
}

/// Confirms the set-up with a first code, turns the second factor on, and returns the
/// recovery codes (shown once). The person is told by e-mail and the audit log records it.
pub async fn confirm_setup(
    db: &impl Db,
    state: &AppState,
    account: &Account,
    code: &str,
) -> Result<Vec<String>, AccountsError> {
    let code = clean(code);
    let stored = users::find(db, account.id).await?.ok_or(AccountsError::NotFound)?;
    let Some(totp_row) = stored.totp.filter(|t| !t.confirmed) else {
        return Err(AccountsError::SecondFactorExists);
    };
    let now = state.now();
    let txn = db.begin().await?;
    if !users::confirm_totp(&txn, account.id, &totp_row.sealed_secret, now).await? {
        // Another set-up replaced the secret meanwhile: this code was for the old one.
        return Err(AccountsError::WrongCode);
    }
    if !totp_matches(&txn, state, account, &totp_row.sealed_secret, &code).await? {
        return Err(AccountsError::WrongCode);
    }
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    let hashes: Vec<_> = codes.iter().map(|c| crate::domain::TokenHash(sha256_hex(&clean(c)))).collect();
    recovery_codes::replace(&txn, account.id, &hashes, now).await?;
    let entry = AuditEntry {
        actor: Some(account.id),
        action: "second_factor.enabled",
        subject_type: "user",
        subject_id: Some(account.id.0),
        detail: json!({}),
    };
    repos::audit::record(&txn, entry, now).await?;
    let reset_link = state.settings.page("/forgot-password");
    let mail = Email::SecondFactorAdded { name: &account.display_name, reset_link: &reset_link };
    email::enqueue(&txn, &account.email, &mail.render(account.locale), now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(user.id = %account.id.0, "second factor turned on");
    Ok(codes)
}

/// `xxxx-xxxx-xxxx`: 60 random bits in a form that is easy to copy by hand.
fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    format!(
        "{}-{}-{}",
        chars[0..4].iter().collect::<String>(),
        chars[4..8].iter().collect::<String>(),
        chars[8..12].iter().collect::<String>()
    )
}

/// Whether `code` (a TOTP code, or an unused recovery code, which is then used up) proves the
/// second factor of `account`.
pub async fn check(db: &impl Db, state: &AppState, account: &Account, code: &str) -> Result<bool, AccountsError> {
    let code = clean(code);
    let stored = users::find(db, account.id).await?.ok_or(AccountsError::NotFound)?;
    let Some(totp_row) = stored.totp.filter(|t| t.confirmed) else {
        return Ok(false);
    };
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        return totp_matches(db, state, account, &totp_row.sealed_secret, &code).await;
    }
    let hash = crate::domain::TokenHash(sha256_hex(&code));
    let used = recovery_codes::consume(db, account.id, &hash, state.now()).await?;
    if used {
        tracing::warn!(user.id = %account.id.0, "a recovery code was used");
    }
    Ok(used)
}

/// An admin removes another person's second factor (a lost phone): their sessions end, they
/// set it up again at the next sign-in, and it is audited and e-mailed to them.
pub async fn reset(db: &impl Db, state: &AppState, admin: &Account, target: UserId) -> Result<(), AccountsError> {
    if !admin.role.may_create_staff_accounts() {
        return Err(AccountsError::RoleNotServed(admin.role));
    }
    let user = users::find(db, target).await?.ok_or(AccountsError::NotFound)?;
    if user.totp.is_none() {
        return Err(AccountsError::NotFound);
    }
    let now = state.now();
    let txn = db.begin().await?;
    users::clear_totp(&txn, target, now).await?;
    recovery_codes::delete_all_for(&txn, target).await?;
    sessions::delete_all_for(&txn, target).await?;
    known_devices::delete_all_for(&txn, target).await?;
    let entry = AuditEntry {
        actor: Some(admin.id),
        action: "second_factor.reset",
        subject_type: "user",
        subject_id: Some(target.0),
        detail: json!({}),
    };
    repos::audit::record(&txn, entry, now).await?;
    let reset_link = state.settings.page("/forgot-password");
    let mail = Email::SecondFactorReset { name: &user.account.display_name, reset_link: &reset_link };
    email::enqueue(&txn, &user.account.email, &mail.render(user.account.locale), now).await?;
    txn.commit().await?;
    state.outbox_wake.notify_one();
    tracing::info!(actor.id = %admin.id.0, user.id = %target.0, "second factor reset by an admin");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_readable_and_distinct() {
        let a = recovery_code();
        let b = recovery_code();
        assert_eq!(a.len(), 14);
        assert_eq!(a.matches('-').count(), 2);
        assert_ne!(a, b);
        assert_eq!(clean(" 123 456 "), "123456");
    }
}
