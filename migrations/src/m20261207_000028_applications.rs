use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A founder's application to an opportunity, one per founder and opportunity, with the
        // contact details they chose to share; `decline_reason` is the organisation's, shown to
        // the founder.
        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .col(uuid(Applications::Id).primary_key())
                    .col(uuid(Applications::OpportunityId))
                    .col(uuid(Applications::FounderId))
                    .col(string_len(Applications::Status, 16))
                    .col(text(Applications::Message))
                    .col(boolean(Applications::ShareEmail))
                    .col(boolean(Applications::SharePhone))
                    .col(text_null(Applications::DeclineReason))
                    .col(timestamp_with_time_zone(Applications::CreatedAt))
                    .col(timestamp_with_time_zone(Applications::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Applications::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::OpportunityId)
                            .to(Opportunities::Table, Opportunities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::FounderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("applications_one_per_founder")
                    .table(Applications::Table)
                    .col(Applications::OpportunityId)
                    .col(Applications::FounderId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // A founder's own list, newest change first.
        manager
            .create_index(
                Index::create()
                    .name("applications_of_founder")
                    .table(Applications::Table)
                    .col(Applications::FounderId)
                    .col(Applications::UpdatedAt)
                    .to_owned(),
            )
            .await?;
        // A hire, for the impact figures: when, what kind of opportunity, which organisation.
        // Kept when the opportunity goes; the founder's own go with their account.
        manager
            .create_table(
                Table::create()
                    .table(Outcomes::Table)
                    .col(uuid(Outcomes::Id).primary_key())
                    .col(uuid(Outcomes::FounderId))
                    .col(uuid_null(Outcomes::OrganisationId))
                    .col(uuid_null(Outcomes::ApplicationId))
                    .col(string_len(Outcomes::OpportunityKind, 24))
                    .col(date(Outcomes::HiredOn))
                    .col(timestamp_with_time_zone(Outcomes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Outcomes::Table, Outcomes::FounderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Outcomes::Table, Outcomes::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Outcomes::Table, Outcomes::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Outcomes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Applications::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    OpportunityId,
    FounderId,
    Status,
    Message,
    ShareEmail,
    SharePhone,
    DeclineReason,
    CreatedAt,
    UpdatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Outcomes {
    Table,
    Id,
    FounderId,
    OrganisationId,
    ApplicationId,
    OpportunityKind,
    HiredOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Opportunities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
