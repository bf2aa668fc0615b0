//! An organisation's pages: mounts them into the page served for `/organisation`.

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::org::OrgApp);
}
