//! `/verify-email#token=…`: the link from the verification e-mail.
//!
//! The address is confirmed only when the person presses the button: mail scanners and link
//! previews that open every link do not confirm an address nobody asked for. A link that is
//! used, expired or cut short offers to send a new one.

use leptos::prelude::*;

use crate::api::{
    self,
    operations::{VerifyEmail as VerifyOp, verify_email},
};
use crate::components::{PageHeader, ResendVerification};
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;

/// Where the confirmation is.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// Waiting for the button (after a failed try, with its error).
    Ready(Option<String>),
    /// Confirmed.
    Done,
    /// The link cannot work: why, and a way to get a new one.
    DeadLink(String),
}

/// Confirms the address when the person presses the button.
#[component]
pub fn VerifyEmail() -> impl IntoView {
    let i18n = use_i18n();
    let token = crate::pages::link_token();
    crate::pages::forget_link_token();
    let outcome = RwSignal::new(if token.is_empty() {
        Outcome::DeadLink(i18n.t(keys::VERIFY_MISSING).to_owned())
    } else {
        Outcome::Ready(None)
    });
    let busy = RwSignal::new(false);
    let email = RwSignal::new(String::new());
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let token = token.clone();
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            let result = api::call::<VerifyOp>(verify_email::Variables { token }, locale).await;
            busy.set(false);
            outcome.set(match result {
                Ok(_) => Outcome::Done,
                Err(e) if e.reason.as_deref().is_some_and(|r| r.starts_with("TOKEN_")) => {
                    Outcome::DeadLink(e.text(locale))
                }
                // A lost connection or our fault: the same link may work on another try.
                Err(e) => Outcome::Ready(Some(e.text(locale))),
            });
        });
    };
    view! {
        <PageHeader
            title=keys::VERIFY_TITLE
            intro=keys::VERIFY_INTRO
            hide_intro=Signal::derive(move || outcome.with(|o| !matches!(o, Outcome::Ready(None))))
        />
        {move || match outcome.get() {
            Outcome::Ready(error) => view! {
                {error.map(|message| view! { <p class="error" role="alert">{message}</p> })}
                <p>
                    <button type="button" class="button" id="confirm-email" on:click=confirm.clone()
                        aria-busy=move || busy.get().to_string() disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(keys::FORM_WORKING) } else { i18n.t(keys::VERIFY_CONFIRM) }}
                    </button>
                </p>
            }.into_any(),
            Outcome::Done => view! {
                <section class="success" role="status">
                    <p>{i18n.t(keys::VERIFY_DONE)}</p>
                    <p><a href="/sign-in" class="button">{i18n.t(keys::NAV_SIGN_IN)}</a></p>
                </section>
            }.into_any(),
            Outcome::DeadLink(message) => view! {
                <p class="error" role="alert">{message}</p>
                <ResendVerification email=email ask_email=true />
            }.into_any(),
        }}
    }
}
