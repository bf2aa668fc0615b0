//! `/staff/opportunities`: postings organisations sent, the longest waiting first; staff publish
//! them, or reject them with a reason the organisation reads (in the app and by e-mail).

use leptos::prelude::*;

use super::operations::{ReviewOpportunity, review_opportunity as review};
use crate::api::{
    self,
    opportunities::{OpportunityQueue, opportunity_queue as queue},
};
use crate::components::{FormState, PageHeader, PageStatus, Paged, ShowMore, paged::next_cursor};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{keys, staff_keys};

/// Postings per page.
const PAGE: i64 = 10;

type Row = queue::OpportunityQueueOpportunityQueueNodes;

/// The page.
#[component]
pub fn OpportunityQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Paged::<Row>::new();
    let load = move |after: Option<String>| {
        list.load(i18n, after, move |locale, after| async move {
            let page =
                api::call::<OpportunityQueue>(queue::Variables { first: PAGE, after }, locale).await?.opportunity_queue;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    load(None);
    let done = RwSignal::new(None::<String>);
    let rejecting = RwSignal::new(None::<String>);
    let decided = Callback::new(move |(id, message): (String, String)| {
        list.rows.update(|rows| rows.retain(|r| r.id != id));
        done.set(Some(message));
    });
    view! {
        <PageHeader title=staff_keys::OPPORTUNITIES_TITLE intro=staff_keys::OPPORTUNITIES_INTRO />
        <p id="review-done" class="success" role="status" hidden=move || done.with(Option::is_none)>
            {move || done.get().unwrap_or_default()}
        </p>
        <PageStatus state=list.state id="queue-status" loading=staff_keys::OPPORTUNITIES_LOADING empty=staff_keys::OPPORTUNITIES_EMPTY i18n=i18n />
        <ul class="queue" aria-label=move || i18n.t(staff_keys::OPPORTUNITIES_TITLE)>
            <For each=move || list.rows.get() key=|r| r.id.clone() let:row>
                <Entry row=row decided=decided rejecting=rejecting i18n=i18n />
            </For>
        </ul>
        <ShowMore state=list.state id="queue-more" label=staff_keys::OPPORTUNITIES_MORE more=Callback::new(load) i18n=i18n />
    }
}

/// One posting with staff's decisions; one reason form open at a time.
#[component]
fn Entry(
    row: Row,
    decided: Callback<(String, String)>,
    rejecting: RwSignal<Option<String>>,
    i18n: I18n,
) -> impl IntoView {
    let form = FormState::new(&[("reason", staff_keys::OPPORTUNITIES_REJECT)]);
    let reason = RwSignal::new(String::new());
    let open = {
        let id = row.id.clone();
        Signal::derive(move || rejecting.with(|r| r.as_deref() == Some(id.as_str())))
    };
    let send = {
        let (id, title) = (row.id.clone(), row.title.clone());
        move |approve: bool, why: Option<String>| {
            let told = if approve { staff_keys::OPPORTUNITIES_PUBLISHED } else { staff_keys::OPPORTUNITIES_REJECTED };
            let variables = review::Variables { id: id.clone(), approve, reason: why };
            let (id, title) = (id.clone(), title.clone());
            form.send::<ReviewOpportunity>(variables, i18n, move |_| {
                rejecting.set(None);
                decided.run((id, i18n.fill(told, &[("title", &title)])));
            });
        }
    };
    let publish = {
        let send = send.clone();
        move |_| {
            if form.start() {
                send(true, None);
            }
        }
    };
    let reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if reason.with_untracked(|r| r.trim().is_empty()) {
            form.invalid("reason", i18n, keys::ERROR_REQUIRED);
        }
        if form.refused() {
            return;
        }
        send(false, Some(reason.get_untracked()));
    };
    let start_rejecting = {
        let id = row.id.clone();
        move |_| {
            form.reset();
            rejecting.set(Some(id.clone()));
            crate::components::form_state::focus_later("reason");
        }
    };
    let invalid = form.error_of("reason");
    let sectors = row.sectors.iter().map(|s| s.label.clone()).collect::<Vec<_>>().join(", ");
    view! {
        <li class="card queue-entry">
            <h2>{row.title.clone()}</h2>
            <p class="note">
                {i18n.tr(row.kind.label())}" · "{row.organisation.name.clone()}
                {row.region.as_ref().map(|r| format!(" · {}", r.label))}
            </p>
            <p class="note">{sectors}</p>
            <p class="pre">{row.description.clone()}</p>
            <p class="note">{let d = crate::opportunities::day(&row.deadline); move || i18n.fill(keys::OPPORTUNITIES_APPLY_BY, &[("date", &d)])}</p>
            <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                {move || form.general.get().unwrap_or_default()}
            </p>
            <div class="actions" hidden=move || open.get()>
                <button type="button" class="approve" on:click=publish>{move || i18n.t(staff_keys::OPPORTUNITIES_PUBLISH)}</button>
                <button type="button" class="secondary reject" on:click=start_rejecting>{move || i18n.t(staff_keys::OPPORTUNITIES_REJECT)}</button>
            </div>
            <Show when=move || open.get()>
                <form on:submit=reject.clone() novalidate=true>
                    <div class="field" class:field-invalid=move || invalid.with(Option::is_some)>
                        <label for="reason">{move || i18n.t(staff_keys::OPPORTUNITIES_REASON)}</label>
                        <p class="hint" id="reason-hint">{move || i18n.t(staff_keys::OPPORTUNITIES_REASON_HINT)}</p>
                        <textarea
                            id="reason"
                            rows="3"
                            maxlength="1000"
                            aria-describedby="reason-hint reason-error"
                            aria-invalid=move || if invalid.with(Option::is_some) { "true" } else { "false" }
                            bind:value=reason
                        ></textarea>
                        <p class="error" id="reason-error" hidden=move || invalid.with(Option::is_none)>
                            {move || invalid.get().unwrap_or_default()}
                        </p>
                    </div>
                    <div class="actions">
                        <button type="submit">{move || i18n.t(staff_keys::OPPORTUNITIES_CONFIRM_REJECT)}</button>
                        <button type="button" class="secondary" on:click=move |_| rejecting.set(None)>
                            {move || i18n.t(staff_keys::MODERATION_CANCEL)}
                        </button>
                    </div>
                </form>
            </Show>
        </li>
    }
}
