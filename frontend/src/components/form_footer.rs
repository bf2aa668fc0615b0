//! The end of every form: the summary of its field errors (forms with several fields), its
//! general error and the submit button, which says when it is busy and offers to try again when
//! the connection failed.

use leptos::prelude::*;

use super::{ErrorSummary, FormState};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, keys};

/// The general error of `form` and a submit button labelled `submit` (or "Try again").
#[component]
pub fn FormFooter(form: FormState, submit: Key) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {(form.fields.len() > 1).then(|| view! { <ErrorSummary form=form /> })}
        <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
            {move || form.general.get().unwrap_or_default()}
        </p>
        <button type="submit" aria-disabled=move || if form.busy.get() { "true" } else { "false" }>
            {move || {
                if form.busy.get() {
                    i18n.t(keys::FORM_WORKING)
                } else if form.retry.get() {
                    i18n.t(keys::FORM_TRY_AGAIN)
                } else {
                    i18n.t(submit)
                }
            }}
        </button>
    }
}
