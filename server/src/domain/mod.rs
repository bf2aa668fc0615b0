//! The rules of Tilts in plain Rust: no web, GraphQL or database types.

pub mod account;
pub mod application;
pub mod clock;
pub mod email_address;
pub mod invitation;
pub mod locale;
pub mod mentoring;
pub mod moderation;
pub mod notification;
pub mod opportunity;
pub mod opportunity_fit;
pub mod organisation;
pub mod password;
pub mod policy;
pub mod profile;
pub mod role;
pub mod session;
pub mod taxonomy;
pub mod token;

pub use account::{Account, DisplayName, Standing, UserId};
pub use clock::{Clock, SystemClock, TestClock};
pub use email_address::EmailAddress;
pub use locale::Locale;
pub use password::{Password, PasswordError};
pub use role::Role;
pub use session::SessionPolicy;
pub use taxonomy::{Taxonomies, TaxonomyKind, Term};
pub use token::{SecretToken, TokenHash};
