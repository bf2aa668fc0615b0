//! A page's heading and introduction.

use leptos::{html, prelude::*};

use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

/// The `<h1>` and intro paragraph of a page. Sets the document title and moves focus to the
/// heading when the page opens, so screen readers announce the new page.
#[component]
pub fn PageHeader(
    /// The heading.
    title: Key,
    /// The introduction.
    intro: Key,
    /// Hides the introduction (e.g. once a result replaces "please wait").
    #[prop(optional, into)]
    hide_intro: Option<Signal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} · Tilts", i18n.t(title)));
        }
    });
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
    let hidden = move || hide_intro.is_some_and(|h| h.get());
    view! {
        <h1 tabindex="-1" node_ref=heading>{move || i18n.t(title)}</h1>
        <p class="intro" hidden=hidden>{move || i18n.t(intro)}</p>
    }
}
