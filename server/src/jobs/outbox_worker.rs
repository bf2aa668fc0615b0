//! Sends queued e-mail, retrying with exponential backoff for up to 72 hours.
//!
//! Delivery is at least once. Several servers may run this at once: each claims due rows for a
//! short lease (on PostgreSQL with `FOR UPDATE SKIP LOCKED`) and renews it before each send, so
//! a row is handed to the mail server by one worker at a time. Rows a worker claimed but did not
//! send are released when it stops or a batch ends early; only after a crash do they wait for
//! the lease to run out. A message sent again carries the same `Message-ID`.

use std::collections::VecDeque;
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use lettre::message::Mailbox;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::db::repos::outbox;
use crate::email::Mailer;
use crate::error::cause_chain;
use crate::state::AppState;

// Rows claimed at once; the lease is renewed before each send, so it need not cover a batch.
const BATCH: u64 = 10;

/// The delay before attempt `attempts + 1`: `base * 2^(attempts-1)`, at most `max`.
pub fn backoff(attempts: i32, base: Duration, max: Duration) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(20);
    base.saturating_mul(2u32.saturating_pow(exponent)).min(max)
}

/// Sends every due message once, or until `shutdown`; returns how many reached the mail server.
///
/// On `shutdown` the message being sent is finished and the rest of the batch released.
pub async fn deliver_due(
    state: &AppState,
    mailer: &Mailer,
    from: &Mailbox,
    shutdown: &CancellationToken,
) -> anyhow::Result<usize> {
    let lease = chrono::Duration::from_std(state.settings.outbox.lease).context("lease")?;
    let mut delivered = 0;
    while !shutdown.is_cancelled() {
        let now = state.now();
        warn_about_held_rows(state, now).await;
        let batch = outbox::claim_due(&state.db, now, lease, BATCH).await.context("claiming outbox rows")?;
        let full = batch.len() as u64 == BATCH;
        delivered += deliver_batch(state, mailer, from, batch, lease, shutdown).await?;
        if !full {
            break;
        }
    }
    Ok(delivered)
}

/// Sends a claimed batch in order; whatever it does not send is released before it returns.
async fn deliver_batch(
    state: &AppState,
    mailer: &Mailer,
    from: &Mailbox,
    batch: Vec<outbox::ClaimedMessage>,
    lease: chrono::Duration,
    shutdown: &CancellationToken,
) -> anyhow::Result<usize> {
    let mut unsent = VecDeque::from(batch);
    let mut delivered = 0;
    while !shutdown.is_cancelled() && !unsent.is_empty() {
        // One statement keeps the whole rest of the batch ours for another lease.
        let ids: Vec<Uuid> = unsent.iter().map(|m| m.id).collect();
        if let Err(err) = outbox::renew_lease(&state.db, &ids, state.now() + lease).await {
            release(state, &ids).await;
            return Err(anyhow::Error::new(err).context("renewing the outbox lease"));
        }
        if let Some(message) = unsent.pop_front()
            && send_one(state, mailer, from, &message).await
        {
            delivered += 1;
        }
    }
    if !unsent.is_empty() {
        let ids: Vec<Uuid> = unsent.iter().map(|m| m.id).collect();
        release(state, &ids).await;
    }
    Ok(delivered)
}

/// Sends one message and records the outcome; a failed write is logged and the row released.
/// Returns whether the mail server accepted it.
async fn send_one(state: &AppState, mailer: &Mailer, from: &Mailbox, message: &outbox::ClaimedMessage) -> bool {
    match mailer.send(from, message).await {
        Ok(()) => {
            if let Err(err) = outbox::mark_sent(&state.db, message.id, state.now()).await {
                record_unrecorded_delivery(state, message, &anyhow::Error::new(err)).await;
            }
            true
        }
        Err(err) => {
            if let Err(write_err) = record_failure(state, message, &err, state.now()).await {
                tracing::error!(
                    outbox.id = %message.id,
                    error = %mask_recipient(&cause_chain(write_err.as_ref()), &message.recipient),
                    "could not record a failed e-mail attempt"
                );
                release(state, &[message.id]).await;
            }
            false
        }
    }
}

/// The mail server took the message but the database did not record it: it will be sent again,
/// with the same `Message-ID`, after the usual retry delay.
async fn record_unrecorded_delivery(state: &AppState, message: &outbox::ClaimedMessage, err: &anyhow::Error) {
    let settings = &state.settings.outbox;
    let reason = mask_recipient(&cause_chain(err.as_ref()), &message.recipient);
    tracing::error!(outbox.id = %message.id, error = %reason, "e-mail sent but not recorded as sent; it will be sent again");
    let attempts = message.attempts.saturating_add(1);
    let delay = chrono::Duration::from_std(backoff(attempts, settings.retry_base, settings.retry_max))
        .unwrap_or(chrono::Duration::zero());
    let error = format!("sent, but not recorded as sent: {reason}");
    if let Err(write_err) = outbox::mark_retry(&state.db, message.id, attempts, state.now() + delay, &error).await {
        tracing::error!(outbox.id = %message.id, error = %write_err, "could not schedule the e-mail again");
        release(state, &[message.id]).await;
    }
}

/// Releases claimed rows; if even that fails they wait for their lease to run out.
async fn release(state: &AppState, ids: &[Uuid]) {
    match outbox::release(&state.db, ids).await {
        Ok(()) => tracing::info!(outbox.released = ids.len(), "unsent e-mails released for the next run"),
        Err(err) => tracing::error!(
            outbox.held = ids.len(),
            error = %err,
            "could not release unsent e-mails; they wait for their lease to run out"
        ),
    }
}

/// Warns when rows claimed by a worker that stopped without releasing them are due again.
async fn warn_about_held_rows(state: &AppState, now: DateTime<Utc>) {
    match outbox::count_held_by_stopped_workers(&state.db, now).await {
        Ok(0) => {}
        Ok(held) => {
            tracing::warn!(outbox.held = held, "{held} e-mails held by a stopped worker are being sent now");
        }
        Err(err) => tracing::warn!(error = %err, "counting held e-mails failed"),
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

/// Runs until `shutdown`: delivers due mail when woken or every poll interval. On `shutdown` it
/// finishes the message being sent, releases the rest of its batch and stops. (Finished mail is
/// forgotten by the scheduler's housekeeping.)
pub async fn run(state: AppState, mailer: Mailer, from: Mailbox, shutdown: CancellationToken) {
    let poll = state.settings.outbox.poll_interval;
    loop {
        if let Err(err) = deliver_due(&state, &mailer, &from, &shutdown).await {
            tracing::error!(error = %cause_chain(err.as_ref()), "outbox delivery failed");
        }
        if shutdown.is_cancelled() {
            break;
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
    fn the_lease_outlasts_a_slow_smtp_step_with_room_to_spare() {
        assert!(crate::config::OutboxSettings::default().lease >= 2 * crate::email::SMTP_TIMEOUT);
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
