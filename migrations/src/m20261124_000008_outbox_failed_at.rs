use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // When a message was given up on: failed rows are deleted 30 days later, like sent ones.
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(timestamp_with_time_zone_null(Outbox::FailedAt))
                    .to_owned(),
            )
            .await?;
        // Rows given up on before this release: their last attempt was due at `next_attempt_at`,
        // and their bodies (with single-use links) go now.
        manager
            .exec_stmt(
                Query::update()
                    .table(Outbox::Table)
                    .value(Outbox::FailedAt, Expr::col(Outbox::NextAttemptAt))
                    .value(Outbox::BodyText, "")
                    .value(Outbox::BodyHtml, "")
                    .and_where(Expr::col(Outbox::Status).eq("failed"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::FailedAt).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    FailedAt,
    NextAttemptAt,
    BodyText,
    BodyHtml,
    Status,
}
