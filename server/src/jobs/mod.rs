//! Background work: e-mail delivery and housekeeping.

pub mod outbox_worker;
