//! Hourly: forgets what has run out. Expired sessions, rate-limit counters of past windows,
//! finished e-mail past its keeping time (recipient and subject only) and devices unseen for
//! longer than a device is remembered. Each purge is idempotent.

use chrono::{DateTime, Duration, Utc};

use crate::db::repos::{known_devices, outbox, sessions};
use crate::services::{accounts::KNOWN_DEVICE_TTL, rate_limit};
use crate::state::AppState;

/// How long sent and given-up e-mail rows (recipient and subject only) are kept.
pub const KEEP_FINISHED_MAIL: Duration = Duration::days(30);

/// Purges everything that ran out before `now`; returns how many rows went.
pub async fn run(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let mut purged = sessions::purge_expired(&state.db, now).await?;
    purged += outbox::purge_finished_before(&state.db, now - KEEP_FINISHED_MAIL).await?;
    purged += rate_limit::purge(&state.db, now).await?;
    purged += known_devices::purge_unseen_since(&state.db, now - KNOWN_DEVICE_TTL).await?;
    Ok(purged)
}
