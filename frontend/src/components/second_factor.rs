//! The second factor: entering a code at sign-in, and setting up an authenticator app.

use leptos::prelude::*;

use super::{Field, FormFooter, FormState, form_state::focus_later};
use crate::api::operations::{
    BeginSecondFactorSetup, ConfirmSecondFactor, VerifySecondFactor, begin_second_factor_setup, confirm_second_factor,
    verify_second_factor,
};
use crate::contexts::{locale::use_i18n, session::SignedIn};
use crate::i18n::{Locale, keys};

/// Turns a viewer of any operation into what the app keeps of the signed-in person.
macro_rules! signed_in_from {
    ($viewer:expr) => {{
        let v = $viewer;
        let person = SignedIn {
            email: v.email,
            display_name: v.display_name,
            second_factor: v.second_factor,
            role: v.role,
            standing: v.standing,
            finds_founders: v.finds_founders,
        };
        (person, Some(v.locale))
    }};
}
pub(crate) use signed_in_from;

/// The code step of a sign-in: a code from the app, or a recovery code. Calls `done` with the
/// signed-in person.
#[component]
pub fn SecondFactorCode(done: Callback<(SignedIn, Option<Locale>)>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(&[("code", keys::FORM_CODE)]);
    let code = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(code_text) = code_to_send(ev, form, code, i18n) else { return };
        let variables = verify_second_factor::Variables { code: code_text };
        form.send::<VerifySecondFactor>(variables, i18n, move |data| {
            code.set(String::new());
            done.run(signed_in_from!(data.verify_second_factor));
        });
    };
    view! {
        <section class="card" aria-labelledby="second-factor-title">
            <h2 id="second-factor-title" tabindex="-1">{move || i18n.t(keys::SECOND_FACTOR_CODE_TITLE)}</h2>
            <p>{move || i18n.t(keys::SECOND_FACTOR_CODE_INTRO)}</p>
            <form on:submit=submit novalidate=true>
                <Field
                    name="code"
                    label=Signal::derive(move || i18n.t(keys::FORM_CODE).to_owned())
                    value=code
                    autocomplete="one-time-code"
                    error=form.error_of("code")
                />
                <FormFooter form=form submit=keys::SECOND_FACTOR_CODE_SUBMIT />
            </form>
        </section>
    }
}

/// Setting up an authenticator app: the key and its `otpauth://` link, a first code, then the
/// recovery codes. Calls `done` with the signed-in person once the codes are saved. A signed-in
/// person (`ask_password`) confirms their password first.
#[component]
pub fn SecondFactorSetup(done: Callback<(SignedIn, Option<Locale>)>, ask_password: bool) -> impl IntoView {
    let i18n = use_i18n();
    let setup = RwSignal::new(None::<(String, String, String)>);
    let load_error = RwSignal::new(None::<String>);
    let password_form = FormState::new(&[("password", keys::FORM_CURRENT_PASSWORD)]);
    let password = RwSignal::new(String::new());
    let begin = move |password_text: Option<String>| {
        let variables = begin_second_factor_setup::Variables { password: password_text };
        password_form.send_then::<BeginSecondFactorSetup>(variables, i18n, move |answer| match answer {
            Ok(data) => {
                let s = data.begin_second_factor_setup;
                password.set(String::new());
                setup.set(Some((s.secret, s.uri, s.qr_code)));
            }
            Err(error) if ask_password => password_form.show(&error, i18n),
            Err(error) => load_error.set(Some(error.text(i18n.locale.get_untracked()))),
        });
    };
    if !ask_password {
        begin(None);
    }
    let submit_password = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !password_form.start() {
            return;
        }
        if password.with_untracked(String::is_empty) {
            password_form.invalid("password", i18n, keys::ERROR_REQUIRED);
            password_form.focus_first_error();
            return;
        }
        begin(Some(password.get_untracked()));
    };

    let form = FormState::new(&[("code", keys::FORM_CODE)]);
    let code = RwSignal::new(String::new());
    let finished = RwSignal::new(None::<(Vec<String>, (SignedIn, Option<Locale>))>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(code_text) = code_to_send(ev, form, code, i18n) else { return };
        let variables = confirm_second_factor::Variables { code: code_text };
        form.send::<ConfirmSecondFactor>(variables, i18n, move |data| {
            let confirmed = data.confirm_second_factor;
            finished.set(Some((confirmed.recovery_codes, signed_in_from!(confirmed.viewer))));
            focus_later("recovery-title");
        });
    };
    let grouped = |secret: &str| {
        secret.chars().collect::<Vec<_>>().chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
    };

    view! {
        <section class="card" aria-labelledby="setup-title">
            <h2 id="setup-title" tabindex="-1">{move || i18n.t(keys::SECOND_FACTOR_SETUP_TITLE)}</h2>
            <p>{move || i18n.t(keys::SECOND_FACTOR_SETUP_INTRO)}</p>
            <p class="error" role="alert" hidden=move || load_error.with(Option::is_none)>
                {move || load_error.get().unwrap_or_default()}
            </p>
            {move || match (setup.get(), finished.get()) {
                (_, Some((codes, person))) => view! {
                    <h3 id="recovery-title" tabindex="-1">{i18n.t(keys::SECOND_FACTOR_RECOVERY_TITLE)}</h3>
                    <p>{i18n.t(keys::SECOND_FACTOR_RECOVERY_INTRO)}</p>
                    <ul id="recovery-codes" class="codes">
                        {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                    </ul>
                    <button type="button" id="recovery-saved" on:click=move |_| done.run(person.clone())>
                        {i18n.t(keys::SECOND_FACTOR_RECOVERY_DONE)}
                    </button>
                }.into_any(),
                (Some((secret, uri, qr)), None) => view! {
                    <p>{i18n.t(keys::SECOND_FACTOR_SETUP_STEP1)}</p>
                    <p><img class="qr" src=qr alt=i18n.t(keys::SECOND_FACTOR_QR_ALT) width="200" height="200" /></p>
                    <p><a class="button" href=uri>{i18n.t(keys::SECOND_FACTOR_OPEN_APP)}</a></p>
                    <p>{i18n.t(keys::SECOND_FACTOR_KEY_LABEL)}": "<code id="totp-key" data-secret=secret.clone()>{grouped(&secret)}</code></p>
                    <p>{i18n.t(keys::SECOND_FACTOR_SETUP_STEP2)}</p>
                    <form on:submit=submit novalidate=true>
                        <Field
                            name="code"
                            label=Signal::derive(move || i18n.t(keys::FORM_CODE).to_owned())
                            value=code
                            autocomplete="one-time-code"
                            error=form.error_of("code")
                        />
                        <FormFooter form=form submit=keys::SECOND_FACTOR_SETUP_SUBMIT />
                    </form>
                }.into_any(),
                (None, None) if ask_password => view! {
                    <form on:submit=submit_password novalidate=true>
                        <Field
                            name="password"
                            label=Signal::derive(move || i18n.t(keys::FORM_CURRENT_PASSWORD).to_owned())
                            value=password
                            kind="password"
                            autocomplete="current-password"
                            error=password_form.error_of("password")
                        />
                        <FormFooter form=password_form submit=keys::SECOND_FACTOR_CODE_SUBMIT />
                    </form>
                }.into_any(),
                (None, None) => view! { <p role="status" aria-busy="true">{i18n.t(keys::FORM_WORKING)}</p> }.into_any(),
            }}
        </section>
    }
}

/// The typed code, once the form may be sent: not already busy, and not empty (else the field
/// says so and gets focus).
fn code_to_send(
    ev: leptos::ev::SubmitEvent,
    form: FormState,
    code: RwSignal<String>,
    i18n: crate::contexts::locale::I18n,
) -> Option<String> {
    ev.prevent_default();
    if form.busy.get_untracked() {
        return None;
    }
    form.reset();
    let text = code.with_untracked(|c| c.trim().to_owned());
    if text.is_empty() {
        form.invalid("code", i18n, keys::ERROR_REQUIRED);
        form.focus_first_error();
        return None;
    }
    Some(text)
}
