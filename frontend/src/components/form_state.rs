//! What a form shows besides its inputs: per-field errors, a general error, a busy flag, and
//! whether the last attempt was lost to the connection (its button then says "Try again").

use std::collections::HashMap;

use leptos::prelude::*;

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
}

impl FormState {
    /// An empty form state.
    pub fn new() -> FormState {
        FormState {
            field_errors: RwSignal::new(HashMap::new()),
            general: RwSignal::new(None),
            busy: RwSignal::new(false),
            retry: RwSignal::new(false),
        }
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

    /// Moves focus to the first of `fields` (in form order) that is marked wrong.
    pub fn focus_first_error(self, fields: &[&'static str]) {
        let wrong = self.field_errors.with_untracked(|errors| fields.iter().find(|f| errors.contains_key(*f)).copied());
        let input = wrong
            .and_then(|id| web_sys::window()?.document()?.get_element_by_id(id))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(input) = input {
            let _ = input.focus();
        }
    }

    /// Whether any field is marked wrong.
    pub fn has_errors(self) -> bool {
        !self.field_errors.with_untracked(HashMap::is_empty)
    }

    /// Shows a server error next to its field (one of `fields`) or as a general error.
    pub fn show(self, error: &ApiError, i18n: I18n, fields: &[&'static str]) {
        let text = error.text(i18n.locale.get_untracked());
        self.retry.set(error.code == "NETWORK");
        match error.field.as_deref().and_then(|f| fields.iter().find(|known| **known == f)) {
            Some(field) => {
                self.field_errors.update(|errors| {
                    errors.insert(field, text);
                });
                self.focus_first_error(fields);
            }
            None => self.general.set(Some(text)),
        }
    }

    /// The error of one field, as a signal.
    pub fn error_of(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.field_errors.with(|errors| errors.get(field).cloned()))
    }
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}
