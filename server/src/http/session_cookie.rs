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

/// The start of the device cookies' names over plain http (development only).
pub const DEVICE_PLAIN_PREFIX: &str = "tilts_device_";
/// The start of the device cookies' names over https.
pub const DEVICE_HOST_PREFIX: &str = "__Host-tilts_device_";
/// How long a browser stays known without signing in again (the server forgets it as well).
const DEVICE_MAX_AGE_SECS: i64 = 400 * 24 * 60 * 60;

/// The name used when `https` is (or is not) the public scheme.
pub fn name(https: bool) -> &'static str {
    if https { HOST_NAME } else { PLAIN_NAME }
}

fn device_prefix(https: bool) -> &'static str {
    if https { DEVICE_HOST_PREFIX } else { DEVICE_PLAIN_PREFIX }
}

/// A `Set-Cookie` value that marks this browser as a known device of the account whose device
/// slot is `slot` (one cookie per account, so a shared browser keeps each person's).
pub fn issue_device(slot: &str, token: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    let prefix = device_prefix(https);
    format!("{prefix}{slot}={token}; Path=/; Max-Age={DEVICE_MAX_AGE_SECS}; HttpOnly; SameSite=Strict{secure}")
}

/// The device cookies a request carries, by slot.
pub fn read_devices(req: &Request, https: bool) -> std::collections::HashMap<String, String> {
    let prefix = device_prefix(https);
    pairs(req)
        .filter_map(|(name, value)| Some((name.strip_prefix(prefix)?.to_owned(), value.to_owned())))
        .filter(|(slot, value)| !slot.is_empty() && !value.is_empty())
        .collect()
}

/// A `Set-Cookie` value that stores `token` until the session's absolute end.
pub fn issue(token: &str, max_age_secs: i64, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{}={token}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Strict{secure}", name(https))
}

/// A `Set-Cookie` value that removes the session cookie.
pub fn clear(https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}", name(https))
}

/// The session token a request carries under the expected name, if any.
pub fn read(req: &Request, https: bool) -> Option<String> {
    read_named(req, name(https))
}

fn read_named(req: &Request, expected: &str) -> Option<String> {
    pairs(req).find(|(name, value)| *name == expected && !value.is_empty()).map(|(_, value)| value.to_owned())
}

fn pairs(req: &Request) -> impl Iterator<Item = (&str, &str)> {
    req.headers()
        .get_all(poem::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
}
