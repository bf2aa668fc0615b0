//! `/register`: create a founder, mentor or organisation account.

use leptos::prelude::*;

use crate::api::operations::{Register as RegisterOp, register};
use crate::components::{Field, FormFooter, FormState, PageHeader, Success};
use crate::contexts::{locale::use_i18n, session::Role};
use crate::i18n::keys;
use crate::pages::looks_like_email;

/// The registration page.
#[component]
pub fn Register() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(&[
        ("displayName", keys::REGISTER_DISPLAY_NAME),
        ("email", keys::FORM_EMAIL),
        ("password", keys::FORM_PASSWORD),
    ]);
    let role = RwSignal::new(Role::Founder);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let done = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if name.with_untracked(|n| n.trim().is_empty()) {
            form.invalid("displayName", i18n, keys::ERROR_REQUIRED);
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
        let locale = i18n.locale.get_untracked();
        let input = register::RegisterInput {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            display_name: name.get_untracked(),
            role: role.get_untracked(),
            locale,
        };
        form.send::<RegisterOp>(register::Variables { input }, i18n, move |_| {
            done.set(Some(email.get_untracked().trim().to_owned()));
        });
    };

    let role_option = move |value: Role, key| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="role"
                    value=value.code()
                    prop:checked=move || role.get() == value
                    on:change=move |_| role.set(value)
                />
                // "Who: what they want" as two short blocks: the form's largest text stays smaller
                // than the introduction that the first paint already showed, so the page's largest
                // paint does not wait for the app.
                {move || {
                    let text = i18n.t(key);
                    let (who, what) = text.split_once(": ").unwrap_or((text, ""));
                    view! {
                        <span class="choice-label">
                            <strong>{who}</strong>
                            <span>{what}</span>
                        </span>
                    }
                }}
            </label>
        }
    };

    view! {
        <PageHeader title=keys::REGISTER_TITLE intro=keys::REGISTER_INTRO />
        <Show
            when=move || done.with(Option::is_none)
            fallback=move || {
                view! {
                    <Success id="registered">
                        <h2>{move || i18n.t(keys::REGISTER_DONE_TITLE)}</h2>
                        <p>{move || i18n.fill(keys::REGISTER_DONE_TEXT, &[("email", &done.get().unwrap_or_default())])}</p>
                    </Success>
                }
            }
        >
            <form on:submit=submit novalidate=true>
                <fieldset>
                    <legend>{move || i18n.t(keys::REGISTER_ROLE)}</legend>
                    {role_option(Role::Founder, keys::REGISTER_ROLE_FOUNDER)}
                    {role_option(Role::Mentor, keys::REGISTER_ROLE_MENTOR)}
                    {role_option(Role::Enterprise, keys::REGISTER_ROLE_ENTERPRISE)}
                </fieldset>
                <Field
                    name="displayName"
                    label=Signal::derive(move || i18n.t(keys::REGISTER_DISPLAY_NAME).to_owned())
                    hint=Signal::derive(move || i18n.t(keys::REGISTER_DISPLAY_NAME_HINT).to_owned())
                    value=name
                    autocomplete="nickname"
                    error=form.error_of("displayName")
                />
                <Field
                    name="email"
                    label=Signal::derive(move || i18n.t(keys::FORM_EMAIL).to_owned())
                    value=email
                    kind="email"
                    autocomplete="email"
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
                <FormFooter form=form submit=keys::REGISTER_SUBMIT />
            </form>
        </Show>
    }
}
