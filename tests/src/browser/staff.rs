//! The VPD staff pages under `/staff`: a bundle of their own that a founder's phone never
//! downloads, signed in to through the app's own sign-in.

use fantoccini::Locator;
use tilts::domain::{Locale, Role};

use super::{Browser, spawn_pwa_app};
use crate::app::{PASSWORD, TestApp};

/// Signs `browser` in as `email` (a VPD account whose second factor the app knows) through
/// the sign-in page that the staff page `page` links to, and waits to be back there.
pub(super) async fn sign_in_from_staff_page(app: &TestApp, browser: &Browser, email: &str, page: &str) {
    browser.visit(page).await;
    browser.click("#staff-sign-in").await;
    browser.wait_for_path("/sign-in").await;
    browser.fill("email", email).await;
    browser.fill("password", PASSWORD).await;
    browser.click("form button[type=submit]").await;
    browser.wait_for("#second-factor-title").await;
    let secret = app.totp_secrets.lock().unwrap().get(email).cloned().expect("the staff member's secret");
    browser.fill("code", &app.totp_code(&secret, 1)).await;
    browser.click("form:not([hidden]) button[type=submit]").await;
    browser.wait_for_path(page).await;
}

/// A VPD account of `role` with its second factor set up (through the API).
pub(super) async fn vpd_account(app: &TestApp, role: Role) -> String {
    let email = format!("{}-{}@vpd.example.lv", role.as_str(), uuid::Uuid::new_v4().simple());
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        &email,
        "Inese Ozola",
        PASSWORD,
        role,
        Locale::En,
    )
    .await
    .unwrap();
    let client = TestApp::new_client();
    app.sign_in_fully(&client, &email, PASSWORD).await;
    email
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_creates_a_staff_account_on_the_staff_pages_and_the_person_gets_the_invitation() {
    let app = spawn_pwa_app().await;
    let admin = vpd_account(&app, Role::Admin).await;
    let browser = Browser::open(&app).await;
    browser.visit("/staff/accounts").await;
    browser.choose_language("en").await;
    browser.wait_for_text("main", "Sign in with your VPD account").await;
    sign_in_from_staff_page(&app, &browser, &admin, "/staff/accounts").await;
    browser.wait_for_text("h1", "Create a staff account").await;
    let axe = super::a11y::axe_source();
    let mut failures = super::a11y::violations(&browser, &axe).await;

    // Nothing typed: both errors together, in a summary that takes the focus.
    browser.click("form button[type=submit]").await;
    assert_eq!(browser.focused_id("displayName-errors").await, "displayName-errors");
    let errors = browser.client.find_all(Locator::Css("#displayName-errors li")).await.unwrap();
    assert_eq!(errors.len(), 2);
    failures.extend(super::a11y::violations(&browser, &axe).await);

    browser.fill("displayName", "Pēteris Kalniņš").await;
    browser.fill("email", "peteris.kalnins@vpd.example.lv").await;
    browser.wait_for("#staff-locale").await.select_by_value("ru").await.unwrap();
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#staff-created", "peteris.kalnins@vpd.example.lv").await;
    assert_eq!(browser.focused_id("staff-created").await, "staff-created");
    failures.extend(super::a11y::violations(&browser, &axe).await);
    let overflow = browser
        .client
        .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
        .await
        .unwrap();
    assert_eq!(overflow.as_i64(), Some(0), "nothing runs off the side of a 360 px screen");
    browser.screenshot("staff-account-created").await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));

    // The invitation, in the language chosen for the person, leads to setting a password.
    let mail = app.smtp.wait_for_message_to("peteris.kalnins@vpd.example.lv").await;
    assert!(mail.text.contains("Pēteris Kalniņš"), "{}", mail.text);
    assert!(mail.text.contains("/reset-password"), "{}", mail.text);
    assert!(mail.subject.chars().any(|c| ('а'..='я').contains(&c)), "a Russian subject: {}", mail.subject);

    // The same address again is refused at its field.
    browser.click("#create-another").await;
    assert_eq!(browser.focused_id("displayName").await, "displayName");
    browser.fill("displayName", "Pēteris Kalniņš").await;
    browser.fill("email", "peteris.kalnins@vpd.example.lv").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for(".field-invalid #email").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_pages_refuse_founders_and_keep_account_creation_to_admins() {
    let app = spawn_pwa_app().await;
    let staff = vpd_account(&app, Role::Staff).await;
    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("en").await;
    sign_in_from_staff_page(&app, &browser, &staff, "/staff/accounts").await;
    browser.wait_for("#admin-only").await;
    assert!(browser.client.find_all(Locator::Css("form")).await.unwrap().is_empty(), "no form for staff");
    // The account page leads to the staff pages.
    browser.visit("/account").await;
    browser.click("#staff-pages").await;
    browser.wait_for_path("/staff").await;
    browser.wait_for_text("h1", "VPD staff pages").await;
    browser.client.delete_all_cookies().await.unwrap();

    let founder = app.create_account(Role::Founder).await;
    browser.sign_in(&founder, PASSWORD).await;
    assert!(browser.client.find_all(Locator::Css("#staff-pages")).await.unwrap().is_empty());
    browser.visit("/staff/accounts").await;
    browser.wait_for_text("#staff-refused", "for VPD staff").await;
    assert!(browser.client.find_all(Locator::Css("form")).await.unwrap().is_empty());
    browser.close().await;
}

/// The name of the one `*_bg.wasm` in `dir`.
fn wasm_in(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("_bg.wasm"))
        .unwrap_or_else(|| panic!("no wasm in {}", dir.display()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staff_pages_are_a_bundle_of_their_own_with_a_first_paint_and_the_phone_bundle_lacks_them() {
    let dist = super::dist_dir();
    let phone = std::fs::read(wasm_in(&dist)).unwrap();
    let staff = std::fs::read(wasm_in(&dist.join("staff"))).unwrap();
    let contains = |haystack: &[u8], needle: &str| haystack.windows(needle.len()).any(|w| w == needle.as_bytes());
    for marker in ["createStaffAccount", "Create a staff account", "Izveidot darbinieka kontu"] {
        assert!(!contains(&phone, marker), "the phone bundle carries {marker:?}");
        assert!(contains(&staff, marker), "the staff bundle lacks {marker:?}");
    }

    let app = spawn_pwa_app().await;
    let client = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
    let get = |path: &'static str, language: &'static str| {
        let client = client.clone();
        let url = format!("{}{path}", app.address);
        async move { client.get(url).header("accept-language", language).send().await.unwrap() }
    };
    let home = get("/staff", "lv").await;
    assert_eq!(home.status(), 200);
    let home = home.text().await.unwrap();
    assert!(home.contains("<h1>VPD darbinieku lapas</h1>"), "{home}");
    assert!(home.contains("/staff/tilts-staff-"), "the staff bundle: {home}");
    assert!(!home.contains("sw-register"), "no service worker on staff pages");
    assert!(home.contains("noindex"));
    let accounts = get("/staff/accounts", "ru").await.text().await.unwrap();
    assert!(accounts.contains("<h1>Создать аккаунт сотрудника</h1>"), "{accounts}");
    let unknown = get("/staff/nothing-here", "en").await;
    assert_eq!(unknown.status(), 404);
    assert!(unknown.text().await.unwrap().contains("<h1>Page not found</h1>"));
    // The phone app's pages never name the staff bundle.
    let landing = get("/", "en").await.text().await.unwrap();
    assert!(!landing.contains("tilts-staff"), "{landing}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_approve_and_reject_people_waiting_for_approval_who_are_told_by_e_mail() {
    let app = spawn_pwa_app().await;
    let (_, mentor) = app.sign_in_as(Role::Mentor).await;
    app.clock.advance(chrono::Duration::minutes(1));
    let (_, member) = app.sign_in_as(Role::Enterprise).await;
    let staff = vpd_account(&app, Role::Staff).await;
    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("en").await;
    browser.visit("/staff/moderation").await;
    browser.click("#staff-sign-in").await;
    browser.wait_for_path("/sign-in").await;
    browser.fill("email", &staff).await;
    browser.fill("password", PASSWORD).await;
    browser.click("form button[type=submit]").await;
    browser.wait_for("#second-factor-title").await;
    let secret = app.totp_secrets.lock().unwrap().get(&staff).cloned().unwrap();
    browser.fill("code", &app.totp_code(&secret, 1)).await;
    browser.click("form:not([hidden]) button[type=submit]").await;
    browser.wait_for_path("/staff/moderation").await;

    // The longest waiting first.
    browser.wait_for_text(".queue-entry", &mentor).await;
    let entries = browser.client.find_all(Locator::Css(".queue-entry")).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries[0].text().await.unwrap().contains(&mentor));
    assert!(entries[1].text().await.unwrap().contains(&member));
    let axe = super::a11y::axe_source();
    let mut failures = super::a11y::violations(&browser, &axe).await;

    browser.click(".queue-entry .approve").await;
    browser.wait_for_text("#moderation-done", "is approved").await;
    let mail = app.smtp.wait_for_message_to(&mentor).await;
    assert_eq!(mail.subject, "Your Tilts account is approved");

    // Rejecting asks for a reason first.
    browser.click(".queue-entry .reject").await;
    assert_eq!(browser.focused_id("reason").await, "reason");
    browser.click(".queue-entry form button[type=submit]").await;
    browser.wait_for_text("#reason-error", "").await;
    browser.wait_for(".field-invalid #reason").await;
    failures.extend(super::a11y::violations(&browser, &axe).await);
    browser.fill("reason", "We could not confirm the organisation's registration number.").await;
    browser.click(".queue-entry form button[type=submit]").await;
    browser.wait_for_text("#moderation-done", "is rejected").await;
    browser.wait_for("#moderation-empty:not([hidden])").await;
    let mail = app.smtp.wait_for_message_to(&member).await;
    assert_eq!(mail.subject, "Your Tilts account was not approved");
    assert!(mail.text.contains("registration number"), "{}", mail.text);
    browser.screenshot("staff-moderation").await;
    failures.extend(super::a11y::violations(&browser, &axe).await);
    browser.close().await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_suspend_a_person_with_a_reason_from_the_people_page_and_reinstate_them() {
    let app = spawn_pwa_app().await;
    let staff = vpd_account(&app, Role::Staff).await;
    let mentor = tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "marta@example.lv",
        "Marta Mentore",
        PASSWORD,
        Role::Mentor,
        Locale::Lv,
    )
    .await
    .unwrap()
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.visit("/staff/people").await;
    browser.choose_language("en").await;
    sign_in_from_staff_page(&app, &browser, &staff, "/staff/people").await;
    browser.fill("people-search", "Marta").await;
    browser.click("#people-submit").await;
    browser.wait_for_text(".people", "Marta Mentore").await;
    browser.click(".people .suspend").await;
    assert_eq!(browser.focused_id("reason").await, "reason");
    // No reason, no suspension.
    browser.click(".people form button[type=submit]").await;
    browser.wait_for_text("#reason-error", "fill this in").await;
    browser.fill("reason", "Complaints from two founders").await;
    browser.click(".people form button[type=submit]").await;
    browser.wait_for_text("#people-done", "Marta Mentore is suspended").await;
    browser.wait_for_text(".people .badge", "Suspended").await;
    let axe = super::a11y::axe_source();
    let failures = super::a11y::violations(&browser, &axe).await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
    let stored = tilts::db::repos::users::find(&app.state.db, mentor.id).await.unwrap().unwrap();
    assert_eq!(stored.account.standing, tilts::domain::Standing::Suspended);
    let mail = app.smtp.wait_for_message_to("marta@example.lv").await;
    assert!(mail.text.contains("Complaints from two founders"), "{}", mail.text);

    browser.click(".people .reinstate").await;
    browser.wait_for_text("#people-done", "active again").await;
    let stored = tilts::db::repos::users::find(&app.state.db, mentor.id).await.unwrap().unwrap();
    assert_eq!(stored.account.standing, tilts::domain::Standing::Approved);
    browser.close().await;
}
