//! The `tilts` binary: serve, migrate, create-admin, seed-demo, export-schema.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tilts::cli::run().await
}
