use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(new index, table, columns, index it replaces)`: a directory page asks "who in this region
/// is listed (or available)"; with the listing and the id in the index, the database answers
/// from the index alone instead of reading every profile of the region.
const INDEXES: [(&str, &str, &[&str], &str); 2] = [
    ("mentor_profiles_directory", "mentor_profiles", &["region", "available", "user_id"], "mentor_profiles_by_region"),
    ("founder_profiles_directory", "founder_profiles", &["region", "listed", "user_id"], "founder_profiles_by_region"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns, replaced) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
            manager.drop_index(Index::drop().name(replaced).table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _, replaced) in INDEXES {
            manager
                .create_index(
                    Index::create().name(replaced).table(Alias::new(table)).col(Alias::new("region")).to_owned(),
                )
                .await?;
            manager.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
