//! `/reset-password#token=…`: set a new password (reset and staff invitation links).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{
    self,
    operations::{ResetPassword as ResetOp, reset_password},
};
use crate::components::{Field, FormFooter, FormState, PageHeader};
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;

/// The reset-password page.
#[component]
pub fn ResetPassword() -> impl IntoView {
    let i18n = use_i18n();
    let token = crate::pages::link_token();
    crate::pages::forget_link_token();
    let form = FormState::new();
    let password = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        form.reset();
        if password.with_untracked(|p| p.chars().count() < 10) {
            form.invalid("newPassword", i18n, keys::ERROR_PASSWORD_SHORT);
            form.focus_first_error(&["newPassword"]);
            return;
        }
        let variables = reset_password::Variables { token: token.clone(), new_password: password.get_untracked() };
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            match api::call::<ResetOp>(variables, i18n.locale.get_untracked()).await {
                Ok(_) => done.set(true),
                Err(error) => form.show(&error, i18n, &["newPassword"]),
            }
            form.busy.set(false);
        });
    };
    view! {
        <PageHeader title=keys::RESET_TITLE intro=keys::RESET_INTRO />
        <Show
            when=move || !done.get()
            fallback=move || {
                view! {
                    <section class="success" role="status">
                        <p>{move || i18n.t(keys::RESET_DONE)}</p>
                        <p><A href="/sign-in" attr:class="button">{move || i18n.t(keys::NAV_SIGN_IN)}</A></p>
                    </section>
                }
            }
        >
            <form on:submit=submit.clone() novalidate=true>
                <Field
                    name="newPassword"
                    label=Signal::derive(move || i18n.t(keys::FORM_NEW_PASSWORD).to_owned())
                    hint=Signal::derive(move || i18n.t(keys::FORM_PASSWORD_HINT).to_owned())
                    value=password
                    kind="password"
                    autocomplete="new-password"
                    error=form.error_of("newPassword")
                />
                <FormFooter form=form submit=keys::RESET_SUBMIT />
            </form>
        </Show>
    }
}
