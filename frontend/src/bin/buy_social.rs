//! The public buy-social directory: mounts the page served for
//! [`tilts_frontend::routes::BUY_SOCIAL_PAGES`].

fn main() {
    leptos::mount::mount_to_body(tilts_frontend::buy_social::BuySocialApp);
}
