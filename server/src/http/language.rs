//! `/lang/{code}?next=/path`: the language links of the first paint. They work before the app
//! has loaded (or when it never does): the choice goes into the `tilts_lang` cookie, which the
//! server reads for the first paint and the app for its language, and the browser returns to
//! the page it came from.

use poem::{
    IntoResponse, Response, handler,
    http::{StatusCode, header},
    web::{Path, Query},
};
use serde::Deserialize;

use crate::domain::Locale;

/// The query of a language link.
#[derive(Deserialize)]
pub struct Return {
    /// Where to go back to: a path of this site.
    next: Option<String>,
}

/// Remembers the language `code` and redirects to `next` (only to a path of this site, never to
/// another one), or to the landing page.
#[handler]
pub fn choose(Path(code): Path<String>, Query(back): Query<Return>) -> Response {
    let Some(locale) = Locale::from_code(&code).filter(|l| l.code() == code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let next = back.next.filter(|next| is_local_path(next)).unwrap_or_else(|| "/".to_owned());
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, next)
        .header(header::CACHE_CONTROL, "no-store")
        // The same attributes as the app's own choice, so the two write one cookie.
        .header(header::SET_COOKIE, format!("tilts_lang={locale}; Path=/; Max-Age=31536000; SameSite=Strict"))
        .finish()
}

/// A path on this site: one leading `/`, and nothing browsers would read as another host
/// (`//host`, `/\host`, or those with a tab or newline in between, which URL parsers drop).
fn is_local_path(next: &str) -> bool {
    next.starts_with('/') && !next.starts_with("//") && !next.chars().any(|c| c == '\\' || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        for local in ["/", "/sign-in", "/verify-email?token=abc", "/a//b"] {
            assert!(is_local_path(local), "{local}");
        }
        for foreign in ["https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "", "sign-in"]
        {
            assert!(!is_local_path(foreign), "{foreign}");
        }
    }
}
