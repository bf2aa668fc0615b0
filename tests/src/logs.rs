//! The log lines the server writes at the level a deployment keeps, captured in memory for the
//! tests that search them (the canary test). Installed once per test process, on first use;
//! from then on every test's server logs here too, which is harmless: each search looks for a
//! marker of its own.

use std::{
    io::Write,
    sync::{Arc, Mutex, OnceLock},
};

/// Every captured line, oldest first.
static LINES: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut lines) = self.0.lock() {
            lines.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Starts capturing, with the server's production format and default filter.
pub fn capture() {
    LINES.get_or_init(|| {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let writer = Capture(Arc::clone(&lines));
        let installed = tracing_subscriber::fmt()
            .json()
            .with_env_filter(tracing_subscriber::EnvFilter::new(tilts::telemetry::DEFAULT_FILTER))
            .with_writer(move || writer.clone())
            .try_init();
        assert!(installed.is_ok(), "no other subscriber is installed in the test process");
        lines
    });
}

/// Everything captured so far.
pub fn captured() -> String {
    LINES
        .get()
        .map(|lines| String::from_utf8_lossy(&lines.lock().expect("the log buffer")).into_owned())
        .unwrap_or_default()
}
