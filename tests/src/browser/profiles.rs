//! A founder and a mentor fill in their profiles on a phone: refused input is explained at its
//! field, good input is saved and is there on the next visit.

use fantoccini::Locator;
use tilts::domain::{Locale, Role};

use super::{Browser, spawn_pwa_app};
use crate::app::{PASSWORD, TestApp};

/// Sets the value of input `id` as a paste would (faster than typing 10,000 characters).
async fn paste(browser: &Browser, id: &str, value: &str) {
    let script = format!(
        "const e = document.getElementById('{id}'); e.value = {value:?}; e.dispatchEvent(new Event('input', {{ bubbles: true }}));"
    );
    browser.client.execute(&script, vec![]).await.expect("paste");
}

/// The texts of the error summary's entries.
async fn summary(browser: &Browser, id: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for item in browser.client.find_all(Locator::Css(&format!("#{id} li"))).await.unwrap() {
        texts.push(item.text().await.unwrap_or_default());
    }
    texts
}

async fn account(app: &TestApp, role: Role, email: &str) {
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        email,
        "Jānis Bērziņš",
        PASSWORD,
        role,
        Locale::Lv,
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_fills_in_a_profile_on_a_phone_and_finds_it_saved() {
    let app = spawn_pwa_app().await;
    account(&app, Role::Founder, "janis@example.lv").await;
    let browser = Browser::open(&app).await;
    browser.sign_in("janis@example.lv", PASSWORD).await;
    browser.click("nav.nav a[href='/profile']").await;
    browser.wait_for_path("/profile").await;
    browser.wait_for("#headline").await;
    browser.wait_for("#languages-lv").await;
    let axe = super::a11y::axe_source();
    let mut failures = super::a11y::violations(&browser, &axe).await;

    // Nothing filled in: every missing field in a summary that takes the focus.
    browser.click("form button[type=submit]").await;
    assert_eq!(browser.focused_id("headline-errors").await, "headline-errors");
    let errors = summary(&browser, "headline-errors").await;
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].starts_with("Virsraksts"), "{errors:?}");
    failures.extend(super::a11y::violations(&browser, &axe).await);

    // A 10 kB headline (pasted past the field's limit) is refused by the server, at its field,
    // in Latvian.
    paste(&browser, "headline", &"x".repeat(10_000)).await;
    browser.wait_for("#region").await.select_by_value("latgale").await.unwrap();
    browser.click("#languages-lv").await;
    browser.click("#needs-business_plan").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#headline-error", "120").await;

    browser.fill("headline", "Galdnieks ar savu darbnīcu").await;
    browser.fill("businessIdea", "Mēbeļu restaurācija Daugavpilī.").await;
    browser.click("#listed").await;
    browser.click("#sharePhone").await;
    browser.fill("phone", "+371 2000 0000").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#profile-saved", "Profils saglabāts").await;
    assert_eq!(browser.focused_id("profile-saved").await, "profile-saved");
    browser.screenshot("profile-founder-lv").await;

    // There on the next visit, in another language too.
    browser.visit("/profile").await;
    browser.wait_for("#headline").await;
    browser.wait_for("#languages-lv").await;
    assert_eq!(browser.value("headline").await, "Galdnieks ar savu darbnīcu");
    assert_eq!(browser.value("region").await, "latgale");
    assert_eq!(browser.value("phone").await, "+371 2000 0000");
    let checked = |id: &'static str| {
        let browser = &browser;
        async move { browser.wait_for(&format!("#{id}")).await.prop("checked").await.unwrap() == Some("true".into()) }
    };
    assert!(checked("listed").await && checked("needs-business_plan").await && checked("languages-lv").await);
    assert!(!checked("seekingMentor").await);
    for lang in ["en", "ru"] {
        browser.choose_language(lang).await;
        browser.wait_for_text("label[for=region]", if lang == "en" { "Region" } else { "Регион" }).await;
        browser.wait_for_text("#needs", if lang == "en" { "Business plan" } else { "Бизнес-план" }).await;
        browser.screenshot(&format!("profile-founder-{lang}")).await;
        failures.extend(super::a11y::violations(&browser, &axe).await.into_iter().map(|v| format!("[{lang}] {v}")));
    }
    browser.close().await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_waiting_for_approval_fills_in_a_profile_with_a_capacity_of_one_to_ten() {
    let app = spawn_pwa_app().await;
    account(&app, Role::Mentor, "mentore@example.lv").await;
    let browser = Browser::open(&app).await;
    browser.sign_in("mentore@example.lv", PASSWORD).await;
    browser.visit("/profile").await;
    browser.choose_language("en").await;
    browser.wait_for_text("#profile-pending", "Once VPD approves your account").await;
    browser.wait_for("#expertise-taxes_accounting").await;
    assert_eq!(browser.value("capacity").await, "2");

    browser.fill("headline", "Accountant with 20 years of practice").await;
    browser.wait_for("#region").await.select_by_value("riga").await.unwrap();
    browser.click("#languages-ru").await;
    browser.click("#expertise-taxes_accounting").await;
    for wrong in ["0", "11"] {
        browser.fill("capacity", wrong).await;
        browser.click("form button[type=submit]").await;
        browser.wait_for_text("#capacity-error", "from 1 to 10").await;
        assert_eq!(browser.focused_id("headline-errors").await, "headline-errors");
    }
    browser.fill("capacity", "3").await;
    browser.click("#peerMentor").await;
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("#profile-saved", "Your profile is saved").await;
    browser.screenshot("profile-mentor-en").await;

    let saved = tilts::db::repos::profiles::mentor(&app.state.db, mentor_id(&app, "mentore@example.lv").await)
        .await
        .unwrap()
        .expect("saved");
    assert_eq!((saved.capacity, saved.peer_mentor, saved.languages), (3, true, vec!["ru".to_owned()]));
    browser.close().await;
}

async fn mentor_id(app: &TestApp, email: &str) -> tilts::domain::UserId {
    let address = tilts::domain::EmailAddress::parse(email).unwrap();
    tilts::db::repos::users::find_by_email(&app.state.db, &address).await.unwrap().unwrap().account.id
}
