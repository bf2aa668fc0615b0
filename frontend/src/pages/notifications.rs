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
use crate::components::{PageHeader, PageStatus, Paged, ShowMore, layout::Unread, paged::next_cursor};
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::{keys, local_time};

/// Notifications per page.
const PAGE: i64 = 20;

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
    let items = Paged::<list::NotificationsNotificationsNodes>::new();
    let load = move |after: Option<String>| {
        items.load(i18n, after, move |locale, after| async move {
            let page = api::call::<List>(list::Variables { first: PAGE, after }, locale).await?.notifications;
            // What the page shows is read now; the bell follows.
            let fresh: Vec<String> = page.nodes.iter().filter(|n| !n.read).map(|n| n.id.clone()).collect();
            if !fresh.is_empty()
                && let Ok(marked) = api::call::<MarkNotificationsRead>(mark::Variables { ids: fresh }, locale).await
                && let Some(unread) = unread
            {
                unread.0.set(u64::try_from(marked.mark_notifications_read).unwrap_or_default());
            }
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    Effect::new(move |_| {
        if session.viewer.with(Option::is_some) && !items.state.loaded.get_untracked() {
            load(None);
        }
    });
    view! {
        <PageHeader title=keys::NOTIFICATIONS_TITLE intro=keys::NOTIFICATIONS_INTRO />
        <PageStatus state=items.state id="notifications-status" loading=keys::NOTIFICATIONS_LOADING empty=keys::NOTIFICATIONS_EMPTY i18n=i18n />
        <ul id="notifications" class="plain">
            {move || {
                items
                    .rows
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
        <ShowMore state=items.state id="notifications-more" label=keys::NOTIFICATIONS_MORE more=Callback::new(load) i18n=i18n />
    }
}
