//! `/mentoring/request?mentor=…`: a founder asks a mentor for mentoring with a short message. The
//! mentor answers within 14 days; the founder may have up to three requests open at once.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{require_sign_in, text};
use crate::api::{
    self,
    mentoring::{MentorToAsk, RequestMentor as Send, mentor_to_ask as mentor, request_mentor},
};
use crate::components::{FormFooter, FormState, TextArea};
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::keys;

/// The most characters of a request's message (the server's limit).
const MAX_MESSAGE: u32 = 1000;

/// The page.
#[component]
pub fn RequestMentor() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let mentor_id = move || query.with(|q| q.get("mentor")).unwrap_or_default();
    require_sign_in(move || format!("/mentoring/request?mentor={}", mentor_id()));
    let found = RwSignal::new(None::<mentor::MentorToAskMentor>);
    let missing = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        let id = mentor_id();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::call::<MentorToAsk>(mentor::Variables { id }, locale).await {
                Ok(data) => found.set(Some(data.mentor)),
                Err(e) => missing.set(Some(e.text(locale))),
            }
        });
    });
    view! {
        <p><a href="/mentoring">{i18n.tr(keys::MENTORING_BACK)}</a></p>
        {move || match (found.get(), missing.get()) {
            (Some(m), _) => {
                let title = i18n.fill(keys::REQUEST_MENTOR_HEADING, &[("name", &m.display_name)]);
                view! {
                    <h1 id="request-title">{title}</h1>
                    <p class="intro">{m.headline.clone()}</p>
                    <p>{i18n.tr(keys::REQUEST_MENTOR_INTRO)}</p>
                    <RequestForm mentor_id=m.id.clone() />
                }
                .into_any()
            }
            (None, Some(message)) => view! {
                <h1>{i18n.tr(keys::DIRECTORY_MISSING)}</h1>
                <p id="mentor-missing" class="intro">{message}</p>
            }
            .into_any(),
            (None, None) => view! { <p role="status">{i18n.tr(keys::MENTORING_LOADING)}</p> }.into_any(),
        }}
    }
}

/// The request's form for mentor `mentor_id`.
#[component]
fn RequestForm(mentor_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let form = FormState::new(&[("message", keys::REQUEST_MENTOR_MESSAGE)]);
    let message = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if message.with_untracked(|m| m.trim().is_empty()) {
            form.invalid("message", i18n, keys::REQUEST_MENTOR_MESSAGE_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let navigate = navigate.clone();
        let variables = request_mentor::Variables { mentor_id: mentor_id.clone(), message: message.get_untracked() };
        form.send::<Send>(variables, i18n, move |data| {
            navigate(&format!("/mentorship?id={}&asked=1", data.request_mentor.id), Default::default());
        });
    };
    view! {
        <form on:submit=submit novalidate=true aria-labelledby="request-title">
            <TextArea
                name="message"
                label=text(i18n, keys::REQUEST_MENTOR_MESSAGE)
                hint=text(i18n, keys::REQUEST_MENTOR_MESSAGE_HINT)
                value=message
                error=form.error_of("message")
                maxlength=MAX_MESSAGE
            />
            <p class="note">{i18n.tr(keys::REQUEST_MENTOR_PRIVACY)}</p>
            <FormFooter form=form submit=keys::REQUEST_MENTOR_SEND />
        </form>
    }
}
