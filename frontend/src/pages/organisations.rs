//! `/organisations`: approved social enterprises, NGOs, companies and municipalities, by name,
//! filtered by region, sector and words. The server leaves out what the reader may not see.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{ProfileTerms, profile_terms},
    organisations::{Organisations, organisations},
};
use crate::components::{DirectoryTabs, Field, PageHeader, Select, Toggle};
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
    let found = RwSignal::new(Vec::<organisations::OrganisationsOrganisationsNodes>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let load = move |after: Option<String>| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let filter = organisations::OrganisationFilter {
            region: some(region),
            sector: some(sector),
            kind: None,
            supports_target_group: supporting.get_untracked().then_some(true),
            text: some(words),
        };
        let more = after.is_some();
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            let variables = organisations::Variables { filter: Some(filter), first: PAGE, after };
            match api::call::<Organisations>(variables, locale).await {
                Ok(data) => {
                    let page = data.organisations;
                    found.update(|list| {
                        if !more {
                            list.clear();
                        }
                        list.extend(page.nodes);
                    });
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
            <button type="submit" id="search" disabled=move || loading.get()>{i18n.tr(keys::DIRECTORY_SEARCH)}</button>
        </form>
        <p class="error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get().unwrap_or_default()}</p>
        <p id="directory-status" role="status">
            {move || {
                if loading.get() {
                    i18n.t(keys::DIRECTORY_LOADING)
                } else if loaded.get() && found.with(Vec::is_empty) {
                    i18n.t(keys::ORGANISATIONS_EMPTY)
                } else {
                    ""
                }
            }}
        </p>
        <ul class="people" aria-label=i18n.tr(keys::ORGANISATIONS_TITLE)>
            <For each=move || found.get() key=|o| o.id.clone() let:o>
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
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="secondary" id="directory-more" disabled=move || loading.get() on:click=move |_| load(next.get_untracked())>
                {i18n.tr(keys::DIRECTORY_MORE)}
            </button>
        </Show>
    }
}
