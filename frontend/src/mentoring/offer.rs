//! `/mentoring/offer?founder=…`: a mentor offers to mentor a founder who looks for a mentor, with
//! a short message. The founder answers within 14 days; a mentor may have up to three offers
//! open at once.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{require_sign_in, text};
use crate::api::{
    self,
    mentoring::{FounderToOffer, OfferMentorship as Send, founder_to_offer as founder, offer_mentorship},
};
use crate::components::{FormFooter, FormState, TextArea};
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::keys;

/// The most characters of an offer's message (the server's limit).
const MAX_MESSAGE: u32 = 1000;

/// The page.
#[component]
pub fn OfferFounder() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let founder_id = move || query.with(|q| q.get("founder")).unwrap_or_default();
    require_sign_in(move || format!("/mentoring/offer?founder={}", founder_id()));
    let found = RwSignal::new(None::<founder::FounderToOfferFounder>);
    let missing = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        let id = founder_id();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::call::<FounderToOffer>(founder::Variables { id }, locale).await {
                Ok(data) => found.set(Some(data.founder)),
                Err(e) => missing.set(Some(e.text(locale))),
            }
        });
    });
    view! {
        <p><a href="/mentoring">{i18n.tr(keys::MENTORING_BACK)}</a></p>
        {move || match (found.get(), missing.get()) {
            (Some(f), _) => {
                let title = i18n.fill(keys::OFFER_FOUNDER_HEADING, &[("name", &f.display_name)]);
                view! {
                    <h1 id="offer-title">{title}</h1>
                    <p class="intro">{f.headline.clone()}</p>
                    <p class="pre">{f.business_idea.clone()}</p>
                    <p>{i18n.tr(keys::OFFER_FOUNDER_INTRO)}</p>
                    <OfferForm founder_id=f.id.clone() />
                }
                .into_any()
            }
            (None, Some(message)) => view! {
                <h1>{i18n.tr(keys::DIRECTORY_MISSING)}</h1>
                <p id="founder-missing" class="intro">{message}</p>
            }
            .into_any(),
            (None, None) => view! { <p role="status">{i18n.tr(keys::MENTORING_LOADING)}</p> }.into_any(),
        }}
    }
}

/// The offer's form for founder `founder_id`.
#[component]
fn OfferForm(founder_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let form = FormState::new(&[("message", keys::OFFER_FOUNDER_MESSAGE)]);
    let message = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if message.with_untracked(|m| m.trim().is_empty()) {
            form.invalid("message", i18n, keys::OFFER_FOUNDER_MESSAGE_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let navigate = navigate.clone();
        let variables =
            offer_mentorship::Variables { founder_id: founder_id.clone(), message: message.get_untracked() };
        form.send::<Send>(variables, i18n, move |data| {
            navigate(&format!("/mentorship?id={}&offered=1", data.offer_mentorship.id), Default::default());
        });
    };
    view! {
        <form on:submit=submit novalidate=true aria-labelledby="offer-title">
            <TextArea
                name="message"
                label=text(i18n, keys::OFFER_FOUNDER_MESSAGE)
                hint=text(i18n, keys::OFFER_FOUNDER_MESSAGE_HINT)
                value=message
                error=form.error_of("message")
                maxlength=MAX_MESSAGE
            />
            <p class="note">{i18n.tr(keys::OFFER_FOUNDER_PRIVACY)}</p>
            <FormFooter form=form submit=keys::OFFER_FOUNDER_SEND />
        </form>
    }
}
