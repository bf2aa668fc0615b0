//! Structured logs through `tracing`.

use tracing_subscriber::{EnvFilter, fmt};

/// The log filter when `TILTS_LOG` is not set: what a deployment keeps.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn";

/// Installs the global subscriber: JSON lines in production, readable lines in development.
/// The filter comes from `TILTS_LOG` (default `info`).
pub fn init(json: bool) {
    let filter = EnvFilter::try_from_env("TILTS_LOG").unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second call (tests) keeps the first subscriber.
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}
