//! Repositories: the only code that touches the entities. Each takes any connection, so a
//! service can run several in one transaction.

pub mod applications;
pub mod audit;
pub mod change_counters;
pub mod directory;
pub mod invitations;
pub mod known_devices;
pub mod mentorship_activity;
pub mod mentorships;
pub mod notifications;
pub mod opportunities;
pub mod organisations;
pub mod outbox;
pub mod profile_views;
pub mod profiles;
pub mod rate_limits;
pub mod recovery_codes;
pub mod scheduled_jobs;
pub mod sessions;
pub mod taxonomies;
pub mod tokens;
pub mod users;

use sea_orm::{DbErr, SqlErr};

/// Whether `err` is a violated unique constraint (the typed conflict, without a racy pre-check).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// `text` as a `LIKE` pattern matching it anywhere, lower-cased, its wildcards dropped; `None`
/// for blank text.
pub(crate) fn like_pattern(text: &str) -> Option<String> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return None;
    }
    let escaped: String = text.chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect();
    Some(format!("%{escaped}%"))
}

/// The texts a search looks in, lower-cased here rather than by the database: SQLite's
/// `LOWER()` knows only ASCII letters, so "Ābola" or "Ольга" would never match a search in
/// small letters. Kept in each searchable row's `search_text`.
pub(crate) fn search_text(texts: &[&str]) -> String {
    texts.join("\n").to_lowercase()
}
