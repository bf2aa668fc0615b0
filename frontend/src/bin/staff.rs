//! The VPD staff pages: mounts them into the page served under `/staff`.

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::staff::StaffApp);
}
