//! The signed-in person's own pages: mounts them into the page served for `/account` and
//! `/profile`.

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::my::MyApp);
}
