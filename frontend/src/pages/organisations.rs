//! `/organisations`: approved social enterprises, NGOs, companies and municipalities, by name,
//! filtered by region, sector and words. The server leaves out what the reader may not see.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{ProfileTerms, profile_terms},
    organisations::{Organisations, organisations},
};
use crate::components::{
    DirectoryTabs, Field, PageHeader, PageStatus, Paged, Select, ShowMore, Toggle, paged::next_cursor,
};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::use_session,
};
use crate::i18n::{Key, keys};
use crate::pages::organisation::kind_label;

/// Organisations per page.
const PAGE: i64 = 10;

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

/// The list with its filters.
#[component]
pub fn OrganisationList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            navigate("/sign-in?next=/organisations", Default::default());
        }
    });
    let regions = RwSignal::new(Vec::<(String, String)>::new());
    let sectors = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<ProfileTerms>(profile_terms::Variables {}, locale).await {
                regions.set(data.taxonomies.regions.into_iter().map(|t| (t.code, t.label)).collect());
                sectors.set(data.taxonomies.sectors.into_iter().map(|t| (t.code, t.label)).collect());
            }
        });
    });
    let (region, sector, words) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let supporting = RwSignal::new(false);
    let list = Paged::<organisations::OrganisationsOrganisationsNodes>::new();
    let load = move |after: Option<String>| {
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let filter = organisations::OrganisationFilter {
            region: some(region),
            sector: some(sector),
            kind: None,
            supports_target_group: supporting.get_untracked().then_some(true),
            text: some(words),
        };
        list.load(i18n, after, move |locale, after| async move {
            let variables = organisations::Variables { filter: Some(filter), first: PAGE, after };
            let page = api::call::<Organisations>(variables, locale).await?.organisations;
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
        <DirectoryTabs current="/organisations" />
        <PageHeader title=keys::ORGANISATIONS_TITLE intro=keys::ORGANISATIONS_INTRO />
        <form class="filters" role="search" on:submit=search>
            <Select
                name="region"
                label=text(i18n, keys::ORGANISATION_REGION)
                placeholder=any
                options=Signal::derive(move || regions.get())
                value=region
                error=no_error
                required=false
            />
            <Select
                name="sector"
                label=text(i18n, keys::ORGANISATIONS_SECTOR)
                placeholder=any
                options=Signal::derive(move || sectors.get())
                value=sector
                error=no_error
                required=false
            />
            <Field name="words" label=text(i18n, keys::DIRECTORY_WORDS) value=words kind="search" required=false error=no_error />
            <Toggle name="supporting" label=text(i18n, keys::ORGANISATIONS_SUPPORTING_ONLY) value=supporting />
            <button type="submit" id="search" disabled=move || list.state.loading.get()>{i18n.tr(keys::DIRECTORY_SEARCH)}</button>
        </form>
        <PageStatus state=list.state id="directory-status" loading=keys::DIRECTORY_LOADING empty=keys::ORGANISATIONS_EMPTY i18n=i18n />
        <ul class="people" aria-label=i18n.tr(keys::ORGANISATIONS_TITLE)>
            <For each=move || list.rows.get() key=move |o| (o.id.clone(), i18n.locale.get_untracked()) let:o>
                <li class="card organisation">
                    <h2>{o.name.clone()}</h2>
                    <p class="note">
                        {i18n.tr(kind_label(o.kind))}
                        {o.region.as_ref().map(|r| format!(" · {}", r.label))}
                    </p>
                    <p class="note">{o.sectors.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(", ")}</p>
                    <p>{o.description.clone()}</p>
                    {o.registered_social_enterprise.then(|| view! { <p class="badge">{i18n.tr(keys::ORGANISATIONS_REGISTERED)}</p> })}
                    {o.supports_target_group.then(|| view! { <p class="badge">{i18n.tr(keys::ORGANISATIONS_SUPPORTS)}</p> })}
                    {o.website.clone().map(|site| view! {
                        <p><a href=site.clone() rel="noopener noreferrer nofollow ugc" target="_blank">{site.clone()}</a></p>
                    })}
                </li>
            </For>
        </ul>
        <ShowMore state=list.state id="directory-more" label=keys::DIRECTORY_MORE more=Callback::new(load) i18n=i18n />
    }
}
