//! What every request and job shares.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::config::Settings;
use crate::domain::Clock;

/// Shared application state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// The validated settings.
    pub settings: Arc<Settings>,
    /// The source of time.
    pub clock: Arc<dyn Clock>,
    /// Wakes this process's outbox worker after a commit that queued e-mail.
    pub outbox_wake: Arc<Notify>,
}

impl AppState {
    /// The current time.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
