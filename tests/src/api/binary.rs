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
        .env("TILTS_ENV", "development")
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
        .env("TILTS_ENV", "development")
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
        .env("TILTS_ENV", "development")
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

#[test]
fn a_production_start_without_its_settings_names_each_missing_one_and_stops() {
    let output = Command::new(tilts_binary())
        .arg("serve")
        .env_remove("TILTS_ENV")
        .env("TILTS_DATABASE_URL", "sqlite::memory:")
        .output()
        .expect("tilts runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let named: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("tilts: configuration error: "))
        .filter_map(|l| l.split(':').next())
        .collect();
    assert_eq!(named, ["TILTS_PUBLIC_URL", "TILTS_SMTP_URL", "TILTS_SECRET_KEY", "TILTS_TRUSTED_PROXIES"], "{stderr}");
    assert_eq!(stderr.lines().count(), 4, "one line per missing setting: {stderr}");
}

#[test]
fn seed_demo_works_only_in_development_and_never_beside_real_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("tilts.db").display());
    let seed = |env: &str| {
        Command::new(tilts_binary())
            .arg("seed-demo")
            .env("TILTS_ENV", env)
            .env("TILTS_DATABASE_URL", &url)
            .env("TILTS_PUBLIC_URL", "https://tilts.example")
            .env("TILTS_SMTP_URL", "smtp://127.0.0.1:25")
            .env("TILTS_SECRET_KEY", "k".repeat(32))
            .env("TILTS_TRUSTED_PROXIES", "none")
            .env("TILTS_LOG", "warn")
            .output()
            .expect("tilts runs")
    };
    let production = seed("production");
    assert!(!production.status.success());
    assert!(String::from_utf8_lossy(&production.stderr).contains("TILTS_ENV=development"));
    let seeded = seed("development");
    assert!(seeded.status.success(), "a demo database is seeded: {}", String::from_utf8_lossy(&seeded.stderr));
    let out = String::from_utf8_lossy(&seeded.stdout);
    assert!(out.contains("created 45 demo founders and mentors with profiles"), "30 founders and 15 mentors: {out}");
    assert!(out.contains("created 10 demo organisations"), "10 organisations: {out}");
    assert!(
        out.contains("created 12 demo opportunities, 5 attestations of VPD and 2 applications"),
        "the marketplace has postings, attested organisations and applicants: {out}"
    );
    assert!(seed("development").status.success(), "seeding again is harmless");

    let admin = Command::new(tilts_binary())
        .args(["create-admin", "--email", "admin@vpd.example.lv"])
        .env("TILTS_ENV", "development")
        .env("TILTS_DATABASE_URL", &url)
        .env("TILTS_ADMIN_PASSWORD", PASSWORD)
        .env("TILTS_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("tilts runs");
    assert!(admin.status.success(), "{}", String::from_utf8_lossy(&admin.stderr));
    let refused = seed("development");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("outside @demo.tilts.lv"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}

#[test]
fn a_complete_production_configuration_starts_and_sends_hsts() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(tilts_binary())
        .env_remove("TILTS_ENV")
        .env("TILTS_BIND", format!("127.0.0.1:{port}"))
        .env("TILTS_DATA_DIR", dir.path())
        .env("TILTS_PUBLIC_URL", "https://tilts.vpd.example.lv")
        .env("TILTS_SMTP_URL", "smtp://127.0.0.1:9")
        .env("TILTS_SECRET_KEY", "0123456789abcdef0123456789abcdef")
        .env("TILTS_TRUSTED_PROXIES", "10.0.0.0/8")
        .env("TILTS_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let response = rt.block_on(async {
        loop {
            if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await {
                return Some(r);
            }
            if std::time::Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    });
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    let response = response.expect("the production server answers");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["strict-transport-security"], "max-age=63072000; includeSubDomains");
    assert!(status.success(), "{status}");
}
