//! Shared state: the language and the signed-in person.

pub mod locale;
pub mod session;
