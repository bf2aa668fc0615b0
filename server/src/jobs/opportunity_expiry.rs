//! Hourly: closes published opportunities whose deadline has passed (see
//! [`crate::services::opportunities::close_past_deadline`]).

use chrono::{DateTime, Utc};

use crate::state::AppState;

/// Closes the postings past their deadline at `now`; how many closed.
pub async fn run(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    Ok(crate::services::opportunities::close_past_deadline(state, now).await?)
}
