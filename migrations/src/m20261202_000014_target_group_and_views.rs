use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Conviction and supervision data, apart from every profile: only the server's sealed
        // `privacy` module reads or writes these three tables.
        manager
            .create_table(
                Table::create()
                    .table(TargetGroupRecords::Table)
                    .col(uuid(TargetGroupRecords::FounderId).primary_key())
                    .col(string_len(TargetGroupRecords::Category, 32))
                    .col(string_len(TargetGroupRecords::UnitName, 120))
                    .col(uuid_null(TargetGroupRecords::OfficerId))
                    .col(date_null(TargetGroupRecords::SupervisionEndsOn))
                    .col(text(TargetGroupRecords::Notes))
                    .col(uuid(TargetGroupRecords::UpdatedBy))
                    .col(timestamp_with_time_zone(TargetGroupRecords::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TargetGroupRecords::Table, TargetGroupRecords::FounderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TargetGroupRecords::Table, TargetGroupRecords::OfficerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // A founder's no-contact persons; the index serves the other direction ("whom must
        // this mentor never see?").
        manager
            .create_table(
                Table::create()
                    .table(SupervisionNoContact::Table)
                    .col(uuid(SupervisionNoContact::FounderId))
                    .col(uuid(SupervisionNoContact::PersonId))
                    .primary_key(
                        Index::create().col(SupervisionNoContact::FounderId).col(SupervisionNoContact::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SupervisionNoContact::Table, SupervisionNoContact::FounderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SupervisionNoContact::Table, SupervisionNoContact::PersonId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("supervision_no_contact_by_person")
                    .table(SupervisionNoContact::Table)
                    .col(SupervisionNoContact::PersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupervisionExcludedSectors::Table)
                    .col(uuid(SupervisionExcludedSectors::FounderId))
                    .col(string_len(SupervisionExcludedSectors::Sector, 32))
                    .primary_key(
                        Index::create()
                            .col(SupervisionExcludedSectors::FounderId)
                            .col(SupervisionExcludedSectors::Sector),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SupervisionExcludedSectors::Table, SupervisionExcludedSectors::FounderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Who opened whose data and when, for each person's "who viewed my data". `what` is
        // `profile` or `vpd_record`; VPD staff are shown as "VPD staff", never by name.
        manager
            .create_table(
                Table::create()
                    .table(ProfileViews::Table)
                    .col(uuid(ProfileViews::Id).primary_key())
                    .col(uuid(ProfileViews::SubjectId))
                    .col(uuid(ProfileViews::ViewerId))
                    .col(string_len(ProfileViews::What, 16))
                    .col(timestamp_with_time_zone(ProfileViews::ViewedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProfileViews::Table, ProfileViews::SubjectId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("profile_views_by_subject")
                    .table(ProfileViews::Table)
                    .col(ProfileViews::SubjectId)
                    .col(ProfileViews::ViewedAt)
                    .col(ProfileViews::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProfileViews::Table.into_iden(),
            SupervisionExcludedSectors::Table.into_iden(),
            SupervisionNoContact::Table.into_iden(),
            TargetGroupRecords::Table.into_iden(),
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
enum TargetGroupRecords {
    Table,
    FounderId,
    Category,
    UnitName,
    OfficerId,
    SupervisionEndsOn,
    Notes,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SupervisionNoContact {
    Table,
    FounderId,
    PersonId,
}

#[derive(DeriveIden)]
enum SupervisionExcludedSectors {
    Table,
    FounderId,
    Sector,
}

#[derive(DeriveIden)]
enum ProfileViews {
    Table,
    Id,
    SubjectId,
    ViewerId,
    What,
    ViewedAt,
}
