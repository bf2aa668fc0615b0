//! The session cookie: `HttpOnly; SameSite=Strict`, `Secure` outside development.

use poem::Request;

use crate::services::accounts::SESSION_TTL;

/// The cookie's name.
pub const NAME: &str = "tilts_session";

/// A `Set-Cookie` value that stores `token` for the session lifetime.
pub fn issue(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{NAME}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{secure}", SESSION_TTL.num_seconds())
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{NAME}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}")
}

/// The session token a request carries, if any.
pub fn read(req: &Request) -> Option<String> {
    req.headers()
        .get_all(poem::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == NAME && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}
