//! `/views`, "who viewed my data": who opened the person's full profile, and when VPD staff read
//! the record VPD keeps about them, newest first.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{ProfileViews, profile_views as op},
};
use crate::components::{PageHeader, PageStatus, Paged, ShowMore, paged::next_cursor};
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::{keys, local_time};

/// Lines per page.
const PAGE: i64 = 10;

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
    let list = Paged::<op::ProfileViewsProfileViewsNodes>::new();
    let load = move |after: Option<String>| {
        list.load(i18n, after, |locale, after| async move {
            let page = api::call::<ProfileViews>(op::Variables { first: PAGE, after }, locale).await?.profile_views;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    Effect::new(move |_| {
        if session.viewer.with(Option::is_some) && !list.state.loaded.get_untracked() {
            load(None);
        }
    });
    view! {
        <PageHeader title=keys::VIEWS_TITLE intro=keys::VIEWS_INTRO />
        <section class="card">
            <PageStatus state=list.state id="views-status" loading=keys::VIEWS_LOADING empty=keys::VIEWS_EMPTY i18n=i18n />
            <ul id="views" class="plain">
                {move || {
                    list.rows
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
                                op::ViewedData::APPLICATIONS => keys::VIEWS_APPLICATIONS,
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
            <ShowMore state=list.state id="views-more" label=keys::VIEWS_MORE more=Callback::new(load) i18n=i18n />
        </section>
    }
}
