//! One file per route.

pub mod account;
pub mod applicants;
pub mod buy_social;
pub mod forgot_password;
pub mod founders;
pub mod landing;
pub mod mentors;
pub mod not_found;
pub mod notifications;
pub mod opportunity_edit;
pub mod organisation;
pub mod organisations;
pub mod postings;
pub mod profile;
pub mod redeem;
pub mod register;
pub mod reset_password;
pub mod sign_in;
pub mod verify_email;
pub mod views;

/// The token of an e-mail link: from the fragment (`#token=…`, never sent to any server), or
/// from the query of links sent by older versions.
pub fn link_token() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let find = |text: String| {
        text.trim_start_matches(['#', '?'])
            .split('&')
            .find_map(|pair| pair.strip_prefix("token="))
            .map(|t| t.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
    };
    location.hash().ok().and_then(find).or_else(|| location.search().ok().and_then(find)).unwrap_or_default()
}

/// Removes the query and fragment (an e-mail link's token) from the address bar and history,
/// so the link cannot be reopened from a shared phone's history.
pub fn forget_link_token() {
    if let Some(window) = web_sys::window()
        && let Ok(history) = window.history()
        && let Ok(path) = window.location().pathname()
    {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// Loose client-side e-mail check; the server decides.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    s.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && !domain.ends_with('.'))
}
