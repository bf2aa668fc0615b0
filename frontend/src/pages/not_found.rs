//! Any unknown route.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeader;
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;

/// The not-found page.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader title=keys::NOT_FOUND_TITLE intro=keys::NOT_FOUND_INTRO />
        <p><A href="/">{move || i18n.t(keys::NOT_FOUND_HOME)}</A></p>
    }
}
