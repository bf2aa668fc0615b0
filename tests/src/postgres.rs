//! A fresh PostgreSQL database per test, dropped afterwards. Each is a copy of a template that
//! this test process migrated once, so a test does not pay for the migrations again.

use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

/// The migrated template of this test process.
static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

/// The start of every template's name; the rest is `<process id>_<random>`.
const TEMPLATE_PREFIX: &str = "tilts_template_";

/// The URL of database `name` on the test server.
fn url_of(name: &str) -> String {
    let mut url = url::Url::parse(&admin_url()).expect("TILTS_TEST_POSTGRES_URL is a URL");
    url.set_path(name);
    url.to_string()
}

async fn admin() -> DatabaseConnection {
    Database::connect(admin_url()).await.expect("PostgreSQL for tests is reachable (TILTS_TEST_POSTGRES_URL)")
}

/// The name of this process's migrated template, made on first use. Templates that earlier
/// test processes left behind (a test run ends without dropping statics) are dropped first.
async fn template() -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let admin = admin().await;
            let rows = admin
                .query_all_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("SELECT datname FROM pg_database WHERE datname LIKE '{TEMPLATE_PREFIX}%'"),
                ))
                .await
                .expect("list templates");
            for row in rows {
                let Ok(name) = row.try_get::<String>("", "datname") else { continue };
                let pid = name.trim_start_matches(TEMPLATE_PREFIX).split('_').next().unwrap_or_default();
                if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                }
            }
            let random = uuid::Uuid::new_v4().simple().to_string();
            let name = format!("{TEMPLATE_PREFIX}{}_{}", std::process::id(), &random[..8]);
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create the template");
            admin.close().await.ok();
            let db = tilts::db::connect(&url_of(&name)).await.expect("connect to the template");
            tilts::db::migrate(&db).await.expect("migrate the template");
            // A template can be copied only while nobody is connected to it.
            db.close().await.ok();
            name
        })
        .await
}

/// The server the tests use: `TILTS_TEST_POSTGRES_URL`, default the local `postgres` user.
pub fn admin_url() -> String {
    std::env::var("TILTS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that is dropped with this value.
pub struct TestDatabase {
    /// Its name.
    pub name: String,
    /// Its URL.
    pub url: String,
}

impl TestDatabase {
    /// Creates a migrated database with a unique name.
    pub async fn create() -> TestDatabase {
        let template = template().await;
        let name = format!("tilts_test_{}", uuid::Uuid::new_v4().simple());
        let admin = admin().await;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .await
            .expect("create test database");
        admin.close().await.ok();
        TestDatabase { url: url_of(&name), name }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs outside async; a short-lived runtime on its own thread does the cleanup.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            rt.block_on(async {
                if let Ok(admin) = Database::connect(admin_url()).await {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                    admin.close().await.ok();
                }
            });
            Ok::<(), std::io::Error>(())
        })
        .join();
    }
}
