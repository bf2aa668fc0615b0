//! Use cases. Each takes the shared [`crate::state::AppState`] and returns a small error enum
//! that says what its caller may tell the client.

/// The largest page a list returns.
pub const MAX_PAGE_SIZE: usize = 50;

pub mod accounts;
pub mod directory;
pub mod email_links;
pub mod hashing;
pub mod invitations;
pub mod moderation;
pub mod notifications;
pub mod organisations;
pub mod people;
pub mod profile_views;
pub mod profiles;
pub mod rate_limit;
pub mod second_factor;
pub mod taxonomies;
