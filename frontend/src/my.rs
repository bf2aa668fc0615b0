//! The signed-in person's own pages (account, profile): a bundle of their own, so the public
//! pages a phone opens first do not carry their code. Served by the server for the paths in
//! [`crate::routes::MY_PAGES`], with the same layout as the public pages.

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::components::{Layout, page_switch::page_switch};
use crate::pages::{account::Account, not_found::NotFound, profile::Profile};
use crate::routes::MY_PAGES;

/// The signed-in person's pages.
#[component]
pub fn MyApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <MyPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::MY_PAGES`]).
#[component]
fn MyPages() -> impl IntoView {
    page_switch(&MY_PAGES, |page| match page {
        "account" => view! { <Account /> }.into_any(),
        "profile" => view! { <Profile /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}
