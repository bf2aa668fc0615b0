use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Social enterprises, NGOs, companies and municipalities. `standing` is moderation's
        // (pending until staff approve). A registration number is unique among approved
        // organisations only (checked when staff approve), so nobody can hold a real company's
        // number by registering it first, nor learn that a hidden organisation has it.
        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(uuid(Organisations::Id).primary_key())
                    .col(string_len(Organisations::Name, 120))
                    .col(string_len(Organisations::RegistrationNumber, 11))
                    .col(string_len(Organisations::Kind, 24))
                    .col(boolean(Organisations::SocialEnterprise))
                    .col(string_len(Organisations::Region, 32))
                    .col(string_len_null(Organisations::Website, 200))
                    .col(text(Organisations::Description))
                    .col(boolean(Organisations::SupportsTargetGroup))
                    .col(string_len(Organisations::Standing, 16))
                    .col(text(Organisations::SearchText))
                    .col(uuid_null(Organisations::CreatedBy))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .col(timestamp_with_time_zone(Organisations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organisations::Table, Organisations::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // The directory pages approved organisations by name; the queue reads pending ones
        // oldest first.
        manager
            .create_index(
                Index::create()
                    .name("organisations_by_standing_name")
                    .table(Organisations::Table)
                    .col(Organisations::Standing)
                    .col(Organisations::Name)
                    .col(Organisations::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("organisations_by_registration_number")
                    .table(Organisations::Table)
                    .col(Organisations::RegistrationNumber)
                    .col(Organisations::Standing)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("organisations_by_standing_age")
                    .table(Organisations::Table)
                    .col(Organisations::Standing)
                    .col(Organisations::CreatedAt)
                    .col(Organisations::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganisationSectors::Table)
                    .col(uuid(OrganisationSectors::OrganisationId))
                    .col(string_len(OrganisationSectors::Code, 32))
                    .col(small_integer(OrganisationSectors::Position))
                    .primary_key(
                        Index::create().col(OrganisationSectors::OrganisationId).col(OrganisationSectors::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationSectors::Table, OrganisationSectors::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("organisation_sectors_by_code")
                    .table(OrganisationSectors::Table)
                    .col(OrganisationSectors::Code)
                    .col(OrganisationSectors::OrganisationId)
                    .to_owned(),
            )
            .await?;
        // The people who act for an organisation: its creator, and those invited by a
        // representative and approved by staff.
        manager
            .create_table(
                Table::create()
                    .table(OrganisationMembers::Table)
                    .col(uuid(OrganisationMembers::OrganisationId))
                    .col(uuid(OrganisationMembers::UserId))
                    .col(timestamp_with_time_zone(OrganisationMembers::CreatedAt))
                    .primary_key(
                        Index::create().col(OrganisationMembers::OrganisationId).col(OrganisationMembers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationMembers::Table, OrganisationMembers::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationMembers::Table, OrganisationMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("organisation_members_by_user")
                    .table(OrganisationMembers::Table)
                    .col(OrganisationMembers::UserId)
                    .col(OrganisationMembers::OrganisationId)
                    .to_owned(),
            )
            .await?;
        // A representative's invitation of someone else, by e-mail address: `pending` until
        // staff decide, then `approved` (waiting for an organisation account with that
        // address), `rejected`, or `joined`.
        manager
            .create_table(
                Table::create()
                    .table(RepresentativeInvitations::Table)
                    .col(uuid(RepresentativeInvitations::Id).primary_key())
                    .col(uuid(RepresentativeInvitations::OrganisationId))
                    .col(string_len(RepresentativeInvitations::Email, 254))
                    .col(uuid_null(RepresentativeInvitations::InvitedBy))
                    .col(string_len(RepresentativeInvitations::Status, 16))
                    .col(timestamp_with_time_zone(RepresentativeInvitations::CreatedAt))
                    .col(timestamp_with_time_zone_null(RepresentativeInvitations::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RepresentativeInvitations::Table, RepresentativeInvitations::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RepresentativeInvitations::Table, RepresentativeInvitations::InvitedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("representative_invitations_by_status_age")
                    .table(RepresentativeInvitations::Table)
                    .col(RepresentativeInvitations::Status)
                    .col(RepresentativeInvitations::CreatedAt)
                    .col(RepresentativeInvitations::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("representative_invitations_by_email")
                    .table(RepresentativeInvitations::Table)
                    .col(RepresentativeInvitations::Email)
                    .col(RepresentativeInvitations::Status)
                    .to_owned(),
            )
            .await?;
        // One open invitation per address and organisation, even when two arrive at once (the
        // same partial-index syntax in PostgreSQL and SQLite).
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX representative_invitations_open ON representative_invitations \
                 (organisation_id, email) WHERE status IN ('pending', 'approved')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RepresentativeInvitations::Table.into_iden(),
            OrganisationMembers::Table.into_iden(),
            OrganisationSectors::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    RegistrationNumber,
    Kind,
    SocialEnterprise,
    Region,
    Website,
    Description,
    SupportsTargetGroup,
    Standing,
    SearchText,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OrganisationSectors {
    Table,
    OrganisationId,
    Code,
    Position,
}

#[derive(DeriveIden)]
enum OrganisationMembers {
    Table,
    OrganisationId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RepresentativeInvitations {
    Table,
    Id,
    OrganisationId,
    Email,
    InvitedBy,
    Status,
    CreatedAt,
    DecidedAt,
}
