//! Every page by path, with the prefix of its texts (`{texts}.title`, `{texts}.intro`). The app
//! chooses its page from these lists and the server paints the same page first from them
//! (`server/src/http/pwa.rs` includes this file), so a page is named in one place.

/// The phone app's pages; any other path is its not-found page.
pub const PAGES: [(&str, &str); 7] = [
    ("/", "landing"),
    ("/register", "register"),
    ("/verify-email", "verify"),
    ("/sign-in", "sign_in"),
    ("/forgot-password", "forgot"),
    ("/reset-password", "reset"),
    ("/account", "account"),
];

/// The VPD staff pages (texts in `locales/staff/`).
pub const STAFF_PAGES: [(&str, &str); 3] =
    [("/staff", "home"), ("/staff/moderation", "moderation"), ("/staff/accounts", "accounts")];

/// The texts prefix of the page at `path` in `pages` (a trailing slash does not matter).
pub fn page_of(pages: &[(&'static str, &'static str)], path: &str) -> Option<&'static str> {
    let path = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    pages.iter().find(|(route, _)| *route == path).map(|(_, texts)| *texts)
}
