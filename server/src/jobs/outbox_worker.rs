//! Sends queued e-mail, retrying with exponential backoff for up to 72 hours.
//!
//! Several servers may run this at once: each claims due rows for a lease (on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`), so a message is handed to the mail server once per row.

use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use lettre::message::Mailbox;
use tokio_util::sync::CancellationToken;

use crate::db::repos::{outbox, sessions};
use crate::email::Mailer;
use crate::error::cause_chain;
use crate::services::rate_limit;
use crate::state::AppState;

// With a 15 s SMTP timeout a batch ends well inside the 15-minute lease.
const BATCH: u64 = 10;
/// How long sent and given-up rows (recipient and subject only) are kept.
const KEEP_FINISHED: chrono::Duration = chrono::Duration::days(30);

/// The delay before attempt `attempts + 1`: `base * 2^(attempts-1)`, at most `max`.
pub fn backoff(attempts: i32, base: Duration, max: Duration) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(20);
    base.saturating_mul(2u32.saturating_pow(exponent)).min(max)
}

/// Sends every due message once; returns how many were delivered.
pub async fn deliver_due(state: &AppState, mailer: &Mailer, from: &Mailbox) -> anyhow::Result<usize> {
    let settings = &state.settings.outbox;
    let lease = chrono::Duration::from_std(settings.lease).context("lease")?;
    let mut delivered = 0;
    loop {
        let now = state.now();
        let batch = outbox::claim_due(&state.db, now, lease, BATCH).await.context("claiming outbox rows")?;
        let full = batch.len() as u64 == BATCH;
        for message in batch {
            match mailer.send(from, &message).await {
                Ok(()) => {
                    outbox::mark_sent(&state.db, message.id, state.now()).await.context("marking sent")?;
                    delivered += 1;
                }
                Err(err) => record_failure(state, &message, &err, state.now()).await?,
            }
        }
        if !full {
            return Ok(delivered);
        }
    }
}

async fn record_failure(
    state: &AppState,
    message: &outbox::ClaimedMessage,
    err: &anyhow::Error,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let settings = &state.settings.outbox;
    let attempts = message.attempts + 1;
    // Mail servers quote the address in their errors: keep it out of logs and the database.
    let reason = mask_recipient(&cause_chain(err.as_ref()), &message.recipient);
    let give_up_at = message.created_at + chrono::Duration::from_std(settings.give_up_after).context("give-up")?;
    let delay =
        chrono::Duration::from_std(backoff(attempts, settings.retry_base, settings.retry_max)).context("delay")?;
    if now + delay > give_up_at {
        tracing::error!(outbox.id = %message.id, attempts, error = %reason, "giving up on an e-mail");
        outbox::mark_failed(&state.db, message.id, attempts, &reason, now).await.context("marking failed")?;
    } else {
        tracing::warn!(outbox.id = %message.id, attempts, error = %reason, "e-mail not sent, will retry");
        outbox::mark_retry(&state.db, message.id, attempts, now + delay, &reason).await.context("marking retry")?;
    }
    Ok(())
}

/// Runs until `shutdown`: delivers due mail when woken or every poll interval, and purges
/// expired sessions, old rate-limit counters and finished e-mail. A batch in progress finishes before it stops.
pub async fn run(state: AppState, mailer: Mailer, from: Mailbox, shutdown: CancellationToken) {
    let poll = state.settings.outbox.poll_interval;
    let mut last_purge: Option<DateTime<Utc>> = None;
    loop {
        if let Err(err) = deliver_due(&state, &mailer, &from).await {
            tracing::error!(error = %cause_chain(err.as_ref()), "outbox delivery failed");
        }
        let now = state.now();
        if last_purge.is_none_or(|t| now - t > chrono::Duration::hours(1)) {
            last_purge = Some(now);
            if let Err(err) = sessions::purge_expired(&state.db, now).await {
                tracing::warn!(error = %err, "purging sessions failed");
            }
            if let Err(err) = outbox::purge_finished_before(&state.db, now - KEEP_FINISHED).await {
                tracing::warn!(error = %err, "purging finished e-mail failed");
            }
            if let Err(err) = rate_limit::purge(&state.db, now).await {
                tracing::warn!(error = %cause_chain(err.as_ref()), "purging rate limits failed");
            }
        }
        tokio::select! {
            () = shutdown.cancelled() => break,
            () = state.outbox_wake.notified() => {}
            () = tokio::time::sleep(poll) => {}
        }
    }
    tracing::info!("outbox worker stopped");
}

fn mask_recipient(text: &str, recipient: &str) -> String {
    let masked = crate::domain::EmailAddress::parse(recipient).map(|e| e.masked()).unwrap_or_else(|| "***".to_owned());
    text.replace(recipient, &masked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_never_carry_the_whole_recipient_address() {
        let text = "permanent error (550): anna@example.lv: mailbox unavailable";
        assert_eq!(
            mask_recipient(text, "anna@example.lv"),
            "permanent error (550): a***@example.lv: mailbox unavailable"
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let base = Duration::from_secs(30);
        let max = Duration::from_secs(3600);
        assert_eq!(backoff(1, base, max), Duration::from_secs(30));
        assert_eq!(backoff(2, base, max), Duration::from_secs(60));
        assert_eq!(backoff(4, base, max), Duration::from_secs(240));
        assert_eq!(backoff(12, base, max), max);
        assert_eq!(backoff(i32::MAX, base, max), max);
    }
}
