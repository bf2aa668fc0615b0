use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Where a person stands with VPD's moderation: `pending`, `approved`, `rejected` or
        // `suspended`. Mentors and organisation members wait for staff; nobody has approved
        // anyone before this release, so the ones already registered wait too.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len(Users::Standing, 16).default("approved"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(Users::Table)
                    .value(Users::Standing, "pending")
                    .and_where(Expr::col(Users::Role).is_in(["mentor", "enterprise"]))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::Standing).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Standing,
    Role,
}
