//! Other people: the mentor directory and a mentor's profile, notifications and who viewed the
//! person's data. A bundle of its own, served for the paths in [`crate::routes::FIND_PAGES`],
//! with the same layout as the other phone pages.

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::components::{Layout, page_switch::page_switch};
use crate::pages::{
    founders::FounderList,
    mentors::{MentorList, MentorPage},
    not_found::NotFound,
    notifications::NotificationList,
    organisations::OrganisationList,
    views::ProfileViewPage,
};
use crate::routes::FIND_PAGES;

/// The directory pages.
#[component]
pub fn FindApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <FindPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::FIND_PAGES`]).
#[component]
fn FindPages() -> impl IntoView {
    page_switch(&FIND_PAGES, |page| match page {
        "directory" => view! { <MentorList /> }.into_any(),
        "mentor" => view! { <MentorPage /> }.into_any(),
        "founders" => view! { <FounderList /> }.into_any(),
        "organisations" => view! { <OrganisationList /> }.into_any(),
        "notifications" => view! { <NotificationList /> }.into_any(),
        "views" => view! { <ProfileViewPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}
