//! The signed-in person, loaded once at start and updated on sign-in and sign-out.

use leptos::prelude::*;

use super::locale::{I18n, STORAGE_KEY, chosen_here, save_to_account};
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
    /// What the person does in Tilts.
    pub role: Role,
    /// Where the person stands with VPD's moderation.
    pub standing: Standing,
    /// Whether the directory shows them founders (approved mentors; organisation accounts of
    /// an approved organisation).
    pub finds_founders: bool,
}

/// Where a person stands with VPD's moderation; also the schema's `Standing`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Standing {
    /// Waiting for VPD staff to approve them.
    Pending,
    /// Approved, or needing no approval.
    Approved,
    /// Refused by VPD staff.
    Rejected,
    /// Taken out of Tilts by VPD staff.
    Suspended,
}

/// What a person does in Tilts, as the app labels it; also the schema's `Role` in every
/// operation (a role the app does not know fails the call rather than passing for another).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Role {
    /// An aspiring entrepreneur from the target group.
    Founder,
    /// A mentor.
    Mentor,
    /// A member of an organisation.
    Enterprise,
    /// VPD staff.
    Staff,
    /// The VPD system owner.
    Admin,
}

impl Role {
    /// The schema's name of the role.
    pub fn code(self) -> &'static str {
        match self {
            Role::Founder => "FOUNDER",
            Role::Mentor => "MENTOR",
            Role::Enterprise => "ENTERPRISE",
            Role::Staff => "STAFF",
            Role::Admin => "ADMIN",
        }
    }

    /// The role's label.
    pub fn label(self) -> crate::i18n::Key {
        use crate::i18n::keys;
        match self {
            Role::Founder => keys::ROLE_FOUNDER,
            Role::Mentor => keys::ROLE_MENTOR,
            Role::Enterprise => keys::ROLE_ENTERPRISE,
            Role::Staff => keys::ROLE_STAFF,
            Role::Admin => keys::ROLE_ADMIN,
        }
    }
}

/// The session context.
#[derive(Clone, Copy)]
pub struct Session {
    /// The signed-in person, if any.
    pub viewer: RwSignal<Option<SignedIn>>,
    /// Whether the server has answered who is signed in (not while the phone is offline).
    pub checked: RwSignal<bool>,
    /// Whether the phone has no connection: the last check could not reach the server. That is
    /// not "signed out": the person stays as known from this visit, and the check runs again
    /// when the connection returns.
    pub offline: RwSignal<bool>,
    /// Whether the person signed out in this tab: the sign-in page says so (a shared phone).
    pub signed_out: RwSignal<bool>,
}

impl Session {
    /// Records a sign-in. A language chosen on this device wins and is saved to the account;
    /// otherwise the account's language is adopted.
    pub fn signed_in(self, person: SignedIn, account_locale: Option<Locale>, i18n: I18n) {
        if chosen_here() {
            let here = i18n.locale.get_untracked();
            if account_locale.is_some_and(|saved| saved != here) {
                save_to_account(here);
            }
        } else if let Some(locale) = account_locale {
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

/// Provides the session context and asks the server who is signed in (again whenever the
/// connection returns).
pub fn provide_session(i18n: I18n) -> Session {
    let on_line = web_sys::window().is_none_or(|w| w.navigator().on_line());
    let session = Session {
        viewer: RwSignal::new(None),
        checked: RwSignal::new(false),
        offline: RwSignal::new(!on_line),
        signed_out: RwSignal::new(false),
    };
    provide_context(session);
    ask_who(session, i18n);
    // Kept for the whole life of the app: the listeners are never removed.
    std::mem::forget(leptos::prelude::window_event_listener(leptos::ev::online, move |_| ask_who(session, i18n)));
    std::mem::forget(leptos::prelude::window_event_listener(leptos::ev::offline, move |_| session.offline.set(true)));
    session
}

/// Asks the server who is signed in. Without a connection the answer stays open.
fn ask_who(session: Session, i18n: I18n) {
    leptos::task::spawn_local(async move {
        let locale = i18n.locale.get_untracked();
        match api::call::<api::operations::Viewer>(viewer::Variables {}, locale).await {
            Err(error) if error.code == "NETWORK" => {
                session.offline.set(true);
                return;
            }
            Ok(data) => match data.viewer {
                Some(v) => {
                    let person = SignedIn {
                        email: v.email,
                        display_name: v.display_name,
                        second_factor: v.second_factor,
                        role: v.role,
                        standing: v.standing,
                        finds_founders: v.finds_founders,
                    };
                    if session.viewer.with_untracked(|known| known.as_ref() != Some(&person)) {
                        session.signed_in(person, Some(v.locale), i18n);
                    }
                }
                None => session.viewer.set(None),
            },
            Err(_) => {}
        }
        session.offline.set(false);
        session.checked.set(true);
    });
}

/// The session context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
