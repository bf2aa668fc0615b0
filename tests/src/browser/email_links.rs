//! E-mail links that did not work, as a newcomer meets them on a phone: a new verification
//! link on request, and a reset link that says what is wrong before asking for a password.

use fantoccini::Locator;
use serde_json::json;
use tilts::domain::{Locale, Role};

use super::{Browser, a11y, local_path, spawn_pwa_app};
use crate::app::PASSWORD;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_verification_link_offers_a_new_one_and_the_new_one_works() {
    let app = spawn_pwa_app().await;
    app.register("zane@example.lv", "FOUNDER", "LV").await;
    let old = app.smtp.wait_for_message_to("zane@example.lv").await;
    app.clock.advance(chrono::Duration::hours(25));

    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("lv").await;
    browser.visit(&local_path(&old.link())).await;
    browser.click("#confirm-email").await;
    browser.wait_for_text("p.error", "derīguma termiņš ir beidzies").await;
    browser.wait_for_text("#resend button[type=submit]", "Sūtīt man jaunu saiti").await;
    let axe = a11y::axe_source();
    let mut failures = a11y::violations(&browser, &axe).await;
    browser.screenshot("verify-expired-lv").await;
    browser.fill("email", "zane@example.lv").await;
    browser.click("#resend button[type=submit]").await;
    browser.wait_for_text("#resend-done", "zane@example.lv").await;
    failures.extend(a11y::violations(&browser, &axe).await);

    let mails = app.smtp.wait_for(2).await;
    let new = &mails[1];
    assert_eq!(new.subject, old.subject, "in the account's language");
    assert_ne!(new.token(), old.token());
    // Tapping the link in a mail app opens a fresh page.
    browser.visit("/").await;
    browser.visit(&local_path(&new.link())).await;
    browser.click("#confirm-email").await;
    browser.wait_for_text(".success", "apstiprināta").await;
    browser.sign_in("zane@example.lv", PASSWORD).await;
    browser.close().await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_before_confirming_offers_a_new_link_for_the_address_typed() {
    let app = spawn_pwa_app().await;
    app.register("peteris@example.lv", "MENTOR", "EN").await;
    app.smtp.wait_for_message_to("peteris@example.lv").await;

    let browser = Browser::open(&app).await;
    browser.visit("/sign-in").await;
    browser.choose_language("en").await;
    browser.fill("email", "peteris@example.lv").await;
    browser.fill("password", PASSWORD).await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("p.error", "First confirm your e-mail address").await;
    // The address is already typed: only the button.
    browser.wait_for_text("#resend button[type=submit]", "Send me a new link").await;
    assert!(browser.client.find_all(Locator::Css("#resend input")).await.unwrap().is_empty());
    browser.click("#resend button[type=submit]").await;
    browser.wait_for_text("#resend-done", "peteris@example.lv").await;

    let mails = app.smtp.wait_for(2).await;
    browser.visit("/").await;
    browser.visit(&local_path(&mails[1].link())).await;
    browser.click("#confirm-email").await;
    browser.wait_for_text(".success", "confirmed").await;
    browser.sign_in("peteris@example.lv", PASSWORD).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_used_reset_link_says_so_before_any_password_form() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "maris@example.lv",
        "Māris",
        PASSWORD,
        Role::Founder,
        Locale::Lv,
    )
    .await
    .unwrap();
    app.graphql("mutation { requestPasswordReset(email: \"maris@example.lv\") }", json!({})).await;
    let mail = app.smtp.wait_for_message_to("maris@example.lv").await;
    let used = app
        .graphql(
            "mutation($t: String!) { resetPassword(token: $t, newPassword: \"jauna parole 2026\") }",
            json!({ "t": mail.token() }),
        )
        .await;
    assert!(used["errors"].is_null(), "{used}");

    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("lv").await;
    browser.visit(&local_path(&mail.link())).await;
    browser.wait_for_text("#link-problem", "jau ir izmantota").await;
    let form = browser.client.find(Locator::Css("#newPassword")).await.unwrap();
    assert!(!form.is_displayed().await.unwrap(), "no password form for a used link");
    let axe = a11y::axe_source();
    let failures = a11y::violations(&browser, &axe).await;
    browser.screenshot("reset-used-link-lv").await;
    browser.click("#link-problem a[href='/forgot-password']").await;
    browser.wait_for_path("/forgot-password").await;
    browser.wait_for("#email").await;
    // The phone's back button returns to the page before.
    browser.client.back().await.unwrap();
    browser.wait_for_path("/reset-password").await;
    browser.wait_for_text("#link-problem", "").await;
    browser.close().await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
}
