//! The parts of the directory, linked from each: mentors, organisations, and founders for those
//! the server shows them to (approved mentors, organisation accounts of an approved
//! organisation). One item in the phone's bottom bar leads here, so the bar keeps room for
//! whole words.

use leptos::prelude::*;

use crate::contexts::{locale::use_i18n, session::use_session};
use crate::i18n::keys;

/// The directory's parts, the current one marked.
#[component]
pub fn DirectoryTabs(
    /// The path of the page showing them.
    current: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sees_founders = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.finds_founders));
    let link = move |path: &'static str, id: &'static str, key| {
        view! {
            <a id=id href=path aria-current=(path == current).then_some("page")>{i18n.tr(key)}</a>
        }
    };
    view! {
        <nav class="tabs" aria-label=i18n.tr(keys::DIRECTORY_PARTS)>
            {link("/mentors", "mentors-link", keys::DIRECTORY_TITLE)}
            {link("/organisations", "organisations-link", keys::ORGANISATIONS_TITLE)}
            <Show when=sees_founders>{link("/founders", "founders-link", keys::FOUNDERS_TITLE)}</Show>
        </nav>
    }
}
