//! Time as a dependency, so expiry and reminders are tested by setting the time.

use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The wall clock moved by an adjustable offset; tests move it forward to expire things.
#[derive(Debug, Default, Clone)]
pub struct TestClock {
    offset_ms: Arc<AtomicI64>,
}

impl TestClock {
    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        self.offset_ms.fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }

    /// Moves the clock forward to one second past the start of the next window of
    /// `window_secs`, so a test of a fixed-window limit never straddles a window edge.
    pub fn start_of_next_window(&self, window_secs: i64) {
        let now_ms = self.now().timestamp_millis();
        let window_ms = window_secs * 1000;
        self.advance(Duration::milliseconds(window_ms - now_ms.rem_euclid(window_ms) + 1000));
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::milliseconds(self.offset_ms.load(Ordering::SeqCst))
    }
}
