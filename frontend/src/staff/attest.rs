//! `/staff/buy-social`: the organisations of the public buy-social directory with VPD's latest
//! check of how many people from the target group each employs; staff record a new check (a
//! count only, never names), which the directory and its spreadsheet file show from then on.

use leptos::prelude::*;

use super::operations::{AttestOrganisation, attest_organisation as attest};
use crate::api::{
    self,
    organisations::{BuySocialDirectory, buy_social_directory as directory},
};
use crate::components::{FormState, PageHeader, PageStatus, Paged, ShowMore, paged::next_cursor};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{keys, staff_keys};

/// Organisations per page.
const PAGE: i64 = 20;

type Row = directory::BuySocialDirectoryBuySocialDirectoryNodes;

/// The page.
#[component]
pub fn AttestPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Paged::<Row>::new();
    let load = move |after: Option<String>| {
        list.load(i18n, after, move |locale, after| async move {
            let variables = directory::Variables { filter: None, first: PAGE, after };
            let page = api::call::<BuySocialDirectory>(variables, locale).await?.buy_social_directory;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    // Again in the reader's language when they change it (the checks are sentences).
    Effect::new(move |_| {
        i18n.locale.track();
        load(None);
    });
    let open = RwSignal::new(None::<String>);
    view! {
        <PageHeader title=staff_keys::ATTEST_TITLE intro=staff_keys::ATTEST_INTRO />
        <PageStatus state=list.state id="attest-status" loading=keys::BUY_SOCIAL_LOADING empty=keys::BUY_SOCIAL_EMPTY i18n=i18n />
        <ul class="queue" aria-label=move || i18n.t(staff_keys::ATTEST_TITLE)>
            <For each=move || list.rows.get() key=|r| (r.id.clone(), r.attestation.clone()) let:row>
                <Entry row=row open=open i18n=i18n />
            </For>
        </ul>
        <ShowMore state=list.state id="attest-more" label=keys::BUY_SOCIAL_MORE more=Callback::new(load) i18n=i18n />
    }
}

/// One organisation with its latest check and the form for a new one (one open at a time).
#[component]
fn Entry(row: Row, open: RwSignal<Option<String>>, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[("employedCount", staff_keys::ATTEST_COUNT)]);
    let count = RwSignal::new(String::new());
    let statement = RwSignal::new(row.attestation.as_ref().map(|a| a.statement.clone()));
    let done = RwSignal::new(false);
    let opened = {
        let id = row.id.clone();
        Signal::derive(move || open.with(|o| o.as_deref() == Some(id.as_str())))
    };
    let start = {
        let id = row.id.clone();
        move |_| {
            form.reset();
            done.set(false);
            count.set(String::new());
            open.set(Some(id.clone()));
            crate::components::form_state::focus_later("employedCount");
        }
    };
    let send = {
        let id = row.id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !form.start() {
                return;
            }
            let typed = count.get_untracked();
            let employed = match typed.trim() {
                "" => {
                    form.invalid("employedCount", i18n, keys::ERROR_REQUIRED);
                    None
                }
                text => match text.parse::<i64>() {
                    Ok(n) if (0..=100_000).contains(&n) => Some(n),
                    _ => {
                        form.invalid("employedCount", i18n, staff_keys::ATTEST_RANGE);
                        None
                    }
                },
            };
            if form.refused() {
                return;
            }
            let Some(employed_count) = employed else { return };
            let variables = attest::Variables { organisation_id: id.clone(), employed_count };
            form.send::<AttestOrganisation>(variables, i18n, move |data| {
                statement.set(Some(data.attest_organisation.statement));
                open.set(None);
                done.set(true);
            });
        }
    };
    let invalid = form.error_of("employedCount");
    let name = row.name.clone();
    view! {
        <li class="card queue-entry">
            <h2>{row.name.clone()}</h2>
            <p class="note">{row.region.as_ref().map(|r| r.label.clone())}</p>
            <p class="attestation">
                {move || statement.get().unwrap_or_else(|| i18n.t(staff_keys::ATTEST_NONE).to_owned())}
            </p>
            <p class="success" role="status" hidden=move || !done.get()>
                {let name = name.clone(); move || i18n.fill(staff_keys::ATTEST_DONE, &[("name", &name)])}
            </p>
            <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                {move || form.general.get().unwrap_or_default()}
            </p>
            <div class="actions" hidden=move || opened.get()>
                <button type="button" class="secondary attest" on:click=start>{move || i18n.t(staff_keys::ATTEST_START)}</button>
            </div>
            <Show when=move || opened.get()>
                <form on:submit=send.clone() novalidate=true>
                    <div class="field" class:field-invalid=move || invalid.with(Option::is_some)>
                        <label for="employedCount">{move || i18n.t(staff_keys::ATTEST_COUNT)}</label>
                        <p class="hint" id="employedCount-hint">{move || i18n.t(staff_keys::ATTEST_HINT)}</p>
                        <input
                            id="employedCount"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            aria-describedby="employedCount-hint employedCount-error"
                            aria-invalid=move || if invalid.with(Option::is_some) { "true" } else { "false" }
                            bind:value=count
                        />
                        <p class="error" id="employedCount-error" hidden=move || invalid.with(Option::is_none)>
                            {move || invalid.get().unwrap_or_default()}
                        </p>
                    </div>
                    <div class="actions">
                        <button type="submit" disabled=move || form.busy.get()>{move || i18n.t(staff_keys::ATTEST_SAVE)}</button>
                        <button type="button" class="secondary" on:click=move |_| open.set(None)>
                            {move || i18n.t(staff_keys::MODERATION_CANCEL)}
                        </button>
                    </div>
                </form>
            </Show>
        </li>
    }
}
