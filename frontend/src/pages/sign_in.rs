//! `/sign-in`.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::operations::{SignIn as SignInOp, sign_in};
use crate::components::{
    Field, FormFooter, FormState, PageHeader, ResendVerification, SecondFactorCode, SecondFactorSetup,
    form_state::focus_later, second_factor::signed_in_from,
};
use crate::contexts::{
    locale::use_i18n,
    session::{SignedIn, use_session},
};
use crate::i18n::{Locale, keys};
use crate::pages::looks_like_email;

/// Where a sign-in is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// E-mail and password.
    Password,
    /// A code from the authenticator app.
    Code,
    /// Setting up the authenticator app first (VPD accounts).
    SetUp,
}

/// Where `?next=` may send a person after signing in: the app's own pages, never another
/// site. Pages of another bundle are loaded afresh.
fn after_sign_in(next: &str) -> bool {
    let id = |rest: &str| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    matches!(next, "/" | "/account" | "/profile" | "/notifications" | "/views" | "/founders" | "/mentoring")
        || next.strip_prefix("/mentorship?id=").is_some_and(id)
        || next.strip_prefix("/mentoring/request?mentor=").is_some_and(id)
        || next.strip_prefix("/mentoring/offer?founder=").is_some_and(id)
        || next == "/staff"
        || next
            .strip_prefix("/staff/")
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == '/'))
}

/// What a refused sign-in offers besides its message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Offer {
    /// Nothing more.
    Nothing,
    /// A new verification link (the address is not confirmed yet).
    NewLink,
    /// A new password (too many attempts).
    NewPassword,
}

/// The sign-in page; `?next=/path` says where to go afterwards.
#[component]
pub fn SignIn() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let form = FormState::new(&[("email", keys::FORM_EMAIL), ("password", keys::FORM_PASSWORD)]);
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let required = move || query.with(|q| q.get("next").is_some());
    // Set by the account page, another bundle, when it signs a person out.
    if query.with_untracked(|q| q.get("signed-out").is_some()) {
        session.signed_out.set(true);
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/sign-in"));
        }
    }
    let step = RwSignal::new(Step::Password);
    let offer = RwSignal::new(Offer::Nothing);
    // Only the app's own pages: never a redirect to another site after signing in.
    let next_page = move || query.with_untracked(|q| q.get("next")).filter(|n| after_sign_in(n));
    let finish = {
        let navigate = navigate.clone();
        Callback::new(move |(person, locale): (SignedIn, Option<Locale>)| {
            session.signed_in(person, locale, i18n);
            password.set(String::new());
            match next_page() {
                Some(staff) if staff.starts_with("/staff") => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().assign(&staff);
                    }
                }
                next => navigate(&next.unwrap_or_else(|| "/account".to_owned()), Default::default()),
            }
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        offer.set(Offer::Nothing);
        session.signed_out.set(false);
        if !email.with_untracked(|e| looks_like_email(e)) {
            form.invalid("email", i18n, keys::ERROR_EMAIL_INVALID);
        }
        if password.with_untracked(String::is_empty) {
            form.invalid("password", i18n, keys::ERROR_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let variables =
            sign_in::Variables { email: email.get_untracked().trim().to_owned(), password: password.get_untracked() };
        form.send_then::<SignInOp>(variables, i18n, move |answer| match answer {
            Ok(data) => match (data.sign_in.next, data.sign_in.viewer) {
                (sign_in::SignInStep::DONE, Some(viewer)) => finish.run(signed_in_from!(viewer)),
                (sign_in::SignInStep::SECOND_FACTOR, _) => {
                    password.set(String::new());
                    step.set(Step::Code);
                    focus_later("second-factor-title");
                }
                _ => {
                    password.set(String::new());
                    step.set(Step::SetUp);
                    focus_later("setup-title");
                }
            },
            // Wrong e-mail or password: shown at the password, where the person will retype.
            Err(mut error) => {
                if error.code == "UNAUTHENTICATED" {
                    error.field = Some("password".to_owned());
                }
                if error.code == "RATE_LIMITED" {
                    offer.set(Offer::NewPassword);
                } else if error.reason.as_deref() == Some("EMAIL_NOT_VERIFIED") {
                    offer.set(Offer::NewLink);
                }
                form.show(&error, i18n);
            }
        });
    };

    view! {
        <PageHeader title=keys::SIGN_IN_TITLE intro=keys::SIGN_IN_INTRO />
        <p id="signed-out" class="success" role="status" hidden=move || !session.signed_out.get()>
            {move || i18n.t(keys::SIGN_IN_SIGNED_OUT)}
        </p>
        <p class="notice" role="status" hidden=move || !required() || session.signed_out.get()>
            {move || i18n.t(keys::SIGN_IN_REQUIRED)}
        </p>
        {move || match step.get() {
            Step::Password => None,
            Step::Code => Some(view! { <SecondFactorCode done=finish /> }.into_any()),
            Step::SetUp => Some(view! { <SecondFactorSetup done=finish ask_password=false /> }.into_any()),
        }}
        <form on:submit=submit novalidate=true hidden=move || step.get() != Step::Password>
            <Field
                name="email"
                label=Signal::derive(move || i18n.t(keys::FORM_EMAIL).to_owned())
                value=email
                kind="email"
                autocomplete="username"
                error=form.error_of("email")
            />
            <Field
                name="password"
                label=Signal::derive(move || i18n.t(keys::FORM_PASSWORD).to_owned())
                value=password
                kind="password"
                autocomplete="current-password"
                error=form.error_of("password")
            />
            <FormFooter form=form submit=keys::SIGN_IN_SUBMIT />
        </form>
        <Show when=move || step.get() == Step::Password && offer.get() == Offer::NewLink>
            <ResendVerification email=email />
        </Show>
        // Right under the error when the attempts ran out: a new password is the way on.
        <p>
            <a href="/forgot-password" class=move || (offer.get() == Offer::NewPassword).then_some("button")>
                {move || i18n.t(keys::SIGN_IN_FORGOT)}
            </a>
        </p>
        <p><a href="/register">{move || i18n.t(keys::SIGN_IN_NO_ACCOUNT)}</a></p>
        <p><a href="/redeem" id="redeem-link">{move || i18n.t(keys::REDEEM_LINK)}</a></p>
    }
}
