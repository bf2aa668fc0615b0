//! The language switcher shown on every page.

use leptos::prelude::*;

use crate::api::{
    self,
    operations::{UpdateMyLocale, update_my_locale},
};
use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::{Locale, keys};

/// A labelled `<select>` of the three languages; signed-in choices are saved to the account.
#[component]
pub fn LangSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(locale) = Locale::from_code(&event_target_value(&ev)) else { return };
        i18n.set(locale);
        if session.viewer.with_untracked(Option::is_some) {
            let wire = match locale {
                Locale::Lv => update_my_locale::Locale::LV,
                Locale::En => update_my_locale::Locale::EN,
                Locale::Ru => update_my_locale::Locale::RU,
            };
            leptos::task::spawn_local(async move {
                let _ = api::call::<UpdateMyLocale>(update_my_locale::Variables { locale: wire }, locale).await;
            });
        }
    };
    view! {
        <div class="lang">
            <label for="lang-select">{move || i18n.t(keys::LANG_LABEL)}</label>
            <select id="lang-select" on:change=on_change>
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
        </div>
    }
}
