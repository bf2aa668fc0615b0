//! `/staff/people`: VPD staff find anyone with an account by name or e-mail address, of one
//! role or all; a founder's entry leads to their VPD record.

use leptos::prelude::*;

use super::operations::{People, people};
use crate::api;
use crate::components::{Field, PageHeader};
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
        Standing::Pending => Some(keys::ACCOUNT_STANDING_PENDING),
        Standing::Rejected => Some(keys::ACCOUNT_STANDING_REJECTED),
        Standing::Suspended => Some(keys::ACCOUNT_STANDING_SUSPENDED),
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
                <li class="card person">
                    <h2>{p.display_name.clone()}</h2>
                    <p>{i18n.tr(p.role.label())}" · "{p.email.clone()}</p>
                    {standing_label(p.standing).map(|key| view! { <p class="badge">{i18n.tr(key)}</p> })}
                    {p.disabled.then(|| view! { <p class="badge">{i18n.tr(staff_keys::PEOPLE_DISABLED)}</p> })}
                    {(p.role == Role::Founder).then(|| {
                        let name = p.display_name.clone();
                        view! {
                            <p><a class="record-link" href=format!("/staff/record?id={}", p.id)>
                                {move || i18n.fill(staff_keys::PEOPLE_RECORD, &[("name", &name)])}
                            </a></p>
                        }
                    })}
                </li>
            </For>
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="secondary" id="people-more" disabled=move || loading.get() on:click=move |_| load(next.get_untracked())>
                {i18n.tr(staff_keys::PEOPLE_MORE)}
            </button>
        </Show>
    }
}
