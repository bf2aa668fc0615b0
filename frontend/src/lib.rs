//! The Tilts PWA, built as two bundles from one crate: the phone app (`src/main.rs`) and the
//! VPD staff pages under `/staff` (`src/bin/staff.rs`). Each bundle links only what its root
//! reaches, so the phone bundle carries no staff page, operation or text.

pub mod api;
pub mod app;
pub mod buy_social;
pub mod components;
pub mod contexts;
pub mod find;
pub mod i18n;
pub mod mentoring;
pub mod my;
pub mod opportunities;
pub mod org;
pub mod pages;
pub mod posting;
pub mod routes;
pub mod staff;
