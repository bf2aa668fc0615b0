use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Since when the mentee has been waiting for a mentor: their first request after their
        // last mentorship that ran ended. VPD's queue puts those who waited longest first.
        manager
            .alter_table(
                Table::alter()
                    .table(Mentorships::Table)
                    .add_column(timestamp_with_time_zone_null(Mentorships::WaitingSince))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(Mentorships::Table)
                    .value(Mentorships::WaitingSince, Expr::col(Mentorships::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("mentorships_by_status_wait")
                    .table(Mentorships::Table)
                    .col(Mentorships::Status)
                    .col(Mentorships::WaitingSince)
                    .col(Mentorships::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("mentorships_by_status_wait").table(Mentorships::Table).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Mentorships::Table).drop_column(Mentorships::WaitingSince).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Mentorships {
    Table,
    Id,
    Status,
    CreatedAt,
    WaitingSince,
}
