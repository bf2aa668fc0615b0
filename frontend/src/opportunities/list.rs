//! `/opportunities`: published postings, filtered by type, region, sector, language, remote work
//! and words, newest or closing soon first; for a founder, first the few that fit them best, with
//! why. The server leaves out what the reader may not see and never says why.

use leptos::prelude::*;

use super::{day, require_sign_in, text};
use crate::api::{
    self,
    opportunities::{
        Opportunities, OpportunityKind, OpportunityTerms, RecommendedOpportunities, opportunities as list,
        opportunity_terms as terms, recommended_opportunities as recommended,
    },
};
use crate::components::{Field, PageHeader, PageStatus, Paged, Select, ShowMore, Toggle, paged::next_cursor};
use crate::contexts::{
    locale::use_i18n,
    session::{Role, use_session},
};
use crate::i18n::keys;

/// Postings per page.
const PAGE: i64 = 10;
/// Suggestions shown above the list.
const SUGGESTED: i64 = 3;

/// The list with its filters.
#[component]
pub fn OpportunityList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    require_sign_in(|| "/opportunities".to_owned());
    let founder = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.role == Role::Founder));
    let represents = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.role == Role::Enterprise));
    let (regions, sectors, languages) = (
        RwSignal::new(Vec::<(String, String)>::new()),
        RwSignal::new(Vec::<(String, String)>::new()),
        RwSignal::new(Vec::<(String, String)>::new()),
    );
    let suggested = RwSignal::new(Vec::<recommended::RecommendedOpportunitiesRecommendedOpportunities>::new());
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if session.viewer.with(Option::is_none) {
            return;
        }
        let ask_suggestions = founder();
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<OpportunityTerms>(terms::Variables {}, locale).await {
                regions.set(data.taxonomies.regions.into_iter().map(|t| (t.code, t.label)).collect());
                sectors.set(data.taxonomies.sectors.into_iter().map(|t| (t.code, t.label)).collect());
                languages.set(data.taxonomies.languages.into_iter().map(|t| (t.code, t.label)).collect());
            }
            if ask_suggestions
                && let Ok(data) =
                    api::call::<RecommendedOpportunities>(recommended::Variables { first: SUGGESTED }, locale).await
            {
                suggested.set(data.recommended_opportunities);
            }
        });
    });
    let (kind, region, sector, language, words) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let remote = RwSignal::new(false);
    let order = RwSignal::new(String::new());
    let found = Paged::<list::OpportunitiesOpportunitiesNodes>::new();
    let load = move |after: Option<String>| {
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let filter = list::OpportunityFilter {
            kind: some(kind).and_then(|k| OpportunityKind::from_code(&k)),
            region: some(region),
            sector: some(sector),
            language: some(language),
            remote: remote.get_untracked(),
            text: some(words),
        };
        let order = if order.with_untracked(|o| o == "closing") {
            list::OpportunityOrder::CLOSING_SOON
        } else {
            list::OpportunityOrder::NEWEST
        };
        found.load(i18n, after, move |locale, after| async move {
            let variables = list::Variables { filter: Some(filter), order, first: PAGE, after };
            let page = api::call::<Opportunities>(variables, locale).await?.opportunities;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    // Again in the reader's language when they change it (regions are labelled by the server).
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
    let any = text(i18n, keys::OPPORTUNITIES_ANY);
    let no_error = Signal::derive(|| None::<String>);
    let kinds = Signal::derive(move || {
        OpportunityKind::ALL.iter().map(|k| (k.code().to_owned(), i18n.t(k.label()).to_owned())).collect::<Vec<_>>()
    });
    view! {
        <PageHeader title=keys::OPPORTUNITIES_TITLE intro=keys::OPPORTUNITIES_INTRO />
        <Show when=founder>
            <p><a href="/applications" rel="external">{i18n.tr(keys::OPPORTUNITIES_MY_APPLICATIONS)}</a></p>
        </Show>
        <Show when=represents>
            <p><a href="/organisation" rel="external">{i18n.tr(keys::OPPORTUNITIES_POST)}</a></p>
        </Show>
        <Show when=move || !suggested.with(Vec::is_empty)>
            <section aria-labelledby="fits-you">
                <h2 id="fits-you">{i18n.tr(keys::OPPORTUNITIES_FITS_YOU)}</h2>
                <ul class="people" id="suggested">
                    <For each=move || suggested.get() key=|s| s.opportunity.id.clone() let:s>
                        <li class="card">
                            <h3><a href=format!("/opportunity?id={}", s.opportunity.id)>{s.opportunity.title.clone()}</a></h3>
                            <p class="note">
                                {i18n.tr(s.opportunity.kind.label())}" · "{s.opportunity.organisation.name.clone()}
                            </p>
                            <ul class="reasons">
                                {s.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                            </ul>
                        </li>
                    </For>
                </ul>
            </section>
        </Show>
        <form class="filters" role="search" on:submit=search>
            <Select name="kind" label=text(i18n, keys::OPPORTUNITIES_KIND) placeholder=any options=kinds value=kind error=no_error required=false />
            <Select name="region" label=text(i18n, keys::OPPORTUNITIES_REGION) placeholder=any options=Signal::derive(move || regions.get()) value=region error=no_error required=false />
            <Select name="sector" label=text(i18n, keys::OPPORTUNITIES_SECTOR) placeholder=any options=Signal::derive(move || sectors.get()) value=sector error=no_error required=false />
            <Select name="language" label=text(i18n, keys::OPPORTUNITIES_LANGUAGE) placeholder=any options=Signal::derive(move || languages.get()) value=language error=no_error required=false />
            <Field name="words" label=text(i18n, keys::OPPORTUNITIES_WORDS) value=words kind="search" required=false error=no_error />
            <Toggle name="remote" label=text(i18n, keys::OPPORTUNITIES_REMOTE_ONLY) value=remote />
            <Select
                name="order"
                label=text(i18n, keys::OPPORTUNITIES_ORDER)
                placeholder=text(i18n, keys::OPPORTUNITIES_NEWEST)
                options=Signal::derive(move || vec![("closing".to_owned(), i18n.t(keys::OPPORTUNITIES_CLOSING_SOON).to_owned())])
                value=order
                error=no_error
                required=false
            />
            <button type="submit" id="search" disabled=move || found.state.loading.get()>{i18n.tr(keys::OPPORTUNITIES_SEARCH)}</button>
        </form>
        <PageStatus state=found.state id="opportunities-status" loading=keys::OPPORTUNITIES_LOADING empty=keys::OPPORTUNITIES_EMPTY i18n=i18n />
        <ul class="people" id="opportunities" aria-label=i18n.tr(keys::OPPORTUNITIES_TITLE)>
            <For each=move || found.rows.get() key=|o| o.clone() let:o>
                <li class="card">
                    <h2><a href=format!("/opportunity?id={}", o.id)>{o.title.clone()}</a></h2>
                    <p class="note">
                        {i18n.tr(o.kind.label())}" · "{o.organisation.name.clone()}
                        {o.region.as_ref().map(|r| format!(" · {}", r.label))}
                        {o.remote.then(|| view! { " · "{i18n.tr(keys::OPPORTUNITIES_REMOTE)} })}
                    </p>
                    <p>{let deadline = day(&o.deadline); move || i18n.fill(keys::OPPORTUNITIES_APPLY_BY, &[("date", &deadline)])}</p>
                </li>
            </For>
        </ul>
        <ShowMore state=found.state id="opportunities-more" label=keys::OPPORTUNITIES_MORE more=Callback::new(load) i18n=i18n />
    }
}
