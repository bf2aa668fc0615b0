//! `/applications`: a founder's own applications, last moved first, with where each stands and
//! the organisation's reason when it declined; open ones can be withdrawn. Here too the founder
//! decides whether the mentor of their mentorship may see them. A bundle of its own (see
//! [`crate::routes::APPLICATION_PAGES`]).

use leptos::prelude::*;
use leptos_router::components::Router;

use super::{require_sign_in, text};
use crate::api::{
    self,
    opportunities::{
        ApplicationsSharedWithMentor, MyApplications, OpportunityStatus, ShareApplicationsWithMentor,
        WithdrawApplication, applications_shared_with_mentor as shared, my_applications as mine,
        share_applications_with_mentor as share, withdraw_application as withdraw,
    },
};
use crate::components::{
    FormState, Layout, PageHeader, PageStatus, Paged, ShowMore, Toggle, page_switch::page_switch, paged::next_cursor,
};
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::{keys, local_date};
use crate::pages::not_found::NotFound;
use crate::routes::APPLICATION_PAGES;

/// Applications per page.
const PAGE: i64 = 10;

type Row = mine::MyApplicationsMyApplicationsNodes;

/// The applications bundle.
#[component]
pub fn ApplicationsApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <ApplicationPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::APPLICATION_PAGES`]).
#[component]
fn ApplicationPages() -> impl IntoView {
    page_switch(&APPLICATION_PAGES, |page| match page {
        "applications" => view! { <ApplicationsPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}

/// The page.
#[component]
fn ApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    require_sign_in(|| "/applications".to_owned());
    let list = Paged::<Row>::new();
    let load = move |after: Option<String>| {
        list.load(i18n, after, move |locale, after| async move {
            let page =
                api::call::<MyApplications>(mine::Variables { first: PAGE, after }, locale).await?.my_applications;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    let mentor_sees = RwSignal::new(false);
    let sharing_known = RwSignal::new(false);
    Effect::new(move |_| {
        if session.viewer.with(Option::is_some) && !list.state.loaded.get_untracked() {
            load(None);
            let locale = i18n.locale.get_untracked();
            leptos::task::spawn_local(async move {
                // Nothing to choose while the founder has no mentor.
                let answer = api::call::<ApplicationsSharedWithMentor>(shared::Variables {}, locale).await;
                if let Ok(Some(shared)) = answer.map(|data| data.applications_shared_with_mentor) {
                    mentor_sees.set(shared);
                    sharing_known.set(true);
                }
            });
        }
    });
    // Saved as soon as it changes.
    let sharing = FormState::new(&[("mentor-sees", keys::APPLICATIONS_MENTOR_SEES)]);
    let saved = RwSignal::new(false);
    Effect::new(move |previous: Option<bool>| {
        let now = mentor_sees.get();
        if sharing_known.get_untracked() && previous.is_some_and(|p| p != now) && sharing.start() {
            saved.set(false);
            sharing
                .send::<ShareApplicationsWithMentor>(share::Variables { share: now }, i18n, move |_| saved.set(true));
        }
        now
    });
    let withdrawn = Callback::new(move |id: String| {
        list.rows.update(|rows| {
            if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                row.status = crate::api::opportunities::ApplicationStatus::Withdrawn;
            }
        });
    });
    view! {
        <PageHeader title=keys::APPLICATIONS_TITLE intro=keys::APPLICATIONS_INTRO />
        <p><a href="/opportunities">{i18n.tr(keys::APPLICATIONS_FIND_MORE)}</a></p>
        <Show when=move || sharing_known.get()>
            <Toggle
                name="mentor-sees"
                label=text(i18n, keys::APPLICATIONS_MENTOR_SEES)
                hint=text(i18n, keys::APPLICATIONS_MENTOR_SEES_HINT)
                value=mentor_sees
            />
            <p class="success" role="status" hidden=move || !saved.get()>{i18n.tr(keys::APPLICATIONS_SAVED)}</p>
            <p class="error" role="alert" hidden=move || sharing.general.with(Option::is_none)>
                {move || sharing.general.get().unwrap_or_default()}
            </p>
        </Show>
        <PageStatus state=list.state id="applications-status" loading=keys::OPPORTUNITIES_LOADING empty=keys::APPLICATIONS_EMPTY i18n=i18n />
        <ul class="people" id="applications" aria-label=i18n.tr(keys::APPLICATIONS_TITLE)>
            <For each=move || list.rows.get() key=|a| (a.id.clone(), a.status) let:a>
                <Application a=a withdrawn=withdrawn />
            </For>
        </ul>
        <ShowMore state=list.state id="applications-more" label=keys::OPPORTUNITIES_MORE more=Callback::new(load) i18n=i18n />
    }
}

/// One application.
#[component]
fn Application(a: Row, withdrawn: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(&[("withdraw", keys::APPLICATIONS_WITHDRAW)]);
    let id = a.id.clone();
    let take_back = move |_| {
        if form.start() {
            let id = id.clone();
            form.send::<WithdrawApplication>(withdraw::Variables { id: id.clone() }, i18n, move |_| withdrawn.run(id));
        }
    };
    let open_posting = a.opportunity.status == OpportunityStatus::Published;
    let applied = a.created_at.clone();
    view! {
        <li class="card application">
            <h2>
                {if open_posting {
                    view! { <a href=format!("/opportunity?id={}", a.opportunity.id)>{a.opportunity.title.clone()}</a> }.into_any()
                } else {
                    view! { <span>{a.opportunity.title.clone()}</span> }.into_any()
                }}
            </h2>
            <p class="note">{i18n.tr(a.opportunity.kind.label())}" · "{a.opportunity.organisation.name.clone()}</p>
            <p class="badge status">{i18n.tr(a.status.label())}</p>
            {a.decline_reason.clone().map(|why| view! {
                <p>{move || i18n.fill(keys::APPLICATIONS_DECLINED_BECAUSE, &[("reason", &why)])}</p>
            })}
            <p class="note">{move || i18n.fill(keys::APPLICATIONS_SENT_ON, &[("date", &local_date(&applied, i18n.locale.get()))])}</p>
            <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                {move || form.general.get().unwrap_or_default()}
            </p>
            {a.status.open().then(|| view! {
                <button type="button" class="secondary withdraw" on:click=take_back.clone()>{i18n.tr(keys::APPLICATIONS_WITHDRAW)}</button>
            })}
        </li>
    }
}
