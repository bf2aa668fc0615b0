//! Password hashing with bounded capacity: at most a few Argon2 computations run at once, and a
//! request that cannot get a slot in time is refused rather than queued behind an attacker.

use std::{sync::OnceLock, time::Duration};

use anyhow::Context as _;
use tokio::sync::Semaphore;

use crate::domain::{Password, password};

/// Why hashing did not happen.
#[derive(Debug, thiserror::Error)]
pub enum HashingError {
    /// Every slot stayed busy for the whole wait.
    #[error("no hashing slot became free in time")]
    Busy,
    /// The hashing task failed.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// The outcome of checking a password.
#[derive(Debug, PartialEq, Eq)]
pub enum Checked {
    /// Wrong password, or no account.
    Wrong,
    /// Right password; `rehashed` holds a new hash when the stored one used older parameters.
    Right {
        /// The password hashed with today's parameters, to store in place of the old hash.
        rehashed: Option<String>,
    },
}

/// Bounded Argon2id hashing.
pub struct Hasher {
    permits: Semaphore,
    /// One more slot that only sign-ins from known devices use: a flood of strangers' requests
    /// cannot keep the owner out.
    reserved: Semaphore,
    wait: Duration,
}

impl Hasher {
    /// At most `permits` hashes at once (plus one for known devices); a request waits at most
    /// `wait` for a slot.
    pub fn new(permits: usize, wait: Duration) -> Hasher {
        Hasher { permits: Semaphore::new(permits.max(1)), reserved: Semaphore::new(1), wait }
    }

    async fn slot(&self, known_device: bool) -> Result<tokio::sync::SemaphorePermit<'_>, HashingError> {
        if known_device {
            let either = async {
                tokio::select! {
                    permit = self.reserved.acquire() => permit,
                    permit = self.permits.acquire() => permit,
                }
            };
            return match tokio::time::timeout(self.wait, either).await {
                Ok(permit) => Ok(permit.context("hashing slots closed")?),
                Err(_) => Err(HashingError::Busy),
            };
        }
        match tokio::time::timeout(self.wait, self.permits.acquire()).await {
            Ok(permit) => Ok(permit.context("hashing slots closed")?),
            Err(_) => {
                tracing::warn!("no password-hashing slot free in time; request refused");
                Err(HashingError::Busy)
            }
        }
    }

    /// Hashes a new password.
    pub async fn hash(&self, password: Password) -> Result<String, HashingError> {
        let _slot = self.slot(false).await?;
        let hash = tokio::task::spawn_blocking(move || password.hash()).await.context("hashing task")?;
        Ok(hash.map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?)
    }

    /// Checks `candidate` against `stored`. Without a stored hash (no such account, or no
    /// password yet) a fixed dummy hash is checked instead, so the answer takes as long either
    /// way. A right password whose hash used older parameters is hashed again. Sign-ins from a
    /// known device may use the reserved slot.
    pub async fn check(
        &self,
        candidate: &str,
        stored: Option<String>,
        known_device: bool,
    ) -> Result<Checked, HashingError> {
        static DUMMY: OnceLock<String> = OnceLock::new();
        let _slot = self.slot(known_device).await?;
        let candidate = candidate.to_owned();
        let checked = tokio::task::spawn_blocking(move || {
            let dummy =
                DUMMY.get_or_init(|| password::hash_unchecked("tilts dummy password for timing").unwrap_or_default());
            match stored {
                Some(hash) if password::verify(&candidate, &hash) => {
                    let rehashed =
                        if password::needs_rehash(&hash) { password::hash_unchecked(&candidate).ok() } else { None };
                    Checked::Right { rehashed }
                }
                Some(_) => Checked::Wrong,
                None => {
                    password::verify(&candidate, dummy);
                    Checked::Wrong
                }
            }
        })
        .await
        .context("verifying task")?;
        Ok(checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_that_waits_too_long_for_a_slot_is_refused() {
        let hasher = Hasher::new(1, Duration::from_millis(20));
        let held = hasher.slot(false).await;
        assert!(held.is_ok());
        assert!(matches!(hasher.check("whatever", None, false).await, Err(HashingError::Busy)));
        // A known device still gets the reserved slot.
        assert!(matches!(hasher.check("whatever", None, true).await, Ok(Checked::Wrong)));
        drop(held);
        assert!(matches!(hasher.check("whatever", None, false).await, Ok(Checked::Wrong)));
    }
}
