//! `/opportunity?id=…`: one posting. A founder applies here with a short message, choosing which
//! contact details the organisation may see once it shortlists them; the organisation's own
//! representatives see where it stands and take its next step.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{day, require_sign_in, text};
use crate::api::{
    self,
    opportunities::{
        ApplyToOpportunity, CloseOpportunity, Opportunity, OpportunityStatus, SubmitOpportunity,
        apply_to_opportunity as apply, close_opportunity as close, opportunity as one, submit_opportunity as submit,
    },
};
use crate::components::{FormFooter, FormState, TextArea, Toggle};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::{Role, use_session},
};
use crate::i18n::keys;

/// The most characters of an application's message (the server's limit).
const MAX_MESSAGE: u32 = 2000;

type Found = one::OpportunityOpportunity;

/// The page.
#[component]
pub fn OpportunityPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let id = move || query.with(|q| q.get("id")).unwrap_or_default();
    require_sign_in(move || format!("/opportunity?id={}", id()));
    let found = RwSignal::new(None::<Found>);
    let missing = RwSignal::new(None::<String>);
    let reload = move || {
        let locale = i18n.locale.get_untracked();
        let id = id();
        leptos::task::spawn_local(async move {
            match api::call::<Opportunity>(one::Variables { id }, locale).await {
                Ok(data) => found.set(Some(data.opportunity)),
                Err(e) => missing.set(Some(e.text(locale))),
            }
        });
    };
    Effect::new(move |_| {
        i18n.locale.track();
        if session.viewer.with(Option::is_some) {
            reload();
        }
    });
    let founder = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.role == Role::Founder));
    view! {
        <p><a href="/opportunities">{i18n.tr(keys::OPPORTUNITY_BACK)}</a></p>
        {move || match (found.get(), missing.get()) {
            (Some(o), _) => {
                let mine = o.mine;
                let open = o.status == OpportunityStatus::Published;
                let id = o.id.clone();
                view! {
                    <Details o=o.clone() i18n=i18n />
                    {(founder() && open).then(|| view! { <ApplyForm id=id.clone() /> })}
                    {mine.then(|| view! { <OwnSteps o=o.clone() reload=Callback::new(move |()| reload()) /> })}
                }
                .into_any()
            }
            (None, Some(message)) => view! {
                <h1>{i18n.tr(keys::OPPORTUNITY_MISSING)}</h1>
                <p id="opportunity-missing" class="intro">{message}</p>
            }
            .into_any(),
            (None, None) => view! { <p role="status">{i18n.tr(keys::OPPORTUNITIES_LOADING)}</p> }.into_any(),
        }}
    }
}

/// What the posting says, with its type's own facts.
#[component]
fn Details(o: Found, i18n: I18n) -> impl IntoView {
    let list = |terms: &[one::OpportunityOpportunityLanguages]| {
        terms.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(", ")
    };
    let sectors = o.sectors.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(", ");
    let row = move |key: crate::i18n::Key, value: String| {
        (!value.is_empty()).then(|| view! { <dt>{i18n.tr(key)}</dt><dd>{value}</dd> })
    };
    let where_ = match (&o.region, o.remote) {
        (Some(r), true) => format!("{} · {}", r.label, i18n.t(keys::OPPORTUNITIES_REMOTE)),
        (Some(r), false) => r.label.clone(),
        (None, true) => i18n.t(keys::OPPORTUNITIES_REMOTE).to_owned(),
        (None, false) => String::new(),
    };
    let pay = match (o.pay_min, o.pay_max) {
        (Some(a), Some(b)) if a == b => i18n.fill(keys::OPPORTUNITY_PAY_ONE, &[("pay", &a.to_string())]),
        (Some(a), Some(b)) => {
            i18n.fill(keys::OPPORTUNITY_PAY_RANGE, &[("min", &a.to_string()), ("max", &b.to_string())])
        }
        _ => String::new(),
    };
    let yes_no = |b: Option<bool>| match b {
        Some(true) => i18n.t(keys::OPPORTUNITY_YES).to_owned(),
        Some(false) => i18n.t(keys::OPPORTUNITY_NO).to_owned(),
        None => String::new(),
    };
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let until = match (&o.available_from, &o.available_until) {
        (Some(a), Some(b)) => format!("{} – {}", day(a), day(b)),
        (Some(a), None) => day(a),
        _ => String::new(),
    };
    view! {
        <h1 id="opportunity-title">{o.title.clone()}</h1>
        <p class="intro">{i18n.tr(o.kind.label())}" · "{o.organisation.name.clone()}</p>
        {o.mine.then(|| view! {
            <p class="badge" id="opportunity-status">{i18n.tr(o.status.label())}</p>
        })}
        {(o.mine && o.status == OpportunityStatus::Rejected).then(|| view! {
            <p class="notice">{i18n.tr(keys::OPPORTUNITY_REJECTED_NOTE)}</p>
        })}
        <dl class="facts">
            {row(keys::OPPORTUNITY_WHERE, where_)}
            {row(keys::OPPORTUNITY_ADDRESS, o.address.clone())}
            {row(keys::OPPORTUNITY_STARTS, o.starts_on.as_deref().map(day).unwrap_or_default())}
            {row(keys::OPPORTUNITY_DEADLINE, day(&o.deadline))}
            {row(keys::OPPORTUNITY_PLACES, o.places.to_string())}
            {row(keys::OPPORTUNITY_HOURS, number(o.hours_per_week))}
            {row(keys::OPPORTUNITY_PAY, pay)}
            {row(keys::OPPORTUNITY_WAGE_SUBSIDY, yes_no(o.wage_subsidy))}
            {row(keys::OPPORTUNITY_DURATION, number(o.duration_weeks))}
            {row(keys::OPPORTUNITY_AREA, number(o.area_m2))}
            {row(keys::OPPORTUNITY_TERMS, o.terms.clone().unwrap_or_default())}
            {row(keys::OPPORTUNITY_ITEMS, o.items.clone().unwrap_or_default().join(", "))}
            {row(keys::OPPORTUNITY_CAPACITY, number(o.capacity))}
            {row(keys::OPPORTUNITY_AVAILABLE, until)}
            {row(keys::OPPORTUNITY_LANGUAGES, list(&o.languages))}
            {row(keys::OPPORTUNITY_SECTORS, sectors)}
            {row(keys::OPPORTUNITY_CONTACT_PERSON, o.contact_person.clone())}
        </dl>
        <p class="pre">{o.description.clone()}</p>
    }
}

/// A founder's application.
#[component]
fn ApplyForm(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(&[("message", keys::APPLY_MESSAGE), ("share-phone", keys::APPLY_SHARE_PHONE)]);
    let message = RwSignal::new(String::new());
    let (share_email, share_phone) = (RwSignal::new(false), RwSignal::new(false));
    let sent = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if message.with_untracked(|m| m.trim().is_empty()) {
            form.invalid("message", i18n, keys::APPLY_MESSAGE_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let variables = apply::Variables {
            id: id.clone(),
            message: message.get_untracked(),
            share_email: share_email.get_untracked(),
            share_phone: share_phone.get_untracked(),
        };
        form.send::<ApplyToOpportunity>(variables, i18n, move |_| sent.set(true));
    };
    view! {
        <section aria-labelledby="apply-title">
            <h2 id="apply-title">{i18n.tr(keys::APPLY_TITLE)}</h2>
            <Show
                when=move || sent.get()
                fallback=move || view! {
                    <form on:submit=submit.clone() novalidate=true aria-labelledby="apply-title">
                        <TextArea
                            name="message"
                            label=text(i18n, keys::APPLY_MESSAGE)
                            hint=text(i18n, keys::APPLY_MESSAGE_HINT)
                            value=message
                            error=form.error_of("message")
                            maxlength=MAX_MESSAGE
                        />
                        <fieldset class="choices">
                            <legend>{i18n.tr(keys::APPLY_SHARE_LEGEND)}</legend>
                            <Toggle name="share-email" label=text(i18n, keys::APPLY_SHARE_EMAIL) value=share_email />
                            <Toggle name="share-phone" label=text(i18n, keys::APPLY_SHARE_PHONE) value=share_phone />
                            <p class="error" id="share-phone-error" hidden=move || form.error_of("share-phone").with(Option::is_none)>
                                {move || form.error_of("share-phone").get().unwrap_or_default()}
                            </p>
                        </fieldset>
                        <p class="note">{i18n.tr(keys::APPLY_PRIVACY)}</p>
                        <FormFooter form=form submit=keys::APPLY_SEND />
                    </form>
                }
            >
                <p id="applied" class="success" role="status">{i18n.tr(keys::APPLY_SENT)}</p>
                <p><a href="/applications">{i18n.tr(keys::OPPORTUNITIES_MY_APPLICATIONS)}</a></p>
            </Show>
        </section>
    }
}

/// The organisation's own next steps: change and send a draft to VPD, close a published one,
/// read its applicants.
#[component]
fn OwnSteps(o: Found, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(&[("steps", keys::OPPORTUNITY_SUBMIT)]);
    let editable = matches!(o.status, OpportunityStatus::Draft | OpportunityStatus::Rejected);
    let published = o.status == OpportunityStatus::Published;
    let (submit_id, close_id) = (o.id.clone(), o.id.clone());
    let send = move |_| {
        if form.start() {
            form.send::<SubmitOpportunity>(submit::Variables { id: submit_id.clone() }, i18n, move |_| reload.run(()));
        }
    };
    let shut = move |_| {
        if form.start() {
            form.send::<CloseOpportunity>(close::Variables { id: close_id.clone() }, i18n, move |_| reload.run(()));
        }
    };
    view! {
        <section aria-labelledby="steps-title">
            <h2 id="steps-title">{i18n.tr(keys::OPPORTUNITY_STEPS)}</h2>
            <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                {move || form.general.get().unwrap_or_default()}
            </p>
            <div class="actions">
                {editable.then(|| view! {
                    <a class="button secondary" rel="external" href=format!("/opportunity/edit?id={}", o.id)>{i18n.tr(keys::OPPORTUNITY_EDIT)}</a>
                    <button type="button" id="submit-opportunity" on:click=send.clone()>{i18n.tr(keys::OPPORTUNITY_SUBMIT)}</button>
                })}
                {published.then(|| view! {
                    <a class="button" rel="external" id="see-applicants" href=format!("/opportunity/applicants?id={}", o.id)>{i18n.tr(keys::OPPORTUNITY_APPLICANTS)}</a>
                    <button type="button" class="secondary" id="close-opportunity" on:click=shut.clone()>{i18n.tr(keys::OPPORTUNITY_CLOSE)}</button>
                })}
            </div>
            {(o.status == OpportunityStatus::PendingReview).then(|| view! { <p class="note">{i18n.tr(keys::OPPORTUNITY_WITH_VPD)}</p> })}
        </section>
    }
}
