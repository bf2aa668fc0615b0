//! "Send me a new link": a new verification e-mail, when a link did not work or an address is
//! not confirmed yet.

use leptos::prelude::*;

use super::{Field, FormFooter, FormState, form_state::focus_later};
use crate::api::operations::{ResendVerification as ResendOp, resend_verification};
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;
use crate::pages::looks_like_email;

/// A form that asks for a new verification link for `email`, then says that one is on its way
/// (without telling whether the address has an account).
#[component]
pub fn ResendVerification(
    /// The address.
    email: RwSignal<String>,
    /// Shows an e-mail field; off where the address was typed into the form around it.
    #[prop(optional)]
    ask_email: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(if ask_email { &[("email", keys::FORM_EMAIL)] } else { &[] });
    let sent_to = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let address = email.get_untracked().trim().to_owned();
        if !looks_like_email(&address) {
            if ask_email {
                form.invalid("email", i18n, keys::ERROR_EMAIL_INVALID);
                form.focus_first_error();
            } else {
                form.general.set(Some(keys::ERROR_EMAIL_INVALID.text(i18n.locale.get_untracked()).to_owned()));
            }
            return;
        }
        let variables = resend_verification::Variables { email: address.clone() };
        form.send::<ResendOp>(variables, i18n, move |_| {
            sent_to.set(Some(address));
            focus_later("resend-done");
        });
    };
    view! {
        <p id="resend-done" class="success" role="status" tabindex="-1" hidden=move || sent_to.with(Option::is_none)>
            {move || sent_to.get().map(|to| i18n.fill(keys::RESEND_DONE, &[("email", &to)]))}
        </p>
        <form id="resend" on:submit=submit novalidate=true hidden=move || sent_to.with(Option::is_some)>
            {ask_email.then(|| view! {
                <Field
                    name="email"
                    label=Signal::derive(move || i18n.t(keys::FORM_EMAIL).to_owned())
                    value=email
                    kind="email"
                    autocomplete="email"
                    error=form.error_of("email")
                />
            })}
            <FormFooter form=form submit=keys::RESEND_SUBMIT />
        </form>
    }
}
