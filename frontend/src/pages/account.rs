//! `/account`: password, two-step sign-in, devices and signing out. Signed-in people only.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{
        ChangePassword, EndSession, MySessions, SignOut, change_password, end_session, my_sessions, sign_out,
    },
};
use crate::components::{Field, FormFooter, FormState, PageHeader, SecondFactorSetup};
use crate::contexts::{
    locale::use_i18n,
    session::{Role, Standing, use_session},
};
use crate::i18n::keys;

/// What the account page says about a standing other than approved.
fn standing_notice(standing: Standing) -> Option<crate::i18n::Key> {
    match standing {
        Standing::Approved => None,
        Standing::Pending => Some(keys::ACCOUNT_STANDING_PENDING),
        Standing::Rejected => Some(keys::ACCOUNT_STANDING_REJECTED),
        Standing::Suspended => Some(keys::ACCOUNT_STANDING_SUSPENDED),
    }
}

/// The account settings page; sends people who are not signed in to the sign-in page.
#[component]
pub fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    // Also the way out after signing out: the sign-in page then says "You have signed out".
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            let to = if session.signed_out.get_untracked() { "/sign-in?signed-out" } else { "/sign-in?next=/account" };
            navigate(to, Default::default());
        }
    });

    let form = FormState::new(&[("current", keys::FORM_CURRENT_PASSWORD), ("newPassword", keys::FORM_NEW_PASSWORD)]);
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        saved.set(false);
        if current.with_untracked(String::is_empty) {
            form.invalid("current", i18n, keys::ERROR_REQUIRED);
        }
        if new.with_untracked(|p| p.chars().count() < 10) {
            form.invalid("newPassword", i18n, keys::ERROR_PASSWORD_SHORT);
        }
        if form.refused() {
            return;
        }
        let variables = change_password::Variables { current: current.get_untracked(), new: new.get_untracked() };
        form.send::<ChangePassword>(variables, i18n, move |_| {
            current.set(String::new());
            new.set(String::new());
            saved.set(true);
        });
    };

    let signing_out = RwSignal::new(false);
    let sign_out_error = RwSignal::new(None::<String>);
    let sign_out_now = move |_| {
        if signing_out.get_untracked() {
            return;
        }
        signing_out.set(true);
        sign_out_error.set(None);
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            // Forget locally only once the server has ended the session: otherwise the cookie
            // would still sign the next person on a shared phone in.
            match api::call::<SignOut>(sign_out::Variables {}, locale).await {
                Ok(_) => session.forget(),
                Err(error) => sign_out_error.set(Some(error.text(locale))),
            }
            signing_out.set(false);
        });
    };

    view! {
        <PageHeader title=keys::ACCOUNT_TITLE intro=keys::ACCOUNT_INTRO />
        {move || session.viewer.get().map(|v| view! {
            <section class="card who">
                <p class="who-name">{v.display_name}</p>
                <p>{i18n.t(v.role.label())}</p>
                <p>{v.email}</p>
                {standing_notice(v.standing).map(|key| view! {
                    <p id="standing-notice" class="notice" role="status">{move || i18n.t(key)}</p>
                })}
                {matches!(v.role, Role::Staff | Role::Admin).then(|| view! {
                    <p><a id="staff-pages" href="/staff" rel="external">{move || i18n.t(keys::ACCOUNT_STAFF_PAGES)}</a></p>
                })}
            </section>
        })}
        <Show when=move || session.viewer.with(Option::is_some)>
        <section class="card">
            <h2>{move || i18n.t(keys::ACCOUNT_LANGUAGE_TITLE)}</h2>
            <label for="account-language">{move || i18n.t(keys::ACCOUNT_LANGUAGE_HINT)}</label>
            <crate::components::lang_switcher::LanguageSelect id="account-language" />
        </section>
        <section class="card">
            <h2>{move || i18n.t(keys::ACCOUNT_PASSWORD_TITLE)}</h2>
            <form on:submit=change novalidate=true>
                <Field
                    name="current"
                    label=Signal::derive(move || i18n.t(keys::FORM_CURRENT_PASSWORD).to_owned())
                    value=current
                    kind="password"
                    autocomplete="current-password"
                    error=form.error_of("current")
                />
                <Field
                    name="newPassword"
                    label=Signal::derive(move || i18n.t(keys::FORM_NEW_PASSWORD).to_owned())
                    hint=Signal::derive(move || i18n.t(keys::FORM_PASSWORD_HINT).to_owned())
                    value=new
                    kind="password"
                    autocomplete="new-password"
                    error=form.error_of("newPassword")
                />
                <FormFooter form=form submit=keys::ACCOUNT_PASSWORD_SUBMIT />
                <p class="success" role="status" hidden=move || !saved.get()>{move || i18n.t(keys::ACCOUNT_PASSWORD_SAVED)}</p>
            </form>
        </section>
        <SecondFactorCard />
        <DevicesCard />
        <section class="card">
            <h2>{move || i18n.t(keys::VIEWS_TITLE)}</h2>
            <p>{move || i18n.t(keys::VIEWS_INTRO)}</p>
            <p><a id="views-link" href="/views">{move || i18n.t(keys::VIEWS_OPEN)}</a></p>
        </section>
        <section class="card">
            <h2>{move || i18n.t(keys::ACCOUNT_SIGN_OUT)}</h2>
            <p>{move || i18n.t(keys::ACCOUNT_SIGN_OUT_HINT)}</p>
            <p class="error" role="alert" hidden=move || sign_out_error.with(Option::is_none)>
                {move || sign_out_error.get().unwrap_or_default()}
            </p>
            <button
                type="button"
                class="secondary"
                id="sign-out"
                aria-disabled=move || if signing_out.get() { "true" } else { "false" }
                on:click=sign_out_now
            >
                {move || if signing_out.get() { i18n.t(keys::FORM_WORKING) } else { i18n.t(keys::ACCOUNT_SIGN_OUT) }}
            </button>
        </section>
        </Show>
    }
}

/// Two-step sign-in: whether it is on, and turning it on.
#[component]
fn SecondFactorCard() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let on = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.second_factor));
    let setting_up = RwSignal::new(false);
    let done =
        Callback::new(move |(person, _locale): (crate::contexts::session::SignedIn, Option<crate::i18n::Locale>)| {
            session.viewer.set(Some(person));
            setting_up.set(false);
        });
    view! {
        <section class="card" id="second-factor">
            <h2>{move || i18n.t(keys::ACCOUNT_SECOND_FACTOR_TITLE)}</h2>
            <p id="second-factor-state">
                {move || if on() { i18n.t(keys::ACCOUNT_SECOND_FACTOR_ON) } else { i18n.t(keys::ACCOUNT_SECOND_FACTOR_OFF) }}
            </p>
            {move || match (on(), setting_up.get()) {
                (false, false) => Some(view! {
                    <button type="button" class="secondary" id="turn-on-second-factor" on:click=move |_| setting_up.set(true)>
                        {i18n.t(keys::ACCOUNT_SECOND_FACTOR_TURN_ON)}
                    </button>
                }.into_any()),
                (_, true) => Some(view! { <SecondFactorSetup done=done ask_password=true /> }.into_any()),
                (true, false) => None,
            }}
        </section>
    }
}

/// The browsers the person is signed in on, each with a way to sign it out.
#[component]
fn DevicesCard() -> impl IntoView {
    let i18n = use_i18n();
    let devices = RwSignal::new(Vec::<my_sessions::MySessionsMySessions>::new());
    let error = RwSignal::new(None::<String>);
    let load = move || {
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            match api::call::<MySessions>(my_sessions::Variables {}, locale).await {
                Ok(data) => devices.set(data.my_sessions),
                Err(e) => error.set(Some(e.text(locale))),
            }
        });
    };
    load();
    let end = move |id: String| {
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            match api::call::<EndSession>(end_session::Variables { id }, locale).await {
                Ok(_) => load(),
                Err(e) => error.set(Some(e.text(locale))),
            }
        });
    };
    // "2026-11-24T04:39:16.123Z" → "2026-11-24 04:39" (UTC), readable in every language.
    let when = |stamp: &str| stamp.get(..16).unwrap_or(stamp).replace('T', " ");
    view! {
        <section class="card" id="devices">
            <h2>{move || i18n.t(keys::ACCOUNT_DEVICES_TITLE)}</h2>
            <p>{move || i18n.t(keys::ACCOUNT_DEVICES_INTRO)}</p>
            <p class="error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get().unwrap_or_default()}</p>
            <ul class="devices">
                {move || devices.get().into_iter().map(|device| view! {
                    <li class:current=device.current>
                        <strong>{device.device.clone().filter(|d| d != "?").unwrap_or_else(|| i18n.t(keys::ACCOUNT_DEVICE_UNKNOWN).to_owned())}</strong>
                        {device.current.then(|| view! { " · " {i18n.t(keys::ACCOUNT_DEVICE_THIS)} })}
                        <br />
                        <span class="hint">{i18n.fill(keys::ACCOUNT_DEVICE_LAST_SEEN, &[("when", &when(&device.last_seen_at))])}</span>
                        {(!device.current).then(|| {
                            let id = device.id.clone();
                            view! {
                                <button type="button" class="secondary end-session" on:click=move |_| end(id.clone())>
                                    {i18n.t(keys::ACCOUNT_DEVICE_SIGN_OUT)}
                                </button>
                            }
                        })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
