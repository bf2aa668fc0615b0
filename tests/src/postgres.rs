//! A fresh PostgreSQL database per test, dropped afterwards.

use sea_orm::{ConnectionTrait, Database};

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
    /// Creates an empty database with a unique name.
    pub async fn create() -> TestDatabase {
        let name = format!("tilts_test_{}", uuid::Uuid::new_v4().simple());
        let admin =
            Database::connect(admin_url()).await.expect("PostgreSQL for tests is reachable (TILTS_TEST_POSTGRES_URL)");
        admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
        admin.close().await.ok();
        let mut url = url::Url::parse(&admin_url()).expect("TILTS_TEST_POSTGRES_URL is a URL");
        url.set_path(&name);
        TestDatabase { name, url: url.to_string() }
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
