//! The signed-in person, loaded once at start and updated on sign-in and sign-out.

use leptos::prelude::*;

use super::locale::{I18n, STORAGE_KEY};
use crate::api::{self, operations::viewer};
use crate::i18n::Locale;

/// What the app knows about the signed-in person.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedIn {
    /// Their e-mail address.
    pub email: String,
    /// The name shown to others.
    pub display_name: String,
    /// Whether sign-in needs a code from an authenticator app too.
    pub second_factor: bool,
}

/// The session context.
#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in person, if any.
    pub viewer: RwSignal<Option<SignedIn>>,
    /// Whether the first check with the server has finished.
    pub checked: RwSignal<bool>,
    /// Whether the person signed out in this tab: the sign-in page says so (a shared phone).
    pub signed_out: RwSignal<bool>,
}

impl Session {
    /// Records a sign-in and adopts the account's language.
    pub fn signed_in(self, person: SignedIn, locale: Option<Locale>, i18n: I18n) {
        if let Some(locale) = locale {
            i18n.set(locale);
        }
        self.signed_out.set(false);
        self.viewer.set(Some(person));
    }

    /// Forgets the person who signed out and everything the app stored on this device, except
    /// the language.
    pub fn forget(self) {
        self.signed_out.set(true);
        self.viewer.set(None);
        if let Some(window) = web_sys::window() {
            if let Ok(Some(storage)) = window.local_storage() {
                let locale = storage.get_item(STORAGE_KEY).ok().flatten();
                let _ = storage.clear();
                if let Some(locale) = locale {
                    let _ = storage.set_item(STORAGE_KEY, &locale);
                }
            }
            if let Ok(Some(storage)) = window.session_storage() {
                let _ = storage.clear();
            }
        }
    }
}

/// Provides the session context and asks the server who is signed in.
pub fn provide_session(i18n: I18n) -> Session {
    let session =
        Session { viewer: RwSignal::new(None), checked: RwSignal::new(false), signed_out: RwSignal::new(false) };
    provide_context(session);
    leptos::task::spawn_local(async move {
        let locale = i18n.locale.get_untracked();
        if let Ok(data) = api::call::<api::operations::Viewer>(viewer::Variables {}, locale).await
            && let Some(v) = data.viewer
        {
            let account_locale = match v.locale {
                viewer::Locale::LV => Some(Locale::Lv),
                viewer::Locale::EN => Some(Locale::En),
                viewer::Locale::RU => Some(Locale::Ru),
                viewer::Locale::Other(_) => None,
            };
            // A language chosen on this device wins over the account's (it is the newer choice).
            let chosen_here = web_sys::window()
                .and_then(|w| w.local_storage().ok().flatten())
                .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
                .is_some();
            let adopt = if chosen_here { None } else { account_locale };
            session.signed_in(
                SignedIn { email: v.email, display_name: v.display_name, second_factor: v.second_factor },
                adopt,
                i18n,
            );
        }
        session.checked.set(true);
    });
    session
}

/// The session context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
