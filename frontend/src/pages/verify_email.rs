//! `/verify-email?token=…`: the link from the verification e-mail.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

use crate::api::{
    self,
    operations::{VerifyEmail as VerifyOp, verify_email},
};
use crate::components::PageHeader;
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;

/// Confirms the address as soon as the page opens.
#[component]
pub fn VerifyEmail() -> impl IntoView {
    let i18n = use_i18n();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    crate::pages::forget_link_token();
    let outcome = RwSignal::new(None::<Result<(), String>>);
    if token.is_empty() {
        outcome.set(Some(Err(i18n.t(keys::VERIFY_MISSING).to_owned())));
    } else {
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            let result = api::call::<VerifyOp>(verify_email::Variables { token }, locale).await;
            outcome.set(Some(result.map(|_| ()).map_err(|e| e.text(locale))));
        });
    }
    view! {
        <PageHeader
            title=keys::VERIFY_TITLE
            intro=keys::VERIFY_INTRO
            hide_intro=Signal::derive(move || outcome.with(Option::is_some))
        />
        {move || match outcome.get() {
            None => view! { <p role="status" aria-busy="true">{i18n.t(keys::FORM_WORKING)}</p> }.into_any(),
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
