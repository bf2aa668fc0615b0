//! A list that arrives a page at a time (the directory, notifications, who viewed my data): its
//! rows so far, the next page's cursor, whether a page is on its way, and the last error; the
//! status line a screen reader hears, and the "Show more" button.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::contexts::locale::I18n;
use crate::i18n::{Key, Locale};

/// What a page of rows brought: the rows, and the cursor of the page after them, if any.
pub type PageOf<T> = Result<(Vec<T>, Option<String>), ApiError>;

/// A paged list's rows and state.
pub struct Paged<T: Send + Sync + 'static> {
    /// The rows so far, in the server's order.
    pub rows: RwSignal<Vec<T>>,
    /// Where the list stands.
    pub state: PageState,
}

impl<T: Send + Sync + 'static> Clone for Paged<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Paged<T> {}

/// Where a paged list stands, whatever its rows are.
#[derive(Clone, Copy)]
pub struct PageState {
    /// The cursor of the next page; `None` at the end.
    pub next: RwSignal<Option<String>>,
    /// A page is on its way.
    pub loading: RwSignal<bool>,
    /// The first page has come (or failed).
    pub loaded: RwSignal<bool>,
    /// The last failure, in the reader's language.
    pub error: RwSignal<Option<String>>,
    /// Nothing in the list.
    pub empty: Signal<bool>,
    /// How many pages were asked for: an answer shows only if no first page was asked after it.
    asked: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Paged<T> {
    /// An empty list, not yet loaded.
    pub fn new() -> Paged<T> {
        let rows = RwSignal::new(Vec::new());
        let state = PageState {
            next: RwSignal::new(None),
            loading: RwSignal::new(false),
            loaded: RwSignal::new(false),
            error: RwSignal::new(None),
            empty: Signal::derive(move || rows.with(Vec::is_empty)),
            asked: RwSignal::new(0),
        };
        Paged { rows, state }
    }

    /// Asks `fetch` for the page after `after` (the first page, replacing the rows, when
    /// `None`). A next page is not asked for while a page is on its way; a first page is (the
    /// filter or the language changed), and only the newest answer shows.
    pub fn load<F, Fut>(self, i18n: I18n, after: Option<String>, fetch: F)
    where
        F: FnOnce(Locale, Option<String>) -> Fut + 'static,
        Fut: Future<Output = PageOf<T>> + 'static,
    {
        let PageState { next, loading, loaded, error, asked, .. } = self.state;
        let more = after.is_some();
        if more && loading.get_untracked() {
            return;
        }
        loading.set(true);
        let ticket = asked.get_untracked().wrapping_add(1);
        asked.set(ticket);
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            let answer = fetch(locale, after).await;
            if asked.get_untracked() != ticket {
                return;
            }
            match answer {
                Ok((rows, cursor)) => {
                    self.rows.update(|list| {
                        if !more {
                            list.clear();
                        }
                        list.extend(rows);
                    });
                    next.set(cursor);
                    error.set(None);
                }
                Err(e) => error.set(Some(e.text(locale))),
            }
            loading.set(false);
            loaded.set(true);
        });
    }
}

impl<T: Send + Sync + 'static> Default for Paged<T> {
    fn default() -> Self {
        Paged::new()
    }
}

/// The cursor of the page after a connection's page, when it has one.
pub fn next_cursor(has_next_page: bool, end_cursor: Option<String>) -> Option<String> {
    has_next_page.then_some(end_cursor).flatten()
}

/// The list's failure (an alert) and its status line: loading, or nothing found.
#[component]
pub fn PageStatus(
    /// The list.
    state: PageState,
    /// The status line's id.
    id: &'static str,
    /// "Loading…".
    loading: Key,
    /// "Nothing found".
    empty: Key,
    /// The reader's language.
    i18n: I18n,
) -> impl IntoView {
    view! {
        <p class="error" role="alert" hidden=move || state.error.with(Option::is_none)>
            {move || state.error.get().unwrap_or_default()}
        </p>
        <p id=id role="status">
            {move || {
                if state.loading.get() {
                    i18n.t(loading)
                } else if state.loaded.get() && state.empty.get() {
                    i18n.t(empty)
                } else {
                    ""
                }
            }}
        </p>
    }
}

/// "Show more", while a next page exists.
#[component]
pub fn ShowMore(
    /// The list.
    state: PageState,
    /// The button's id.
    id: &'static str,
    /// Its label.
    label: Key,
    /// Loads the page after the cursor.
    more: Callback<Option<String>>,
    /// The reader's language.
    i18n: I18n,
) -> impl IntoView {
    view! {
        <Show when=move || state.next.with(Option::is_some)>
            <button
                type="button"
                class="secondary"
                id=id
                disabled=move || state.loading.get()
                on:click=move |_| more.run(state.next.get_untracked())
            >
                {i18n.tr(label)}
            </button>
        </Show>
    }
}
