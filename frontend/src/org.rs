//! An organisation account's pages (its organisation, its representatives, its postings): a bundle of its
//! own, served for the paths in [`crate::routes::ORG_PAGES`], so founders' phones never
//! download them. Same layout as the other phone pages.

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::components::{Layout, page_switch::page_switch};
use crate::pages::{not_found::NotFound, organisation::MyOrganisation};
use crate::routes::ORG_PAGES;

/// An organisation's pages.
#[component]
pub fn OrgApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <OrgPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::ORG_PAGES`]).
#[component]
fn OrgPages() -> impl IntoView {
    page_switch(&ORG_PAGES, |page| match page {
        "organisation" => view! { <MyOrganisation /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}
