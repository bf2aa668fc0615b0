//! One mentorship: mounts its page into the page served for `/mentorship`.

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::mentoring::mentorship::MentorshipApp);
}
