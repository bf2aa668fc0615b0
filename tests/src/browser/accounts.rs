//! Accounts in the browser: the journeys a person takes on a phone.

use fantoccini::Locator;
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
    browser.wait_for_text("h1", "Создать аккаунт").await;
    browser.fill("displayName", "Ольга").await;
    browser.fill("email", "olga@example.lv").await;
    browser.fill("password", PASSWORD).await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text(".success", "olga@example.lv").await;
    // The message that replaces the form takes the focus, so a screen reader reads it.
    assert_eq!(browser.focused_id("registered").await, "registered");

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
        &app.state.db,
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
        &app.state.db,
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
    browser.wait_for_text("#password-error", "vismaz 10 rakstzīmju").await;
    assert_eq!(browser.value("email").await, "ilze-at-example");
    assert_eq!(browser.value("displayName").await, "Ilze");
    let invalid = browser.wait_for("#email").await.attr("aria-invalid").await.unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    // Both errors are announced together: a summary that takes the focus, linking each field.
    assert_eq!(browser.focused_id("displayName-errors").await, "displayName-errors");
    let summary = browser.wait_for("#displayName-errors").await;
    assert_eq!(summary.attr("role").await.unwrap().as_deref(), Some("alert"));
    let links = browser.client.find_all(Locator::Css("#displayName-errors li a")).await.unwrap();
    let mut targets = Vec::new();
    for link in &links {
        targets.push(link.attr("href").await.unwrap().unwrap_or_default());
    }
    assert_eq!(targets, ["#email", "#password"]);
    let summary_text = summary.text().await.unwrap();
    assert!(summary_text.contains("E-pasts: Ievadiet derīgu e-pasta adresi"), "{summary_text}");
    assert!(summary_text.contains("vismaz 10 rakstzīmju"), "{summary_text}");
    browser.click("#displayName-errors a[href='#password']").await;
    assert_eq!(browser.focused_id("password").await, "password");
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_chosen_on_the_phone_wins_at_sign_in_and_the_account_page_says_who_once() {
    let app = spawn_pwa_app().await;
    let email = "ausma@example.lv";
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        email,
        "Ausma Liepa",
        PASSWORD,
        Role::Mentor,
        Locale::Lv,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("ru").await;
    browser.sign_in(email, PASSWORD).await;
    browser.wait_for_text("h1", "Ваш аккаунт").await;
    assert_eq!(browser.html_lang().await, "ru", "Russian, chosen on the phone, stays");
    let address = tilts::domain::EmailAddress::parse(email).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let saved = tilts::db::repos::users::find_by_email(&app.state.db, &address).await.unwrap().unwrap();
        if saved.account.locale == Locale::Ru {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the choice is saved to the account");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Name, role and address once, in a card of their own.
    browser.wait_for_text(".who .who-name", "Ausma Liepa").await;
    browser.wait_for_text(".who", "Наставник").await;
    browser.wait_for_text(".who", email).await;
    let body = browser.text("main").await;
    assert_eq!(body.matches(email).count(), 1, "{body}");
    assert!(!body.contains("Профиль"), "{body}");
    // The language can be changed on the account page too.
    browser.wait_for("#account-language").await.select_by_value("en").await.unwrap();
    browser.wait_for_text("h1", "Your account").await;
    // Signed-in people are led to their next step, not to "create an account".
    browser.visit("/").await;
    browser.wait_for_text(".next-step", "Ausma Liepa").await;
    assert!(browser.client.find_all(fantoccini::Locator::Css("a[href='/register'].button")).await.unwrap().is_empty());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_limited_sign_in_says_how_long_to_wait_in_the_pages_language() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "olga@example.lv",
        "Olga",
        PASSWORD,
        Role::Founder,
        Locale::Lv,
    )
    .await
    .unwrap();
    // The browser first (it may wait for a free one longer than the limit lasts), then wrong
    // passwords from the same network as the browser (the API is quicker than typing).
    let browser = Browser::open(&app).await;
    browser.visit("/sign-in").await;
    browser.choose_language("lv").await;
    browser.fill("email", "olga@example.lv").await;
    browser.fill("password", PASSWORD).await;
    let guess = || async { app.sign_in(&crate::TestApp::new_client(), "olga@example.lv", "wrong password").await };
    for _ in 0..5 {
        assert_eq!(crate::app::error_code(&guess().await), "UNAUTHENTICATED");
    }
    browser.click("form button[type=submit]").await;
    // About 30 seconds.
    browser.wait_for_text("form p.error[role=alert]", "Pārāk daudz mēģinājumu. Mēģiniet vēlreiz pēc ").await;
    assert!(browser.text("form p.error[role=alert]").await.contains(" sekund"), "{}", browser.text("body").await);
    browser.wait_for("a.button[href='/forgot-password']").await;

    // Two more wrong passwords, each after its wait: the next wait is two minutes, in Russian.
    browser.choose_language("ru").await;
    app.clock.advance(chrono::Duration::seconds(31));
    assert_eq!(crate::app::error_code(&guess().await), "UNAUTHENTICATED");
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(crate::app::error_code(&guess().await), "UNAUTHENTICATED");
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("form p.error[role=alert]", "Слишком много попыток. Попробуйте снова через 2 минуты.").await;
    browser.wait_for_text("a.button[href='/forgot-password']", "Забыли пароль?").await;
    let axe = super::a11y::axe_source();
    let failures = super::a11y::violations(&browser, &axe).await;
    browser.screenshot("sign-in-limited-ru").await;
    browser.close().await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_says_so_on_the_sign_in_page() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "juris@example.lv",
        "Juris",
        PASSWORD,
        Role::Mentor,
        Locale::Lv,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.sign_in("juris@example.lv", PASSWORD).await;
    browser.click("#sign-out").await;
    browser.wait_for_path("/sign-in").await;
    browser.wait_for_text("#signed-out", "Konts šajā ierīcē ir atslēgts.").await;
    let notice = browser.client.find(fantoccini::Locator::Css(".notice")).await.unwrap();
    assert!(!notice.is_displayed().await.unwrap(), "not the \"please sign in to see this page\" notice");
    let url = browser.client.current_url().await.unwrap();
    assert!(url.query().is_none(), "{url}");
    let axe = super::a11y::axe_source();
    let failures = super::a11y::violations(&browser, &axe).await;
    browser.screenshot("signed-out-lv").await;
    browser.close().await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_waiting_for_approval_is_told_so_on_the_account_page_until_approved() {
    let app = spawn_pwa_app().await;
    let mentor = app.create_account(Role::Mentor).await;
    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("en").await;
    browser.sign_in(&mentor, PASSWORD).await;
    browser.wait_for_text("#standing-notice", "VPD staff check new mentors").await;

    let (staff, _) = app.create_staff().await;
    let id =
        tilts::db::repos::users::find_by_email(&app.state.db, &tilts::domain::EmailAddress::parse(&mentor).unwrap())
            .await
            .unwrap()
            .unwrap()
            .account
            .id;
    let decided = app
        .graphql_as(
            &staff,
            "mutation($s: ID!) { decideModeration(subjectId: $s, decision: APPROVE) { standing } }",
            serde_json::json!({ "s": id.0.to_string() }),
        )
        .await;
    assert_eq!(decided["data"]["decideModeration"]["standing"], "APPROVED", "{decided}");
    browser.client.refresh().await.unwrap();
    browser.wait_for_text(".who", &mentor).await;
    assert!(browser.client.find_all(Locator::Css("#standing-notice")).await.unwrap().is_empty());
    browser.close().await;
}
