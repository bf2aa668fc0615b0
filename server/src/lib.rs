//! Tilts: the networking and mentoring marketplace of the Latvian State Probation Service.
//!
//! Layers: `graphql` and `http` (transport) call `services` (use cases), which use `domain`
//! (plain rules) and `db` (persistence). `email` and `jobs` deliver what services decide.
//! `privacy` is the one way to conviction and supervision data (sealed tables, audited reads).

pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod email;
pub mod error;
pub mod graphql;
pub mod http;
pub mod i18n;
pub mod jobs;
pub mod privacy;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
