//! The language switcher shown on every page.

use leptos::prelude::*;

use crate::contexts::{
    locale::{save_to_account, use_i18n},
    session::use_session,
};
use crate::i18n::{Locale, keys};

/// The header's language switcher; signed-in choices are saved to the account.
#[component]
pub fn LangSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="lang">
            <label for="lang-select">{move || i18n.t(keys::LANG_LABEL)}</label>
            <LanguageSelect id="lang-select" />
        </div>
    }
}

/// A `<select>` of the three languages with the id `id` (its label is the caller's); a choice
/// applies at once and, signed in, is saved to the account.
#[component]
pub fn LanguageSelect(id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(locale) = Locale::from_code(&event_target_value(&ev)) else { return };
        i18n.set(locale);
        if session.viewer.with_untracked(Option::is_some) {
            save_to_account(locale);
        }
    };
    view! {
        <select id=id on:change=on_change>
            {Locale::ALL
                .into_iter()
                .map(|locale| {
                    view! {
                        <option value=locale.code() lang=locale.code() selected=move || i18n.locale.get() == locale>
                            {locale.native_name()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
