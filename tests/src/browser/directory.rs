//! A founder finds a mentor on a phone: the directory with its filters, and the mentor's page.

use tilts::domain::{Locale, Role, Standing, profile::MentorProfile};

use super::{Browser, spawn_pwa_app};
use crate::app::{PASSWORD, TestApp};

/// A mentor with a profile, approved or still waiting.
async fn mentor(app: &TestApp, email: &str, name: &str, profile: MentorProfile, approved: bool) {
    let account = tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        email,
        name,
        PASSWORD,
        Role::Mentor,
        Locale::Lv,
    )
    .await
    .unwrap()
    .unwrap();
    let now = app.state.now();
    tilts::db::repos::profiles::save_mentor(&app.state.db, account.id, &profile, now).await.unwrap();
    if approved {
        tilts::db::repos::users::set_standing(&app.state.db, account.id, Standing::Pending, Standing::Approved, now)
            .await
            .unwrap();
    }
}

fn profile(headline: &str, region: &str, topics: &[&str], peer: bool) -> MentorProfile {
    MentorProfile {
        headline: headline.into(),
        bio: "Divdesmit gadus vedu grāmatvedību mazajiem uzņēmumiem.\nPalīdzēšu ar pirmo deklarāciju.".into(),
        region: region.into(),
        languages: vec!["lv".into(), "ru".into()],
        expertise: topics.iter().map(|t| (*t).to_owned()).collect(),
        peer_mentor: peer,
        ..MentorProfile::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_founder_finds_a_mentor_by_region_and_opens_the_mentors_page() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "dace@example.lv",
        "Dace",
        PASSWORD,
        Role::Founder,
        Locale::Lv,
    )
    .await
    .unwrap();
    mentor(
        &app,
        "ilze@example.lv",
        "Ilze Grāmatvede",
        profile("Nodokļi un grāmatvedība", "latgale", &["taxes_accounting"], true),
        true,
    )
    .await;
    mentor(
        &app,
        "peteris@example.lv",
        "Pēteris Pārdevējs",
        profile("Pārdošana tirgū", "riga", &["marketing_sales"], false),
        true,
    )
    .await;
    mentor(
        &app,
        "gaida@example.lv",
        "Gaida Vēl",
        profile("Vēl gaida apstiprinājumu", "latgale", &["hiring"], false),
        false,
    )
    .await;

    let browser = Browser::open(&app).await;
    browser.sign_in("dace@example.lv", PASSWORD).await;
    browser.click("nav.nav a[href='/mentors']").await;
    browser.wait_for_path("/mentors").await;
    browser.wait_for_text(".people", "Ilze Grāmatvede").await;
    browser.wait_for_text(".people", "Pēteris Pārdevējs").await;
    assert!(!browser.text(".people").await.contains("Gaida"), "a mentor waiting for approval is not listed");
    let axe = super::a11y::axe_source();
    let mut failures = super::a11y::violations(&browser, &axe).await;
    browser.screenshot("directory-lv").await;

    browser.wait_for("#region option[value=latgale]").await;
    browser.wait_for("#region").await.select_by_value("latgale").await.unwrap();
    browser.click("#search").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while browser.text(".people").await.contains("Pēteris") {
        assert!(
            std::time::Instant::now() < deadline,
            "the region filter did not apply: {}",
            browser.text(".people").await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(browser.text(".people").await.contains("Līdzgaitnieks"), "the peer mentor is marked");

    browser.click(".people a").await;
    browser.wait_for_path("/mentor").await;
    browser.wait_for_text("#mentor-name", "Ilze Grāmatvede").await;
    browser.wait_for_text("main", "Palīdzēšu ar pirmo deklarāciju").await;
    failures.extend(super::a11y::violations(&browser, &axe).await);
    browser.screenshot("mentor-lv").await;
    for lang in ["en", "ru"] {
        browser.choose_language(lang).await;
        browser.wait_for_text("main", if lang == "en" { "Taxes and accounting" } else { "Налоги и бухгалтерия" }).await;
        browser.screenshot(&format!("mentor-{lang}")).await;
        failures.extend(super::a11y::violations(&browser, &axe).await.into_iter().map(|v| format!("[{lang}] {v}")));
    }
    browser.visit("/mentors").await;
    browser.wait_for_text(".people", "Ilze").await;
    browser.wait_for_text(".people", "Латгале").await;
    browser.screenshot("directory-ru").await;
    // A change of language draws the list again, its region labels too.
    browser.choose_language("lv").await;
    browser.wait_for_text(".people", "Latgale").await;
    assert!(!browser.text(".people").await.contains("Латгале"), "{}", browser.text(".people").await);

    // A mentor the founder may not see answers like one who does not exist.
    browser.visit("/mentor?id=00000000-0000-0000-0000-000000000000").await;
    browser.wait_for("#mentor-missing").await;
    browser.close().await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_mentor_finds_founders_who_chose_to_be_listed() {
    use tilts::domain::profile::{FounderProfile, Stage};
    let app = spawn_pwa_app().await;
    mentor(&app, "ilze@example.lv", "Ilze Kalniņa", profile("Grāmatvede", "riga", &["taxes_accounting"], false), true)
        .await;
    for (email, name, headline, listed) in [
        ("janis@example.lv", "Jānis", "Mēbeļu restaurācija Daugavpilī", true),
        ("olga@example.lv", "Olga", "Kūkas pēc pasūtījuma", false),
    ] {
        let account = tilts::services::accounts::create_verified(
            &app.state.db,
            &app.state,
            email,
            name,
            PASSWORD,
            Role::Founder,
            Locale::Lv,
        )
        .await
        .unwrap()
        .unwrap();
        let founder = FounderProfile {
            headline: headline.into(),
            stage: Stage::Idea,
            region: "latgale".into(),
            languages: vec!["lv".into()],
            needs: vec!["business_plan".into()],
            seeking_mentor: true,
            listed,
            ..FounderProfile::default()
        };
        tilts::db::repos::profiles::save_founder(&app.state.db, account.id, &founder, app.state.now()).await.unwrap();
    }
    let phone = Browser::open(&app).await;
    phone.sign_in("ilze@example.lv", PASSWORD).await;
    phone.visit("/mentors").await;
    phone.click("#founders-link").await;
    phone.wait_for_path("/founders").await;
    phone.wait_for_text(".people", "Mēbeļu restaurācija Daugavpilī").await;
    let shown = phone.text(".people").await;
    assert!(!shown.contains("Olga"), "an unlisted founder is not shown: {shown}");
    phone.fill("words", "kūkas").await;
    phone.click("#search").await;
    phone.wait_for_text("#directory-status", "Neviens dibinātājs neatbilst").await;
    let axe = super::a11y::axe_source();
    let failures = super::a11y::violations(&phone, &axe).await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
    phone.screenshot("founders").await;
    phone.close().await;
}
