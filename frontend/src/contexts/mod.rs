//! Shared state: the language and the signed-in person.

pub mod locale;
pub mod session;

/// Starts a bundle: provides the language and session contexts and removes the server's first
/// paint (`#shell`), which kept the page readable until the app mounted.
pub fn start() {
    let i18n = locale::provide_i18n();
    session::provide_session(i18n);
    if let Some(shell) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("shell")) {
        shell.remove();
    }
}
