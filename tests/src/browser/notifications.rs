//! The bell: a moderation decision shows as an unread notification; opening the list reads it.

use serde_json::json;
use tilts::domain::{Locale, Role};

use super::{Browser, spawn_pwa_app};
use crate::app::{PASSWORD, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_sees_the_approval_under_the_bell_and_reading_it_clears_the_number() {
    let app = spawn_pwa_app().await;
    let (staff, _) = app.create_staff().await;
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
    let mentor = TestApp::new_client();
    app.sign_in_fully(&mentor, "ilze@example.lv", PASSWORD).await;
    let id = app.viewer(&mentor).await["id"].as_str().unwrap().to_owned();
    let decided = app
        .graphql_as(
            &staff,
            "mutation($s: ID!) { decideModeration(subjectId: $s, decision: APPROVE) { id } }",
            json!({ "s": id }),
        )
        .await;
    assert!(decided["errors"].is_null(), "{decided}");

    let phone = Browser::open(&app).await;
    phone.sign_in("ilze@example.lv", PASSWORD).await;
    phone.wait_for_text("#bell .bell-count", "1").await;
    let label = phone.wait_for("#bell").await.attr("aria-label").await.unwrap().unwrap_or_default();
    assert_eq!(label, "Paziņojumi, 1 nelasīts", "the bell says what the number means");
    let axe = super::a11y::axe_source();
    let mut failures = super::a11y::violations(&phone, &axe).await;
    phone.click("#bell").await;
    phone.wait_for_path("/notifications").await;
    phone.wait_for_text("#notifications", "Konts apstiprināts").await;
    phone.wait_for("#bell .bell-count[hidden]").await;
    failures.extend(super::a11y::violations(&phone, &axe).await);
    phone.screenshot("notifications").await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
    let unread = app.graphql_as(&mentor, "{ unreadNotificationCount }", json!({})).await;
    assert_eq!(unread["data"]["unreadNotificationCount"], 0, "{unread}");
    phone.close().await;
}
