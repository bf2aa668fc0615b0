use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A founder who lets the mentor of their active mentorship see their applications: a
        // row naming that mentor while they allow it, none otherwise (the default is not to
        // share). Leave given to one mentor is not leave for the next.
        manager
            .create_table(
                Table::create()
                    .table(ApplicationSharing::Table)
                    .col(uuid(ApplicationSharing::FounderId).primary_key())
                    .col(uuid(ApplicationSharing::MentorId))
                    .col(timestamp_with_time_zone(ApplicationSharing::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationSharing::Table, ApplicationSharing::FounderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationSharing::Table, ApplicationSharing::MentorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // An organisation's applicants, newest first.
        manager
            .create_index(
                Index::create()
                    .name("applications_of_opportunity")
                    .table(Applications::Table)
                    .col(Applications::OpportunityId)
                    .col(Applications::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("applications_of_opportunity").table(Applications::Table).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(ApplicationSharing::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ApplicationSharing {
    Table,
    FounderId,
    MentorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    OpportunityId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
