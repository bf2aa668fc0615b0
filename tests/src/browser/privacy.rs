//! VPD staff keep a founder's record on the staff pages — opened only with a reason — and the
//! founder sees on their account page that VPD staff read it, never who.

use tilts::domain::{Locale, Role};

use super::{Browser, spawn_pwa_app};
use crate::app::PASSWORD;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_open_a_record_with_a_reason_keep_it_and_the_founder_sees_that_vpd_read_it() {
    let app = spawn_pwa_app().await;
    let staff = super::staff::vpd_account(&app, Role::Staff).await;
    let create = |email: &'static str, name: &'static str, role| {
        tilts::services::accounts::create_verified(&app.state.db, &app.state, email, name, PASSWORD, role, Locale::Lv)
    };
    let founder = create("janis@example.lv", "Jānis Galdnieks", Role::Founder).await.unwrap().unwrap();
    let mentor = create("marta@example.lv", "Marta Mentore", Role::Mentor).await.unwrap().unwrap();

    let browser = Browser::open(&app).await;
    browser.visit("/staff/people").await;
    browser.choose_language("en").await;
    super::staff::sign_in_from_staff_page(&app, &browser, &staff, "/staff/people").await;
    browser.fill("people-search", "galdnieks").await;
    browser.click("#people-submit").await;
    browser.wait_for_text(".people", "Jānis Galdnieks").await;
    let axe = super::a11y::axe_source();
    let mut failures = super::a11y::violations(&browser, &axe).await;
    browser.click(".record-link").await;

    // No reason, no record.
    browser.wait_for("#reason").await;
    browser.click("#reason-form button[type=submit]").await;
    assert_eq!(browser.focused_id("reason").await, "reason");
    browser.wait_for_text("#reason-error", "fill this in").await;
    browser.fill("reason", "Preparing a mentor match").await;
    browser.click("#reason-form button[type=submit]").await;
    browser.wait_for_text("#record-founder", "Jānis Galdnieks").await;
    failures.extend(super::a11y::violations(&browser, &axe).await);

    browser.click("#category-1").await;
    browser.fill("unitName", "Rīgas Austrumu struktūrvienība").await;
    browser.fill("notes", "Released in October; works as a carpenter.").await;
    browser.click("#record-form button[type=submit]").await;
    browser.wait_for_text("#record-saved", "saved").await;

    browser.fill("no-contact-search", "Marta").await;
    browser.click("#no-contact-find").await;
    browser.wait_for_text("#no-contact-candidates", "Marta Mentore").await;
    browser.click("#no-contact-candidates button").await;
    browser.wait_for_text("#no-contact", "Marta Mentore").await;
    browser.click("#excludedSectors-retail").await;
    browser.click("#constraints-form button[type=submit]").await;
    browser.wait_for_text("#constraints-saved", "saved").await;
    failures.extend(super::a11y::violations(&browser, &axe).await);
    browser.screenshot("staff-record").await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
    browser.close().await;

    let no_contact = tilts::privacy::no_contact_of(&app.state.db, founder.id).await.unwrap();
    assert_eq!(no_contact, [mentor.id].into_iter().collect());
    let excluded = tilts::privacy::excluded_sectors_of(&app.state.db, founder.id).await.unwrap();
    assert_eq!(excluded, ["retail".to_owned()].into_iter().collect());

    // The founder, on their phone, in Latvian: VPD staff read the record; no name.
    let phone = Browser::open(&app).await;
    phone.sign_in("janis@example.lv", PASSWORD).await;
    phone.click("#views-link").await;
    phone.wait_for_path("/views").await;
    phone.wait_for_text("#views", "VPD darbinieks").await;
    phone.wait_for_text("#views", "lasīja jūsu VPD ierakstu").await;
    assert!(!phone.text("#views").await.contains("Inese"), "staff are never named");
    phone.screenshot("profile-views").await;
    let failures = super::a11y::violations(&phone, &axe).await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
    phone.close().await;
}
