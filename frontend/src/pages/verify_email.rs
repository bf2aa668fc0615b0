//! `/verify-email#token=…`: the link from the verification e-mail.
//!
//! The address is confirmed only when the person presses the button: mail scanners and link
//! previews that open every link do not confirm an address nobody asked for.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{
    self,
    operations::{VerifyEmail as VerifyOp, verify_email},
};
use crate::components::PageHeader;
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;

/// Confirms the address when the person presses the button.
#[component]
pub fn VerifyEmail() -> impl IntoView {
    let i18n = use_i18n();
    let token = crate::pages::link_token();
    crate::pages::forget_link_token();
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    if token.is_empty() {
        outcome.set(Some(Err(i18n.t(keys::VERIFY_MISSING).to_owned())));
    }
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
            outcome.set(Some(result.map(|_| ()).map_err(|e| e.text(locale))));
        });
    };
    view! {
        <PageHeader
            title=keys::VERIFY_TITLE
            intro=keys::VERIFY_INTRO
            hide_intro=Signal::derive(move || outcome.with(Option::is_some))
        />
        {move || match outcome.get() {
            None => view! {
                <p>
                    <button type="button" class="button" id="confirm-email" on:click=confirm.clone()
                        aria-busy=move || busy.get().to_string() disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(keys::FORM_WORKING) } else { i18n.t(keys::VERIFY_CONFIRM) }}
                    </button>
                </p>
            }.into_any(),
            Some(Ok(())) => view! {
                <section class="success" role="status">
                    <p>{i18n.t(keys::VERIFY_DONE)}</p>
                    <p><A href="/sign-in" attr:class="button">{i18n.t(keys::NAV_SIGN_IN)}</A></p>
                </section>
            }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
        }}
    }
}
