//! The public buy-social directory: a bundle of its own, served for
//! [`crate::routes::BUY_SOCIAL_PAGES`], so the public pages do not carry its list.

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::components::{Layout, page_switch::page_switch};
use crate::pages::{buy_social::BuySocial, not_found::NotFound};
use crate::routes::BUY_SOCIAL_PAGES;

/// The buy-social page.
#[component]
pub fn BuySocialApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <BuySocialPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::BUY_SOCIAL_PAGES`]).
#[component]
fn BuySocialPages() -> impl IntoView {
    page_switch(&BUY_SOCIAL_PAGES, |page| match page {
        "buy_social" => view! { <BuySocial /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}
