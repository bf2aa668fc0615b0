//! A page's heading and introduction.

use leptos::prelude::*;

use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

/// The `<h1>` and intro paragraph of a page; also sets the document title.
#[component]
pub fn PageHeader(title: Key, intro: Key) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} · Tilts", i18n.t(title)));
        }
    });
    view! {
        <h1 tabindex="-1">{move || i18n.t(title)}</h1>
        <p class="intro">{move || i18n.t(intro)}</p>
    }
}
