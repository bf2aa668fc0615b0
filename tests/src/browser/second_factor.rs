//! Two-step sign-in and the list of devices, as a VPD staff member meets them on a 360 px screen.

use fantoccini::Locator;
use tilts::domain::{Locale, Role};

use super::{Browser, spawn_pwa_app};
use crate::app::{PASSWORD, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_member_sets_up_two_step_sign_in_then_signs_in_with_a_code_and_ends_another_device() {
    let app = spawn_pwa_app().await;
    let email = "inese.ozola@vpd.example.lv";
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        email,
        "Inese Ozola",
        PASSWORD,
        Role::Staff,
        Locale::En,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.visit("/sign-in").await;
    browser.choose_language("en").await;
    browser.fill("email", email).await;
    browser.fill("password", PASSWORD).await;
    browser.click("form button[type=submit]").await;

    // The first sign-in of a VPD account continues with setting up the authenticator app.
    let key = browser.wait_for("#totp-key").await;
    let axe = super::a11y::axe_source();
    let mut failures = super::a11y::violations(&browser, &axe).await;
    browser.screenshot("second-factor-setup").await;
    let secret = key.attr("data-secret").await.unwrap().expect("the key");
    assert!(browser.text("#setup-title").await.contains("two-step"), "{}", browser.text("body").await);
    let qr = browser.client.find(Locator::Css("img.qr")).await.unwrap();
    assert!(qr.attr("src").await.unwrap().unwrap_or_default().starts_with("data:image/svg+xml;base64,"));
    assert!(!qr.attr("alt").await.unwrap().unwrap_or_default().is_empty());
    let link = browser.client.find(Locator::Css("a[href^='otpauth://totp/']")).await.unwrap();
    assert!(link.attr("href").await.unwrap().unwrap_or_default().contains(&secret));
    browser.fill("code", "000000").await;
    browser.click("form:not([hidden]) button[type=submit]").await;
    browser.wait_for_text(".field-invalid .error", "code").await;
    browser.fill("code", &app.totp_code(&secret, 0)).await;
    browser.click("form:not([hidden]) button[type=submit]").await;
    browser.wait_for("#recovery-codes li").await;
    let codes = browser.client.find_all(Locator::Css("#recovery-codes li")).await.unwrap();
    assert_eq!(codes.len(), 10);
    failures.extend(super::a11y::violations(&browser, &axe).await);
    browser.screenshot("second-factor-recovery-codes").await;
    browser.click("#recovery-saved").await;
    browser.wait_for_path("/account").await;
    browser.wait_for_text("#second-factor-state", "On:").await;
    browser.wait_for_text("#devices li.current", "This device").await;

    // Another browser signs in (through the API, with the next code); the list shows it and
    // this page signs it out.
    let laptop = TestApp::new_client();
    let answer = app.sign_in(&laptop, email, PASSWORD).await;
    assert_eq!(answer["data"]["signIn"]["next"], "SECOND_FACTOR", "{answer}");
    let code = app.totp_code(&secret, 1);
    let verified = app
        .graphql_as(
            &laptop,
            "mutation($c: String!) { verifySecondFactor(code: $c) { email } }",
            serde_json::json!({ "c": code }),
        )
        .await;
    assert_eq!(verified["data"]["verifySecondFactor"]["email"], email, "{verified}");
    browser.client.refresh().await.unwrap();
    browser.wait_for("#devices .end-session").await;
    browser.screenshot("account-devices").await;
    browser.click("#devices .end-session").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !browser.client.find_all(Locator::Css("#devices .end-session")).await.unwrap().is_empty() {
        assert!(std::time::Instant::now() < deadline, "the other device is still listed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(app.viewer(&laptop).await.is_null(), "the other browser is signed out");

    // Signing in again asks for a code.
    browser.click("#sign-out").await;
    browser.wait_for_path("/sign-in").await;
    browser.fill("email", email).await;
    browser.fill("password", PASSWORD).await;
    browser.click("form button[type=submit]").await;
    browser.wait_for("#second-factor-title").await;
    failures.extend(super::a11y::violations(&browser, &axe).await);
    browser.screenshot("second-factor-code").await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
    // The very code the laptop used: refused, whatever the time now.
    browser.fill("code", &code).await;
    browser.click("form:not([hidden]) button[type=submit]").await;
    browser.wait_for_text(".field-invalid .error", "already used").await;
    app.clock.advance(chrono::Duration::seconds(30));
    browser.fill("code", &app.totp_code(&secret, 1)).await;
    browser.click("form:not([hidden]) button[type=submit]").await;
    browser.wait_for_path("/account").await;
    browser.wait_for_text(".who", email).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_turns_on_two_step_sign_in_from_the_account_page_after_confirming_the_password() {
    let app = spawn_pwa_app().await;
    let email = "janis.founder@example.lv";
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        email,
        "Jānis",
        PASSWORD,
        Role::Founder,
        Locale::En,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("en").await;
    browser.sign_in(email, PASSWORD).await;
    browser.wait_for_text("#second-factor-state", "Off.").await;
    browser.click("#turn-on-second-factor").await;
    browser.fill("password", "not my password").await;
    browser.click("#second-factor form button[type=submit]").await;
    browser.wait_for_text("#second-factor .field-invalid .error", "current password").await;
    browser.fill("password", PASSWORD).await;
    browser.click("#second-factor form button[type=submit]").await;
    let key = browser.wait_for("#totp-key").await;
    let secret = key.attr("data-secret").await.unwrap().expect("the key");
    browser.fill("code", &app.totp_code(&secret, 0)).await;
    browser.click("#second-factor form button[type=submit]").await;
    browser.wait_for("#recovery-codes li").await;
    browser.click("#recovery-saved").await;
    browser.wait_for_text("#second-factor-state", "On:").await;
    assert!(browser.client.find_all(Locator::Css("#turn-on-second-factor")).await.unwrap().is_empty());
    let mail = app.smtp.wait_for_message_to(email).await;
    assert_eq!(mail.subject, "Two-step sign-in turned on for Tilts", "in the account's language");
    browser.close().await;
}
