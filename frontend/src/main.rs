//! The phone app: mounts it into the page.

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::app::App);
}
