//! `cargo xtask run | test | pwa | bench`: set up what is missing on a Debian machine, then run Tilts or its
//! whole test suite. Every step checks first, so a second run only does the work itself.

mod setup;

use std::process::ExitCode;

use setup::{Setup, cargo, root};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(&args[1..]),
        Some("pwa") => Setup::new().and_then(|s| s.pwa_tools()).and_then(|()| build_pwa()),
        Some("bench") => bench(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run|test|pwa|bench>\n  run   build the PWA, add demo data, serve Tilts on SQLite\n  test  run every test on SQLite and PostgreSQL\n  pwa   build the PWA only\n  bench measure the directory on SQLite and PostgreSQL"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn run() -> Result {
    let setup = Setup::new()?;
    setup.pwa_tools()?;
    build_pwa()?;
    cargo(&["build", "-p", "tilts"])?;
    // Where cargo put it: `CARGO_TARGET_DIR` when set (a shared build cache), else `target/`.
    let target = root().join(std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into()));
    let binary = target.join("debug/tilts");
    // Production is the default and needs a real deployment's settings; this is a developer's machine.
    let tilts = |command: &str| {
        let mut c = std::process::Command::new(&binary);
        c.arg(command).env("TILTS_ENV", "development").current_dir(root());
        c
    };
    setup::run(&mut tilts("seed-demo"))?;
    println!("\nTilts: open the address below; sign in with a demo account listed above.");
    setup::run(&mut tilts("serve"))
}

/// Builds the bundles: the phone app's public pages into `frontend/dist`, then each other bundle
/// (`frontend/<bundle>/index.html`, see `frontend/src/routes.rs`) into `frontend/dist/<bundle>`,
/// in this order: Trunk replaces its whole output directory.
fn build_pwa() -> Result {
    // Trunk 0.21 reads the crate from the working directory, so run it in frontend/ with the root config.
    let trunk = |extra: &[&str]| {
        setup::run(
            std::process::Command::new("trunk")
                .args(["build", "--release", "--offline", "--config", "../trunk.toml"])
                .args(extra)
                .env("PATH", setup::path_with_tools())
                .current_dir(root().join("frontend")),
        )
    };
    trunk(&[])?;
    for bundle in [
        "my",
        "find",
        "org",
        "posting",
        "mentoring",
        "mentorship",
        "opportunities",
        "applications",
        "buy-social",
        "staff",
    ] {
        let (dist, html) =
            (root().join(format!("frontend/dist/{bundle}")), root().join(format!("frontend/{bundle}/index.html")));
        let (dist, html) = (dist.to_string_lossy(), html.to_string_lossy());
        trunk(&["--dist", &dist, "--public-url", &format!("/{bundle}/"), &html])?;
    }
    Ok(())
}

/// Measures the directory through `/graphql` on both databases (`tests/src/bin/bench.rs`),
/// optimised as in production but without link-time optimisation, to build faster.
fn bench() -> Result {
    let setup = Setup::new()?;
    setup.test_services()?;
    let postgres_url = setup.postgres()?;
    let mut command = std::process::Command::new("cargo");
    command
        .args(["run", "--profile", "measure", "-p", "tilts-tests", "--bin", "bench"])
        .env("TILTS_TEST_POSTGRES_URL", &postgres_url)
        .current_dir(root());
    setup::run(&mut command)
}

fn test(extra: &[String]) -> Result {
    let setup = Setup::new()?;
    cargo(&["fmt", "--all", "--", "--check"])?;
    setup.test_services()?;
    setup.pwa_tools()?;
    let postgres_url = setup.postgres()?;
    build_pwa()?;
    // The same package set for build and test, so dependencies are compiled with one feature set.
    let packages = ["-p", "tilts", "-p", "tilts-migrations", "-p", "tilts-tests", "-p", "tilts-texts", "-p", "xtask"];
    cargo(&[&["build"][..], &packages].concat())?;
    let mut args = [&["test"][..], &packages].concat();
    if !extra.is_empty() {
        args.push("--");
        args.extend(extra.iter().map(String::as_str));
    }
    let mut command = std::process::Command::new("cargo");
    command.args(&args).env("TILTS_TEST_POSTGRES_URL", &postgres_url).current_dir(root());
    // End-to-end tests mostly wait on sockets; more threads than cores keeps both cores busy.
    if std::env::var_os("RUST_TEST_THREADS").is_none() {
        command.env("RUST_TEST_THREADS", "8");
    }
    setup::run(&mut command)?;
    cargo(&[
        "clippy",
        "-p",
        "tilts",
        "-p",
        "tilts-migrations",
        "-p",
        "tilts-tests",
        "-p",
        "tilts-texts",
        "-p",
        "xtask",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    cargo(&["clippy", "-p", "tilts-frontend", "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"])
}
