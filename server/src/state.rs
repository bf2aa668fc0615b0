//! What every request and job shares.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::sync::{Notify, OnceCell};

use crate::config::Settings;
use crate::domain::{Clock, Taxonomies};
use crate::services::hashing::Hasher;

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
    /// Password hashing, bounded so bursts cannot exhaust memory or starve other work.
    pub hasher: Arc<Hasher>,
    /// The vocabularies, read once: only migrations change them, and a migrated database is
    /// served by a new process.
    pub taxonomies: Arc<OnceCell<Arc<Taxonomies>>>,
    /// The mentors recommendations start from, while the database says they are unchanged.
    pub mentor_pool: Arc<crate::services::mentoring::pool::PoolCell>,
}

impl AppState {
    /// State for a process with this database, settings and clock.
    pub fn new(db: DatabaseConnection, settings: Settings, clock: Arc<dyn Clock>) -> AppState {
        let hasher = Arc::new(Hasher::new(settings.hashing.permits, settings.hashing.wait));
        AppState {
            db,
            settings: Arc::new(settings),
            clock,
            outbox_wake: Arc::new(Notify::new()),
            hasher,
            taxonomies: Arc::new(OnceCell::new()),
            mentor_pool: Arc::default(),
        }
    }

    /// The current time.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
