//! `/founders`: founders who chose to be listed, for approved mentors and representatives of
//! approved organisations (the server shows nobody to anyone else, and never a founder under a
//! no-contact constraint).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    directory::{DirectoryTerms, Founders, directory_terms, founders},
};
use crate::components::{DirectoryTabs, Field, PageHeader, PageStatus, Paged, Select, ShowMore, paged::next_cursor};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::use_session,
};
use crate::i18n::{Key, keys};

/// Founders per page.
const PAGE: i64 = 10;

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

/// The list with its filters.
#[component]
pub fn FounderList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            navigate("/sign-in?next=/founders", Default::default());
        }
    });
    let regions = RwSignal::new(Vec::<(String, String)>::new());
    let topics = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<DirectoryTerms>(directory_terms::Variables {}, locale).await {
                regions.set(data.taxonomies.regions.into_iter().map(|t| (t.code, t.label)).collect());
                topics.set(data.taxonomies.topics.into_iter().map(|t| (t.code, t.label)).collect());
            }
        });
    });
    let (region, topic, words) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let list = Paged::<founders::FoundersFoundersNodes>::new();
    let load = move |after: Option<String>| {
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let filter = founders::DirectoryFilter {
            region: some(region),
            topic: some(topic),
            sector: None,
            language: None,
            text: some(words),
        };
        list.load(i18n, after, move |locale, after| async move {
            let variables = founders::Variables { filter: Some(filter), first: PAGE, after };
            let page = api::call::<Founders>(variables, locale).await?.founders;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    // Again in the reader's language when they change it (the server labels regions, topics
    // and sectors).
    Effect::new(move |_| {
        i18n.locale.track();
        if session.viewer.with(Option::is_some) {
            load(None);
        }
    });
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load(None);
    };
    let any = text(i18n, keys::DIRECTORY_ANY);
    let no_error = Signal::derive(|| None::<String>);
    view! {
        <DirectoryTabs current="/founders" />
        <PageHeader title=keys::FOUNDERS_TITLE intro=keys::FOUNDERS_INTRO />
        <form class="filters" role="search" on:submit=search>
            <Select
                name="region"
                label=text(i18n, keys::PROFILE_REGION)
                placeholder=any
                options=Signal::derive(move || regions.get())
                value=region
                error=no_error
                required=false
            />
            <Select
                name="topic"
                label=text(i18n, keys::FOUNDERS_NEEDS)
                placeholder=any
                options=Signal::derive(move || topics.get())
                value=topic
                error=no_error
                required=false
            />
            <Field name="words" label=text(i18n, keys::DIRECTORY_WORDS) value=words kind="search" required=false error=no_error />
            <button type="submit" id="search" disabled=move || list.state.loading.get()>{i18n.tr(keys::DIRECTORY_SEARCH)}</button>
        </form>
        <PageStatus state=list.state id="directory-status" loading=keys::DIRECTORY_LOADING empty=keys::FOUNDERS_EMPTY i18n=i18n />
        <ul class="people" aria-label=i18n.tr(keys::FOUNDERS_TITLE)>
            <For each=move || list.rows.get() key=move |f| (f.id.clone(), i18n.locale.get_untracked()) let:f>
                <li class="card person">
                    <h2>{f.display_name.clone()}</h2>
                    <p>{f.headline.clone()}</p>
                    <p class="note">
                        {f.region.as_ref().map(|r| r.label.clone()).unwrap_or_default()}
                        {(!f.needs.is_empty()).then_some(" · ")}
                        {f.needs.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(", ")}
                    </p>
                    {f.seeking_mentor.then(|| view! { <p class="badge">{i18n.tr(keys::FOUNDERS_SEEKING)}</p> })}
                </li>
            </For>
        </ul>
        <ShowMore state=list.state id="directory-more" label=keys::DIRECTORY_MORE more=Callback::new(load) i18n=i18n />
    }
}
