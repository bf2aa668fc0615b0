//! Form controls beyond a one-line input: a multi-line text, a list to pick one from, a group of
//! checkboxes, a group of radio buttons and a yes/no checkbox. Each names its errors and hints
//! for screen readers the way [`Field`](super::Field) does; a group's `id` is its fieldset, which
//! takes the focus from the error summary.

use leptos::prelude::*;

/// `{id}-hint` and/or `{id}-error`, as `aria-describedby` wants them.
fn described_by(id: &'static str, has_hint: bool, error: Signal<Option<String>>) -> impl Fn() -> Option<String> {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The hint and error paragraphs of a control.
fn hint_and_error(id: &'static str, hint: Option<Signal<String>>, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
        <p class="error" id=format!("{id}-error") hidden=move || error.with(Option::is_none)>
            {move || error.get().unwrap_or_default()}
        </p>
    }
}

/// A multi-line text.
#[component]
pub fn TextArea(
    /// Id and name.
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The text.
    value: RwSignal<String>,
    /// Help under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The error, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// The most characters the browser lets in.
    maxlength: u32,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=name>{label}</label>
            {hint_and_error(name, hint, error)}
            <textarea
                id=name
                name=name
                rows="4"
                maxlength=maxlength
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by(name, hint.is_some(), error)
                bind:value=value
            ></textarea>
        </div>
    }
}

/// One of `options` (`(value, label)`), as a native select with an empty first choice.
#[component]
pub fn Select(
    /// Id and name.
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// The empty choice's text ("Choose a region").
    #[prop(into)]
    placeholder: Signal<String>,
    /// The choices.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The chosen value, empty for none.
    value: RwSignal<String>,
    /// The error, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Whether a choice must be made.
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=name>{label}</label>
            {hint_and_error(name, None, error)}
            <select
                id=name
                name=name
                required=required
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by(name, false, error)
                on:change:target=move |ev| value.set(ev.target().value())
            >
                <option value="" selected=move || value.with(String::is_empty)>{placeholder}</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let chosen = code.clone();
                            view! { <option value=code selected=move || value.with(|v| *v == chosen)>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// Any number of `options` (`(value, label)`), as checkboxes in a fieldset.
#[component]
pub fn Checkboxes(
    /// The fieldset's id; each box is `{name}-{value}`.
    name: &'static str,
    /// The legend.
    #[prop(into)]
    legend: Signal<String>,
    /// The choices.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The chosen values, in the order chosen.
    chosen: RwSignal<Vec<String>>,
    /// The error, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <fieldset
            id=name
            tabindex="-1"
            class="choices"
            class:field-invalid=move || error.with(Option::is_some)
            aria-describedby=described_by(name, false, error)
        >
            <legend>{legend}</legend>
            {hint_and_error(name, None, error)}
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(code, text)| {
                        let id = format!("{name}-{code}");
                        let (is, toggle) = (code.clone(), code);
                        view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    id=id
                                    prop:checked=move || chosen.with(|c| c.contains(&is))
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        chosen.update(|c| {
                                            c.retain(|x| *x != toggle);
                                            if on {
                                                c.push(toggle.clone());
                                            }
                                        });
                                    }
                                />
                                <span>{text}</span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

/// One of a few fixed `options` (`(value, label signal)`), as radio buttons in a fieldset.
#[component]
pub fn Radios<T>(
    /// The fieldset's id and the buttons' name.
    name: &'static str,
    /// The legend.
    #[prop(into)]
    legend: Signal<String>,
    /// The choices.
    options: Vec<(T, Signal<String>)>,
    /// The chosen value.
    value: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset id=name tabindex="-1" class="choices">
            <legend>{legend}</legend>
            {options
                .into_iter()
                .enumerate()
                .map(|(n, (option, text))| {
                    let id = format!("{name}-{n}");
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                id=id
                                name=name
                                prop:checked=move || value.get() == option
                                on:change=move |_| value.set(option)
                            />
                            <span>{text}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A yes/no choice with an optional hint.
#[component]
pub fn Toggle(
    /// Id and name.
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Help under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// On or off.
    value: RwSignal<bool>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    view! {
        <div class="toggle">
            <label class="choice" for=name>
                <input
                    type="checkbox"
                    id=name
                    name=name
                    aria-describedby=hint.is_some().then(|| hint_id.clone())
                    bind:checked=value
                />
                <span>{label}</span>
            </label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
        </div>
    }
}
