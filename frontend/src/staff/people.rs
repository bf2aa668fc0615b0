//! `/staff/people`: VPD staff find anyone with an account by name or e-mail address, of one
//! role or all; a founder's entry leads to their VPD record.

use leptos::prelude::*;

use super::operations::{DecideModeration, People, decide_moderation as decide, people};
use crate::api;
use crate::components::{Field, FormState, PageHeader, form_state::focus_later};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::{Role, Standing},
};
use crate::i18n::{Key, keys, staff_keys};

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}
/// People per page.
const PAGE: i64 = 20;

/// Every role, in the order the filter offers them.
const ROLES: [Role; 5] = [Role::Founder, Role::Mentor, Role::Enterprise, Role::Staff, Role::Admin];

/// The standing's label, if it is worth saying (approved is the normal case).
fn standing_label(standing: Standing) -> Option<crate::i18n::Key> {
    match standing {
        Standing::Pending => Some(staff_keys::PEOPLE_STANDING_PENDING),
        Standing::Rejected => Some(staff_keys::PEOPLE_STANDING_REJECTED),
        Standing::Suspended => Some(staff_keys::PEOPLE_STANDING_SUSPENDED),
        Standing::Approved => None,
    }
}

/// The search page.
#[component]
pub fn PeopleSearch() -> impl IntoView {
    let i18n = use_i18n();
    let words = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<people::PeoplePeopleNodes>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Whose suspension form is open (one at a time, so its field has one id on the page), and
    // what the last decision was.
    let suspending = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let load = move |after: Option<String>| {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        let more = after.is_some();
        let search = Some(words.get_untracked()).filter(|w| !w.trim().is_empty());
        let role = role.with_untracked(|code| ROLES.into_iter().find(|r| r.code() == code));
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            let variables = people::Variables { search, role, first: PAGE, after };
            match api::call::<People>(variables, locale).await {
                Ok(data) => {
                    let page = data.people;
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
    load(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load(None);
    };
    let no_error = Signal::derive(|| None::<String>);
    view! {
        <PageHeader title=staff_keys::PEOPLE_TITLE intro=staff_keys::PEOPLE_INTRO />
        <form class="filters card" role="search" on:submit=submit>
            <Field
                name="people-search"
                label=text(i18n, staff_keys::PEOPLE_SEARCH)
                value=words
                kind="search"
                required=false
                error=no_error
            />
            <div class="field">
                <label for="people-role">{i18n.tr(staff_keys::PEOPLE_ROLE)}</label>
                <select id="people-role" on:change:target=move |ev| role.set(ev.target().value())>
                    <option value="">{i18n.tr(staff_keys::PEOPLE_ROLE_ANY)}</option>
                    {ROLES
                        .into_iter()
                        .map(|r| view! { <option value=r.code()>{i18n.tr(r.label())}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" id="people-submit" disabled=move || loading.get()>{i18n.tr(staff_keys::PEOPLE_SUBMIT)}</button>
        </form>
        <p class="error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get().unwrap_or_default()}</p>
        <p id="people-done" class="success" role="status" tabindex="-1" hidden=move || done.with(Option::is_none)>
            {move || done.get().unwrap_or_default()}
        </p>
        <p id="people-status" role="status">
            {move || {
                if loading.get() {
                    i18n.t(staff_keys::PEOPLE_LOADING).to_owned()
                } else if loaded.get() && found.with(Vec::is_empty) {
                    i18n.t(staff_keys::PEOPLE_EMPTY).to_owned()
                } else {
                    String::new()
                }
            }}
        </p>
        <ul class="people" aria-label=i18n.tr(staff_keys::PEOPLE_TITLE)>
            <For each=move || found.get() key=|p| p.id.clone() let:p>
                <PersonEntry person=p suspending=suspending done=done />
            </For>
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="secondary" id="people-more" disabled=move || loading.get() on:click=move |_| load(next.get_untracked())>
                {i18n.tr(staff_keys::PEOPLE_MORE)}
            </button>
        </Show>
    }
}

/// One person: who they are, their standing, and what staff can do about them — open a
/// founder's VPD record, suspend someone (with a reason the person receives) or reinstate them.
#[component]
fn PersonEntry(
    person: people::PeoplePeopleNodes,
    suspending: RwSignal<Option<String>>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let standing = RwSignal::new(person.standing);
    let form = FormState::new(&[("reason", staff_keys::PEOPLE_SUSPEND_REASON)]);
    let reason = RwSignal::new(String::new());
    let open = {
        let id = person.id.clone();
        Signal::derive(move || suspending.with(|s| s.as_deref() == Some(id.as_str())))
    };
    let vpd = matches!(person.role, Role::Staff | Role::Admin);
    let send = {
        let (id, name) = (person.id.clone(), person.display_name.clone());
        move |decision: decide::ModerationDecision, why: Option<String>| {
            let told = if why.is_some() { staff_keys::PEOPLE_SUSPENDED } else { staff_keys::PEOPLE_REINSTATED };
            let name = name.clone();
            let variables = decide::Variables { subject_id: id.clone(), decision, reason: why };
            form.send::<DecideModeration>(variables, i18n, move |data| {
                standing.set(data.decide_moderation.standing);
                suspending.set(None);
                done.set(Some(i18n.fill(told, &[("name", &name)])));
                focus_later("people-done");
            });
        }
    };
    let reinstate = {
        let send = send.clone();
        move |_| {
            if form.start() {
                send(decide::ModerationDecision::REINSTATE, None);
            }
        }
    };
    let suspend = move |ev: leptos::ev::SubmitEvent| {
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
        send(decide::ModerationDecision::SUSPEND, Some(reason.get_untracked()));
    };
    let start = {
        let id = person.id.clone();
        move |_| {
            form.reset();
            reason.set(String::new());
            suspending.set(Some(id.clone()));
            focus_later("reason");
        }
    };
    let invalid = form.error_of("reason");
    let name = person.display_name.clone();
    view! {
        <li class="card person">
            <h2>{person.display_name.clone()}</h2>
            <p>{i18n.tr(person.role.label())}" · "{person.email.clone()}</p>
            {move || standing_label(standing.get()).map(|key| view! { <p class="badge">{i18n.tr(key)}</p> })}
            {person.disabled.then(|| view! { <p class="badge">{i18n.tr(staff_keys::PEOPLE_DISABLED)}</p> })}
            {(person.role == Role::Founder).then(|| {
                let name = person.display_name.clone();
                view! {
                    <p><a class="record-link" href=format!("/staff/record?id={}", person.id)>
                        {move || i18n.fill(staff_keys::PEOPLE_RECORD, &[("name", &name)])}
                    </a></p>
                }
            })}
            <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                {move || form.general.get().unwrap_or_default()}
            </p>
            <div class="actions" hidden=move || vpd || open.get()>
                <Show
                    when=move || standing.get() == Standing::Suspended
                    fallback=move || view! {
                        <button type="button" class="secondary suspend" on:click=start.clone()>{i18n.tr(staff_keys::PEOPLE_SUSPEND)}</button>
                    }
                >
                    <button type="button" class="reinstate" on:click=reinstate.clone()>{i18n.tr(staff_keys::PEOPLE_REINSTATE)}</button>
                </Show>
            </div>
            <Show when=move || open.get()>
                <form on:submit=suspend.clone() novalidate=true>
                    <div class="field" class:field-invalid=move || invalid.with(Option::is_some)>
                        <label for="reason">{let name = name.clone(); move || i18n.fill(staff_keys::PEOPLE_SUSPEND_REASON_FOR, &[("name", &name)])}</label>
                        <p class="hint" id="reason-hint">{i18n.tr(staff_keys::PEOPLE_SUSPEND_HINT)}</p>
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
                        <button type="submit">{i18n.tr(staff_keys::PEOPLE_CONFIRM_SUSPEND)}</button>
                        <button type="button" class="secondary" on:click=move |_| suspending.set(None)>
                            {i18n.tr(staff_keys::PEOPLE_CANCEL)}
                        </button>
                    </div>
                </form>
            </Show>
        </li>
    }
}
