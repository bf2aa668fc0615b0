//! An organisation's work on one posting: mounts the pages served for
//! [`tilts_frontend::routes::POSTING_PAGES`].

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::posting::PostingApp);
}
