//! An officer makes an invitation code on the staff pages; the person redeems it on their phone
//! and lands signed in on their profile.

use tilts::domain::Role;

use super::{Browser, spawn_pwa_app};
use crate::app::PASSWORD;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_makes_a_code_and_the_person_redeems_it_on_a_phone_and_is_signed_in() {
    let app = spawn_pwa_app().await;
    let staff = super::staff::vpd_account(&app, Role::Staff).await;
    let axe = super::a11y::axe_source();

    let desk = Browser::open(&app).await;
    desk.visit("/staff/invite").await;
    desk.choose_language("en").await;
    super::staff::sign_in_from_staff_page(&app, &desk, &staff, "/staff/invite").await;
    desk.fill("displayName", "Oļegs").await;
    desk.wait_for("#invite-locale").await.select_by_value("ru").await.unwrap();
    desk.click("form button[type=submit]").await;
    desk.wait_for_text("#invitation-made", "Oļegs").await;
    assert_eq!(desk.focused_id("invitation-made").await, "invitation-made");
    let code = desk.text("#invitation-code").await;
    assert_eq!(code.len(), 11, "{code}");
    let mut failures = super::a11y::violations(&desk, &axe).await;
    desk.screenshot("staff-invitation").await;
    desk.close().await;

    // On the phone, from the sign-in page.
    let phone = Browser::open(&app).await;
    phone.visit("/sign-in").await;
    phone.choose_language("lv").await;
    phone.click("#redeem-link").await;
    phone.wait_for_path("/redeem").await;
    phone.click("form button[type=submit]").await;
    assert_eq!(phone.focused_id("code-errors").await, "code-errors");
    phone.fill("code", "ABCDE-FGHJK").await;
    phone.fill("email", "olegs@example.lv").await;
    phone.fill("password", PASSWORD).await;
    phone.click("form button[type=submit]").await;
    phone.wait_for_text("#code-error", "koda").await;
    failures.extend(super::a11y::violations(&phone, &axe).await);
    phone.fill("code", &code.to_lowercase()).await;
    phone.fill("password", PASSWORD).await;
    phone.click("form button[type=submit]").await;
    phone.wait_for_path("/profile").await;
    phone.wait_for("#headline").await;
    phone.screenshot("invitation-redeemed").await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
    phone.close().await;
    let mail = app.smtp.wait_for_message_to("olegs@example.lv").await;
    assert!(
        mail.subject.chars().any(|c| ('а'..='я').contains(&c)),
        "in the language the officer chose: {}",
        mail.subject
    );
}
