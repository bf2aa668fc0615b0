//! Opportunities and applications (a bundle served for [`crate::routes::OPPORTUNITY_PAGES`]):
//! published postings with filters and, for a founder, those that fit them; one posting with
//! applying. A founder's own applications ([`applications`]) are a bundle of their own. Writing postings and reading applicants are an
//! organisation's pages (the org bundle), reviewing them VPD staff's.

pub mod applications;
mod detail;
mod list;

use leptos::prelude::*;
use leptos_router::{components::Router, hooks::use_navigate};

use crate::components::{Layout, page_switch::page_switch};
use crate::contexts::{locale::I18n, session::use_session};
use crate::i18n::Key;
use crate::pages::not_found::NotFound;
use crate::routes::OPPORTUNITY_PAGES;

/// The opportunity pages.
#[component]
pub fn OpportunitiesApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <OpportunityPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::OPPORTUNITY_PAGES`]).
#[component]
fn OpportunityPages() -> impl IntoView {
    page_switch(&OPPORTUNITY_PAGES, |page| match page {
        "opportunities" => view! { <list::OpportunityList /> }.into_any(),
        "opportunity" => view! { <detail::OpportunityPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

/// Sends people who are not signed in to the sign-in page, then back to `here`.
fn require_sign_in(here: impl Fn() -> String + Send + Sync + 'static) {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            let next: String = js_sys::encode_uri_component(&here()).into();
            navigate(&format!("/sign-in?next={next}"), Default::default());
        }
    });
}

/// A `YYYY-MM-DD` date as the reader writes dates: `31.12.2026`.
pub fn day(date: &str) -> String {
    let mut parts = date.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{d}.{m}.{y}"),
        _ => date.to_owned(),
    }
}
