//! One file per route.

pub mod account;
pub mod forgot_password;
pub mod landing;
pub mod not_found;
pub mod register;
pub mod reset_password;
pub mod sign_in;
pub mod verify_email;

/// Loose client-side e-mail check; the server decides.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    s.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && !domain.ends_with('.'))
}
