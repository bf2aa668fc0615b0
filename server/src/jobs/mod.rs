//! Background work: the outbox worker delivers e-mail; the scheduler runs the named jobs, one
//! file each.

pub mod housekeeping;
pub mod mentoring_expiry;
pub mod mentoring_reminders;
pub mod opportunity_expiry;
pub mod outbox_worker;
pub mod scheduler;
