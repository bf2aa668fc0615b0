//! A founder's applications: mounts their page into the page served for
//! [`tilts_frontend::routes::APPLICATION_PAGES`].

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::opportunities::applications::ApplicationsApp);
}
