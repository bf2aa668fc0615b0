//! Persistence: connecting, migrating, entities and repositories.

pub mod entities;
pub mod repos;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};
use tilts_migrations::{Migrator, MigratorTrait};

/// Opens the database named by `url`, creating an SQLite file and its folder when needed.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file(url)
        && let Some(dir) = std::path::Path::new(&path).parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 8 } else { 16 })
        .connect_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    let mut db = Database::connect(options).await.context("connecting to the database")?;
    db.set_metric_callback(|_| {
        STATEMENTS.fetch_add(1, Ordering::Relaxed);
    });
    if db.get_database_backend() == DbBackend::Sqlite {
        // WAL lets readers work while the outbox worker writes.
        db.execute_unprepared("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
            .await
            .context("configuring SQLite")?;
    }
    Ok(db)
}

/// SQL statements run by this process's connections, for `cargo xtask bench` to show that a
/// page costs the same statements whatever its size.
static STATEMENTS: AtomicU64 = AtomicU64::new(0);

/// How many SQL statements this process has run so far.
pub fn statements_run() -> u64 {
    STATEMENTS.load(Ordering::Relaxed)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("applying migrations")
}

/// The file path of an `sqlite:` URL, if it names a file.
fn sqlite_file(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}
