//! Hourly: closes requests unanswered for 14 days and pauses the mentors who let them wait (see
//! [`crate::services::mentoring::schedule`]).

use chrono::{DateTime, Utc};

use crate::state::AppState;

/// Closes the requests due at `now`; how many closed.
pub async fn run(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    Ok(crate::services::mentoring::schedule::expire_due(state, now).await?)
}
