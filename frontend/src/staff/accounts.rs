//! `/staff/accounts`: an administrator creates a VPD staff or admin account; the person gets an
//! e-mail with a link to set a password.

use leptos::prelude::*;

use super::{
    is_admin,
    operations::{CreateStaffAccount, create_staff_account as op},
};
use crate::components::{Field, FormFooter, FormState, PageHeader, Success};
use crate::contexts::{locale::use_i18n, session::Role};
use crate::i18n::{Locale, staff_keys};
use crate::pages::looks_like_email;

/// A staff account just created: the name and address the success message repeats.
#[derive(Clone)]
struct Created {
    name: String,
    email: String,
}

/// The staff accounts page.
#[component]
pub fn StaffAccounts() -> impl IntoView {
    let i18n = use_i18n();
    let admin = is_admin();
    view! {
        <PageHeader title=staff_keys::ACCOUNTS_TITLE intro=staff_keys::ACCOUNTS_INTRO />
        <Show
            when=move || admin.get()
            fallback=move || view! { <p id="admin-only" class="notice">{move || i18n.t(staff_keys::ACCOUNTS_ADMIN_ONLY)}</p> }
        >
            <CreateStaffAccountForm />
        </Show>
    }
}

/// The form, replaced by a success message once the account exists.
#[component]
fn CreateStaffAccountForm() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(&[("displayName", staff_keys::ACCOUNTS_NAME), ("email", staff_keys::ACCOUNTS_EMAIL)]);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let admin_role = RwSignal::new(false);
    let locale = RwSignal::new(Locale::Lv);
    let created = RwSignal::new(None::<Created>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if name.with_untracked(|n| n.trim().is_empty()) {
            form.invalid("displayName", i18n, crate::i18n::keys::ERROR_REQUIRED);
        }
        if !email.with_untracked(|e| looks_like_email(e)) {
            form.invalid("email", i18n, crate::i18n::keys::ERROR_EMAIL_INVALID);
        }
        if form.refused() {
            return;
        }
        let input = op::CreateStaffAccountInput {
            email: email.get_untracked().trim().to_owned(),
            display_name: name.get_untracked().trim().to_owned(),
            role: if admin_role.get_untracked() { Role::Admin } else { Role::Staff },
            locale: locale.get_untracked(),
        };
        form.send::<CreateStaffAccount>(op::Variables { input }, i18n, move |data| {
            let account = data.create_staff_account;
            created.set(Some(Created { name: account.display_name, email: account.email }));
        });
    };
    let another = move |_| {
        name.set(String::new());
        email.set(String::new());
        admin_role.set(false);
        created.set(None);
        crate::components::form_state::focus_later("displayName");
    };
    let role_option = move |admin: bool, key| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="role"
                    value=if admin { "ADMIN" } else { "STAFF" }
                    prop:checked=move || admin_role.get() == admin
                    on:change=move |_| admin_role.set(admin)
                />
                <span>{move || i18n.t(key)}</span>
            </label>
        }
    };

    view! {
        <Show
            when=move || created.with(Option::is_none)
            fallback=move || {
                let Created { name, email } = created.get().unwrap_or(Created { name: String::new(), email: String::new() });
                view! {
                    <Success id="staff-created">
                        <h2>{move || i18n.t(staff_keys::ACCOUNTS_DONE_TITLE)}</h2>
                        <p>{move || i18n.fill(staff_keys::ACCOUNTS_DONE_TEXT, &[("name", &name), ("email", &email)])}</p>
                    </Success>
                    <button type="button" class="secondary" id="create-another" on:click=another>
                        {move || i18n.t(staff_keys::ACCOUNTS_ANOTHER)}
                    </button>
                }
            }
        >
            <form on:submit=submit novalidate=true class="card">
                <div class="grid-2">
                    <Field
                        name="displayName"
                        label=Signal::derive(move || i18n.t(staff_keys::ACCOUNTS_NAME).to_owned())
                        hint=Signal::derive(move || i18n.t(staff_keys::ACCOUNTS_NAME_HINT).to_owned())
                        value=name
                        autocomplete="off"
                        error=form.error_of("displayName")
                    />
                    <Field
                        name="email"
                        label=Signal::derive(move || i18n.t(staff_keys::ACCOUNTS_EMAIL).to_owned())
                        value=email
                        kind="email"
                        autocomplete="off"
                        error=form.error_of("email")
                    />
                </div>
                <fieldset>
                    <legend>{move || i18n.t(staff_keys::ACCOUNTS_ROLE)}</legend>
                    {role_option(false, staff_keys::ACCOUNTS_ROLE_STAFF)}
                    {role_option(true, staff_keys::ACCOUNTS_ROLE_ADMIN)}
                </fieldset>
                <div class="field">
                    <label for="staff-locale">{move || i18n.t(staff_keys::ACCOUNTS_LANGUAGE)}</label>
                    <select
                        id="staff-locale"
                        class="wide"
                        on:change=move |ev| {
                            if let Some(l) = Locale::from_code(&event_target_value(&ev)) {
                                locale.set(l);
                            }
                        }
                    >
                        {Locale::ALL
                            .into_iter()
                            .map(|l| view! {
                                <option value=l.code() lang=l.code() selected=move || locale.get() == l>{l.native_name()}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <FormFooter form=form submit=staff_keys::ACCOUNTS_SUBMIT />
            </form>
        </Show>
    }
}
