use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(table, key column, source columns)`: each gets a `search_text` column with its texts
/// lower-cased by the server (SQLite's `LOWER()` knows only ASCII letters, so "Ā" and "Ж" would
/// never match "ā" and "ж").
const SOURCES: [(&str, &str, &[&str]); 3] = [
    ("users", "id", &["display_name"]),
    ("founder_profiles", "user_id", &["headline", "business_idea", "skills"]),
    ("mentor_profiles", "user_id", &["headline", "bio"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, _, _) in SOURCES {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(text(Alias::new("search_text")).default(""))
                        .to_owned(),
                )
                .await?;
        }
        // Fill it for the rows already there.
        let db = manager.get_connection();
        for (table, key, columns) in SOURCES {
            let mut select = Query::select();
            select.column(Alias::new(key)).from(Alias::new(table));
            for column in columns {
                select.column(Alias::new(*column));
            }
            for row in db.query_all(&select).await? {
                let id: sea_orm_migration::sea_orm::prelude::Uuid = row.try_get("", key)?;
                let mut texts = Vec::new();
                for column in columns {
                    texts.push(row.try_get::<String>("", column)?);
                }
                let update = Query::update()
                    .table(Alias::new(table))
                    .value(Alias::new("search_text"), texts.join("\n").to_lowercase())
                    .and_where(Expr::col(Alias::new(key)).eq(id))
                    .to_owned();
                db.execute(&update).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, _, _) in SOURCES {
            manager
                .alter_table(Table::alter().table(Alias::new(table)).drop_column(Alias::new("search_text")).to_owned())
                .await?;
        }
        Ok(())
    }
}
