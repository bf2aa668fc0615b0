use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row per named job: when it is next due, and until when a process holds it. A
        // process runs a job only after one conditional UPDATE moved both forward, so with
        // several processes on one database each run happens once.
        manager
            .create_table(
                Table::create()
                    .table(ScheduledJobs::Table)
                    .col(string_len(ScheduledJobs::Name, 64).primary_key())
                    .col(timestamp_with_time_zone(ScheduledJobs::NextRunAt))
                    .col(timestamp_with_time_zone_null(ScheduledJobs::HeldUntil))
                    .col(timestamp_with_time_zone_null(ScheduledJobs::LastFinishedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ScheduledJobs::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ScheduledJobs {
    Table,
    Name,
    NextRunAt,
    HeldUntil,
    LastFinishedAt,
}
