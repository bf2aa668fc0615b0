//! End-to-end tests of Tilts: the real server on a free port, a fresh database per test
//! (SQLite and PostgreSQL), and a real SMTP server on loopback.

#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod app;
pub mod logs;
pub mod postgres;
pub mod smtp;

pub use app::{Backend, TestApp, spawn_app, spawn_app_with};

/// Runs each test on both databases: `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! db_test {
    ($(async fn $name:ident($app:ident: TestApp) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                #[allow(unused_imports)]
                use $crate::TestApp;

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    #[allow(unused_mut)]
                    let mut $app = $crate::spawn_app($crate::Backend::Sqlite).await;
                    $body
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    #[allow(unused_mut)]
                    let mut $app = $crate::spawn_app($crate::Backend::Postgres).await;
                    $body
                }
            }
        )*
    };
}

#[cfg(test)]
mod api;
#[cfg(test)]
mod browser;
