//! `/staff/invite`: an officer makes an invitation code for a founder without a stable e-mail
//! address and hands it over in person. The code is shown once.

use leptos::prelude::*;

use super::operations::{CreateFounderInvitation, create_founder_invitation as op};
use crate::components::{Field, FormFooter, FormState, PageHeader, Success, form_state::focus_later};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Locale, local_date, staff_keys};

/// A code just made.
#[derive(Clone)]
struct Made {
    code: String,
    name: String,
    expires: String,
}

/// The page.
#[component]
pub fn Invite() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new(&[("displayName", staff_keys::INVITE_NAME)]);
    let name = RwSignal::new(String::new());
    let locale = RwSignal::new(Locale::Lv);
    let made = RwSignal::new(None::<Made>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if name.with_untracked(|n| n.trim().is_empty()) {
            form.invalid("displayName", i18n, crate::i18n::keys::ERROR_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let input = op::FounderInvitationInput {
            display_name: name.get_untracked().trim().to_owned(),
            locale: locale.get_untracked(),
        };
        form.send::<CreateFounderInvitation>(op::Variables { input }, i18n, move |data| {
            let invitation = data.create_founder_invitation;
            made.set(Some(Made {
                code: invitation.code,
                name: invitation.display_name,
                expires: invitation.expires_at,
            }));
            focus_later("invitation-made");
        });
    };
    let another = move |_| {
        name.set(String::new());
        made.set(None);
        focus_later("displayName");
    };
    let redeem_page = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .map(|origin| format!("{origin}/redeem"))
        .unwrap_or_else(|| "/redeem".to_owned());
    view! {
        <PageHeader title=staff_keys::INVITE_TITLE intro=staff_keys::INVITE_INTRO />
        {move || match made.get() {
            Some(Made { code, name, expires }) => {
                let redeem_page = redeem_page.clone();
                view! {
                    <Success id="invitation-made">
                        <h2>{move || i18n.fill(staff_keys::INVITE_DONE_TITLE, &[("name", &name)])}</h2>
                        <p id="invitation-code" class="code" lang="en">{code.clone()}</p>
                        <p>{move || i18n.fill(staff_keys::INVITE_DONE_TEXT, &[("date", &local_date(&expires, i18n.locale.get()))])}</p>
                        <p>{move || i18n.fill(staff_keys::INVITE_WHERE, &[("link", &redeem_page)])}</p>
                    </Success>
                    <button type="button" class="secondary" id="invite-another" on:click=another>
                        {move || i18n.t(staff_keys::INVITE_ANOTHER)}
                    </button>
                }
                .into_any()
            }
            None => view! {
                <form on:submit=submit novalidate=true class="card">
                    <Field
                        name="displayName"
                        label=Signal::derive(move || i18n.t(staff_keys::INVITE_NAME).to_owned())
                        value=name
                        error=form.error_of("displayName")
                        maxlength=80
                    />
                    <div class="field">
                        <label for="invite-locale">{move || i18n.t(staff_keys::INVITE_LANGUAGE)}</label>
                        <select
                            id="invite-locale"
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
                    <FormFooter form=form submit=staff_keys::INVITE_SUBMIT />
                </form>
            }
            .into_any(),
        }}
    }
}
