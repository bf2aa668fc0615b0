//! `/opportunity/applicants?id=…`: the applicants to one of the organisation's postings, newest
//! first: each founder's public profile and message, and, once on the shortlist, the contact
//! details they chose to share. The organisation shortlists, hires, or declines with a reason
//! the founder reads; each step tells the founder.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{
    self,
    opportunities::{Applicants, ApplicationStatus, MoveApplication, applicants as list, move_application as step},
};
use crate::components::{FormState, PageHeader, PageStatus, Paged, ShowMore, paged::next_cursor};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::use_session,
};
use crate::i18n::{keys, local_date};

/// Applicants per page.
const PAGE: i64 = 10;

type Row = list::ApplicantsApplicantsNodes;

/// The page.
#[component]
pub fn ApplicantsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let id = move || query.with(|q| q.get("id")).unwrap_or_default();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            let next: String = js_sys::encode_uri_component(&format!("/opportunity/applicants?id={}", id())).into();
            let _ = web_sys::window().map(|w| w.location().set_href(&format!("/sign-in?next={next}")));
        }
    });
    let rows = Paged::<Row>::new();
    let load = move |after: Option<String>| {
        let opportunity_id = id();
        rows.load(i18n, after, move |locale, after| async move {
            let variables = list::Variables { opportunity_id, first: PAGE, after };
            let page = api::call::<Applicants>(variables, locale).await?.applicants;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    Effect::new(move |_| {
        if session.viewer.with(Option::is_some) && !rows.state.loaded.get_untracked() {
            load(None);
        }
    });
    let deciding = RwSignal::new(None::<String>);
    view! {
        <PageHeader title=keys::APPLICANTS_TITLE intro=keys::APPLICANTS_INTRO />
        <p><a rel="external" href=move || format!("/opportunity?id={}", id())>{i18n.tr(keys::APPLICANTS_BACK)}</a></p>
        <PageStatus state=rows.state id="applicants-status" loading=keys::ORGANISATION_LOADING empty=keys::APPLICANTS_EMPTY i18n=i18n />
        <ul class="people" id="applicants" aria-label=i18n.tr(keys::APPLICANTS_TITLE)>
            <For each=move || rows.rows.get() key=|a| (a.id.clone(), a.status) let:a>
                <Applicant a=a reload=Callback::new(move |()| load(None)) deciding=deciding i18n=i18n />
            </For>
        </ul>
        <ShowMore state=rows.state id="applicants-more" label=keys::OPPORTUNITIES_MORE more=Callback::new(load) i18n=i18n />
    }
}

/// One applicant with the organisation's next steps. One decline form is open at a time.
#[component]
fn Applicant(a: Row, reload: Callback<()>, deciding: RwSignal<Option<String>>, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[("reason", keys::APPLICANTS_REASON)]);
    let reason = RwSignal::new(String::new());
    let id = a.id.clone();
    let open = {
        let id = id.clone();
        Signal::derive(move || deciding.with(|d| d.as_deref() == Some(id.as_str())))
    };
    let send = {
        let id = id.clone();
        move |status: ApplicationStatus, why: Option<String>| {
            let variables = step::Variables { id: id.clone(), status, reason: why };
            form.send::<MoveApplication>(variables, i18n, move |_| {
                deciding.set(None);
                // Read the list again: the row comes back with its new status and, once
                // shortlisted, the contact details the founder chose.
                reload.run(());
            });
        }
    };
    let shortlist = {
        let send = send.clone();
        move |_| {
            if form.start() {
                send(ApplicationStatus::Shortlisted, None);
            }
        }
    };
    let hire = {
        let send = send.clone();
        move |_| {
            if form.start() {
                send(ApplicationStatus::Hired, None);
            }
        }
    };
    let decline = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if reason.with_untracked(|r| r.trim().is_empty()) {
            form.invalid("reason", i18n, keys::APPLICANTS_REASON_REQUIRED);
        }
        if form.refused() {
            return;
        }
        send(ApplicationStatus::Declined, Some(reason.get_untracked()));
    };
    let start_declining = {
        let id = id.clone();
        move |_| {
            form.reset();
            deciding.set(Some(id.clone()));
            crate::components::form_state::focus_later("reason");
        }
    };
    let invalid = form.error_of("reason");
    let status = a.status;
    let sent = a.created_at.clone();
    let f = a.founder.clone();
    view! {
        <li class="card applicant">
            <h2>{f.display_name.clone()}</h2>
            <p class="note">{f.headline.clone()}{f.region.as_ref().map(|r| format!(" · {}", r.label))}</p>
            {(!f.skills.is_empty()).then(|| view! { <p>{i18n.tr(keys::APPLICANTS_SKILLS)}": "{f.skills.clone()}</p> })}
            <blockquote class="pre">{a.message.clone()}</blockquote>
            <p class="badge status">{i18n.tr(status.label())}</p>
            <p class="note">{move || i18n.fill(keys::APPLICATIONS_SENT_ON, &[("date", &local_date(&sent, i18n.locale.get()))])}</p>
            {a.contact.clone().map(|c| view! {
                <dl class="facts contact">
                    {c.phone.map(|p| view! { <dt>{i18n.tr(keys::APPLICANTS_PHONE)}</dt><dd><a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></dd> })}
                    {c.email.map(|e| view! { <dt>{i18n.tr(keys::APPLICANTS_EMAIL)}</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd> })}
                </dl>
            })}
            {(status == ApplicationStatus::Shortlisted && a.contact.as_ref().is_none_or(|c| c.phone.is_none() && c.email.is_none())).then(|| view! {
                <p class="note">{i18n.tr(keys::APPLICANTS_NO_CONTACT)}</p>
            })}
            {a.decline_reason.clone().map(|why| view! { <p class="note">{move || i18n.fill(keys::APPLICANTS_DECLINED_BECAUSE, &[("reason", &why)])}</p> })}
            <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                {move || form.general.get().unwrap_or_default()}
            </p>
            {status.open().then(|| view! {
                <div class="actions" hidden=move || open.get()>
                    {(status == ApplicationStatus::Submitted).then(|| view! {
                        <button type="button" class="shortlist" on:click=shortlist.clone()>{i18n.tr(keys::APPLICANTS_SHORTLIST)}</button>
                    })}
                    <button type="button" class="hire" on:click=hire.clone()>{i18n.tr(keys::APPLICANTS_HIRE)}</button>
                    <button type="button" class="secondary decline" on:click=start_declining.clone()>{i18n.tr(keys::APPLICANTS_DECLINE)}</button>
                </div>
            })}
            <Show when=move || open.get()>
                <form on:submit=decline.clone() novalidate=true>
                    <div class="field" class:field-invalid=move || invalid.with(Option::is_some)>
                        <label for="reason">{i18n.tr(keys::APPLICANTS_REASON)}</label>
                        <p class="hint" id="reason-hint">{i18n.tr(keys::APPLICANTS_REASON_HINT)}</p>
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
                        <button type="submit">{i18n.tr(keys::APPLICANTS_CONFIRM_DECLINE)}</button>
                        <button type="button" class="secondary" on:click=move |_| deciding.set(None)>{i18n.tr(keys::APPLICANTS_CANCEL)}</button>
                    </div>
                </form>
            </Show>
        </li>
    }
}
