//! Password reset and change, and single-use, expiring links.

use serde_json::json;

use crate::app::{PASSWORD, error_code};

const RESET: &str = "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }";
const REQUEST: &str = "mutation($e: String!) { requestPasswordReset(email: $e) }";

db_test! {
    async fn a_password_reset_works_end_to_end_and_signs_out_everywhere(app: TestApp) {
        let (phone, email) = app.sign_in_as(tilts::domain::Role::Founder).await;
        assert!(!app.viewer(&phone).await.is_null());

        let asked = app.graphql(REQUEST, json!({ "e": email })).await;
        assert_eq!(asked["data"]["requestPasswordReset"], true);
        let mail = app.smtp.wait_for_message_to(&email).await;
        assert_eq!(mail.subject, "Set a new password for Tilts");
        assert!(mail.link().starts_with("http://tilts.test/reset-password#token="), "the token travels in the fragment: {}", mail.link());

        let reset = app.graphql(RESET, json!({ "t": mail.token(), "p": "jauna parole 2026" })).await;
        assert_eq!(reset["data"]["resetPassword"], true, "{reset}");

        assert!(app.viewer(&phone).await.is_null(), "the old session is revoked");
        assert_eq!(error_code(&app.sign_in(&app.client, &email, PASSWORD).await), "UNAUTHENTICATED");
        assert!(app.sign_in(&app.client, &email, "jauna parole 2026").await["errors"].is_null());
    }

    async fn a_reset_link_works_once(app: TestApp) {
        let email = app.sign_in_new(&TestApp::new_client(), tilts::domain::Role::Mentor).await;
        app.graphql(REQUEST, json!({ "e": email })).await;
        let token = app.smtp.wait_for_message_to(&email).await.token();
        assert!(app.graphql(RESET, json!({ "t": token, "p": "jauna parole 2026" })).await["errors"].is_null());
        let again = app.graphql(RESET, json!({ "t": token, "p": "vēl cita parole 1" })).await;
        assert_eq!(error_code(&again), "BAD_USER_INPUT");
        assert_eq!(again["errors"][0]["extensions"]["reason"], "TOKEN_USED");
    }

    async fn expired_and_unknown_links_are_refused(app: TestApp) {
        app.register("early@example.lv", "FOUNDER", "EN").await;
        app.register("late@example.lv", "FOUNDER", "EN").await;
        let early_token = app.smtp.wait_for_message_to("early@example.lv").await.token();
        let verify_token = app.smtp.wait_for_message_to("late@example.lv").await.token();
        app.clock.advance(chrono::Duration::hours(23));
        let in_time = app.graphql("mutation($t: String!) { verifyEmail(token: $t) }", json!({ "t": early_token })).await;
        assert_eq!(in_time["data"]["verifyEmail"], true, "a link works for 24 hours: {in_time}");
        app.clock.advance(chrono::Duration::hours(2));
        let late = app.graphql("mutation($t: String!) { verifyEmail(token: $t) }", json!({ "t": verify_token })).await;
        assert_eq!(error_code(&late), "BAD_USER_INPUT");
        assert_eq!(late["errors"][0]["extensions"]["reason"], "TOKEN_EXPIRED");

        let unknown = app.graphql(RESET, json!({ "t": "00".repeat(32), "p": "jauna parole 2026" })).await;
        assert_eq!(unknown["errors"][0]["extensions"]["reason"], "TOKEN_INVALID");

        let email = app.sign_in_new(&TestApp::new_client(), tilts::domain::Role::Founder).await;
        app.graphql(REQUEST, json!({ "e": email })).await;
        let reset_token = app.smtp.wait_for_message_to(&email).await.token();
        app.clock.advance(chrono::Duration::minutes(61));
        assert!(!app.smtp.messages_to(&email).is_empty());
        let expired = app.graphql(RESET, json!({ "t": reset_token, "p": "jauna parole 2026" })).await;
        assert_eq!(expired["errors"][0]["extensions"]["reason"], "TOKEN_EXPIRED");
    }

    async fn a_reset_request_does_not_reveal_whether_an_address_is_registered(app: TestApp) {
        let email = app.sign_in_new(&TestApp::new_client(), tilts::domain::Role::Founder).await;
        let send = |address: String| {
            let client = TestApp::new_client();
            let url = format!("{}/graphql", app.address);
            async move {
                let response = client.post(url).json(&json!({ "query": REQUEST, "variables": { "e": address } })).send().await.unwrap();
                let status = response.status();
                let mut headers: Vec<String> = response.headers().keys().map(|k| k.to_string()).filter(|k| k != "x-request-id" && k != "date").collect();
                headers.sort();
                (status, headers, response.text().await.unwrap())
            }
        };
        let known = send(email.clone()).await;
        let unknown = send("nobody-here@example.lv".to_owned()).await;
        assert_eq!(known, unknown);
        // Only the registered address gets mail.
        app.smtp.wait_for_message_to(&email).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(app.smtp.messages_to("nobody-here@example.lv").is_empty());
    }

    async fn a_new_password_voids_older_reset_links(app: TestApp) {
        let email = app.sign_in_new(&TestApp::new_client(), tilts::domain::Role::Founder).await;
        app.graphql(REQUEST, json!({ "e": email })).await;
        app.smtp.wait_for(1).await;
        app.graphql(REQUEST, json!({ "e": email })).await;
        let mails = app.smtp.wait_for(2).await;
        let (first, second) = (mails[0].token(), mails[1].token());
        assert!(app.graphql(RESET, json!({ "t": second, "p": "jauna parole 2026" })).await["errors"].is_null());
        let stale = app.graphql(RESET, json!({ "t": first, "p": "vēl cita parole 1" })).await;
        assert_eq!(stale["errors"][0]["extensions"]["reason"], "TOKEN_USED", "{stale}");
    }

    async fn reset_requests_are_rate_limited_per_address(app: TestApp) {
        app.clock.start_of_next_window(60 * 60);
        for _ in 0..3 {
            assert_eq!(app.graphql(REQUEST, json!({ "e": "someone@example.lv" })).await["data"]["requestPasswordReset"], true);
        }
        assert_eq!(error_code(&app.graphql(REQUEST, json!({ "e": "someone@example.lv" })).await), "RATE_LIMITED");
    }

    async fn changing_the_password_signs_out_other_devices_but_not_this_one(app: TestApp) {
        let laptop = TestApp::new_client();
        let email = app.sign_in_new(&app.client, tilts::domain::Role::Founder).await;
        app.sign_in(&laptop, &email, PASSWORD).await;
        let changed = app.graphql(
            "mutation($c: String!, $n: String!) { changePassword(current: $c, new: $n) }",
            json!({ "c": PASSWORD, "n": "jauna parole 2026" }),
        ).await;
        assert_eq!(changed["data"]["changePassword"], true, "{changed}");
        assert!(app.viewer(&laptop).await.is_null());
        assert_eq!(app.viewer(&app.client).await["email"], email.as_str());
    }

    async fn sessions_expire_after_thirty_days_without_use(app: TestApp) {
        app.sign_in_new(&app.client, tilts::domain::Role::Founder).await;
        app.clock.advance(chrono::Duration::days(20));
        assert!(!app.viewer(&app.client).await.is_null(), "use slides the expiry");
        app.clock.advance(chrono::Duration::days(29));
        assert!(!app.viewer(&app.client).await.is_null());
        app.clock.advance(chrono::Duration::days(31));
        assert!(app.viewer(&app.client).await.is_null());
    }
}

db_test! {
    async fn common_and_personal_passwords_are_refused_at_registration(app: TestApp) {
        let register = "mutation($i: RegisterInput!) { register(input: $i) }";
        let form = |password: &str| json!({ "i": { "email": "anna.berzina@example.lv", "password": password, "displayName": "Anna", "role": "FOUNDER", "locale": "EN" } });
        for common in ["manchester", "Terminator", "1q2w3e4r5t6y"] {
            let answer = app.graphql(register, form(common)).await;
            assert_eq!(answer["errors"][0]["extensions"]["field"], "password", "{common}: {answer}");
            assert_eq!(answer["errors"][0]["message"], "Šī parole ir pārāk vienkārša un bieži lietota. Izvēlieties citu.", "{common}");
        }
        for personal in ["Anna.Berzina-2026", "my own tilts password", "vpd kalnu takas"] {
            let answer = app.graphql(register, form(personal)).await;
            assert_eq!(answer["errors"][0]["extensions"]["field"], "password", "{personal}: {answer}");
            assert!(answer["errors"][0]["message"].as_str().unwrap_or_default().contains("e-pasta vārdu"), "{answer}");
        }
        assert_eq!(app.graphql(register, form(PASSWORD)).await["data"]["register"], true);
    }

    async fn credential_events_are_mailed_to_the_person_and_audited(app: TestApp) {
        let (_phone, email) = app.sign_in_as(tilts::domain::Role::Mentor).await;
        let address = tilts::domain::EmailAddress::parse(&email).unwrap();
        let user = tilts::db::repos::users::find_by_email(&app.state.db, &address).await.unwrap().unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(app.smtp.messages_to(&email).is_empty(), "the first sign-in is no news");

        // Another browser.
        let laptop = TestApp::new_client();
        assert!(app.sign_in(&laptop, &email, PASSWORD).await["errors"].is_null());
        let mail = app.smtp.wait_for_message_to(&email).await;
        assert_eq!(mail.subject, "Sign-in to Tilts from a new device");
        assert!(mail.link().ends_with("/forgot-password"), "{}", mail.link());
        // The same browser again is not news.
        app.graphql_as(&laptop, "mutation { signOut }", json!({})).await;
        assert!(app.sign_in(&laptop, &email, PASSWORD).await["errors"].is_null());

        let change = "mutation($c: String!, $n: String!) { changePassword(current: $c, new: $n) }";
        assert_eq!(app.graphql_as(&laptop, change, json!({ "c": PASSWORD, "n": "jauna parole 2026" })).await["data"]["changePassword"], true);
        app.smtp.wait_for(2).await;

        app.graphql(REQUEST, json!({ "e": email })).await;
        let messages = app.smtp.wait_for(3).await;
        let reset = messages.iter().find(|m| m.subject == "Set a new password for Tilts").unwrap();
        assert!(app.graphql(RESET, json!({ "t": reset.token(), "p": "vēl cita parole 7" })).await["errors"].is_null());
        let messages = app.smtp.wait_for(4).await;
        let subjects: Vec<&str> = messages.iter().map(|m| m.subject.as_str()).collect();
        assert_eq!(
            subjects,
            ["Sign-in to Tilts from a new device", "Your Tilts password was changed", "Set a new password for Tilts", "Your Tilts password was reset"],
        );
        let audit = tilts::db::repos::audit::for_subject(&app.state.db, user.account.id.0).await.unwrap();
        let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["sign_in.new_device", "password.changed", "password.reset"]);
    }
}
