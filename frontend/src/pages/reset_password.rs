//! `/reset-password#token=…`: set a new password (reset and staff invitation links).
//!
//! The link is checked first: a used, expired or broken link says so, with the way to a new
//! one, before any form asks for a password.

use leptos::prelude::*;

use crate::api::{
    self,
    operations::{PasswordResetLink, ResetPassword as ResetOp, password_reset_link, reset_password},
};
use crate::components::{Field, FormFooter, FormState, PageHeader, Success};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, keys};

/// Where the page is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Asking the server about the link.
    Checking,
    /// The link works: the form.
    Form,
    /// The new password is saved.
    Done,
    /// The link cannot work; the text says why.
    DeadLink(Key),
}

/// The message for a link the server refused with `reason`, if it is about the link.
fn dead_link(reason: Option<&str>) -> Option<Key> {
    match reason? {
        "TOKEN_USED" => Some(keys::LINK_USED),
        "TOKEN_EXPIRED" => Some(keys::LINK_EXPIRED),
        "TOKEN_INVALID" => Some(keys::LINK_INVALID),
        _ => None,
    }
}

/// The reset-password page.
#[component]
pub fn ResetPassword() -> impl IntoView {
    let i18n = use_i18n();
    let token = crate::pages::link_token();
    crate::pages::forget_link_token();
    let stage = RwSignal::new(if token.is_empty() { Stage::DeadLink(keys::LINK_INVALID) } else { Stage::Checking });
    if !token.is_empty() {
        let variables = password_reset_link::Variables { token: token.clone() };
        leptos::task::spawn_local(async move {
            use password_reset_link::LinkStatus;
            // Without an answer (no connection) the form is shown: saving it tells what is wrong.
            let status = api::call::<PasswordResetLink>(variables, i18n.locale.get_untracked()).await;
            stage.set(match status.map(|data| data.password_reset_link) {
                Ok(LinkStatus::USED) => Stage::DeadLink(keys::LINK_USED),
                Ok(LinkStatus::EXPIRED) => Stage::DeadLink(keys::LINK_EXPIRED),
                Ok(LinkStatus::INVALID) => Stage::DeadLink(keys::LINK_INVALID),
                _ => Stage::Form,
            });
        });
    }
    let form = FormState::new(&[("newPassword", keys::FORM_NEW_PASSWORD)]);
    let password = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if password.with_untracked(|p| p.chars().count() < 10) {
            form.invalid("newPassword", i18n, keys::ERROR_PASSWORD_SHORT);
            form.focus_first_error();
            return;
        }
        let variables = reset_password::Variables { token: token.clone(), new_password: password.get_untracked() };
        form.send_then::<ResetOp>(variables, i18n, move |answer| match answer {
            Ok(_) => stage.set(Stage::Done),
            Err(error) => match dead_link(error.reason.as_deref()) {
                Some(key) => stage.set(Stage::DeadLink(key)),
                None => form.show(&error, i18n),
            },
        });
    };
    view! {
        <PageHeader
            title=keys::RESET_TITLE
            intro=keys::RESET_INTRO
            hide_intro=Signal::derive(move || matches!(stage.get(), Stage::DeadLink(_) | Stage::Done))
        />
        {move || match stage.get() {
            Stage::Done => Some(view! {
                <Success id="password-set">
                    <p>{move || i18n.t(keys::RESET_DONE)}</p>
                    <p><a href="/sign-in" class="button">{move || i18n.t(keys::NAV_SIGN_IN)}</a></p>
                </Success>
            }.into_any()),
            Stage::DeadLink(key) => Some(view! {
                <section id="link-problem" role="alert">
                    <p class="error">{move || i18n.t(key)}</p>
                    <p><a href="/forgot-password" class="button">{move || i18n.t(keys::LINK_NEW)}</a></p>
                </section>
            }.into_any()),
            Stage::Checking | Stage::Form => None,
        }}
        <form on:submit=submit novalidate=true hidden=move || stage.get() != Stage::Form>
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
    }
}
