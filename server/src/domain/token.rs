//! Random secrets for sessions and e-mail links; only their hashes are stored.

use rand::{RngCore, rngs::OsRng};
use sha2::{Digest, Sha256};

/// A 256-bit random secret, hex-encoded, given to the user once (cookie or e-mail link).
pub struct SecretToken(String);

/// The SHA-256 of a [`SecretToken`], hex-encoded: what the database keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHash(pub String);

impl SecretToken {
    /// A fresh random token.
    pub fn generate() -> SecretToken {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        SecretToken(hex::encode(bytes))
    }

    /// Wraps a token received from a user.
    pub fn from_user(s: &str) -> SecretToken {
        SecretToken(s.trim().to_owned())
    }

    /// The secret, to hand to its owner.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The hash to store or look up.
    pub fn hash(&self) -> TokenHash {
        TokenHash(sha256_hex(&self.0))
    }
}

/// SHA-256 of `input`, hex-encoded.
pub fn sha256_hex(input: &str) -> String {
    hex::encode(Sha256::digest(input.as_bytes()))
}

/// Why an e-mail link's token cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    /// Used before: links work once.
    AlreadyUsed,
    /// Past its expiry time.
    Expired,
}

/// Whether a single-use token that expires at `expires_at` may be used at `now`.
pub fn check_usable(
    expires_at: chrono::DateTime<chrono::Utc>,
    used_at: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), TokenProblem> {
    if used_at.is_some() {
        Err(TokenProblem::AlreadyUsed)
    } else if now >= expires_at {
        Err(TokenProblem::Expired)
    } else {
        Ok(())
    }
}

/// What an e-mail link is worth now, as the page that opened it tells the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStatus {
    /// It can be used.
    Valid,
    /// It was used before: links work once.
    Used,
    /// Past its expiry time.
    Expired,
    /// No such link (mistyped, cut short, or for another purpose).
    Invalid,
}

impl LinkStatus {
    /// The status of a stored token (`None`: not found) at `now`.
    pub fn of(
        stored: Option<(chrono::DateTime<chrono::Utc>, Option<chrono::DateTime<chrono::Utc>>)>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> LinkStatus {
        match stored.map(|(expires_at, used_at)| check_usable(expires_at, used_at, now)) {
            None => LinkStatus::Invalid,
            Some(Ok(())) => LinkStatus::Valid,
            Some(Err(TokenProblem::AlreadyUsed)) => LinkStatus::Used,
            Some(Err(TokenProblem::Expired)) => LinkStatus::Expired,
        }
    }
}
