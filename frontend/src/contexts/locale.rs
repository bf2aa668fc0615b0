//! The current language: remembered on this device, mirrored in `<html lang>`, and sent to the
//! server when signed in.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Key, Locale};

/// Where the language choice is remembered (the only thing the app keeps in localStorage).
pub const STORAGE_KEY: &str = "tilts.locale";

/// The language context.
#[derive(Clone, Copy)]
pub struct I18n {
    /// The current language.
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// The text of `key` in the current language (tracked: views re-render on change).
    pub fn t(self, key: Key) -> &'static str {
        key.text(self.locale.get())
    }

    /// The text of `key` as a view or attribute that follows the language. One closure type
    /// for every text, so each use does not add its own copy of the rendering code.
    pub fn tr(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    /// `key`'s text with `{name}` placeholders filled.
    pub fn fill(self, key: Key, values: &[(&str, &str)]) -> String {
        values.iter().fold(self.t(key).to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
    }

    /// Switches the language on this device.
    pub fn set(self, locale: Locale) {
        self.locale.set(locale);
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(STORAGE_KEY, locale.code());
        }
        // The server reads this to send the first paint of a page in the same language.
        let document =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok());
        if let Some(document) = document {
            let _ = document
                .set_cookie(&format!("tilts_lang={}; Path=/; Max-Age=31536000; SameSite=Strict", locale.code()));
        }
    }
}

/// Whether a language was chosen on this device: it wins over the one saved in an account at
/// sign-in (it is the newer choice).
pub fn chosen_here() -> bool {
    local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).is_some()
}

/// Saves `locale` as the signed-in person's language (e-mails and server messages follow it).
pub fn save_to_account(locale: Locale) {
    use crate::api::operations::{UpdateMyLocale, update_my_locale};
    leptos::task::spawn_local(async move {
        let _ = crate::api::call::<UpdateMyLocale>(update_my_locale::Variables { locale }, locale).await;
    });
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The language in the `tilts_lang` cookie: chosen in the app or with the first paint's
/// language links (which work before the app has loaded). It is the only cookie scripts see.
fn cookie_locale() -> Option<String> {
    let document = web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()?;
    let cookies = document.cookie().ok()?;
    cookies.split_once("tilts_lang=").and_then(|(_, rest)| rest.get(..2)).map(str::to_owned)
}

/// The language chosen last (cookie, else this device's storage), else the browser's, else
/// Latvian: the language the server painted the page in, so nothing changes when the app starts.
fn initial_locale() -> Locale {
    let remembered = cookie_locale().or_else(|| local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()));
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    remembered.or(browser).and_then(|code| Locale::from_code(&code)).unwrap_or_default()
}

/// Provides the language context and keeps `<html lang>` in step.
pub fn provide_i18n() -> I18n {
    let i18n = I18n { locale: RwSignal::new(initial_locale()) };
    provide_context(i18n);
    Effect::new(move |_| {
        let code = i18n.locale.get().code();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", code);
        }
    });
    i18n
}

/// The language context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
