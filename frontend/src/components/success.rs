//! The message that replaces a form once it has done its work.

use leptos::{html, prelude::*};

/// A success message that takes the focus when it appears, so a screen reader reads it and the
/// next Tab continues after it rather than at the top of the page.
#[component]
pub fn Success(
    /// The element id (tests and links use it).
    #[prop(optional)]
    id: &'static str,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Section>::new();
    Effect::new(move |_| {
        if let Some(section) = node.get() {
            let _ = section.focus();
        }
    });
    let id = (!id.is_empty()).then_some(id);
    view! {
        <section id=id class="success" role="status" tabindex="-1" node_ref=node>
            {children()}
        </section>
    }
}
