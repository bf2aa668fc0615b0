//! `/`: what Tilts offers, in plain words.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeader;
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;

/// The public landing page.
#[component]
pub fn Landing() -> impl IntoView {
    let i18n = use_i18n();
    let card = move |title, text| {
        view! {
            <section class="card">
                <h2>{move || i18n.t(title)}</h2>
                <p>{move || i18n.t(text)}</p>
            </section>
        }
    };
    view! {
        <PageHeader title=keys::LANDING_TITLE intro=keys::LANDING_INTRO />
        <div class="actions">
            <A href="/register" attr:class="button">{move || i18n.t(keys::LANDING_CTA_REGISTER)}</A>
            <A href="/sign-in" attr:class="button secondary">{move || i18n.t(keys::LANDING_CTA_SIGN_IN)}</A>
        </div>
        <div class="cards">
            {card(keys::LANDING_FOUNDERS_TITLE, keys::LANDING_FOUNDERS_TEXT)}
            {card(keys::LANDING_MENTORS_TITLE, keys::LANDING_MENTORS_TEXT)}
            {card(keys::LANDING_ORGS_TITLE, keys::LANDING_ORGS_TEXT)}
        </div>
        <p class="note">{move || i18n.t(keys::LANDING_VPD)}</p>
    }
}
