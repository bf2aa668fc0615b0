//! `/notifications`: what the person must know about, newest first. Opening the page marks
//! what it shows as read, and the bell's number follows.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{
        MarkNotificationsRead, Notifications as List, mark_notifications_read as mark, notifications as list,
    },
};
use crate::components::{PageHeader, layout::Unread};
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::{Locale, keys};

/// Notifications per page.
const PAGE: i64 = 20;

/// The date and time of an RFC 3339 time, written the way `locale` writes them.
fn local_time(time: &str, locale: Locale) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(time));
    String::from(date.to_locale_string(locale.code(), &wasm_bindgen::JsValue::UNDEFINED))
}

/// The page.
#[component]
pub fn NotificationList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let unread = use_context::<Unread>();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            navigate("/sign-in?next=/notifications", Default::default());
        }
    });
    let items = RwSignal::new(Vec::<list::NotificationsNotificationsNodes>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let load = move |after: Option<String>| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            match api::call::<List>(list::Variables { first: PAGE, after }, locale).await {
                Ok(data) => {
                    let page = data.notifications;
                    let fresh: Vec<String> = page.nodes.iter().filter(|n| !n.read).map(|n| n.id.clone()).collect();
                    items.update(|list| list.extend(page.nodes));
                    next.set(page.page_info.has_next_page.then_some(page.page_info.end_cursor).flatten());
                    error.set(None);
                    if !fresh.is_empty()
                        && let Ok(marked) =
                            api::call::<MarkNotificationsRead>(mark::Variables { ids: fresh }, locale).await
                        && let Some(unread) = unread
                    {
                        unread.0.set(u64::try_from(marked.mark_notifications_read).unwrap_or_default());
                    }
                }
                Err(e) => error.set(Some(e.text(locale))),
            }
            loading.set(false);
            loaded.set(true);
        });
    };
    Effect::new(move |_| {
        if session.viewer.with(Option::is_some) && !loaded.get_untracked() {
            load(None);
        }
    });
    view! {
        <PageHeader title=keys::NOTIFICATIONS_TITLE intro=keys::NOTIFICATIONS_INTRO />
        <p class="error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get().unwrap_or_default()}</p>
        <p id="notifications-status" role="status">
            {move || {
                if loading.get() {
                    i18n.t(keys::NOTIFICATIONS_LOADING)
                } else if loaded.get() && items.with(Vec::is_empty) {
                    i18n.t(keys::NOTIFICATIONS_EMPTY)
                } else {
                    ""
                }
            }}
        </p>
        <ul id="notifications" class="plain">
            {move || {
                items
                    .get()
                    .into_iter()
                    .map(|n| {
                        let at = local_time(&n.created_at, i18n.locale.get());
                        view! {
                            <li class="card notification" class:unread=!n.read>
                                <h2>
                                    {(!n.read).then(|| view! { <span class="badge">{i18n.t(keys::NOTIFICATIONS_NEW)}</span>" " })}
                                    {n.title.clone()}
                                </h2>
                                <p>{n.body.clone()}</p>
                                <p class="note"><time datetime=n.created_at.clone()>{at}</time></p>
                                <p><a href=n.link.clone()>{i18n.t(keys::NOTIFICATIONS_OPEN)}</a></p>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="secondary" id="notifications-more" disabled=move || loading.get() on:click=move |_| load(next.get_untracked())>
                {i18n.tr(keys::NOTIFICATIONS_MORE)}
            </button>
        </Show>
    }
}
