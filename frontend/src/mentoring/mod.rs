//! Mentoring: a founder's recommended mentors and requests, and a mentor's requests to answer
//! (a bundle served for [`crate::routes::MENTORING_PAGES`]); the mentorship itself, its
//! messages, goals, sessions, "is this working?", the end and feedback, is a bundle of its own
//! ([`mentorship`], served for [`crate::routes::MENTORSHIP_PAGES`]). Both have the same layout as
//! the other phone pages.

pub mod mentorship;
mod offer;
mod overview;
mod request;

use leptos::prelude::*;
use leptos_router::{components::Router, hooks::use_navigate};

use crate::components::{Layout, page_switch::page_switch};
use crate::contexts::{locale::I18n, session::use_session};
use crate::i18n::{Key, keys};
use crate::pages::not_found::NotFound;
use crate::routes::MENTORING_PAGES;

/// The mentoring pages.
#[component]
pub fn MentoringApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <MentoringPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::MENTORING_PAGES`]).
#[component]
fn MentoringPages() -> impl IntoView {
    page_switch(&MENTORING_PAGES, |page| match page {
        "mentoring" => view! { <overview::Overview /> }.into_any(),
        "request_mentor" => view! { <request::RequestMentor /> }.into_any(),
        "offer_founder" => view! { <offer::OfferFounder /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}

/// Where a mentorship stands (the schema's `MentorshipStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MentorshipStatus {
    /// Waiting for the mentor's answer.
    Requested,
    /// Offered by the mentor; waiting for the founder's answer.
    Offered,
    /// The mentor said no.
    Declined,
    /// The founder took the request back.
    Withdrawn,
    /// Unanswered for 14 days.
    Expired,
    /// Another of the founder's requests was accepted.
    Invalidated,
    /// Accepted; waiting for VPD.
    PendingReview,
    /// Not approved by VPD.
    Rejected,
    /// Running.
    Active,
    /// Finished as planned.
    Completed,
    /// Stopped early.
    Ended,
    /// Closed by VPD.
    Closed,
}

impl MentorshipStatus {
    /// Its label.
    pub fn label(self) -> Key {
        match self {
            MentorshipStatus::Requested => keys::MENTORING_STATUS_REQUESTED,
            MentorshipStatus::Offered => keys::MENTORING_STATUS_OFFERED,
            MentorshipStatus::Declined => keys::MENTORING_STATUS_DECLINED,
            MentorshipStatus::Withdrawn => keys::MENTORING_STATUS_WITHDRAWN,
            MentorshipStatus::Expired => keys::MENTORING_STATUS_EXPIRED,
            MentorshipStatus::Invalidated => keys::MENTORING_STATUS_INVALIDATED,
            MentorshipStatus::PendingReview => keys::MENTORING_STATUS_PENDING_REVIEW,
            MentorshipStatus::Rejected => keys::MENTORING_STATUS_REJECTED,
            MentorshipStatus::Active => keys::MENTORING_STATUS_ACTIVE,
            MentorshipStatus::Completed => keys::MENTORING_STATUS_COMPLETED,
            MentorshipStatus::Ended => keys::MENTORING_STATUS_ENDED,
            MentorshipStatus::Closed => keys::MENTORING_STATUS_CLOSED,
        }
    }

    /// Still open: a request or offer waiting for an answer, or a match waiting for VPD.
    pub fn open(self) -> bool {
        matches!(self, MentorshipStatus::Requested | MentorshipStatus::Offered | MentorshipStatus::PendingReview)
    }

    /// Waiting for the answer of the side asked: a request for the mentor, an offer for the
    /// founder.
    pub fn waits_for(self, mentor: bool) -> bool {
        self == if mentor { MentorshipStatus::Requested } else { MentorshipStatus::Offered }
    }
}

/// Why a mentor says no (the schema's `DeclineReason`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeclineReason {
    /// No room for another mentee now.
    NoCapacity,
    /// Outside what the mentor knows.
    OutsideExpertise,
    /// Cannot meet when or where needed.
    CannotMeet,
    /// The mentor paused mentoring.
    Paused,
    /// Said in the text.
    Other,
}

impl DeclineReason {
    /// Its label.
    pub fn label(self) -> Key {
        match self {
            DeclineReason::NoCapacity => keys::MENTORING_DECLINE_NO_CAPACITY,
            DeclineReason::OutsideExpertise => keys::MENTORING_DECLINE_OUTSIDE_EXPERTISE,
            DeclineReason::CannotMeet => keys::MENTORING_DECLINE_CANNOT_MEET,
            DeclineReason::Paused => keys::MENTORING_DECLINE_PAUSED,
            DeclineReason::Other => keys::MENTORING_DECLINE_OTHER,
        }
    }
}

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

/// Today as `YYYY-MM-DD` in the phone's time zone (the latest date a session may be logged for).
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// Sends people who are not signed in to the sign-in page, then back to `here`.
fn require_sign_in(here: impl Fn() -> String + Send + Sync + 'static) {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            let next: String = js_sys::encode_uri_component(&here()).into();
            navigate(&format!("/sign-in?next={next}"), Default::default());
        }
    });
}
