//! Accounts in the browser: the journeys a person takes on a phone.

use tilts::domain::{Locale, Role};

use super::{Browser, local_path, spawn_pwa_app};
use crate::app::PASSWORD;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_registers_in_russian_verifies_signs_in_switches_to_latvian_and_signs_out() {
    let app = spawn_pwa_app().await;
    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("ru").await;
    browser.wait_for_text("h1", "Начните заново").await;

    browser.click("a[href='/register']").await;
    browser.wait_for_text("h1", "Создать учётную запись").await;
    browser.fill("displayName", "Ольга").await;
    browser.fill("email", "olga@example.lv").await;
    browser.fill("password", PASSWORD).await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text(".success", "olga@example.lv").await;

    let mail = app.smtp.wait_for_message_to("olga@example.lv").await;
    assert_eq!(mail.subject, "Подтвердите адрес электронной почты для Tilts");
    browser.visit(&local_path(&mail.link())).await;
    // Opening the link confirms nothing by itself (mail scanners open links too).
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let user = tilts::db::repos::users::find_by_email(
        &app.state.db,
        &tilts::domain::EmailAddress::parse("olga@example.lv").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(!user.account.email_verified, "opening the link alone does not confirm");
    let url = browser.client.current_url().await.unwrap();
    assert!(!url.as_str().contains("token"), "the link's token leaves the address bar: {url}");
    browser.click("#confirm-email").await;
    browser.wait_for_text(".success", "подтверждён").await;

    browser.sign_in("olga@example.lv", PASSWORD).await;
    browser.wait_for_text(".who", "olga@example.lv").await;
    assert_eq!(browser.html_lang().await, "ru");

    browser.choose_language("lv").await;
    browser.wait_for_text("h1", "Jūsu konts").await;
    browser.client.refresh().await.unwrap();
    browser.wait_for(super::APP).await;
    browser.wait_for_text("h1", "Jūsu konts").await;
    assert_eq!(browser.html_lang().await, "lv");
    // The choice reached the account too.
    let viewer = tilts::db::repos::users::find_by_email(
        &app.state.db,
        &tilts::domain::EmailAddress::parse("olga@example.lv").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(viewer.account.locale, Locale::Lv);

    browser.click("#sign-out").await;
    browser.wait_for_path("/sign-in").await;
    browser.visit("/account").await;
    browser.wait_for_path("/sign-in").await;
    browser.wait_for_text(".notice", "pieslēdzieties").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_reset_is_completed_in_the_browser() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state,
        "janis@example.lv",
        "Jānis",
        PASSWORD,
        Role::Founder,
        Locale::Lv,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.visit("/sign-in").await;
    browser.click("a[href='/forgot-password']").await;
    browser.fill("email", "janis@example.lv").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for(".success").await;

    let mail = app.smtp.wait_for_message_to("janis@example.lv").await;
    assert_eq!(mail.subject, "Jaunas paroles iestatīšana Tiltā");
    browser.visit(&local_path(&mail.link())).await;
    let url = browser.client.current_url().await.unwrap();
    assert!(!url.as_str().contains("token"), "the link's token leaves the address bar: {url}");
    browser.fill("newPassword", "jauna parole 2026").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for(".success").await;

    browser.click(".success a[href='/sign-in']").await;
    // A crafted `next` never leads off the site after signing in.
    browser.visit("/sign-in?next=/%5Cevil.example").await;
    browser.fill("email", "janis@example.lv").await;
    browser.fill("password", "jauna parole 2026").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_path("/account").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_shows_translated_field_errors_and_keeps_what_was_typed() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state,
        "ilze@example.lv",
        "Ilze",
        PASSWORD,
        Role::Mentor,
        Locale::Lv,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.visit("/register").await;
    browser.choose_language("lv").await;
    browser.fill("displayName", "Ilze").await;
    browser.fill("email", "ilze-at-example").await;
    browser.fill("password", "short").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#email-error", "Ievadiet derīgu e-pasta adresi").await;
    browser.wait_for_text("#password-error", "vismaz 10 rakstzīmes").await;
    assert_eq!(browser.value("email").await, "ilze-at-example");
    assert_eq!(browser.value("displayName").await, "Ilze");
    let invalid = browser.wait_for("#email").await.attr("aria-invalid").await.unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    browser.screenshot("register-errors-lv").await;

    // A server-side refusal, in English this time.
    browser.choose_language("en").await;
    browser.fill("email", "ilze@example.lv").await;
    browser.fill("password", "Password123").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#password-error", "too common").await;

    browser.visit("/sign-in").await;
    browser.fill("email", "ilze@example.lv").await;
    browser.fill("password", "not my password").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#password-error", "Wrong e-mail or password").await;
    assert_eq!(browser.value("email").await, "ilze@example.lv");
    browser.close().await;
}
