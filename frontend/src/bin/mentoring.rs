//! Mentoring: mounts the mentoring pages into the page served for `/mentoring` and
//! `/mentoring/request`.

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::mentoring::MentoringApp);
}
