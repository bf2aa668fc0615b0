//! All field errors of a form in one place.

use std::collections::HashMap;

use leptos::prelude::*;

use super::{FormState, form_state::focus_later};
use crate::contexts::locale::use_i18n;
use crate::i18n::keys;

/// The wrong fields of `form`, each a link that moves focus to its input. It is an alert that
/// takes the focus after a refused submit, so a screen reader reads every error, not only the
/// first.
#[component]
pub fn ErrorSummary(form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let wrong = move || {
        form.field_errors.with(|errors| {
            form.fields
                .iter()
                .filter_map(|(name, label)| errors.get(name).map(|message| (*name, *label, message.clone())))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div
            id=form.summary_id()
            class="error-summary"
            role="alert"
            tabindex="-1"
            hidden=move || form.field_errors.with(HashMap::is_empty)
        >
            <h2>{move || i18n.t(keys::FORM_ERRORS_TITLE)}</h2>
            <ul>
                {move || {
                    wrong()
                        .into_iter()
                        .map(|(name, label, message)| {
                            let go = move |ev: leptos::ev::MouseEvent| {
                                ev.prevent_default();
                                focus_later(name);
                            };
                            view! {
                                <li>
                                    <a href=format!("#{name}") on:click=go>
                                        {move || i18n.t(label)}": "{message}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
