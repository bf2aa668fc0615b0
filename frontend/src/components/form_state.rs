//! What a form shows besides its inputs: per-field errors, a general error, a busy flag, and
//! whether the last attempt was lost to the connection (its button then says "Try again").
//! A form with more than one field also shows its field errors together in an
//! [`ErrorSummary`](super::ErrorSummary) that takes the focus, so a screen reader reads them all.

use std::collections::HashMap;

use leptos::prelude::*;

use graphql_client::GraphQLQuery;

use crate::api::ApiError;
use crate::contexts::locale::I18n;
use crate::i18n::Key;

/// Form feedback state.
#[derive(Clone, Copy)]
pub struct FormState {
    /// Errors by field name.
    pub field_errors: RwSignal<HashMap<&'static str, String>>,
    /// An error that belongs to no single field.
    pub general: RwSignal<Option<String>>,
    /// A request is in flight.
    pub busy: RwSignal<bool>,
    /// The last attempt got no answer (a slow or lost connection): sending again may work.
    pub retry: RwSignal<bool>,
    /// The form's fields in order: the id of each input and its label.
    pub fields: &'static [(&'static str, Key)],
}

impl FormState {
    /// An empty form state for a form with `fields` (input id and label, in form order).
    pub fn new(fields: &'static [(&'static str, Key)]) -> FormState {
        FormState {
            field_errors: RwSignal::new(HashMap::new()),
            general: RwSignal::new(None),
            busy: RwSignal::new(false),
            retry: RwSignal::new(false),
            fields,
        }
    }

    /// The id of the form's error summary.
    pub fn summary_id(self) -> String {
        format!("{}-errors", self.fields.first().map(|(name, _)| *name).unwrap_or("form"))
    }

    /// Starts a submit: `false` while a call is still running (the press is ignored), else
    /// clears the errors of the last attempt and returns `true`.
    pub fn start(self) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.reset();
        true
    }

    /// Ends a submit the browser's own checks refused: moves focus to the errors and returns
    /// `true` when any field is marked wrong.
    pub fn refused(self) -> bool {
        let refused = self.has_errors();
        if refused {
            self.focus_first_error();
        }
        refused
    }

    /// Sends operation `Q`: the form is busy until the answer, a refusal is shown at its field
    /// (or as the form's error), and `done` gets the data.
    pub fn send<Q>(self, variables: Q::Variables, i18n: I18n, done: impl FnOnce(Q::ResponseData) + 'static)
    where
        Q: GraphQLQuery + 'static,
        Q::Variables: 'static,
    {
        self.send_then::<Q>(variables, i18n, move |answer| match answer {
            Ok(data) => done(data),
            Err(error) => self.show(&error, i18n),
        });
    }

    /// Sends operation `Q` like [`FormState::send`], for a form that reads refusals itself.
    pub fn send_then<Q>(
        self,
        variables: Q::Variables,
        i18n: I18n,
        answered: impl FnOnce(Result<Q::ResponseData, ApiError>) + 'static,
    ) where
        Q: GraphQLQuery + 'static,
        Q::Variables: 'static,
    {
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::api::call::<Q>(variables, i18n.locale.get_untracked()).await;
            answered(answer);
            self.busy.set(false);
        });
    }

    /// Clears all errors before a new attempt.
    pub fn reset(self) {
        self.field_errors.set(HashMap::new());
        self.general.set(None);
        self.retry.set(false);
    }

    /// Marks `field` as wrong with the message of `key`.
    pub fn invalid(self, field: &'static str, i18n: I18n, key: Key) {
        let text = key.text(i18n.locale.get_untracked()).to_owned();
        self.field_errors.update(|errors| {
            errors.insert(field, text);
        });
    }

    /// Moves focus to the error summary of a form with several fields, else to the wrong field.
    pub fn focus_first_error(self) {
        let target = if self.fields.len() > 1 {
            Some(self.summary_id())
        } else {
            self.field_errors.with_untracked(|errors| {
                self.fields.iter().find(|(f, _)| errors.contains_key(f)).map(|(f, _)| (*f).to_owned())
            })
        };
        if let Some(id) = target {
            focus_later(id);
        }
    }

    /// Whether any field is marked wrong.
    pub fn has_errors(self) -> bool {
        !self.field_errors.with_untracked(HashMap::is_empty)
    }

    /// Shows a server error next to its field (one of the form's) or as a general error.
    pub fn show(self, error: &ApiError, i18n: I18n) {
        let text = error.text(i18n.locale.get_untracked());
        self.retry.set(error.code == "NETWORK");
        match error.field.as_deref().and_then(|f| self.fields.iter().find(|(known, _)| *known == f)) {
            Some((field, _)) => {
                self.field_errors.update(|errors| {
                    errors.insert(field, text);
                });
                self.focus_first_error();
            }
            None => self.general.set(Some(text)),
        }
    }

    /// The error of one field, as a signal.
    pub fn error_of(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.field_errors.with(|errors| errors.get(field).cloned()))
    }
}

/// Focuses the element with `id` in the next frame, once the view shows the state just set.
pub fn focus_later(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}
