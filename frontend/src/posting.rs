//! An organisation's work on one posting — writing it and reading its applicants: a bundle of
//! its own, served for the paths in [`crate::routes::POSTING_PAGES`] (the type-aware form alone
//! would take the organisation's bundle past the 200 KB a phone downloads for a first page).

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::components::{Layout, page_switch::page_switch};
use crate::pages::{applicants::ApplicantsPage, not_found::NotFound, opportunity_edit::OpportunityEdit};
use crate::routes::POSTING_PAGES;

/// The posting pages.
#[component]
pub fn PostingApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <PostingPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::POSTING_PAGES`]).
#[component]
fn PostingPages() -> impl IntoView {
    page_switch(&POSTING_PAGES, |page| match page {
        "opportunity_edit" => view! { <OpportunityEdit /> }.into_any(),
        "applicants" => view! { <ApplicantsPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}
