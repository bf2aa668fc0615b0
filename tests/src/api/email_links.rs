//! E-mail links that did not work: asking for a new verification link, and a reset link's status.

use serde_json::json;
use tilts::{
    domain::{Locale, Role},
    services::accounts::{self, NewStaffAccount},
};

use crate::app::{PASSWORD, error_code};

const RESEND: &str = "mutation($e: String!) { resendVerification(email: $e) }";
const VERIFY: &str = "mutation($t: String!) { verifyEmail(token: $t) }";
const STATUS: &str = "query($t: String!) { passwordResetLink(token: $t) }";
const REQUEST_RESET: &str = "mutation($e: String!) { requestPasswordReset(email: $e) }";

db_test! {
    async fn a_new_verification_link_goes_only_to_an_unconfirmed_account_and_the_answer_never_tells(app: TestApp) {
        app.register("olga@example.lv", "FOUNDER", "RU").await;
        let first = app.smtp.wait_for_message_to("olga@example.lv").await;
        let confirmed = app.create_account(Role::Mentor).await;
        app.clock.advance(chrono::Duration::hours(25));

        let unknown = app.graphql(RESEND, json!({ "e": "nobody@example.lv" })).await;
        let verified = app.graphql(RESEND, json!({ "e": confirmed })).await;
        let waiting = app.graphql(RESEND, json!({ "e": "Olga@Example.lv" })).await;
        assert_eq!(waiting["data"]["resendVerification"], true, "{waiting}");
        assert_eq!(unknown, waiting);
        assert_eq!(verified, waiting);

        let mails = app.smtp.wait_for(2).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(app.smtp.messages().len(), 2, "only the unconfirmed account gets a new link: {mails:?}");
        let new = &app.smtp.messages_to("olga@example.lv")[1];
        // In the account's language, not the caller's (Latvian here).
        assert_eq!(new.subject, "Подтвердите адрес электронной почты для Tilts");
        assert_ne!(new.token(), first.token());

        let old = app.graphql(VERIFY, json!({ "t": first.token() })).await;
        assert_eq!(old["errors"][0]["extensions"]["reason"], "TOKEN_EXPIRED", "{old}");
        let verified_now = app.graphql(VERIFY, json!({ "t": new.token() })).await;
        assert_eq!(verified_now["data"]["verifyEmail"], true, "{verified_now}");
        assert!(app.sign_in(&app.client, "olga@example.lv", PASSWORD).await["errors"].is_null());

        // Confirmed now: asking again sends nothing, and the answer is the same.
        assert_eq!(app.graphql(RESEND, json!({ "e": "olga@example.lv" })).await, waiting);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert_eq!(app.smtp.messages().len(), 2);
    }

    async fn new_verification_links_are_limited_per_address_and_client_and_per_network(app: TestApp) {
        app.clock.start_of_next_window(60 * 60);
        for _ in 0..3 {
            assert_eq!(app.graphql(RESEND, json!({ "e": "someone@example.lv" })).await["data"]["resendVerification"], true);
        }
        let limited = app.graphql(RESEND, json!({ "e": "someone@example.lv" })).await;
        assert_eq!(error_code(&limited), "RATE_LIMITED", "{limited}");
        assert!(limited["errors"][0]["extensions"]["retryAfter"].as_i64().is_some_and(|s| s > 0), "{limited}");

        // Other addresses from the same network, up to the network's ceiling.
        for n in 0..17 {
            let answer = app.graphql(RESEND, json!({ "e": format!("other{n}@example.lv") })).await;
            assert_eq!(answer["data"]["resendVerification"], true, "{n}: {answer}");
        }
        assert_eq!(error_code(&app.graphql(RESEND, json!({ "e": "one-more@example.lv" })).await), "RATE_LIMITED");
    }

    async fn a_reset_link_says_whether_it_is_valid_used_expired_or_unknown(app: TestApp) {
        let email = app.create_account(Role::Founder).await;
        let status = |token: String| {
            let app = &app;
            async move {
                let answer = app.graphql(STATUS, json!({ "t": token })).await;
                answer["data"]["passwordResetLink"].as_str().unwrap_or_else(|| panic!("{answer}")).to_owned()
            }
        };
        app.graphql(REQUEST_RESET, json!({ "e": email })).await;
        let token = app.smtp.wait_for_message_to(&email).await.token();
        assert_eq!(status(token.clone()).await, "VALID");
        // Asking does not use the link up.
        assert_eq!(status(token.clone()).await, "VALID");
        let reset = app.graphql("mutation($t: String!) { resetPassword(token: $t, newPassword: \"jauna parole 2026\") }", json!({ "t": token })).await;
        assert!(reset["errors"].is_null(), "{reset}");
        assert_eq!(status(token).await, "USED");

        app.graphql(REQUEST_RESET, json!({ "e": email })).await;
        let late = app.smtp.wait_for(3).await.into_iter().filter(|m| m.subject == "Set a new password for Tilts").nth(1).expect("a second reset link").token();
        app.clock.advance(chrono::Duration::minutes(31));
        assert_eq!(status(late).await, "EXPIRED");

        assert_eq!(status("00".repeat(32)).await, "INVALID");
        assert_eq!(status(String::new()).await, "INVALID");
        // A verification link is not a reset link.
        app.register("new@example.lv", "FOUNDER", "EN").await;
        let verification = app.smtp.wait_for_message_to("new@example.lv").await.token();
        assert_eq!(status(verification).await, "INVALID");
    }

    async fn a_staff_invitation_link_has_a_status_too(app: TestApp) {
        let admin = accounts::create_verified(&app.state.db, &app.state, "admin@vpd.example.lv", "Admin", PASSWORD, Role::Admin, Locale::Lv)
            .await
            .unwrap()
            .unwrap();
        let new = NewStaffAccount { email: "inese@vpd.example.lv", display_name: "Inese", role: Role::Staff, locale: Locale::Lv };
        accounts::create_staff_account(&app.state.db, &app.state, &admin, new).await.unwrap();
        let token = app.smtp.wait_for_message_to("inese@vpd.example.lv").await.token();
        assert_eq!(app.graphql(STATUS, json!({ "t": token })).await["data"]["passwordResetLink"], "VALID");
        app.clock.advance(chrono::Duration::hours(73));
        assert_eq!(app.graphql(STATUS, json!({ "t": token })).await["data"]["passwordResetLink"], "EXPIRED");
    }
}
