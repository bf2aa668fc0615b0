//! Every page by path, with the prefix of its texts (`{texts}.title`, `{texts}.intro`), in the
//! bundle that draws it. The app chooses its page from these lists and the server paints the
//! same page first from them and sends the bundle that draws it (`server/src/http/pwa.rs`
//! includes this file), so a page is named in one place.
//!
//! Each bundle is a wasm of its own, so the first page a phone opens downloads only the code of
//! its own pages: the public pages, the signed-in person's own pages, and the VPD staff pages.
//! A link between bundles is a full page load (see `components::page_switch`).

/// The public pages of the phone app (index `/index.html`); any other path is its not-found page.
pub const PAGES: [(&str, &str); 7] = [
    ("/", "landing"),
    ("/register", "register"),
    ("/verify-email", "verify"),
    ("/sign-in", "sign_in"),
    ("/forgot-password", "forgot"),
    ("/reset-password", "reset"),
    ("/redeem", "redeem"),
];

/// The buy-social directory (index `/buy-social/index.html`): public, for procurement officers
/// above all; a bundle of its own, so the public pages do not carry its list.
pub const BUY_SOCIAL_PAGES: [(&str, &str); 1] = [("/buy-social", "buy_social")];

/// The signed-in person's own pages (index `/my/index.html`).
pub const MY_PAGES: [(&str, &str); 2] = [("/account", "account"), ("/profile", "profile")];

/// An organisation account's pages (index `/org/index.html`): work on the network, by phone or
/// desktop; a founder's phone never downloads their code. Its organisation and postings.
pub const ORG_PAGES: [(&str, &str); 1] = [("/organisation", "organisation")];

/// An organisation's work on one posting (index `/posting/index.html`; not cached, like the
/// organisation's pages): writing it (`/opportunity/edit?id=…` or `?organisation=…`) and its
/// applicants (`/opportunity/applicants?id=…`).
pub const POSTING_PAGES: [(&str, &str); 2] =
    [("/opportunity/edit", "opportunity_edit"), ("/opportunity/applicants", "applicants")];

/// Other people (index `/find/index.html`): the mentor directory, a mentor's profile
/// (`/mentor?id=…`), founders, organisations, and what others did that concerns the person:
/// notifications and who viewed their data.
pub const FIND_PAGES: [(&str, &str); 6] = [
    ("/mentors", "directory"),
    ("/mentor", "mentor"),
    ("/founders", "founders"),
    ("/organisations", "organisations"),
    ("/notifications", "notifications"),
    ("/views", "views"),
];

/// Mentoring (index `/mentoring/index.html`): recommended mentors (for a mentor, founders) and the
/// person's requests and mentorships (`/mentoring`), asking a mentor
/// (`/mentoring/request?mentor=…`) and offering to mentor a founder (`/mentoring/offer?founder=…`).
pub const MENTORING_PAGES: [(&str, &str); 3] =
    [("/mentoring", "mentoring"), ("/mentoring/request", "request_mentor"), ("/mentoring/offer", "offer_founder")];

/// One mentorship with its messages, goals and sessions (`/mentorship?id=…`; index
/// `/mentorship/index.html`): a bundle of its own, as its forms would take the mentoring bundle
/// past the 200 KB a phone downloads for a first page.
pub const MENTORSHIP_PAGES: [(&str, &str); 1] = [("/mentorship", "mentorship")];

/// Opportunities (index `/opportunities/index.html`): published postings with filters and, for a
/// founder, those that fit them (`/opportunities`); one posting, with applying or, for its
/// organisation, its steps (`/opportunity?id=…`).
pub const OPPORTUNITY_PAGES: [(&str, &str); 2] = [("/opportunities", "opportunities"), ("/opportunity", "opportunity")];

/// A founder's applications (index `/applications/index.html`): a bundle of its own, as it fits
/// in neither the opportunities' nor the person's own pages within 200 KB.
pub const APPLICATION_PAGES: [(&str, &str); 1] = [("/applications", "applications")];

/// The VPD staff pages (index `/staff/index.html`; texts in the `staff` sections of `locales/`).
pub const STAFF_PAGES: [(&str, &str); 9] = [
    ("/staff", "home"),
    ("/staff/moderation", "moderation"),
    ("/staff/people", "people"),
    ("/staff/record", "record"),
    ("/staff/invite", "invite"),
    ("/staff/accounts", "accounts"),
    ("/staff/mentorships", "mentorships"),
    ("/staff/opportunities", "opportunities"),
    ("/staff/buy-social", "attest"),
];

/// Every bundle's pages.
pub const BUNDLES: [&[(&str, &str)]; 11] = [
    &PAGES,
    &BUY_SOCIAL_PAGES,
    &MY_PAGES,
    &FIND_PAGES,
    &ORG_PAGES,
    &POSTING_PAGES,
    &MENTORING_PAGES,
    &MENTORSHIP_PAGES,
    &OPPORTUNITY_PAGES,
    &APPLICATION_PAGES,
    &STAFF_PAGES,
];

/// The texts prefix of the page at `path` in `pages` (a trailing slash does not matter).
pub fn page_of(pages: &[(&'static str, &'static str)], path: &str) -> Option<&'static str> {
    let path = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    pages.iter().find(|(route, _)| *route == path).map(|(_, texts)| *texts)
}

/// Whether another bundle than the one of `pages` draws `path`.
pub fn elsewhere(pages: &[(&'static str, &'static str)], path: &str) -> bool {
    page_of(pages, path).is_none() && BUNDLES.iter().any(|other| page_of(other, path).is_some())
}
