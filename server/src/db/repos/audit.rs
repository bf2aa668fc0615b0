//! The audit log: who did what to whom, and when.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::db::entities::audit_log;
use crate::domain::UserId;

/// One audit entry to write.
pub struct AuditEntry<'a> {
    /// Who acted; `None` for the command line.
    pub actor: Option<UserId>,
    /// What they did, e.g. `staff_account.created`.
    pub action: &'a str,
    /// The kind of thing acted on, e.g. `user`.
    pub subject_type: &'a str,
    /// The thing acted on.
    pub subject_id: Option<Uuid>,
    /// Further facts, never secrets.
    pub detail: serde_json::Value,
}

/// A stored audit entry.
#[derive(Debug, Clone)]
pub struct StoredAuditEntry {
    /// Who acted.
    pub actor: Option<UserId>,
    /// What they did.
    pub action: String,
    /// The thing acted on.
    pub subject_id: Option<Uuid>,
    /// Further facts.
    pub detail: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Appends an entry.
pub async fn record(db: &impl ConnectionTrait, entry: AuditEntry<'_>, now: DateTime<Utc>) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        id: Set(Uuid::new_v4()),
        actor_id: Set(entry.actor.map(|a| a.0)),
        action: Set(entry.action.to_owned()),
        subject_type: Set(entry.subject_type.to_owned()),
        subject_id: Set(entry.subject_id),
        detail: Set(entry.detail.to_string()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Every entry about one subject, oldest first.
pub async fn for_subject(db: &impl ConnectionTrait, subject: Uuid) -> Result<Vec<StoredAuditEntry>, DbErr> {
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::SubjectId.eq(subject))
        .order_by_asc(audit_log::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| StoredAuditEntry {
            actor: r.actor_id.map(UserId),
            action: r.action,
            subject_id: r.subject_id,
            detail: r.detail,
            at: r.created_at,
        })
        .collect())
}
