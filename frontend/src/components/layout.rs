//! The frame of every page: skip link, header with language switcher, navigation (a bottom bar
//! on phones, a top bar on wide screens) and the main region.

use leptos::prelude::*;
use leptos_router::components::A;

use super::LangSwitcher;
use crate::api::{
    self,
    operations::{UnreadNotificationCount, unread_notification_count as unread_count},
};
use crate::contexts::{
    locale::use_i18n,
    session::{Role, use_session},
};
use crate::i18n::{Key, keys, plural};

/// How many of the signed-in person's notifications are unread: the bell's number, which the
/// notifications page updates as it marks them read.
#[derive(Clone, Copy)]
pub struct Unread(pub RwSignal<u64>);

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

/// The navigation of a signed-in person with `role`: founders and mentors have opportunities,
/// mentoring and a profile of their own; organisation accounts opportunities, their organisation
/// and mentoring (for NGOs).
fn signed_in_links(role: Option<Role>) -> Vec<(&'static str, Key)> {
    let mut links = vec![("/mentors", keys::NAV_FIND)];
    match role {
        Some(Role::Founder | Role::Mentor) => links.extend([
            ("/opportunities", keys::NAV_OPPORTUNITIES),
            ("/mentoring", keys::NAV_MENTORING),
            ("/profile", keys::NAV_PROFILE),
        ]),
        Some(Role::Enterprise) => links.extend([
            ("/opportunities", keys::NAV_OPPORTUNITIES),
            ("/organisation", keys::NAV_ORGANISATION),
            ("/mentoring", keys::NAV_MENTORING),
        ]),
        _ => {}
    }
    links.push(("/account", keys::NAV_ACCOUNT));
    links
}

/// The page frame around `children`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let signed_in = move || session.viewer.with(Option::is_some);
    let unread = Unread(RwSignal::new(0));
    provide_context(unread);
    Effect::new(move |_| {
        if session.viewer.with(Option::is_some) {
            let locale = i18n.locale.get_untracked();
            leptos::task::spawn_local(async move {
                if let Ok(data) = api::call::<UnreadNotificationCount>(unread_count::Variables {}, locale).await {
                    unread.0.set(u64::try_from(data.unread_notification_count).unwrap_or_default());
                }
            });
        }
    });
    // "Notifications, 2 unread" for screen readers; the number alone on the badge.
    let bell_label = move || {
        let n = unread.0.get();
        let title = i18n.t(keys::NOTIFICATIONS_BELL);
        if n == 0 {
            return title.to_owned();
        }
        let locale = i18n.locale.get();
        let count = keys::NOTIFICATIONS_UNREAD
            .text(locale)
            .replace("{n}", &n.to_string())
            .replace("{unit}", plural::form(keys::NOTIFICATIONS_UNREAD_UNIT.text(locale), locale.code(), n));
        format!("{title}, {count}")
    };
    view! {
        <a class="skip" href="#main" on:click=skip_to_main>{move || i18n.t(keys::SKIP_TO_CONTENT)}</a>
        <header class="top">
            <A href="/" attr:class="brand">
                <span class="brand-name">{move || i18n.t(keys::APP_NAME)}</span>
            </A>
            <Show when=signed_in>
                <A href="/notifications" attr:class="bell" attr:id="bell" attr:aria-label=bell_label>
                    <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
                        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
                    </svg>
                    <span class="bell-count" hidden=move || unread.0.get() == 0>{move || unread.0.get().to_string()}</span>
                </A>
            </Show>
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
                {move || {
                    signed_in_links(session.viewer.with(|v| v.as_ref().map(|v| v.role)))
                        .into_iter()
                        .map(|(href, key)| view! { <A href=href>{move || i18n.t(key)}</A> })
                        .collect_view()
                }}
            </Show>
            </Show>
        </nav>
        <p class="notice offline" role="status" hidden=move || !session.offline.get()>
            {move || i18n.t(keys::OFFLINE_NOTICE)}
        </p>
        <main id="main" tabindex="-1">{children()}</main>
    }
}
