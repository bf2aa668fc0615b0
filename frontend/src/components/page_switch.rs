//! The page at the current address, chosen from one of the lists in [`crate::routes`].

use leptos::prelude::*;
use leptos_router::{
    hooks::use_location,
    location::{BrowserUrl, LocationProvider},
};

use crate::routes::{elsewhere, page_of};

/// Draws the page of `pages` at the current address with `page`, which gets the page's texts
/// prefix (`""` for an address of no page). One `match` in `page` costs a bundle far less than
/// a table of routes; the router still keeps the history and turns link clicks into page
/// changes. Only a change of path draws another page, not a new query or fragment. A path that
/// another bundle draws (a link or a step from a public page to the account page, say) is loaded
/// from the server, which sends that bundle.
pub fn page_switch(
    pages: &'static [(&'static str, &'static str)],
    page: impl Fn(&'static str) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let location = use_location();
    let key = Memo::new(move |_| location.pathname.with(|path| page_of(pages, path)));
    let other_bundle = Memo::new(move |_| location.pathname.with(|path| elsewhere(pages, path)));
    Effect::new(move |_| {
        if other_bundle.get()
            && let Some(window) = web_sys::window()
        {
            let with_mark = |mark: char, part: String| match part.is_empty() || part.starts_with(mark) {
                true => part,
                false => format!("{mark}{part}"),
            };
            let here = format!(
                "{}{}{}",
                location.pathname.get_untracked(),
                with_mark('?', location.search.get_untracked()),
                with_mark('#', location.hash.get_untracked())
            );
            let _ = window.location().assign(&here);
        }
    });
    // A followed link changes the address bar once its page is shown, as `<Routes>` would do.
    let browser_url = use_context::<BrowserUrl>();
    move || {
        if other_bundle.get() {
            return ().into_any();
        }
        let view = page(key.get().unwrap_or_default());
        if let Some(url) = &browser_url {
            url.ready_to_complete();
        }
        view
    }
}
