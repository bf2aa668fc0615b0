//! `/forgot-password`: ask for a reset link.

use leptos::prelude::*;

use crate::api::operations::{RequestPasswordReset, request_password_reset};
use crate::components::{Field, FormFooter, FormState, PageHeader, Success};
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;
use crate::pages::looks_like_email;

/// The forgot-password page.
#[component]
pub fn ForgotPassword() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(&[("email", keys::FORM_EMAIL)]);
    let email = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if !email.with_untracked(|e| looks_like_email(e)) {
            form.invalid("email", i18n, keys::ERROR_EMAIL_INVALID);
            form.focus_first_error();
            return;
        }
        let variables = request_password_reset::Variables { email: email.get_untracked().trim().to_owned() };
        form.send::<RequestPasswordReset>(variables, i18n, move |_| sent.set(true));
    };
    view! {
        <PageHeader title=keys::FORGOT_TITLE intro=keys::FORGOT_INTRO />
        <Show
            when=move || !sent.get()
            fallback=move || view! { <Success id="reset-sent"><p>{move || i18n.t(keys::FORGOT_DONE)}</p></Success> }
        >
            <form on:submit=submit novalidate=true>
                <Field
                    name="email"
                    label=Signal::derive(move || i18n.t(keys::FORM_EMAIL).to_owned())
                    value=email
                    kind="email"
                    autocomplete="email"
                    error=form.error_of("email")
                />
                <FormFooter form=form submit=keys::FORGOT_SUBMIT />
            </form>
        </Show>
    }
}
