//! The `tilts` binary as a real process.

use std::process::{Command, Stdio};

use crate::app::{PASSWORD, TestApp};

/// The `tilts` binary next to this test binary (built by `cargo xtask test`).
pub fn tilts_binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("the test binary has a path");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target/<profile>/deps");
    let binary = dir.join("tilts");
    assert!(
        binary.is_file(),
        "{} is missing: run `cargo build -p tilts` first (cargo xtask test does)",
        binary.display()
    );
    binary
}

/// Runs `tilts create-admin` against the test's database.
pub async fn create_admin_with_cli(app: &TestApp, email: &str) {
    let output = tokio::process::Command::new(tilts_binary())
        .args(["create-admin", "--email", email])
        .env("TILTS_DATABASE_URL", &app.database_url)
        .env("TILTS_ADMIN_PASSWORD", PASSWORD)
        .env("TILTS_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .await
        .expect("tilts runs");
    assert!(output.status.success(), "create-admin failed: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_bad_bind_address_stops_the_server_with_one_line_naming_the_variable() {
    let output = Command::new(tilts_binary())
        .arg("serve")
        .env("TILTS_BIND", "not-an-address")
        .env("TILTS_DATABASE_URL", "sqlite::memory:")
        .output()
        .expect("tilts runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("TILTS_BIND"), "{stderr}");
}

#[test]
fn the_schema_export_matches_the_committed_schema() {
    let output = Command::new(tilts_binary()).arg("export-schema").output().expect("tilts runs");
    assert!(output.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql")).expect("schema.graphql");
    assert!(
        String::from_utf8_lossy(&output.stdout) == committed,
        "schema.graphql is stale: run `cargo run -p tilts -- export-schema > schema.graphql`"
    );
}

#[test]
fn the_server_starts_serves_health_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(tilts_binary())
        .env("TILTS_BIND", format!("127.0.0.1:{port}"))
        .env("TILTS_DATA_DIR", dir.path())
        .env("TILTS_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let ready = rt.block_on(async {
        loop {
            if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await {
                return r.status().as_u16();
            }
            if std::time::Instant::now() > deadline {
                return 0;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    });
    assert_eq!(ready, 200);
    assert!(dir.path().join("tilts.db").is_file(), "the embedded SQLite file is created");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status}");
}
