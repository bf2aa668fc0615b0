//! How long a session lasts: VPD staff hold conviction data and sign in on shared office
//! desktops, so their sessions are short; everyone else's last long but not forever.

use chrono::{DateTime, Duration, Utc};

use super::Role;

/// The lifetime rules of one role's sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, however much it is used.
    pub absolute: Duration,
}

impl SessionPolicy {
    /// Staff and admins: 30 minutes idle, 12 hours in all. Everyone else: 30 days idle, 90 days.
    pub fn for_role(role: Role) -> SessionPolicy {
        if role.is_vpd() {
            SessionPolicy { idle: Duration::minutes(30), absolute: Duration::hours(12) }
        } else {
            SessionPolicy { idle: Duration::days(30), absolute: Duration::days(90) }
        }
    }

    /// How long a half-finished sign-in (waiting for the second factor) lasts.
    pub fn pending() -> SessionPolicy {
        SessionPolicy { idle: Duration::minutes(10), absolute: Duration::minutes(10) }
    }

    /// How stale the recorded last use may get before a request writes it again: writes stay
    /// rare without blurring the idle limit.
    pub fn touch_interval(&self) -> Duration {
        (self.idle / 30).min(Duration::hours(1))
    }

    /// When a session used at `now` ends for being idle, never past its absolute end.
    pub fn idle_end(&self, now: DateTime<Utc>, absolute_end: DateTime<Utc>) -> DateTime<Utc> {
        (now + self.idle).min(absolute_end)
    }
}

/// A short label of the browser and system a session came from, e.g. "Chrome on Android",
/// for the person's list of their devices. Never the whole `User-Agent`.
pub fn device_label(user_agent: &str) -> String {
    let ua = user_agent.to_lowercase();
    let browser = [
        ("edg/", "Edge"),
        ("opr/", "Opera"),
        ("samsungbrowser", "Samsung Internet"),
        ("firefox/", "Firefox"),
        ("chrome/", "Chrome"),
        ("chromium/", "Chromium"),
        ("safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let system = [
        ("android", "Android"),
        ("iphone", "iPhone"),
        ("ipad", "iPad"),
        ("windows", "Windows"),
        ("mac os", "macOS"),
        ("cros", "ChromeOS"),
        ("linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => "?".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_sessions_are_short_and_everyone_has_an_absolute_end() {
        let staff = SessionPolicy::for_role(Role::Staff);
        assert_eq!((staff.idle, staff.absolute), (Duration::minutes(30), Duration::hours(12)));
        assert_eq!(SessionPolicy::for_role(Role::Admin), staff);
        let founder = SessionPolicy::for_role(Role::Founder);
        assert_eq!((founder.idle, founder.absolute), (Duration::days(30), Duration::days(90)));
        let now = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        assert_eq!(founder.idle_end(now, now + Duration::days(3)), now + Duration::days(3));
        assert_eq!(staff.touch_interval(), Duration::minutes(1));
    }

    #[test]
    fn devices_get_short_labels() {
        let android = "Mozilla/5.0 (Linux; Android 14; SM-A146B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
        assert_eq!(device_label(android), "Chrome · Android");
        assert_eq!(
            device_label("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"),
            "Firefox · Windows"
        );
        assert_eq!(device_label("reqwest"), "?");
    }
}
