//! The Tilts PWA: mounts the app into the page.

mod api;
mod app;
mod components;
mod contexts;
mod i18n;
mod pages;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
