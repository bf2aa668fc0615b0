use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // When a bucket last counted: growing delays are measured from it.
        manager
            .alter_table(
                Table::alter()
                    .table(RateLimits::Table)
                    .add_column(timestamp_with_time_zone_null(RateLimits::LastHitAt))
                    .to_owned(),
            )
            .await?;
        // Browsers an account has signed in from: let through when others are held back, and
        // a sign-in from any other browser is reported to the person.
        manager
            .create_table(
                Table::create()
                    .table(KnownDevices::Table)
                    .col(uuid(KnownDevices::Id).primary_key())
                    .col(uuid(KnownDevices::UserId))
                    // SHA-256 of the device cookie, hex.
                    .col(string_len_uniq(KnownDevices::TokenHash, 64))
                    .col(timestamp_with_time_zone(KnownDevices::CreatedAt))
                    .col(timestamp_with_time_zone(KnownDevices::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(KnownDevices::Table, KnownDevices::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_known_devices_user_id")
                    .table(KnownDevices::Table)
                    .col(KnownDevices::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(KnownDevices::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(RateLimits::Table).drop_column(RateLimits::LastHitAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    LastHitAt,
}

#[derive(DeriveIden)]
enum KnownDevices {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    LastSeenAt,
}
