//! Attempt limits, counted in the database so that every replica enforces the same limit.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::db::repos::rate_limits;
use crate::domain::token::sha256_hex;

/// A limit: at most `max` hits per `window_secs` for one key.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// What is limited, e.g. `sign_in:email`.
    pub name: &'static str,
    /// Hits allowed per window.
    pub max: i32,
    /// The window length in seconds.
    pub window_secs: i64,
}

/// Sign-in attempts per e-mail address: 5 per 15 minutes.
pub const SIGN_IN_PER_EMAIL: Limit = Limit { name: "sign_in:email", max: 5, window_secs: 15 * 60 };
/// Sign-in attempts per client address: 30 per 15 minutes.
pub const SIGN_IN_PER_IP: Limit = Limit { name: "sign_in:ip", max: 30, window_secs: 15 * 60 };
/// Registrations per e-mail address: 5 per hour.
pub const REGISTER_PER_EMAIL: Limit = Limit { name: "register:email", max: 5, window_secs: 60 * 60 };
/// Registrations per client address: 20 per hour.
pub const REGISTER_PER_IP: Limit = Limit { name: "register:ip", max: 20, window_secs: 60 * 60 };
/// Password-reset requests per e-mail address: 3 per hour.
pub const RESET_PER_EMAIL: Limit = Limit { name: "reset:email", max: 3, window_secs: 60 * 60 };
/// Password-reset requests per client address: 10 per hour.
pub const RESET_PER_IP: Limit = Limit { name: "reset:ip", max: 10, window_secs: 60 * 60 };

/// Counts a hit on every `(limit, key)` and says whether all are still within their limit.
/// Keys are hashed, so no address is stored in the counters.
pub async fn allow(db: &impl ConnectionTrait, now: DateTime<Utc>, hits: &[(Limit, &str)]) -> anyhow::Result<bool> {
    let mut allowed = true;
    for (limit, key) in hits {
        let window_start = now.timestamp() - now.timestamp().rem_euclid(limit.window_secs);
        let bucket = sha256_hex(&format!("{}:{}", limit.name, key));
        let count = rate_limits::hit(db, &bucket, window_start).await.context("counting an attempt")?;
        allowed &= count <= limit.max;
    }
    Ok(allowed)
}

/// Forgets counters older than a day.
pub async fn purge(db: &impl ConnectionTrait, now: DateTime<Utc>) -> anyhow::Result<u64> {
    rate_limits::purge_before(db, now.timestamp() - 24 * 60 * 60).await.context("purging rate limits")
}
