//! Use cases. Each takes the shared [`crate::state::AppState`] and returns a small error enum
//! that says what its caller may tell the client.

pub mod accounts;
pub mod email_links;
pub mod hashing;
pub mod moderation;
pub mod rate_limit;
pub mod second_factor;
pub mod taxonomies;
