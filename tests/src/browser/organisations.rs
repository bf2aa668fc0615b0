//! An organisation account sets up its organisation on a phone, VPD approves it, the
//! representative invites a colleague, and a founder finds the organisation in the list.

use fantoccini::Locator;
use serde_json::json;
use tilts::domain::{Locale, Role};

use super::{Browser, spawn_pwa_app};
use crate::app::{PASSWORD, TestApp};

/// Sets the value of input `id` as a paste would.
async fn paste(browser: &Browser, id: &str, value: &str) {
    let script = format!(
        "const e = document.getElementById('{id}'); e.value = {value:?}; e.dispatchEvent(new Event('input', {{ bubbles: true }}));"
    );
    browser.client.execute(&script, vec![]).await.expect("paste");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_is_set_up_approved_and_found_on_a_phone() {
    let app = spawn_pwa_app().await;
    let create = |email: &'static str, role| {
        let app: &TestApp = &app;
        async move {
            tilts::services::accounts::create_verified(
                &app.state.db,
                &app.state,
                email,
                "Ilze Kalniņa",
                PASSWORD,
                role,
                Locale::Lv,
            )
            .await
            .unwrap()
        }
    };
    create("ilze@darbnica.lv", Role::Enterprise).await;
    create("janis@example.lv", Role::Founder).await;
    let browser = Browser::open(&app).await;
    browser.sign_in("ilze@darbnica.lv", PASSWORD).await;
    browser.click("nav.nav a[href='/organisation']").await;
    browser.wait_for_path("/organisation").await;
    browser.wait_for("#name").await;
    browser.wait_for("#sectors-crafts_manufacturing").await;
    let axe = super::a11y::axe_source();
    let mut failures = super::a11y::violations(&browser, &axe).await;

    // Nothing filled in: each missing field is named in the summary, which takes the focus.
    browser.click("form button[type=submit]").await;
    assert_eq!(browser.focused_id("name-errors").await, "name-errors");
    let errors = browser.client.find_all(Locator::Css("#name-errors li")).await.unwrap();
    assert_eq!(errors.len(), 4, "name, registration number, sectors, region");
    failures.extend(super::a11y::violations(&browser, &axe).await);

    // A 10 kB name is refused by the server at its field, in Latvian; nothing is saved.
    paste(&browser, "name", &"x".repeat(10_000)).await;
    browser.fill("registrationNumber", "4020 300 0001").await;
    browser.click("#sectors-crafts_manufacturing").await;
    browser.wait_for("#region").await.select_by_value("kurzeme").await.unwrap();
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#name-error", "120").await;
    let none = app.graphql("{ organisations(first: 5) { nodes { id } } }", json!({})).await;
    assert!(none["data"].is_null(), "signed out: {none}");

    browser.fill("name", "Darbnīca").await;
    browser.fill("website", "darbnica.lv").await;
    browser.fill("description", "Mēbeļu restaurācija; mācām amatu.").await;
    browser.click("#supportsTargetGroup").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#organisation-saved", "Organizācija izveidota").await;
    browser.wait_for_text("#organisation-standing", "VPD vēl pārbauda").await;
    browser.wait_for("#invite-later").await;
    browser.screenshot("organisation-created-lv").await;
    // Not yet approved: the directory offers mentors and organisations, no founders.
    browser.click("nav.nav a[href='/mentors']").await;
    browser.wait_for_path("/mentors").await;
    browser.wait_for("#organisations-link").await;
    let founders_tab = browser.client.find_all(Locator::Css("#founders-link")).await.unwrap();
    assert!(founders_tab.is_empty(), "no founders tab before VPD approves the organisation");

    // VPD approves it; the representative is told in the app and may now invite a colleague.
    let (staff, _) = app.create_staff().await;
    let queue =
        app.graphql_as(&staff, "{ moderationQueue(first: 10) { nodes { id kind displayName } } }", json!({})).await;
    let queued = queue["data"]["moderationQueue"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "ORGANISATION")
        .cloned()
        .unwrap();
    assert_eq!(queued["displayName"], "Darbnīca", "{queue}");
    let person = tilts::db::repos::users::find_by_email(
        &app.state.db,
        &tilts::domain::EmailAddress::parse("ilze@darbnica.lv").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .account
    .id
    .0
    .to_string();
    for subject in [queued["id"].clone(), json!(person)] {
        let approved = app
            .graphql_as(
                &staff,
                "mutation($s: ID!) { decideModeration(subjectId: $s, decision: APPROVE) { standing } }",
                json!({ "s": subject }),
            )
            .await;
        assert_eq!(approved["data"]["decideModeration"]["standing"], "APPROVED", "{approved}");
    }
    browser.visit("/organisation").await;
    browser.wait_for_text("#organisation-standing", "apstiprinājis").await;
    assert_eq!(browser.value("name").await, "Darbnīca");
    assert_eq!(browser.value("website").await, "https://darbnica.lv/");
    browser.wait_for_text("#representatives", "Ilze Kalniņa").await;
    browser.fill("email", "kolegis@darbnica.lv").await;
    browser.click("section form button[type=submit]").await;
    browser.wait_for_text("#invite-sent", "nosūtīts VPD").await;
    browser.wait_for_text("#invitations", "kolegis@darbnica.lv").await;
    failures.extend(super::a11y::violations(&browser, &axe).await);
    browser.screenshot("organisation-approved-lv").await;
    browser.wait_for_text("#bell .bell-count", "2").await;
    // Approved, and representing an approved organisation: the directory offers founders too.
    browser.click("nav.nav a[href='/mentors']").await;
    browser.wait_for_path("/mentors").await;
    browser.click("#founders-link").await;
    browser.wait_for_path("/founders").await;
    browser.close().await;

    // A founder finds it in the list of organisations.
    let founder = Browser::open(&app).await;
    founder.sign_in("janis@example.lv", PASSWORD).await;
    founder.click("nav.nav a[href='/mentors']").await;
    founder.wait_for_path("/mentors").await;
    founder.click("#organisations-link").await;
    founder.wait_for_path("/organisations").await;
    founder.wait_for_text("ul.people", "Darbnīca").await;
    founder.wait_for_text("ul.people", "Mēbeļu restaurācija").await;
    founder.wait_for("#sector option[value='crafts_manufacturing']").await;
    founder.wait_for("#sector").await.select_by_value("crafts_manufacturing").await.unwrap();
    founder.click("#search").await;
    founder.wait_for_text("ul.people", "Darbnīca").await;
    failures.extend(super::a11y::violations(&founder, &axe).await);
    founder.screenshot("organisations-founder-lv").await;
    founder.close().await;
    assert!(failures.is_empty(), "{failures:#?}");
}
