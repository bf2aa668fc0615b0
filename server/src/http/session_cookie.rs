//! The session and device cookies: `HttpOnly; SameSite=Strict; Path=/`. When people reach Tilts
//! over https they are also `Secure` and named with the `__Host-` prefix, so no subdomain or
//! plain-http page can set or overwrite them.
//!
//! The device cookie marks a browser that has signed in to an account before: it is let through
//! when others are held back for too many failed attempts, and a sign-in without it is reported
//! to the person. It carries no session and survives sign-out.

use poem::Request;

/// The cookie's name over plain http (development only).
pub const PLAIN_NAME: &str = "tilts_session";
/// The cookie's name over https.
pub const HOST_NAME: &str = "__Host-tilts_session";

/// The device cookie's name over plain http (development only).
pub const DEVICE_PLAIN_NAME: &str = "tilts_device";
/// The device cookie's name over https.
pub const DEVICE_HOST_NAME: &str = "__Host-tilts_device";
/// How long a browser stays known without signing in again.
const DEVICE_MAX_AGE_SECS: i64 = 400 * 24 * 60 * 60;

/// The name used when `https` is (or is not) the public scheme.
pub fn name(https: bool) -> &'static str {
    if https { HOST_NAME } else { PLAIN_NAME }
}

fn device_name(https: bool) -> &'static str {
    if https { DEVICE_HOST_NAME } else { DEVICE_PLAIN_NAME }
}

/// A `Set-Cookie` value that marks this browser as a known device.
pub fn issue_device(token: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{}={token}; Path=/; Max-Age={DEVICE_MAX_AGE_SECS}; HttpOnly; SameSite=Strict{secure}", device_name(https))
}

/// The device token a request carries, if any.
pub fn read_device(req: &Request, https: bool) -> Option<String> {
    read_named(req, device_name(https))
}

/// A `Set-Cookie` value that stores `token` until the session's absolute end.
pub fn issue(token: &str, max_age_secs: i64, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{}={token}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Strict{secure}", name(https))
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear(https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}", name(https))
}

/// The session token a request carries under the expected name, if any.
pub fn read(req: &Request, https: bool) -> Option<String> {
    read_named(req, name(https))
}

fn read_named(req: &Request, expected: &str) -> Option<String> {
    req.headers()
        .get_all(poem::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == expected && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}
