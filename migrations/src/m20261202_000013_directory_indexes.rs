use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(index, table, columns)`: the directory lists people of one role in name order, narrowed by
/// region.
const INDEXES: [(&str, &str, &[&str]); 3] = [
    ("users_by_role_and_name", "users", &["role", "display_name", "id"]),
    ("mentor_profiles_by_region", "mentor_profiles", &["region"]),
    ("founder_profiles_by_region", "founder_profiles", &["region"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager.drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
