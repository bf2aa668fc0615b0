use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The statuses in which a mentorship holds one of its mentor's places.
const HOLDING: &str = "('pending_review', 'active')";

/// When a write to `mentorships` changes how many places a mentor has taken, by event.
fn moves_places(event: &str) -> String {
    match event {
        "INSERT" => format!("NEW.status IN {HOLDING}"),
        "UPDATE" => format!("OLD.status <> NEW.status AND (OLD.status IN {HOLDING} OR NEW.status IN {HOLDING})"),
        _ => format!("OLD.status IN {HOLDING}"),
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The places each mentor has taken are kept in memory beside the mentors; the database
        // raises this counter in the writing transaction whenever a mentorship starts or stops
        // holding a place, so every process reads them again after any such step.
        let db = manager.get_connection();
        db.execute_unprepared("INSERT INTO change_counters (name, value) VALUES ('places', 0)").await?;
        let bump = "UPDATE change_counters SET value = value + 1 WHERE name = 'places'";
        let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
        if postgres {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION tilts_places_changed() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN {bump}; RETURN NULL; END $$"
            ))
            .await?;
        }
        for event in ["INSERT", "UPDATE", "DELETE"] {
            let of = if event == "UPDATE" { " OF status" } else { "" };
            let name = format!("places_changed_{}", event.to_lowercase());
            let when = moves_places(event);
            let sql = if postgres {
                format!(
                    "CREATE TRIGGER {name} AFTER {event}{of} ON mentorships FOR EACH ROW WHEN ({when}) \
                     EXECUTE FUNCTION tilts_places_changed()"
                )
            } else {
                format!("CREATE TRIGGER {name} AFTER {event}{of} ON mentorships WHEN {when} BEGIN {bump}; END")
            };
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
        for event in ["insert", "update", "delete"] {
            let on = if postgres { " ON mentorships" } else { "" };
            db.execute_unprepared(&format!("DROP TRIGGER places_changed_{event}{on}")).await?;
        }
        if postgres {
            db.execute_unprepared("DROP FUNCTION tilts_places_changed()").await?;
        }
        db.execute_unprepared("DELETE FROM change_counters WHERE name = 'places'").await?;
        Ok(())
    }
}
