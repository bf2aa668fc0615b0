use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A founder may ask for a peer mentor (lived experience of the justice system); their
        // recommendations then weigh it.
        manager
            .alter_table(
                Table::alter()
                    .table(FounderProfiles::Table)
                    .add_column(boolean(FounderProfiles::WantsPeerMentor).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(FounderProfiles::Table).drop_column(FounderProfiles::WantsPeerMentor).to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum FounderProfiles {
    Table,
    WantsPeerMentor,
}
