//! The frame of every page: skip link, header with language switcher, navigation (a bottom bar
//! on phones, a top bar on wide screens) and the main region.

use leptos::prelude::*;
use leptos_router::components::A;

use super::LangSwitcher;
use crate::contexts::{
    locale::use_i18n,
    session::{Role, use_session},
};
use crate::i18n::keys;

/// Moves focus to the main region (the router would otherwise treat the link as navigation).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(main) = main {
        let _ = main.focus();
    }
}

/// The page frame around `children`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let signed_in = move || session.viewer.with(Option::is_some);
    // Founders and mentors have a profile of their own.
    let has_profile =
        move || session.viewer.with(|v| v.as_ref().is_some_and(|v| matches!(v.role, Role::Founder | Role::Mentor)));
    view! {
        <a class="skip" href="#main" on:click=skip_to_main>{move || i18n.t(keys::SKIP_TO_CONTENT)}</a>
        <header class="top">
            <A href="/" attr:class="brand">
                <span class="brand-name">{move || i18n.t(keys::APP_NAME)}</span>
            </A>
            <LangSwitcher />
        </header>
        <nav class="nav" aria-label=move || i18n.t(keys::NAV_MAIN)>
            <Show when=move || session.checked.get()>
            <Show
                when=signed_in
                fallback=move || {
                    view! {
                        <A href="/">{move || i18n.t(keys::NAV_HOME)}</A>
                        <A href="/sign-in">{move || i18n.t(keys::NAV_SIGN_IN)}</A>
                        <A href="/register">{move || i18n.t(keys::NAV_REGISTER)}</A>
                    }
                }
            >
                <A href="/mentors">{move || i18n.t(keys::NAV_MENTORS)}</A>
                <Show when=has_profile>
                    <A href="/profile">{move || i18n.t(keys::NAV_PROFILE)}</A>
                </Show>
                <A href="/account">{move || i18n.t(keys::NAV_ACCOUNT)}</A>
            </Show>
            </Show>
        </nav>
        <p class="notice offline" role="status" hidden=move || !session.offline.get()>
            {move || i18n.t(keys::OFFLINE_NOTICE)}
        </p>
        <main id="main" tabindex="-1">{children()}</main>
    }
}
