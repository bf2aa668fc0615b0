//! Schema migrations for Tilts, applied in order by `tilts migrate` and on start-up.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_users;
mod m20261123_000002_create_sessions;
mod m20261123_000003_create_account_tokens;
mod m20261123_000004_create_outbox;
mod m20261123_000005_create_audit_log;
mod m20261123_000006_create_rate_limits;
mod m20261124_000007_throttles_and_known_devices;
mod m20261124_000008_outbox_failed_at;
mod m20261124_000009_sessions_status_second_factor;
mod m20261202_000010_create_taxonomy_terms;
mod m20261202_000011_users_standing;
mod m20261202_000012_create_profiles;
mod m20261202_000013_directory_indexes;
mod m20261202_000014_target_group_and_views;
mod m20261202_000015_founder_invitations;
mod m20261202_000016_notifications;
mod m20261202_000017_search_text;
mod m20261202_000018_organisations;
mod m20261202_000019_directory_covering_indexes;
mod m20261206_000020_scheduled_jobs;
mod m20261206_000021_mentorships;
mod m20261206_000022_mentorship_activity;
mod m20261206_000023_peer_preference;
mod m20261207_000024_mentorship_waiting;
mod m20261207_000025_change_counters;
mod m20261207_000026_places_counter;
mod m20261207_000027_opportunities;
mod m20261207_000028_applications;
mod m20261207_000029_application_sharing;
mod m20261207_000030_attestations;

/// All migrations, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_users::Migration),
            Box::new(m20261123_000002_create_sessions::Migration),
            Box::new(m20261123_000003_create_account_tokens::Migration),
            Box::new(m20261123_000004_create_outbox::Migration),
            Box::new(m20261123_000005_create_audit_log::Migration),
            Box::new(m20261123_000006_create_rate_limits::Migration),
            Box::new(m20261124_000007_throttles_and_known_devices::Migration),
            Box::new(m20261124_000008_outbox_failed_at::Migration),
            Box::new(m20261124_000009_sessions_status_second_factor::Migration),
            Box::new(m20261202_000010_create_taxonomy_terms::Migration),
            Box::new(m20261202_000011_users_standing::Migration),
            Box::new(m20261202_000012_create_profiles::Migration),
            Box::new(m20261202_000013_directory_indexes::Migration),
            Box::new(m20261202_000014_target_group_and_views::Migration),
            Box::new(m20261202_000015_founder_invitations::Migration),
            Box::new(m20261202_000016_notifications::Migration),
            Box::new(m20261202_000017_search_text::Migration),
            Box::new(m20261202_000018_organisations::Migration),
            Box::new(m20261202_000019_directory_covering_indexes::Migration),
            Box::new(m20261206_000020_scheduled_jobs::Migration),
            Box::new(m20261206_000021_mentorships::Migration),
            Box::new(m20261206_000022_mentorship_activity::Migration),
            Box::new(m20261206_000023_peer_preference::Migration),
            Box::new(m20261207_000024_mentorship_waiting::Migration),
            Box::new(m20261207_000025_change_counters::Migration),
            Box::new(m20261207_000026_places_counter::Migration),
            Box::new(m20261207_000027_opportunities::Migration),
            Box::new(m20261207_000028_applications::Migration),
            Box::new(m20261207_000029_application_sharing::Migration),
            Box::new(m20261207_000030_attestations::Migration),
        ]
    }
}
