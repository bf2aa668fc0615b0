//! The application root: contexts, router and layout.

use leptos::prelude::*;
use leptos_router::{
    components::Router,
    hooks::use_location,
    location::{BrowserUrl, LocationProvider},
};

use crate::components::Layout;
use crate::contexts::{locale::provide_i18n, session::provide_session};
use crate::pages::{
    account::Account, forgot_password::ForgotPassword, landing::Landing, not_found::NotFound, register::Register,
    reset_password::ResetPassword, sign_in::SignIn, verify_email::VerifyEmail,
};
use crate::routes::{PAGES, page_of};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    provide_session(i18n);
    // The static shell in index.html keeps the page readable until the app mounts.
    if let Some(shell) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("shell")) {
        shell.remove();
    }
    view! {
        <Router>
            <Layout>
                <Pages />
            </Layout>
        </Router>
    }
}

/// The page at the current address. One `match` over the page costs the phone bundle far less
/// than a table of routes; the router still keeps the history and turns link clicks into page
/// changes. The pages and their paths are listed once, in [`crate::routes`].
#[component]
fn Pages() -> impl IntoView {
    let location = use_location();
    // Only a change of path shows another page; a new query or fragment does not.
    let page = Memo::new(move |_| location.pathname.with(|path| page_of(&PAGES, path)));
    // A followed link changes the address bar once its page is shown, as `<Routes>` would do.
    let browser_url = use_context::<BrowserUrl>();
    move || {
        let view = match page.get().unwrap_or_default() {
            "landing" => view! { <Landing /> }.into_any(),
            "register" => view! { <Register /> }.into_any(),
            "verify" => view! { <VerifyEmail /> }.into_any(),
            "sign_in" => view! { <SignIn /> }.into_any(),
            "forgot" => view! { <ForgotPassword /> }.into_any(),
            "reset" => view! { <ResetPassword /> }.into_any(),
            "account" => view! { <Account /> }.into_any(),
            _ => view! { <NotFound /> }.into_any(),
        };
        if let Some(url) = &browser_url {
            url.ready_to_complete();
        }
        view
    }
}
