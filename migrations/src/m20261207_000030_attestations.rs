use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // VPD staff's latest check of how many people from the target group an organisation
        // employs: a count only, never names (earlier checks are in the audit log).
        manager
            .create_table(
                Table::create()
                    .table(OrganisationAttestations::Table)
                    .col(uuid(OrganisationAttestations::OrganisationId).primary_key())
                    .col(integer(OrganisationAttestations::EmployedCount))
                    .col(date(OrganisationAttestations::VerifiedOn))
                    .col(uuid_null(OrganisationAttestations::VerifiedBy))
                    .col(timestamp_with_time_zone(OrganisationAttestations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationAttestations::Table, OrganisationAttestations::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationAttestations::Table, OrganisationAttestations::VerifiedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrganisationAttestations::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum OrganisationAttestations {
    Table,
    OrganisationId,
    EmployedCount,
    VerifiedOn,
    VerifiedBy,
    UpdatedAt,
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
