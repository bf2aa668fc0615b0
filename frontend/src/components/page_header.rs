//! A page's heading and introduction.

use leptos::{html, prelude::*};

use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

/// Whether a page was already shown in this load: the first one keeps the browser's own focus
/// order, so the first Tab reaches the skip link.
static SHOWN_BEFORE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The `<h1>` and intro paragraph of a page. Sets the document title and, when the person moves
/// to another page in the app, moves focus to the heading, so screen readers announce it.
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
    let first_page = !SHOWN_BEFORE.swap(true, std::sync::atomic::Ordering::Relaxed);
    Effect::new(move |_| {
        if let Some(h1) = heading.get()
            && !first_page
        {
            let _ = h1.focus();
        }
    });
    let hidden = move || hide_intro.is_some_and(|h| h.get());
    view! {
        <h1 tabindex="-1" node_ref=heading>{move || i18n.t(title)}</h1>
        <p class="intro" hidden=hidden>{move || i18n.t(intro)}</p>
    }
}
