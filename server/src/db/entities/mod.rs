//! sea-orm entities: one file per table. Only `db::repos` uses them.

pub mod account_tokens;
pub mod audit_log;
pub mod change_counters;
pub mod founder_invitations;
pub mod founder_profiles;
pub mod known_devices;
pub mod mentor_profiles;
pub mod mentorship_answers;
pub mod mentorship_goals;
pub mod mentorship_messages;
pub mod mentorship_sessions;
pub mod mentorships;
pub mod notifications;
pub mod organisation_members;
pub mod organisation_sectors;
pub mod organisations;
pub mod outbox;
pub mod profile_terms;
pub mod profile_views;
pub mod rate_limits;
pub mod recovery_codes;
pub mod representative_invitations;
pub mod scheduled_jobs;
pub mod sessions;
pub mod taxonomy_terms;
pub mod users;
