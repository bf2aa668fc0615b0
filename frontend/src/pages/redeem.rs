//! `/redeem`: a person with an invitation code from their probation officer makes their founder
//! account with an e-mail address and a password, and is signed in straight away.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{RedeemInvitation, SignIn as SignInOp, redeem_invitation, sign_in},
};
use crate::components::{Field, FormFooter, FormState, PageHeader, second_factor::signed_in_from};
use crate::contexts::{
    locale::use_i18n,
    session::{SignedIn, use_session},
};
use crate::i18n::keys;
use crate::pages::looks_like_email;

/// The page.
#[component]
pub fn Redeem() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let form =
        FormState::new(&[("code", keys::REDEEM_CODE), ("email", keys::FORM_EMAIL), ("password", keys::FORM_PASSWORD)]);
    let code = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if code.with_untracked(|c| c.trim().is_empty()) {
            form.invalid("code", i18n, keys::ERROR_REQUIRED);
        }
        if !email.with_untracked(|e| looks_like_email(e)) {
            form.invalid("email", i18n, keys::ERROR_EMAIL_INVALID);
        }
        if password.with_untracked(|p| p.chars().count() < 10) {
            form.invalid("password", i18n, keys::ERROR_PASSWORD_SHORT);
        }
        if form.refused() {
            return;
        }
        let (address, secret) = (email.get_untracked().trim().to_owned(), password.get_untracked());
        let variables = redeem_invitation::Variables {
            code: code.get_untracked(),
            email: address.clone(),
            password: secret.clone(),
        };
        let navigate = navigate.clone();
        form.send::<RedeemInvitation>(variables, i18n, move |_| {
            // The account exists: sign in with what was just typed.
            form.busy.set(true);
            leptos::task::spawn_local(async move {
                let locale = i18n.locale.get_untracked();
                let answer =
                    api::call::<SignInOp>(sign_in::Variables { email: address, password: secret }, locale).await;
                form.busy.set(false);
                match answer {
                    Ok(data) => {
                        if let Some(viewer) = data.sign_in.viewer {
                            let (person, locale): (SignedIn, _) = signed_in_from!(viewer);
                            session.signed_in(person, locale, i18n);
                            password.set(String::new());
                            navigate("/profile", Default::default());
                        }
                    }
                    Err(error) => form.show(&error, i18n),
                }
            });
        });
    };
    view! {
        <PageHeader title=keys::REDEEM_TITLE intro=keys::REDEEM_INTRO />
        <form on:submit=submit novalidate=true>
            <Field
                name="code"
                label=Signal::derive(move || i18n.t(keys::REDEEM_CODE).to_owned())
                hint=Signal::derive(move || i18n.t(keys::REDEEM_CODE_HINT).to_owned())
                value=code
                autocomplete="one-time-code"
                error=form.error_of("code")
                maxlength=20
            />
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
                hint=Signal::derive(move || i18n.t(keys::FORM_PASSWORD_HINT).to_owned())
                value=password
                kind="password"
                autocomplete="new-password"
                error=form.error_of("password")
            />
            <FormFooter form=form submit=keys::REDEEM_SUBMIT />
        </form>
        <p><a href="/sign-in">{move || i18n.t(keys::SIGN_IN_TITLE)}</a></p>
    }
}
