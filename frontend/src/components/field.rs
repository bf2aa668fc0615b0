//! A labelled input with its hint and error, wired for screen readers.

use leptos::prelude::*;

/// One form field. `name` doubles as the element id.
#[component]
pub fn Field(
    /// Id and name of the input.
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The input's value.
    value: RwSignal<String>,
    /// `text`, `email`, `password`, …
    #[prop(default = "text")]
    kind: &'static str,
    /// The `autocomplete` token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Help shown under the input.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The error, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Whether the field must be filled in.
    #[prop(default = true)]
    required: bool,
    /// The most characters the browser lets in.
    #[prop(optional)]
    maxlength: Option<u32>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=name>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                maxlength=maxlength
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
                bind:value=value
            />
            <p class="error" id=error_id.clone() hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
