use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // What organisations post, from draft to closed (DESIGN section 5). The type-specific
        // fields (hours and pay, a wage subsidy, weeks, area and terms, items, beds and dates)
        // are one JSON text per row, checked by the domain before it is written. `reject_reason`
        // is staff's reason, shown to the organisation.
        manager
            .create_table(
                Table::create()
                    .table(Opportunities::Table)
                    .col(uuid(Opportunities::Id).primary_key())
                    .col(uuid(Opportunities::OrganisationId))
                    .col(uuid_null(Opportunities::CreatedBy))
                    .col(string_len(Opportunities::Kind, 24))
                    .col(string_len(Opportunities::Status, 16))
                    .col(string_len(Opportunities::Title, 200))
                    .col(text(Opportunities::Description))
                    .col(string_len(Opportunities::Region, 32))
                    .col(boolean(Opportunities::Remote))
                    .col(text(Opportunities::Address))
                    .col(date_null(Opportunities::StartsOn))
                    .col(date(Opportunities::Deadline))
                    .col(small_integer(Opportunities::Places))
                    .col(text(Opportunities::ContactPerson))
                    .col(text(Opportunities::Details))
                    .col(text(Opportunities::SearchText))
                    .col(text_null(Opportunities::RejectReason))
                    .col(uuid_null(Opportunities::ReviewedBy))
                    .col(timestamp_with_time_zone(Opportunities::CreatedAt))
                    .col(timestamp_with_time_zone(Opportunities::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Opportunities::SubmittedAt))
                    .col(timestamp_with_time_zone_null(Opportunities::PublishedAt))
                    .col(timestamp_with_time_zone_null(Opportunities::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Opportunities::Table, Opportunities::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Opportunities::Table, Opportunities::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Opportunities::Table, Opportunities::ReviewedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // Newest first, closing soon first, staff's queue (oldest submitted first), and an
        // organisation's own postings.
        for (name, columns) in [
            ("opportunities_newest", [Opportunities::Status, Opportunities::PublishedAt, Opportunities::Id]),
            ("opportunities_closing", [Opportunities::Status, Opportunities::Deadline, Opportunities::Id]),
            ("opportunities_queue", [Opportunities::Status, Opportunities::SubmittedAt, Opportunities::Id]),
            (
                "opportunities_of_organisation",
                [Opportunities::OrganisationId, Opportunities::Status, Opportunities::UpdatedAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Opportunities::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        // An opportunity's languages and sectors, in the organisation's order.
        manager
            .create_table(
                Table::create()
                    .table(OpportunityTerms::Table)
                    .col(uuid(OpportunityTerms::OpportunityId))
                    .col(string_len(OpportunityTerms::Field, 16))
                    .col(string_len(OpportunityTerms::Code, 64))
                    .col(small_integer(OpportunityTerms::Position))
                    .primary_key(
                        Index::create()
                            .col(OpportunityTerms::OpportunityId)
                            .col(OpportunityTerms::Field)
                            .col(OpportunityTerms::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OpportunityTerms::Table, OpportunityTerms::OpportunityId)
                            .to(Opportunities::Table, Opportunities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Filtering by a language or sector.
        manager
            .create_index(
                Index::create()
                    .name("opportunity_terms_by_code")
                    .table(OpportunityTerms::Table)
                    .col(OpportunityTerms::Field)
                    .col(OpportunityTerms::Code)
                    .col(OpportunityTerms::OpportunityId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OpportunityTerms::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Opportunities::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Opportunities {
    Table,
    Id,
    OrganisationId,
    CreatedBy,
    Kind,
    Status,
    Title,
    Description,
    Region,
    Remote,
    Address,
    StartsOn,
    Deadline,
    Places,
    ContactPerson,
    Details,
    SearchText,
    RejectReason,
    ReviewedBy,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
    PublishedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum OpportunityTerms {
    Table,
    OpportunityId,
    Field,
    Code,
    Position,
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
