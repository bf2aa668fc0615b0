//! Opportunities: mounts the opportunity and application pages into the page served for
//! [`tilts_frontend::routes::OPPORTUNITY_PAGES`].

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::opportunities::OpportunitiesApp);
}
