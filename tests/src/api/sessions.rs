//! Sessions fit for staff, disabled accounts, the person's list of devices, and the TOTP second
//! factor.

use serde_json::{Value, json};
use tilts::domain::Role;

use crate::app::{PASSWORD, TestApp, error_code};

const MY_SESSIONS: &str = "{ mySessions { id device current lastSeenAt } }";

fn minutes(n: i64) -> chrono::Duration {
    chrono::Duration::minutes(n)
}

async fn user_id(app: &TestApp, email: &str) -> uuid::Uuid {
    let address = tilts::domain::EmailAddress::parse(email).unwrap();
    tilts::db::repos::users::find_by_email(&app.state.db, &address).await.unwrap().unwrap().account.id.0
}

async fn audit_actions(app: &TestApp, email: &str) -> Vec<String> {
    let id = user_id(app, email).await;
    tilts::db::repos::audit::for_subject(&app.state.db, id).await.unwrap().into_iter().map(|e| e.action).collect()
}

fn client_with_agent(agent: &str) -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).user_agent(agent.to_owned()).build().unwrap()
}

db_test! {
    async fn staff_sessions_end_after_thirty_idle_minutes_and_twelve_hours(app: TestApp) {
        let email = app.sign_in_new(&app.client, Role::Staff).await;
        app.clock.advance(minutes(29));
        assert_eq!(app.viewer(&app.client).await["email"], email.as_str(), "used within 30 minutes");
        app.clock.advance(minutes(31));
        assert!(app.viewer(&app.client).await.is_null(), "30 idle minutes end a staff session");

        app.clock.advance(minutes(1));
        app.sign_in_fully(&app.client, &email, PASSWORD).await;
        for _ in 0..35 {
            app.clock.advance(minutes(20));
            assert!(!app.viewer(&app.client).await.is_null(), "used every 20 minutes");
        }
        app.clock.advance(minutes(25));
        assert!(app.viewer(&app.client).await.is_null(), "twelve hours end it however much it is used");
    }

    async fn every_session_ends_ninety_days_after_sign_in(app: TestApp) {
        app.sign_in_new(&app.client, Role::Founder).await;
        for _ in 0..4 {
            app.clock.advance(chrono::Duration::days(20));
            assert!(!app.viewer(&app.client).await.is_null());
        }
        app.clock.advance(chrono::Duration::days(11));
        assert!(app.viewer(&app.client).await.is_null(), "the 90-day cap holds");
    }

    async fn a_disabled_account_is_signed_out_at_once_and_cannot_sign_in(app: TestApp) {
        let (admin, _) = app.create_admin().await;
        let (phone, email) = app.sign_in_as(Role::Mentor).await;
        let id = user_id(&app, &email).await;
        let disable = "mutation($u: ID!) { disableAccount(userId: $u) }";
        assert_eq!(app.graphql_as(&admin, disable, json!({ "u": id })).await["data"]["disableAccount"], true);
        assert!(app.viewer(&phone).await.is_null(), "the session ended at once");
        let again = app.sign_in(&TestApp::new_client(), &email, PASSWORD).await;
        assert_eq!(error_code(&again), "FORBIDDEN");
        assert_eq!(again["errors"][0]["extensions"]["reason"], "ACCOUNT_DISABLED");
        let wrong = app.sign_in(&TestApp::new_client(), &email, "not the password").await;
        assert_eq!(error_code(&wrong), "UNAUTHENTICATED", "a wrong password says nothing about the account");

        let enable = "mutation($u: ID!) { enableAccount(userId: $u) }";
        assert_eq!(app.graphql_as(&admin, enable, json!({ "u": id })).await["data"]["enableAccount"], true);
        app.sign_in_fully(&phone, &email, PASSWORD).await;
        assert_eq!(audit_actions(&app, &email).await, ["account.disabled", "account.enabled"]);

        let nobody = app.graphql_as(&admin, disable, json!({ "u": uuid::Uuid::new_v4() })).await;
        assert_eq!(error_code(&nobody), "NOT_FOUND");
        let other = TestApp::new_client();
        app.sign_in_new(&other, Role::Staff).await;
        assert_eq!(error_code(&app.graphql_as(&other, disable, json!({ "u": id })).await), "FORBIDDEN");
    }

    async fn people_see_their_signed_in_devices_and_end_one(app: TestApp) {
        let phone = client_with_agent("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36");
        let laptop = client_with_agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
        let email = app.sign_in_new(&phone, Role::Founder).await;
        app.sign_in_fully(&laptop, &email, PASSWORD).await;
        let listed = app.graphql_as(&phone, MY_SESSIONS, json!({})).await;
        let sessions = listed["data"]["mySessions"].as_array().unwrap_or_else(|| panic!("{listed}")).clone();
        assert_eq!(sessions.len(), 2, "{listed}");
        let mine = sessions.iter().find(|s| s["current"] == true).unwrap();
        assert_eq!(mine["device"], "Chrome · Android");
        let other = sessions.iter().find(|s| s["current"] == false).unwrap();
        assert_eq!(other["device"], "Firefox · Windows");

        // Someone else's session id is not found, like an id that never existed.
        let stranger = TestApp::new_client();
        app.sign_in_new(&stranger, Role::Founder).await;
        let end = "mutation($id: ID!) { endSession(id: $id) }";
        assert_eq!(error_code(&app.graphql_as(&stranger, end, json!({ "id": other["id"] })).await), "NOT_FOUND");
        assert!(!app.viewer(&laptop).await.is_null());

        assert_eq!(app.graphql_as(&phone, end, json!({ "id": other["id"] })).await["data"]["endSession"], true);
        assert!(app.viewer(&laptop).await.is_null(), "the laptop is signed out");
        assert!(!app.viewer(&phone).await.is_null());
    }

    async fn staff_set_up_a_second_factor_before_their_first_sign_in_completes(app: TestApp) {
        let email = app.create_account(Role::Staff).await;
        let first = app.sign_in(&app.client, &email, PASSWORD).await;
        assert_eq!(first["data"]["signIn"]["next"], "SET_UP_SECOND_FACTOR", "{first}");
        assert!(first["data"]["signIn"]["viewer"].is_null());
        assert!(app.viewer(&app.client).await.is_null(), "not signed in yet");
        assert_eq!(error_code(&app.graphql(MY_SESSIONS, json!({})).await), "UNAUTHENTICATED");
        // A half-finished sign-in cannot skip the second factor with a plain code check.
        let skip = app.graphql("mutation { verifySecondFactor(code: \"000000\") { id } }", json!({})).await;
        assert_eq!(skip["errors"][0]["extensions"]["reason"], "SIGN_IN_EXPIRED", "{skip}");

        let setup = app.graphql("mutation { beginSecondFactorSetup { secret uri } }", json!({})).await;
        let secret = setup["data"]["beginSecondFactorSetup"]["secret"].as_str().unwrap().to_owned();
        let uri = setup["data"]["beginSecondFactorSetup"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("otpauth://totp/Tilts:") && uri.contains(&format!("secret={secret}")), "{uri}");
        let wrong = app.graphql("mutation { confirmSecondFactor(code: \"000000\") { recoveryCodes } }", json!({})).await;
        assert_eq!(wrong["errors"][0]["extensions"]["field"], "code", "{wrong}");
        let code = app.totp_code(&secret, 0);
        let done = app
            .graphql("mutation($c: String!) { confirmSecondFactor(code: $c) { recoveryCodes viewer { email secondFactor } } }", json!({ "c": code }))
            .await;
        let enabled = &done["data"]["confirmSecondFactor"];
        assert_eq!(enabled["viewer"]["email"], email.as_str(), "{done}");
        assert_eq!(enabled["viewer"]["secondFactor"], true);
        let recovery: Vec<String> = enabled["recoveryCodes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
        assert_eq!(recovery.len(), 10);
        assert_eq!(app.viewer(&app.client).await["email"], email.as_str(), "signed in now");
        let mail = app.smtp.wait_for_message_to(&email).await;
        assert_eq!(mail.subject, "Two-step sign-in turned on for Tilts");
        assert!(audit_actions(&app, &email).await.contains(&"second_factor.enabled".to_owned()));

        // The next sign-in asks for a code; a code works once; a recovery code works once.
        let laptop = TestApp::new_client();
        let second = app.sign_in(&laptop, &email, PASSWORD).await;
        assert_eq!(second["data"]["signIn"]["next"], "SECOND_FACTOR", "{second}");
        let verify = "mutation($c: String!) { verifySecondFactor(code: $c) { email } }";
        let replayed = app.graphql_as(&laptop, verify, json!({ "c": code })).await;
        assert_eq!(replayed["errors"][0]["extensions"]["field"], "code", "a used code is refused: {replayed}");
        let answer = app.graphql_as(&laptop, verify, json!({ "c": recovery[0] })).await;
        assert_eq!(answer["data"]["verifySecondFactor"]["email"], email.as_str(), "{answer}");
        let tablet = TestApp::new_client();
        app.sign_in(&tablet, &email, PASSWORD).await;
        let reused = app.graphql_as(&tablet, verify, json!({ "c": recovery[0] })).await;
        assert_eq!(error_code(&reused), "BAD_USER_INPUT", "{reused}");
        let fresh = app.graphql_as(&tablet, verify, json!({ "c": app.totp_code(&secret, 1) })).await;
        assert_eq!(fresh["data"]["verifySecondFactor"]["email"], email.as_str(), "{fresh}");
    }

    async fn guessing_second_factor_codes_is_slowed_down(app: TestApp) {
        let email = app.create_account(Role::Admin).await;
        let client = TestApp::new_client();
        app.sign_in_fully(&client, &email, PASSWORD).await;
        let other = TestApp::new_client();
        app.sign_in(&other, &email, PASSWORD).await;
        let verify = "mutation($c: String!) { verifySecondFactor(code: $c) { email } }";
        for guess in ["111111", "222222", "333333"] {
            assert_eq!(error_code(&app.graphql_as(&other, verify, json!({ "c": guess })).await), "BAD_USER_INPUT");
        }
        let limited = app.graphql_as(&other, verify, json!({ "c": "444444" })).await;
        assert_eq!(error_code(&limited), "RATE_LIMITED", "{limited}");
    }

    async fn an_admin_resets_a_lost_second_factor_and_it_is_audited(app: TestApp) {
        let admin = TestApp::new_client();
        let admin_email = app.sign_in_new(&admin, Role::Admin).await;
        let staff = TestApp::new_client();
        let email = app.sign_in_new(&staff, Role::Staff).await;
        let id = user_id(&app, &email).await;
        let reset = "mutation($u: ID!) { resetSecondFactor(userId: $u) }";
        let by_staff = TestApp::new_client();
        app.sign_in_new(&by_staff, Role::Staff).await;
        assert_eq!(error_code(&app.graphql_as(&by_staff, reset, json!({ "u": id })).await), "FORBIDDEN");

        assert_eq!(app.graphql_as(&admin, reset, json!({ "u": id })).await["data"]["resetSecondFactor"], true);
        assert!(app.viewer(&staff).await.is_null(), "their sessions ended");
        let again = app.sign_in(&staff, &email, PASSWORD).await;
        assert_eq!(again["data"]["signIn"]["next"], "SET_UP_SECOND_FACTOR", "{again}");
        let entries = tilts::db::repos::audit::for_subject(&app.state.db, id).await.unwrap();
        let reset_entry = entries.iter().find(|e| e.action == "second_factor.reset").expect("audited");
        assert_eq!(reset_entry.actor.map(|a| a.0), Some(user_id(&app, &admin_email).await));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while !app.smtp.messages_to(&email).iter().any(|m| m.subject == "Your Tilts two-step sign-in was reset") {
            assert!(std::time::Instant::now() < deadline, "the person is told of the reset");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    async fn founders_may_turn_on_a_second_factor(app: TestApp) {
        let email = app.sign_in_new(&app.client, Role::Founder).await;
        // A browser left signed in cannot tie the account to someone else's phone.
        for password in [None, Some("not the password")] {
            let answer = app.graphql("mutation($p: String) { beginSecondFactorSetup(password: $p) { uri } }", json!({ "p": password })).await;
            assert_eq!(answer["errors"][0]["extensions"]["field"], "password", "{answer}");
        }
        let (secret, viewer) = app.set_up_second_factor(&app.client).await;
        assert_eq!(viewer["secondFactor"], true);
        assert_eq!(app.viewer(&app.client).await["email"], email.as_str(), "still signed in");
        let again = app.graphql("mutation { beginSecondFactorSetup(password: \"kalnu takas 2026\") { uri } }", json!({})).await;
        assert_eq!(error_code(&again), "CONFLICT");
        let laptop = TestApp::new_client();
        let answer = app.sign_in(&laptop, &email, PASSWORD).await;
        assert_eq!(answer["data"]["signIn"]["next"], "SECOND_FACTOR", "{answer}");
        let code = app.totp_code(&secret, 1);
        let done: Value = app.graphql_as(&laptop, "mutation($c: String!) { verifySecondFactor(code: $c) { email } }", json!({ "c": code })).await;
        assert_eq!(done["data"]["verifySecondFactor"]["email"], email.as_str());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_staff_skip_the_second_factor_only_in_development() {
    for (environment, expected) in [
        (tilts::config::Environment::Development, "DONE"),
        (tilts::config::Environment::Production, "SET_UP_SECOND_FACTOR"),
    ] {
        let app = crate::spawn_app_with(crate::Backend::Sqlite, move |s| s.environment = environment).await;
        tilts::services::accounts::create_verified(
            &app.state.db,
            &app.state,
            "staff@demo.tilts.lv",
            "Demo",
            PASSWORD,
            Role::Staff,
            tilts::domain::Locale::Lv,
        )
        .await
        .unwrap();
        let answer = app.sign_in(&app.client, "staff@demo.tilts.lv", PASSWORD).await;
        assert_eq!(answer["data"]["signIn"]["next"], expected, "{environment:?}: {answer}");
    }
}

db_test! {
    async fn five_wrong_codes_end_a_half_finished_sign_in(app: TestApp) {
        let email = app.create_account(Role::Staff).await;
        app.sign_in_fully(&TestApp::new_client(), &email, PASSWORD).await;
        let client = TestApp::new_client();
        app.sign_in(&client, &email, PASSWORD).await;
        let verify = "mutation($c: String!) { verifySecondFactor(code: $c) { email } }";
        for n in 0..3 {
            let answer = app.graphql_as(&client, verify, json!({ "c": format!("00000{n}") })).await;
            assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        }
        // Waits grow after three; once five are spent the sign-in must start over.
        for wait in [31, 61] {
            let early = app.graphql_as(&client, verify, json!({ "c": "999999" })).await;
            assert_eq!(error_code(&early), "RATE_LIMITED", "{early}");
            app.clock.advance(chrono::Duration::seconds(wait));
            let answer = app.graphql_as(&client, verify, json!({ "c": "999999" })).await;
            assert_eq!(error_code(&answer), "BAD_USER_INPUT", "{answer}");
        }
        app.clock.advance(chrono::Duration::seconds(121));
        let secret = app.totp_secrets.lock().unwrap().get(&email).cloned().unwrap();
        let late = app.graphql_as(&client, verify, json!({ "c": app.totp_code(&secret, 1) })).await;
        assert_eq!(late["errors"][0]["extensions"]["reason"], "SIGN_IN_EXPIRED", "{late}");
    }

    async fn a_password_reset_forgets_every_known_device(app: TestApp) {
        use sea_orm::{ConnectionTrait, Statement};
        let email = app.sign_in_new(&TestApp::new_client(), Role::Founder).await;
        let count = || async {
            let backend = app.state.db.get_database_backend();
            let row = app.state.db.query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM known_devices")).await.unwrap().unwrap();
            row.try_get::<i64>("", "n").unwrap()
        };
        assert_eq!(count().await, 1);
        app.graphql("mutation($e: String!) { requestPasswordReset(email: $e) }", json!({ "e": email })).await;
        let mail = app.smtp.wait_for_message_to(&email).await;
        let reset = app.graphql("mutation($t: String!) { resetPassword(token: $t, newPassword: \"jauna parole 2026\") }", json!({ "t": mail.token() })).await;
        assert!(reset["errors"].is_null(), "{reset}");
        assert_eq!(count().await, 0, "a browser an intruder used is no longer let through");
    }

    async fn a_shared_browser_keeps_a_device_cookie_for_each_account(app: TestApp) {
        let anna = app.create_account(Role::Founder).await;
        let peteris = app.create_account(Role::Founder).await;
        app.sign_in_fully(&TestApp::new_client(), &anna, PASSWORD).await;
        let shared = TestApp::new_client();
        app.sign_in_fully(&shared, &anna, PASSWORD).await;
        app.smtp.wait_for(1).await;
        app.graphql_as(&shared, "mutation { signOut }", json!({})).await;
        app.sign_in_fully(&shared, &peteris, PASSWORD).await;
        app.graphql_as(&shared, "mutation { signOut }", json!({})).await;
        app.sign_in_fully(&shared, &anna, PASSWORD).await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(app.smtp.messages_to(&anna).len(), 1, "the shared browser is still Anna's known device");
    }
}
