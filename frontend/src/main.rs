//! The Tilts PWA.

use leptos::prelude::*;

fn main() {
    mount_to_body(App);
}

/// The application root.
#[component]
fn App() -> impl IntoView {
    view! {
        <main>
            <h1>"Tilts"</h1>
        </main>
    }
}
