//! `/staff/moderation`: people, organisations and representatives' invitations waiting for
//! approval, the longest waiting first; staff approve them, or reject them with a reason that
//! whoever must know receives by e-mail.

use leptos::prelude::*;

use super::operations::{DecideModeration, ModerationQueue, decide_moderation as decide, moderation_queue as queue};
use crate::api;
use crate::components::{FormState, PageHeader};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{local_date, staff_keys};

/// People per page.
const PAGE: i64 = 20;

/// What a queued subject is.
#[derive(Clone, PartialEq)]
enum What {
    /// A person with their role and sign-in address.
    Person(crate::contexts::session::Role, String),
    /// An organisation with its registration number.
    Organisation(String),
    /// An invitation to act for the named organisation.
    Representative(String),
}

/// Something in the queue.
#[derive(Clone, PartialEq)]
struct Waiting {
    id: String,
    name: String,
    what: What,
    since: String,
}

/// The moderation page.
#[component]
pub fn Moderation() -> impl IntoView {
    let i18n = use_i18n();
    let people = RwSignal::new(Vec::<Waiting>::new());
    let loaded = RwSignal::new(false);
    let next = RwSignal::new(None::<String>);
    let load_error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let rejecting = RwSignal::new(None::<String>);
    let load = move |after: Option<String>| {
        leptos::task::spawn_local(async move {
            let variables = queue::Variables { first: PAGE, after };
            match api::call::<ModerationQueue>(variables, i18n.locale.get_untracked()).await {
                Ok(data) => {
                    let page = data.moderation_queue;
                    people.update(|list| {
                        list.extend(page.nodes.into_iter().filter_map(|n| {
                            let what = match n.kind {
                                queue::ModerationSubjectKind::PERSON => {
                                    What::Person(n.role?, n.email.unwrap_or_default())
                                }
                                queue::ModerationSubjectKind::ORGANISATION => {
                                    What::Organisation(n.registration_number.unwrap_or_default())
                                }
                                queue::ModerationSubjectKind::REPRESENTATIVE => {
                                    What::Representative(n.organisation.unwrap_or_default())
                                }
                                queue::ModerationSubjectKind::Other(_) => return None,
                            };
                            Some(Waiting { id: n.id, name: n.display_name, what, since: n.waiting_since })
                        }))
                    });
                    next.set(page.page_info.has_next_page.then_some(page.page_info.end_cursor).flatten());
                    load_error.set(None);
                }
                Err(error) => load_error.set(Some(error.text(i18n.locale.get_untracked()))),
            }
            loaded.set(true);
        });
    };
    load(None);
    let decided = Callback::new(move |(id, message): (String, String)| {
        people.update(|list| list.retain(|p| p.id != id));
        done.set(Some(message));
    });
    view! {
        <PageHeader title=staff_keys::MODERATION_TITLE intro=staff_keys::MODERATION_INTRO />
        <p id="moderation-done" class="success" role="status" hidden=move || done.with(Option::is_none)>
            {move || done.get().unwrap_or_default()}
        </p>
        <p class="error" role="alert" hidden=move || load_error.with(Option::is_none)>
            {move || load_error.get().unwrap_or_default()}
        </p>
        <p role="status" hidden=move || loaded.get()>{move || i18n.t(staff_keys::MODERATION_LOADING)}</p>
        <p id="moderation-empty" hidden=move || !loaded.get() || !people.with(Vec::is_empty) || next.with(Option::is_some)>
            {move || i18n.t(staff_keys::MODERATION_EMPTY)}
        </p>
        <ul class="queue" aria-label=move || i18n.t(staff_keys::MODERATION_TITLE)>
            <For each=move || people.get() key=|p| p.id.clone() let:person>
                <QueueEntry person=person decided=decided rejecting=rejecting i18n=i18n />
            </For>
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="secondary" id="moderation-more" on:click=move |_| load(next.get_untracked())>
                {move || i18n.t(staff_keys::MODERATION_MORE)}
            </button>
        </Show>
    }
}

/// One person with the decisions staff can make. One reason form is open at a time
/// (`rejecting` holds whose), so its field has one id on the page.
#[component]
fn QueueEntry(
    person: Waiting,
    decided: Callback<(String, String)>,
    rejecting: RwSignal<Option<String>>,
    i18n: I18n,
) -> impl IntoView {
    let form = FormState::new(&[("reason", staff_keys::MODERATION_REJECT)]);
    let reason = RwSignal::new(String::new());
    let open = {
        let id = person.id.clone();
        Signal::derive(move || rejecting.with(|r| r.as_deref() == Some(id.as_str())))
    };
    let send = {
        let (id, name) = (person.id.clone(), person.name.clone());
        move |decision: decide::ModerationDecision, why: Option<String>| {
            let told = if why.is_some() { staff_keys::MODERATION_REJECTED } else { staff_keys::MODERATION_APPROVED };
            let variables = decide::Variables { subject_id: id.clone(), decision, reason: why };
            let (id, name) = (id.clone(), name.clone());
            form.send::<DecideModeration>(variables, i18n, move |_| {
                rejecting.set(None);
                decided.run((id, i18n.fill(told, &[("name", &name)])));
            });
        }
    };
    let approve = {
        let send = send.clone();
        move |_| {
            if form.start() {
                send(decide::ModerationDecision::APPROVE, None);
            }
        }
    };
    let reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if reason.with_untracked(|r| r.trim().is_empty()) {
            form.invalid("reason", i18n, crate::i18n::keys::ERROR_REQUIRED);
        }
        if form.refused() {
            return;
        }
        send(decide::ModerationDecision::REJECT, Some(reason.get_untracked()));
    };
    let start_rejecting = {
        let id = person.id.clone();
        move |_| {
            form.reset();
            rejecting.set(Some(id.clone()));
            crate::components::form_state::focus_later("reason");
        }
    };
    let Waiting { name, what, since, .. } = person;
    let about = move || match &what {
        What::Person(role, email) => format!("{} · {email}", i18n.t(role.label())),
        What::Organisation(number) => i18n.fill(staff_keys::MODERATION_KIND_ORGANISATION, &[("number", number)]),
        What::Representative(organisation) => {
            i18n.fill(staff_keys::MODERATION_KIND_REPRESENTATIVE, &[("organisation", organisation)])
        }
    };
    let label_name = name.clone();
    let invalid = form.error_of("reason");
    view! {
        <li class="card queue-entry">
            <h2>{name.clone()}</h2>
            <p>{about}</p>
            <p class="note">
                {move || i18n.fill(staff_keys::MODERATION_WAITING_SINCE, &[("date", &local_date(&since, i18n.locale.get()))])}
            </p>
            <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                {move || form.general.get().unwrap_or_default()}
            </p>
            <div class="actions" hidden=move || open.get()>
                <button type="button" class="approve" on:click=approve>{move || i18n.t(staff_keys::MODERATION_APPROVE)}</button>
                <button type="button" class="secondary reject" on:click=start_rejecting>
                    {move || i18n.t(staff_keys::MODERATION_REJECT)}
                </button>
            </div>
            <Show when=move || open.get()>
                <form on:submit=reject.clone() novalidate=true>
                    <div class="field" class:field-invalid=move || invalid.with(Option::is_some)>
                        <label for="reason">
                            {let name = label_name.clone(); move || i18n.fill(staff_keys::MODERATION_REASON, &[("name", &name)])}
                        </label>
                        <p class="hint" id="reason-hint">{move || i18n.t(staff_keys::MODERATION_REASON_HINT)}</p>
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
                        <button type="submit">{move || i18n.t(staff_keys::MODERATION_CONFIRM_REJECT)}</button>
                        <button type="button" class="secondary" on:click=move |_| rejecting.set(None)>
                            {move || i18n.t(staff_keys::MODERATION_CANCEL)}
                        </button>
                    </div>
                </form>
            </Show>
        </li>
    }
}
