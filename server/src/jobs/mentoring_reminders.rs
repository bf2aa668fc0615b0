//! Hourly: reminds mentors of requests they have not answered, 3 and 7 days after they came
//! (see [`crate::services::mentoring::schedule`]).

use chrono::{DateTime, Utc};

use crate::state::AppState;

/// Sends the reminders due at `now`; how many went out.
pub async fn run(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
    Ok(crate::services::mentoring::schedule::remind_due(state, now).await?)
}
