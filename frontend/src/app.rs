//! The application root: contexts, router and layout.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::components::Layout;
use crate::contexts::{locale::provide_i18n, session::provide_session};
use crate::pages::{
    account::Account, forgot_password::ForgotPassword, landing::Landing, not_found::NotFound, register::Register,
    reset_password::ResetPassword, sign_in::SignIn, verify_email::VerifyEmail,
};

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
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Landing />
                    <Route path=path!("/register") view=Register />
                    <Route path=path!("/verify-email") view=VerifyEmail />
                    <Route path=path!("/sign-in") view=SignIn />
                    <Route path=path!("/forgot-password") view=ForgotPassword />
                    <Route path=path!("/reset-password") view=ResetPassword />
                    <Route path=path!("/account") view=Account />
                </Routes>
            </Layout>
        </Router>
    }
}
