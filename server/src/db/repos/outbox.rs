//! The e-mail outbox: rows written with the change that causes them, sent by a worker.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query},
};
use uuid::Uuid;

use crate::db::entities::outbox;

const PENDING: &str = "pending";
const SENT: &str = "sent";
const FAILED: &str = "failed";

/// A message to send.
pub struct NewMessage<'a> {
    /// The recipient's address.
    pub recipient: &'a str,
    /// The subject line.
    pub subject: &'a str,
    /// The plain-text body.
    pub body_text: &'a str,
    /// The HTML body.
    pub body_html: &'a str,
}

/// A message claimed for sending.
#[derive(Debug, Clone)]
pub struct ClaimedMessage {
    /// The row id.
    pub id: Uuid,
    /// The recipient's address.
    pub recipient: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body_text: String,
    /// The HTML body.
    pub body_html: String,
    /// Failed attempts so far.
    pub attempts: i32,
    /// When the row was written.
    pub created_at: DateTime<Utc>,
}

/// Counts of rows by state, for health and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    /// Waiting to be sent.
    pub pending: u64,
    /// Delivered to the mail server.
    pub sent: u64,
    /// Given up on.
    pub failed: u64,
}

/// Writes a message to the outbox (call inside the transaction of the change that causes it).
pub async fn enqueue(db: &impl ConnectionTrait, msg: NewMessage<'_>, now: DateTime<Utc>) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    outbox::ActiveModel {
        id: Set(id),
        recipient: Set(msg.recipient.to_owned()),
        subject: Set(msg.subject.to_owned()),
        body_text: Set(msg.body_text.to_owned()),
        body_html: Set(msg.body_html.to_owned()),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        failed_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// How many due messages are still marked with a lease that has run out: a worker claimed them
/// and stopped (crashed or was killed) before sending or releasing them.
pub async fn count_held_by_stopped_workers(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(outbox::Column::LockedUntil.is_not_null())
        .filter(outbox::Column::LockedUntil.lte(now))
        .count(db)
        .await
}

/// Claims up to `limit` due messages for `lease`, so no other worker sends them meanwhile.
///
/// One `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING *` statement; on PostgreSQL the inner
/// select takes `FOR UPDATE SKIP LOCKED`, so concurrent workers on several replicas never claim
/// the same row.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<ClaimedMessage>, DbErr> {
    let mut due = Query::select();
    due.column(outbox::Column::Id)
        .from(outbox::Entity)
        .and_where(outbox::Column::Status.eq(PENDING))
        .and_where(outbox::Column::NextAttemptAt.lte(now))
        .cond_where(
            Condition::any().add(outbox::Column::LockedUntil.is_null()).add(outbox::Column::LockedUntil.lte(now)),
        )
        .order_by(outbox::Column::CreatedAt, Order::Asc)
        .limit(limit);
    if db.get_database_backend() == DbBackend::Postgres {
        due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let mut rows = outbox::Entity::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(now + lease))
        .filter(Expr::col(outbox::Column::Id).in_subquery(due))
        .exec_with_returning(db)
        .await?;
    rows.sort_by_key(|r| r.created_at);
    Ok(rows
        .into_iter()
        .map(|r| ClaimedMessage {
            id: r.id,
            recipient: r.recipient,
            subject: r.subject,
            body_text: r.body_text,
            body_html: r.body_html,
            attempts: r.attempts,
            created_at: r.created_at,
        })
        .collect())
}

/// Extends the lease on claimed messages still waiting to be sent, in one statement.
pub async fn renew_lease(db: &impl ConnectionTrait, ids: &[Uuid], until: DateTime<Utc>) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(until))
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .filter(outbox::Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives claimed messages back unsent, so any worker may send them at once.
pub async fn release(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(outbox::Column::Id.is_in(ids.iter().copied()))
        .filter(outbox::Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok(())
}

/// Marks a message delivered and drops its body: links in it must not linger in the database.
pub async fn mark_sent(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<(), DbErr> {
    outbox::ActiveModel {
        id: Set(id),
        status: Set(SENT.to_owned()),
        sent_at: Set(Some(now)),
        locked_until: Set(None),
        body_text: Set(String::new()),
        body_html: Set(String::new()),
        last_error: Set(None),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub async fn mark_retry(
    db: &impl ConnectionTrait,
    id: Uuid,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    error: &str,
) -> Result<(), DbErr> {
    outbox::ActiveModel {
        id: Set(id),
        attempts: Set(attempts),
        next_attempt_at: Set(next_attempt_at),
        locked_until: Set(None),
        last_error: Set(Some(error.chars().take(500).collect())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Gives up on a message and drops its body, as for a sent one.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: Uuid,
    attempts: i32,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox::ActiveModel {
        id: Set(id),
        status: Set(FAILED.to_owned()),
        attempts: Set(attempts),
        locked_until: Set(None),
        failed_at: Set(Some(now)),
        body_text: Set(String::new()),
        body_html: Set(String::new()),
        last_error: Set(Some(error.chars().take(500).collect())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// How many messages are in each state, read in one statement.
pub async fn counts(db: &impl ConnectionTrait) -> Result<OutboxCounts, DbErr> {
    let rows: Vec<(String, i64)> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Status)
        .column_as(outbox::Column::Id.count(), "n")
        .group_by(outbox::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = OutboxCounts::default();
    for (status, n) in rows {
        let n = u64::try_from(n).unwrap_or(0);
        match status.as_str() {
            PENDING => counts.pending = n,
            SENT => counts.sent = n,
            FAILED => counts.failed = n,
            _ => {}
        }
    }
    Ok(counts)
}

/// Deletes messages sent or given up on before `before`: only the recipient and subject remain
/// by then, and they are not kept longer than needed.
pub async fn purge_finished_before(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let sent = Condition::all().add(outbox::Column::Status.eq(SENT)).add(outbox::Column::SentAt.lt(before));
    let failed = Condition::all().add(outbox::Column::Status.eq(FAILED)).add(
        Condition::any().add(outbox::Column::FailedAt.lt(before)).add(
            // Given up on by a server of the previous release during a rolling deploy.
            Condition::all().add(outbox::Column::FailedAt.is_null()).add(outbox::Column::NextAttemptAt.lt(before)),
        ),
    );
    let res = outbox::Entity::delete_many().filter(Condition::any().add(sent).add(failed)).exec(db).await?;
    Ok(res.rows_affected)
}
