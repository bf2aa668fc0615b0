//! Mentoring: a founder (or an organisation) and a mentor, from a request to the end of an
//! active mentorship.

pub mod lifecycle;
pub mod recommend;

pub use lifecycle::{DeclineReason, MentorshipStatus, Party, Transition, TransitionError};
