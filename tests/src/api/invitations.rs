//! Founder accounts made with an officer's invitation code: single use, 14 days, rate-limited.

use serde_json::{Value, json};

use crate::app::{PASSWORD, TestApp, error_code};

const CREATE: &str =
    "mutation($i: FounderInvitationInput!) { createFounderInvitation(input: $i) { code displayName expiresAt } }";
const RESET: &str = "mutation($e: String!) { requestPasswordReset(email: $e) }";
const REDEEM: &str =
    "mutation($c: String!, $e: String!, $p: String!) { redeemInvitation(code: $c, email: $e, password: $p) }";

async fn invite(app: &TestApp, staff: &reqwest::Client, name: &str) -> String {
    let made = app.graphql_as(staff, CREATE, json!({ "i": { "displayName": name, "locale": "RU" } })).await;
    made["data"]["createFounderInvitation"]["code"].as_str().unwrap_or_else(|| panic!("{made}")).to_owned()
}

fn reason(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["reason"].as_str().unwrap_or("<none>")
}

db_test! {
    async fn an_officer_makes_a_code_and_the_founder_redeems_it_and_signs_in(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let made = app.graphql_as(&staff, CREATE, json!({ "i": { "displayName": "Олег", "locale": "RU" } })).await;
        let invitation = &made["data"]["createFounderInvitation"];
        let code = invitation["code"].as_str().unwrap_or_else(|| panic!("{made}")).to_owned();
        assert_eq!(code.len(), 11, "{code}");
        assert_eq!(code.as_bytes()[5], b'-');
        let expires: chrono::DateTime<chrono::Utc> = invitation["expiresAt"].as_str().unwrap().parse().unwrap();
        use tilts::domain::Clock as _;
        assert!((expires - app.clock.now() - chrono::Duration::days(14)).num_seconds().abs() <= 1, "{expires}");

        // Typed in small letters with a space: still the code.
        let typed = code.to_lowercase().replace('-', " ");
        let redeemed = app.graphql(REDEEM, json!({ "c": typed, "e": "oleg@example.lv", "p": PASSWORD })).await;
        assert_eq!(redeemed["data"]["redeemInvitation"], true, "{redeemed}");
        let client = TestApp::new_client();
        let viewer = app.sign_in_fully(&client, "oleg@example.lv", PASSWORD).await;
        assert_eq!(viewer["role"], "FOUNDER", "{viewer}");
        let me = app.viewer(&client).await;
        assert_eq!(me["displayName"], "Олег");
        assert_eq!(me["locale"], "RU");
        // The address is not proven: the e-mail names nobody and says nothing about probation.
        let welcome = app.smtp.wait_for_message_to("oleg@example.lv").await;
        assert!(welcome.subject.contains("Tilts"), "{}", welcome.subject);
        let all = format!("{} {} {}", welcome.subject, welcome.text, welcome.html).to_lowercase();
        for word in ["олег", "vpd", "пробац", "probation"] {
            assert!(!all.contains(word), "the e-mail says {word}: {all}");
        }
        // Nor can its owner take the account with a reset link before it is confirmed.
        app.graphql(RESET, json!({ "e": "oleg@example.lv" })).await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(app.smtp.messages_to("oleg@example.lv").len(), 1, "no reset link to an unconfirmed address");
        let confirmed = app.graphql("mutation($t: String!) { verifyEmail(token: $t) }", json!({ "t": welcome.token() })).await;
        assert!(confirmed["errors"].is_null(), "{confirmed}");
        app.graphql(RESET, json!({ "e": "oleg@example.lv" })).await;
        for _ in 0..300 {
            if app.smtp.messages_to("oleg@example.lv").len() == 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(app.smtp.messages_to("oleg@example.lv").len(), 2, "once confirmed, the reset link comes");

        // Once only.
        let again = app.graphql(REDEEM, json!({ "c": code, "e": "other@example.lv", "p": PASSWORD })).await;
        assert_eq!(reason(&again), "INVITATION_USED", "{again}");
        assert_eq!(again["errors"][0]["extensions"]["field"], "code");
    }

    async fn wrong_and_expired_codes_fail_clearly_and_a_mistake_elsewhere_keeps_the_code(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let code = invite(&app, &staff, "Ivars").await;
        let wrong = app.graphql_in("lv", REDEEM, json!({ "c": "ABCDE-FGHJK", "e": "ivars@example.lv", "p": PASSWORD })).await;
        assert_eq!(error_code(&wrong), "BAD_USER_INPUT", "{wrong}");
        assert_eq!(reason(&wrong), "INVITATION_INVALID");
        assert!(wrong["errors"][0]["message"].as_str().unwrap().contains("koda"), "{wrong}");
        let garbage = app.graphql(REDEEM, json!({ "c": "nav kods", "e": "ivars@example.lv", "p": PASSWORD })).await;
        assert_eq!(reason(&garbage), "INVITATION_INVALID", "{garbage}");

        // A weak password or a taken address: refused at their fields, and the code still works.
        let weak = app.graphql(REDEEM, json!({ "c": code, "e": "ivars@example.lv", "p": "short" })).await;
        assert_eq!(weak["errors"][0]["extensions"]["field"], "password", "{weak}");
        let taken_email = app.create_account(tilts::domain::Role::Mentor).await;
        let taken = app.graphql(REDEEM, json!({ "c": code, "e": taken_email, "p": PASSWORD })).await;
        assert_eq!(error_code(&taken), "CONFLICT", "{taken}");
        let bad_address = app.graphql(REDEEM, json!({ "c": code, "e": "nav adrese", "p": PASSWORD })).await;
        assert_eq!(bad_address["errors"][0]["extensions"]["field"], "email", "{bad_address}");

        // Fourteen days later it has expired.
        app.clock.advance(chrono::Duration::days(14) + chrono::Duration::minutes(1));
        let late = app.graphql(REDEEM, json!({ "c": code, "e": "ivars@example.lv", "p": PASSWORD })).await;
        assert_eq!(reason(&late), "INVITATION_EXPIRED", "{late}");
        let nobody = app.sign_in(&TestApp::new_client(), "ivars@example.lv", PASSWORD).await;
        assert_eq!(error_code(&nobody), "UNAUTHENTICATED", "no account was made: {nobody}");
    }

    async fn trying_codes_is_rate_limited(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let code = invite(&app, &staff, "Ivars").await;
        for n in 0..10 {
            let wrong = app.graphql(REDEEM, json!({ "c": format!("ABCDE-FGH{}{}", (b'A' + n) as char, 'K'), "e": "ivars@example.lv", "p": PASSWORD })).await;
            assert_eq!(error_code(&wrong), "BAD_USER_INPUT", "attempt {n}: {wrong}");
        }
        // The eleventh try is held back, even with the right code.
        let held = app.graphql(REDEEM, json!({ "c": code, "e": "ivars@example.lv", "p": PASSWORD })).await;
        assert_eq!(error_code(&held), "RATE_LIMITED", "{held}");
        assert!(held["errors"][0]["extensions"]["retryAfter"].as_i64().unwrap_or_default() > 0, "{held}");
        app.clock.advance(chrono::Duration::hours(1));
        let later = app.graphql(REDEEM, json!({ "c": code, "e": "ivars@example.lv", "p": PASSWORD })).await;
        assert_eq!(later["data"]["redeemInvitation"], true, "{later}");
    }

    async fn codes_are_made_by_staff_only_and_the_audit_log_shows_who(app: TestApp) {
        let (founder, _) = app.sign_in_as(tilts::domain::Role::Founder).await;
        let refused = app.graphql_as(&founder, CREATE, json!({ "i": { "displayName": "X", "locale": "LV" } })).await;
        assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
        let (staff, _) = app.create_staff().await;
        let blank = app.graphql_as(&staff, CREATE, json!({ "i": { "displayName": "  ", "locale": "LV" } })).await;
        assert_eq!(blank["errors"][0]["extensions"]["field"], "displayName", "{blank}");
        invite(&app, &staff, "Ivars").await;
        use sea_orm::{ConnectionTrait, Statement};
        let backend = app.state.db.get_database_backend();
        let row = app.state.db.query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'founder_invitation.created'")).await.unwrap().unwrap();
        assert_eq!(row.try_get::<i64>("", "n").unwrap(), 1);
    }

    async fn a_code_takes_only_five_failed_tries(app: TestApp) {
        let (staff, _) = app.create_staff().await;
        let code = invite(&app, &staff, "Ivars").await;
        let other = invite(&app, &staff, "Anna").await;
        let taken = app.create_account(tilts::domain::Role::Mentor).await;
        for n in 0..5 {
            let refused = app.graphql(REDEEM, json!({ "c": code, "e": taken, "p": PASSWORD })).await;
            assert_eq!(error_code(&refused), "CONFLICT", "try {n}: {refused}");
        }
        let held = app.graphql(REDEEM, json!({ "c": code, "e": "ivars@example.lv", "p": PASSWORD })).await;
        assert_eq!(error_code(&held), "RATE_LIMITED", "{held}");
        // Another code is not held back.
        let fine = app.graphql(REDEEM, json!({ "c": other, "e": "anna@example.lv", "p": PASSWORD })).await;
        assert_eq!(fine["data"]["redeemInvitation"], true, "{fine}");
    }
}
