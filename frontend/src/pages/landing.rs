//! `/`: what Tilts offers, in plain words.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeader;
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::keys;

/// The public landing page.
#[component]
pub fn Landing() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
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
        {move || match session.viewer.get() {
            // Signed in: the next step, not "create an account".
            Some(person) => view! {
                <section class="card next-step">
                    <p>{i18n.fill(keys::LANDING_SIGNED_IN, &[("name", &person.display_name)])}</p>
                    <p><A href="/account" attr:class="button">{i18n.t(keys::LANDING_TO_ACCOUNT)}</A></p>
                </section>
            }.into_any(),
            None => view! {
                <div class="actions">
                    <A href="/register" attr:class="button">{i18n.t(keys::LANDING_CTA_REGISTER)}</A>
                    <A href="/sign-in" attr:class="button secondary">{i18n.t(keys::LANDING_CTA_SIGN_IN)}</A>
                </div>
            }.into_any(),
        }}
        <div class="cards">
            {card(keys::LANDING_FOUNDERS_TITLE, keys::LANDING_FOUNDERS_TEXT)}
            {card(keys::LANDING_MENTORS_TITLE, keys::LANDING_MENTORS_TEXT)}
            {card(keys::LANDING_ORGS_TITLE, keys::LANDING_ORGS_TEXT)}
        </div>
        <p class="note">{move || i18n.t(keys::LANDING_VPD)}</p>
    }
}
