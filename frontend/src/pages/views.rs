//! `/views`, "who viewed my data": who opened the person's full profile, and when VPD staff read
//! the record VPD keeps about them, newest first.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{ProfileViews, profile_views as op},
};
use crate::components::PageHeader;
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::{Locale, keys};

/// Lines per page.
const PAGE: i64 = 10;

/// The date and time of an RFC 3339 time, written the way `locale` writes them.
fn local_time(time: &str, locale: Locale) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(time));
    String::from(date.to_locale_string(locale.code(), &wasm_bindgen::JsValue::UNDEFINED))
}

/// The page; sends people who are not signed in to the sign-in page.
#[component]
pub fn ProfileViewPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            navigate("/sign-in?next=/views", Default::default());
        }
    });
    let lines = RwSignal::new(Vec::<op::ProfileViewsProfileViewsNodes>::new());
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
            match api::call::<ProfileViews>(op::Variables { first: PAGE, after }, locale).await {
                Ok(data) => {
                    let page = data.profile_views;
                    lines.update(|list| list.extend(page.nodes));
                    next.set(page.page_info.has_next_page.then_some(page.page_info.end_cursor).flatten());
                    error.set(None);
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
        <PageHeader title=keys::VIEWS_TITLE intro=keys::VIEWS_INTRO />
        <section class="card">
            <p class="error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get().unwrap_or_default()}</p>
            <p id="views-status" role="status">
                {move || {
                    if loading.get() {
                        i18n.t(keys::VIEWS_LOADING)
                    } else if loaded.get() && lines.with(Vec::is_empty) {
                        i18n.t(keys::VIEWS_EMPTY)
                    } else {
                        ""
                    }
                }}
            </p>
            <ul id="views" class="plain">
                {move || {
                    lines
                        .get()
                        .into_iter()
                        .map(|line| {
                            let who = match (line.by, line.name) {
                                (op::ViewerKind::PERSON, Some(name)) => name,
                                (op::ViewerKind::VPD_STAFF, _) => i18n.t(keys::VIEWS_VPD_STAFF).to_owned(),
                                _ => i18n.t(keys::VIEWS_SOMEONE).to_owned(),
                            };
                            let what = match line.what {
                                op::ViewedData::VPD_RECORD => keys::VIEWS_VPD_RECORD,
                                _ => keys::VIEWS_PROFILE,
                            };
                            let at = local_time(&line.viewed_at, i18n.locale.get());
                            view! {
                                <li>
                                    <strong>{who}</strong>" "{i18n.t(what)}
                                    <br />
                                    <time datetime=line.viewed_at.clone() class="note">{at}</time>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <Show when=move || next.with(Option::is_some)>
                <button type="button" class="secondary" id="views-more" disabled=move || loading.get() on:click=move |_| load(next.get_untracked())>
                    {i18n.tr(keys::VIEWS_MORE)}
                </button>
            </Show>
        </section>
    }
}
