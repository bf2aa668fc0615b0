//! The phone app's public pages: contexts, router and layout (the signed-in person's pages are
//! in [`crate::my`], the staff pages in [`crate::staff`]).

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::components::{Layout, page_switch::page_switch};
use crate::pages::{
    forgot_password::ForgotPassword, landing::Landing, not_found::NotFound, redeem::Redeem, register::Register,
    reset_password::ResetPassword, sign_in::SignIn, verify_email::VerifyEmail,
};
use crate::routes::PAGES;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <Pages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (the pages and their paths are listed in
/// [`crate::routes::PAGES`]).
#[component]
fn Pages() -> impl IntoView {
    page_switch(&PAGES, |page| match page {
        "landing" => view! { <Landing /> }.into_any(),
        "register" => view! { <Register /> }.into_any(),
        "verify" => view! { <VerifyEmail /> }.into_any(),
        "sign_in" => view! { <SignIn /> }.into_any(),
        "forgot" => view! { <ForgotPassword /> }.into_any(),
        "reset" => view! { <ResetPassword /> }.into_any(),
        "redeem" => view! { <Redeem /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}
