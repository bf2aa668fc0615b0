//! Finding people: mounts the directory pages into the page served for `/mentors` and
//! `/mentor`.

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::find::FindApp);
}
