//! `/buy-social`: for everyone, signed in or not — procurement officers above all — the
//! approved organisations that employ or support people after prison or on probation, by
//! sector and region, with VPD's attestation of how many they employ (a count only; under 5
//! shown as "fewer than 5"), and the whole list as a spreadsheet file. The server paints the
//! first page of the list too, so it reads (and is indexed) without the app.

use leptos::prelude::*;

use crate::api::{
    self,
    opportunities::{OpportunityTerms, opportunity_terms as terms},
    organisations::{BuySocialDirectory, buy_social_directory as directory},
};
use crate::components::{PageHeader, PageStatus, Paged, Select, ShowMore, paged::next_cursor};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{Key, keys};
use crate::pages::organisation::kind_label;

/// Organisations per page.
const PAGE: i64 = 20;

fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

/// The page.
#[component]
pub fn BuySocial() -> impl IntoView {
    let i18n = use_i18n();
    let (regions, sectors) =
        (RwSignal::new(Vec::<(String, String)>::new()), RwSignal::new(Vec::<(String, String)>::new()));
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<OpportunityTerms>(terms::Variables {}, locale).await {
                regions.set(data.taxonomies.regions.into_iter().map(|t| (t.code, t.label)).collect());
                sectors.set(data.taxonomies.sectors.into_iter().map(|t| (t.code, t.label)).collect());
            }
        });
    });
    let (region, sector) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let list = Paged::<directory::BuySocialDirectoryBuySocialDirectoryNodes>::new();
    let load = move |after: Option<String>| {
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.is_empty());
        let filter = directory::BuySocialFilter { region: some(region), sector: some(sector) };
        list.load(i18n, after, move |locale, after| async move {
            let variables = directory::Variables { filter: Some(filter), first: PAGE, after };
            let page = api::call::<BuySocialDirectory>(variables, locale).await?.buy_social_directory;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    // Again in the reader's language when they change it (the attestations are sentences).
    Effect::new(move |_| {
        i18n.locale.track();
        load(None);
    });
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load(None);
    };
    let csv = move || {
        let mut href = format!("/exports/buy-social.csv?lang={}", i18n.locale.get().code());
        for (name, value) in [("region", region.get()), ("sector", sector.get())] {
            if !value.is_empty() {
                href.push_str(&format!("&{name}={value}"));
            }
        }
        href
    };
    let any = text(i18n, keys::BUY_SOCIAL_ANY);
    let no_error = Signal::derive(|| None::<String>);
    view! {
        <PageHeader title=keys::BUY_SOCIAL_TITLE intro=keys::BUY_SOCIAL_INTRO />
        <form class="filters" role="search" on:submit=search>
            <Select name="region" label=text(i18n, keys::BUY_SOCIAL_REGION) placeholder=any options=Signal::derive(move || regions.get()) value=region error=no_error required=false />
            <Select name="sector" label=text(i18n, keys::BUY_SOCIAL_SECTOR) placeholder=any options=Signal::derive(move || sectors.get()) value=sector error=no_error required=false />
            <button type="submit" id="search" disabled=move || list.state.loading.get()>{i18n.tr(keys::BUY_SOCIAL_SEARCH)}</button>
        </form>
        <p><a id="buy-social-csv" href=csv download="tilts-buy-social.csv" rel="external">{i18n.tr(keys::BUY_SOCIAL_CSV)}</a></p>
        <PageStatus state=list.state id="buy-social-status" loading=keys::BUY_SOCIAL_LOADING empty=keys::BUY_SOCIAL_EMPTY i18n=i18n />
        <ul class="people" id="buy-social" aria-label=i18n.tr(keys::BUY_SOCIAL_TITLE)>
            <For each=move || list.rows.get() key=|o| o.clone() let:o>
                <li class="card organisation">
                    <h2>{o.name.clone()}</h2>
                    <p class="note">
                        {i18n.tr(kind_label(o.kind))}
                        {o.region.as_ref().map(|r| format!(" · {}", r.label))}
                    </p>
                    <p class="note">{o.sectors.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(", ")}</p>
                    {o.attestation.as_ref().map(|a| view! { <p class="badge attestation">{a.statement.clone()}</p> })}
                    <p>{o.description.clone()}</p>
                    {o.website.clone().map(|site| view! {
                        <p><a href=site.clone() rel="noopener noreferrer nofollow ugc" target="_blank">{site.clone()}</a></p>
                    })}
                </li>
            </For>
        </ul>
        <ShowMore state=list.state id="buy-social-more" label=keys::BUY_SOCIAL_MORE more=Callback::new(load) i18n=i18n />
    }
}
