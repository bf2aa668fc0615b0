//! Mentoring: a founder (or an organisation) and a mentor, from a request to the end of an
//! active mentorship.

pub mod activity;
pub mod event;
pub mod lifecycle;
pub mod recommend;

pub use event::Event;
pub use lifecycle::{DeclineReason, MentorshipStatus, Origin, Party, Transition, TransitionError};
