use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Codes a probation officer hands to a person without a stable e-mail address; only the
        // code's SHA-256 is kept. Redeeming one makes the founder's account (`user_id`).
        manager
            .create_table(
                Table::create()
                    .table(FounderInvitations::Table)
                    .col(uuid(FounderInvitations::Id).primary_key())
                    .col(string_len(FounderInvitations::CodeHash, 64).unique_key())
                    .col(string_len(FounderInvitations::DisplayName, 80))
                    .col(string_len(FounderInvitations::Locale, 8))
                    .col(uuid(FounderInvitations::CreatedBy))
                    .col(timestamp_with_time_zone(FounderInvitations::CreatedAt))
                    .col(timestamp_with_time_zone(FounderInvitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(FounderInvitations::RedeemedAt))
                    .col(uuid_null(FounderInvitations::UserId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FounderInvitations::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum FounderInvitations {
    Table,
    Id,
    CodeHash,
    DisplayName,
    Locale,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    RedeemedAt,
    UserId,
}
