use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose writes change what a mentor looks like to others: their account (standing,
/// status, name), their profile and its lists.
const MENTOR_TABLES: [&str; 3] = ["users", "mentor_profiles", "profile_terms"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A counter per kind of data a server process keeps in memory, raised by the database
        // itself in the writing transaction, so no write path, present or future, can forget it
        // and every process sees a change with the data.
        manager
            .create_table(
                Table::create()
                    .table(ChangeCounters::Table)
                    .col(ColumnDef::new(ChangeCounters::Name).string().not_null().primary_key())
                    .col(ColumnDef::new(ChangeCounters::Value).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared("INSERT INTO change_counters (name, value) VALUES ('mentors', 0)").await?;
        let bump = "UPDATE change_counters SET value = value + 1 WHERE name = 'mentors'";
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION tilts_mentors_changed() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN {bump}; RETURN NULL; END $$"
                ))
                .await?;
                for table in ["mentor_profiles", "profile_terms"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER mentors_changed AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         FOR EACH STATEMENT EXECUTE FUNCTION tilts_mentors_changed()"
                    ))
                    .await?;
                }
                for (event, when) in [
                    ("INSERT", "NEW.role = 'mentor'"),
                    ("UPDATE", "NEW.role = 'mentor' OR OLD.role = 'mentor'"),
                    ("DELETE", "OLD.role = 'mentor'"),
                ] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER mentors_changed_{} AFTER {event} ON users FOR EACH ROW \
                         WHEN ({when}) EXECUTE FUNCTION tilts_mentors_changed()",
                        event.to_lowercase()
                    ))
                    .await?;
                }
            }
            _ => {
                for table in MENTOR_TABLES {
                    for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
                        let when = match (table, event) {
                            ("users", "UPDATE") => " WHEN NEW.role = 'mentor' OR OLD.role = 'mentor'".to_owned(),
                            ("users", _) => format!(" WHEN {row}.role = 'mentor'"),
                            _ => String::new(),
                        };
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER mentors_changed_{table}_{} AFTER {event} ON {table}{when} \
                             BEGIN {bump}; END",
                            event.to_lowercase()
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                for table in ["mentor_profiles", "profile_terms"] {
                    db.execute_unprepared(&format!("DROP TRIGGER mentors_changed ON {table}")).await?;
                }
                for event in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!("DROP TRIGGER mentors_changed_{event} ON users")).await?;
                }
                db.execute_unprepared("DROP FUNCTION tilts_mentors_changed()").await?;
            }
            _ => {
                for table in MENTOR_TABLES {
                    for event in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!("DROP TRIGGER mentors_changed_{table}_{event}")).await?;
                    }
                }
            }
        }
        manager.drop_table(Table::drop().table(ChangeCounters::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ChangeCounters {
    Table,
    Name,
    Value,
}
