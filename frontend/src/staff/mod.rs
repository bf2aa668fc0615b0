//! The VPD staff pages under `/staff`: desktop work that never reaches a founder's phone. They
//! share the phone app's session, language, components and sign-in (whose `?next=` brings a
//! person back here); a person who is not VPD staff or admin sees only a short refusal, and the
//! server refuses every staff operation to them anyway.

mod accounts;
mod attest;
mod invite;
mod mentorships;
mod moderation;
pub mod operations;
mod opportunities;
mod people;
mod record;

use leptos::prelude::*;
use leptos_router::{
    components::{A, Router},
    hooks::use_location,
};

use crate::components::{LangSwitcher, PageHeader, page_switch::page_switch};
use crate::contexts::{
    locale::use_i18n,
    session::{Role, use_session},
};
use crate::i18n::{keys, staff_keys};
use crate::routes::{STAFF_PAGES, page_of};

/// The staff app.
#[component]
pub fn StaffApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <StaffLayout>
                <StaffPages />
            </StaffLayout>
        </Router>
    }
}

/// The staff page at the current address (listed in [`crate::routes::STAFF_PAGES`]).
#[component]
fn StaffPages() -> impl IntoView {
    page_switch(&STAFF_PAGES, |page| match page {
        "home" => view! { <StaffHome /> }.into_any(),
        "accounts" => view! { <accounts::StaffAccounts /> }.into_any(),
        "moderation" => view! { <moderation::Moderation /> }.into_any(),
        "mentorships" => view! { <mentorships::MentorshipQueue /> }.into_any(),
        "opportunities" => view! { <opportunities::OpportunityQueuePage /> }.into_any(),
        "attest" => view! { <attest::AttestPage /> }.into_any(),
        "people" => view! { <people::PeopleSearch /> }.into_any(),
        "record" => view! { <record::RecordPage /> }.into_any(),
        "invite" => view! { <invite::Invite /> }.into_any(),
        _ => view! { <PageHeader title=keys::NOT_FOUND_TITLE intro=keys::NOT_FOUND_INTRO /> }.into_any(),
    })
}

/// Who may open the staff pages, as far as the app knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    /// The server has not answered yet.
    Checking,
    /// Nobody is signed in.
    SignedOut,
    /// A signed-in person who is not VPD staff.
    Refused,
    /// VPD staff.
    Staff,
    /// A VPD administrator.
    Admin,
}

/// What the signed-in person may open.
fn access() -> Memo<Access> {
    let session = use_session();
    Memo::new(move |_| match session.viewer.with(|v| v.as_ref().map(|v| v.role)) {
        Some(Role::Admin) => Access::Admin,
        Some(Role::Staff) => Access::Staff,
        Some(_) => Access::Refused,
        None if session.checked.get() => Access::SignedOut,
        None => Access::Checking,
    })
}

/// The frame of every staff page: header, navigation, the person and a way back to the app.
/// Its pages appear only to VPD staff and admins.
#[component]
fn StaffLayout(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let access = access();
    let location = use_location();
    let sign_in = move || {
        let here = location.pathname.get();
        format!("/sign-in?next={}", if here.starts_with("/staff") { here } else { "/staff".to_owned() })
    };
    let children = StoredValue::new(children);
    // Until the page itself shows, the heading and introduction the server's first paint
    // showed stay in place (so the largest paint does not wait for the app), with the
    // state of the check below them.
    let header = move || {
        let (title, intro) = match location.pathname.with(|path| page_of(&STAFF_PAGES, path)) {
            Some("accounts") => (staff_keys::ACCOUNTS_TITLE, staff_keys::ACCOUNTS_INTRO),
            Some("moderation") => (staff_keys::MODERATION_TITLE, staff_keys::MODERATION_INTRO),
            Some("mentorships") => (staff_keys::MENTORSHIPS_TITLE, staff_keys::MENTORSHIPS_INTRO),
            Some("opportunities") => (staff_keys::OPPORTUNITIES_TITLE, staff_keys::OPPORTUNITIES_INTRO),
            Some("attest") => (staff_keys::ATTEST_TITLE, staff_keys::ATTEST_INTRO),
            Some("people") => (staff_keys::PEOPLE_TITLE, staff_keys::PEOPLE_INTRO),
            Some("record") => (staff_keys::RECORD_TITLE, staff_keys::RECORD_INTRO),
            Some("invite") => (staff_keys::INVITE_TITLE, staff_keys::INVITE_INTRO),
            _ => (staff_keys::HOME_TITLE, staff_keys::HOME_INTRO),
        };
        view! {
            <h1>{move || i18n.t(title)}</h1>
            <p class="intro">{move || i18n.t(intro)}</p>
        }
    };
    view! {
        <a class="skip" href="#main">{move || i18n.t(keys::SKIP_TO_CONTENT)}</a>
        <header class="top">
            <A href="/staff" attr:class="brand">
                <span class="brand-name">{move || i18n.t(staff_keys::APP_NAME)}</span>
            </A>
            <LangSwitcher />
        </header>
        <nav class="nav staff-nav" aria-label=move || i18n.t(staff_keys::NAV_MAIN)>
            <A href="/staff" exact=true>{move || i18n.t(staff_keys::HOME_TITLE)}</A>
            <A href="/staff/moderation">{move || i18n.t(staff_keys::NAV_MODERATION)}</A>
            <A href="/staff/mentorships">{move || i18n.t(staff_keys::NAV_MENTORSHIPS)}</A>
            <A href="/staff/opportunities">{move || i18n.t(staff_keys::NAV_OPPORTUNITIES)}</A>
            <A href="/staff/buy-social">{move || i18n.t(staff_keys::NAV_ATTEST)}</A>
            <A href="/staff/people">{move || i18n.t(staff_keys::NAV_PEOPLE)}</A>
            <A href="/staff/invite">{move || i18n.t(staff_keys::NAV_INVITE)}</A>
            <A href="/staff/accounts">{move || i18n.t(staff_keys::NAV_ACCOUNTS)}</A>
            <a href="/account" rel="external">{move || i18n.t(staff_keys::NAV_APP)}</a>
        </nav>
        <p class="notice offline" role="status" hidden=move || !session.offline.get()>
            {move || i18n.t(keys::OFFLINE_NOTICE)}
        </p>
        <main id="main" tabindex="-1">
            {move || match access.get() {
                Access::Checking => view! {
                    {header}
                    <p role="status">{move || i18n.t(staff_keys::GATE_CHECKING)}</p>
                }.into_any(),
                Access::SignedOut => view! {
                    {header}
                    <p class="notice">{move || i18n.t(staff_keys::GATE_SIGN_IN)}</p>
                    <p><a id="staff-sign-in" class="button" href=sign_in rel="external">
                        {move || i18n.t(staff_keys::GATE_SIGN_IN_LINK)}
                    </a></p>
                }.into_any(),
                Access::Refused => view! {
                    {header}
                    <p id="staff-refused" class="notice" role="alert">{move || i18n.t(staff_keys::GATE_NOT_STAFF)}</p>
                }.into_any(),
                Access::Staff | Access::Admin => view! {
                    {move || session.viewer.get().map(|v| view! {
                        <p class="staff-who note">
                            <span class="who-name">{v.display_name}</span>
                            <span>{move || i18n.t(v.role.label())}</span>
                        </p>
                    })}
                    {children.with_value(|c| c())}
                }.into_any(),
            }}
        </main>
    }
}

/// `/staff`: what staff can do here.
#[component]
fn StaffHome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader title=staff_keys::HOME_TITLE intro=staff_keys::HOME_INTRO />
        <div class="cards">
            <section class="card">
                <h2><A href="/staff/moderation">{move || i18n.t(staff_keys::NAV_MODERATION)}</A></h2>
                <p>{move || i18n.t(staff_keys::MODERATION_INTRO)}</p>
            </section>
            <section class="card">
                <h2><A href="/staff/mentorships">{move || i18n.t(staff_keys::MENTORSHIPS_TITLE)}</A></h2>
                <p>{move || i18n.t(staff_keys::MENTORSHIPS_INTRO)}</p>
            </section>
            <section class="card">
                <h2><A href="/staff/opportunities">{move || i18n.t(staff_keys::OPPORTUNITIES_TITLE)}</A></h2>
                <p>{move || i18n.t(staff_keys::OPPORTUNITIES_INTRO)}</p>
            </section>
            <section class="card">
                <h2><A href="/staff/buy-social">{move || i18n.t(staff_keys::ATTEST_TITLE)}</A></h2>
                <p>{move || i18n.t(staff_keys::ATTEST_INTRO)}</p>
            </section>
            <section class="card">
                <h2><A href="/staff/people">{move || i18n.t(staff_keys::NAV_PEOPLE)}</A></h2>
                <p>{move || i18n.t(staff_keys::PEOPLE_INTRO)}</p>
            </section>
            <section class="card">
                <h2><A href="/staff/invite">{move || i18n.t(staff_keys::INVITE_TITLE)}</A></h2>
                <p>{move || i18n.t(staff_keys::INVITE_INTRO)}</p>
            </section>
            <section class="card">
                <h2><A href="/staff/accounts">{move || i18n.t(staff_keys::NAV_ACCOUNTS)}</A></h2>
                <p>{move || i18n.t(staff_keys::ACCOUNTS_INTRO)}</p>
            </section>
        </div>
    }
}

/// Whether the signed-in person is a VPD administrator.
fn is_admin() -> Signal<bool> {
    let access = access();
    Signal::derive(move || access.get() == Access::Admin)
}
