use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        let sessions = [
            // A session ends at this moment however much it is used.
            ColumnDef::new(Sessions::AbsoluteExpiresAt).timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new(Sessions::LastSeenAt).timestamp_with_time_zone().null().to_owned(),
            // "Chrome on Android", for the person's list of their devices.
            ColumnDef::new(Sessions::Device).string_len(80).null().to_owned(),
            // `active`, or waiting for the second factor: `second_factor` or `set_up_second_factor`.
            ColumnDef::new(Sessions::Stage).string_len(24).not_null().default("active").to_owned(),
        ];
        for column in sessions {
            manager.alter_table(Table::alter().table(Sessions::Table).add_column(column).to_owned()).await?;
        }
        let users = [
            // `active` or `disabled` (by an admin; checked on every request).
            ColumnDef::new(UsersExtra::Status).string_len(16).not_null().default("active").to_owned(),
            // The TOTP secret, encrypted with a key derived from TILTS_SECRET_KEY.
            ColumnDef::new(UsersExtra::TotpSecret).text().null().to_owned(),
            ColumnDef::new(UsersExtra::TotpConfirmedAt).timestamp_with_time_zone().null().to_owned(),
            // The last time step a code was accepted for: a code works once.
            ColumnDef::new(UsersExtra::TotpLastStep).big_integer().null().to_owned(),
        ];
        for column in users {
            manager.alter_table(Table::alter().table(Users::Table).add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(uuid(RecoveryCodes::Id).primary_key())
                    .col(uuid(RecoveryCodes::UserId))
                    // SHA-256 of the code, hex.
                    .col(string_len(RecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone(RecoveryCodes::CreatedAt))
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recovery_codes_user_id")
                    .table(RecoveryCodes::Table)
                    .col(RecoveryCodes::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RecoveryCodes::Table).to_owned()).await?;
        for column in
            [UsersExtra::Status, UsersExtra::TotpSecret, UsersExtra::TotpConfirmedAt, UsersExtra::TotpLastStep]
        {
            manager.alter_table(Table::alter().table(Users::Table).drop_column(column).to_owned()).await?;
        }
        for column in [Sessions::AbsoluteExpiresAt, Sessions::LastSeenAt, Sessions::Device, Sessions::Stage] {
            manager.alter_table(Table::alter().table(Sessions::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    AbsoluteExpiresAt,
    LastSeenAt,
    Device,
    Stage,
}

#[derive(DeriveIden)]
enum UsersExtra {
    Status,
    TotpSecret,
    TotpConfirmedAt,
    TotpLastStep,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedAt,
    UsedAt,
}
