//! Runs the named jobs, each on its own period, in every server process: one conditional update
//! per run decides which process runs it (`scheduled_jobs`), so with several processes on one
//! database each run happens once. Jobs read the application's clock, so tests move time
//! instead of waiting. A job must be idempotent: a run cut short by a crash is not repeated
//! until its next period, and a run that outlasts [`HOLD`] may overlap the next one.

use chrono::{DateTime, Duration, Utc};
use tokio_util::sync::CancellationToken;

use super::{housekeeping, mentoring_expiry, mentoring_reminders, opportunity_expiry};
use crate::db::repos::scheduled_jobs;
use crate::error::cause_chain;
use crate::state::AppState;

/// How long a process holds a job it started before another may take it.
pub const HOLD: Duration = Duration::minutes(10);

/// A scheduled job; each lives in its own file under `jobs/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Forgets expired sessions, old counters, finished e-mail and unseen devices.
    Housekeeping,
    /// Closes mentoring requests unanswered for 14 days; pauses the mentors who let them wait.
    MentoringExpiry,
    /// Reminds mentors of unanswered requests after 3 and 7 days.
    MentoringReminders,
    /// Closes published opportunities past their deadline.
    OpportunityExpiry,
}

impl Job {
    /// Every job, in the order a look runs them: expiry before reminders, so a mentor paused
    /// for one request is not reminded of the others it closes.
    pub const ALL: [Job; 4] =
        [Job::Housekeeping, Job::MentoringExpiry, Job::MentoringReminders, Job::OpportunityExpiry];

    /// Its name in `scheduled_jobs` and in the logs.
    pub fn name(self) -> &'static str {
        match self {
            Job::Housekeeping => "housekeeping",
            Job::MentoringExpiry => "mentoring_expiry",
            Job::MentoringReminders => "mentoring_reminders",
            Job::OpportunityExpiry => "opportunity_expiry",
        }
    }

    /// How often it runs.
    pub fn every(self) -> Duration {
        match self {
            Job::Housekeeping | Job::MentoringExpiry | Job::MentoringReminders | Job::OpportunityExpiry => {
                Duration::hours(1)
            }
        }
    }

    /// One run at `now`; how many rows it handled.
    async fn run(self, state: &AppState, now: DateTime<Utc>) -> anyhow::Result<u64> {
        match self {
            Job::Housekeeping => housekeeping::run(state, now).await,
            Job::MentoringExpiry => mentoring_expiry::run(state, now).await,
            Job::MentoringReminders => mentoring_reminders::run(state, now).await,
            Job::OpportunityExpiry => opportunity_expiry::run(state, now).await,
        }
    }
}

/// Runs every job that is due now and that this process gets; returns those it ran. A job
/// that fails is logged and runs again at its next period.
pub async fn run_due(state: &AppState) -> Vec<Job> {
    let mut ran = Vec::new();
    for job in Job::ALL {
        match run_if_due(state, job).await {
            Ok(true) => ran.push(job),
            Ok(false) => {}
            Err(err) => tracing::error!(job = job.name(), error = %cause_chain(err.as_ref()), "scheduled job failed"),
        }
    }
    ran
}

async fn run_if_due(state: &AppState, job: Job) -> anyhow::Result<bool> {
    let now = state.now();
    scheduled_jobs::ensure(&state.db, job.name(), now).await?;
    if !scheduled_jobs::claim(&state.db, job.name(), now, now + HOLD, now + job.every()).await? {
        return Ok(false);
    }
    let handled = job.run(state, now).await;
    scheduled_jobs::release(&state.db, job.name(), state.now()).await?;
    tracing::info!(job = job.name(), handled = *handled.as_ref().unwrap_or(&0), "scheduled job ran");
    handled.map(|_| true)
}

/// Looks for due jobs at start and then every [`crate::config::JobsSettings::tick`] until
/// `shutdown`; a job that is running finishes first.
pub async fn run(state: AppState, shutdown: CancellationToken) {
    let tick = state.settings.jobs.tick;
    loop {
        run_due(&state).await;
        tokio::select! {
            () = shutdown.cancelled() => break,
            () = tokio::time::sleep(tick) => {}
        }
    }
    tracing::info!("scheduler stopped");
}
