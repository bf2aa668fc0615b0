//! Registration, verification, sign-in and sign-out.

use serde_json::json;

use crate::app::{PASSWORD, error_code};

db_test! {
    async fn mentors_and_organisation_members_wait_for_approval_founders_and_vpd_do_not(app: TestApp) {
        for (role, standing) in [
            (tilts::domain::Role::Founder, "APPROVED"),
            (tilts::domain::Role::Mentor, "PENDING"),
            (tilts::domain::Role::Enterprise, "PENDING"),
            (tilts::domain::Role::Staff, "APPROVED"),
        ] {
            let (client, _) = app.sign_in_as(role).await;
            let answer = app.graphql_as(&client, "{ viewer { role standing } }", json!({})).await;
            assert_eq!(answer["data"]["viewer"]["standing"], standing, "{role:?}: {answer}");
        }
    }

    async fn a_founder_registers_verifies_signs_in_and_out_in_russian(app: TestApp) {
        let answer = app.register("Olga.Petrova@Example.lv", "FOUNDER", "RU").await;
        assert_eq!(answer["data"]["register"], true, "{answer}");

        let mail = app.smtp.wait_for_message_to("olga.petrova@example.lv").await;
        assert_eq!(mail.subject, "Подтвердите адрес электронной почты для Tilts");
        assert!(mail.text.contains("«Anna Bērziņa»"), "the chosen name appears only quoted: {}", mail.text);
        assert!(mail.html.contains("lang=\"ru\""));
        assert!(mail.link().starts_with("http://tilts.test/verify-email#token="), "the token travels in the fragment: {}", mail.link());

        // Before verification, sign-in is refused with its own code.
        let early = app.sign_in(&app.client, "olga.petrova@example.lv", PASSWORD).await;
        assert_eq!(error_code(&early), "FORBIDDEN");
        assert_eq!(early["errors"][0]["extensions"]["reason"], "EMAIL_NOT_VERIFIED");

        let verified = app.graphql("mutation($t: String!) { verifyEmail(token: $t) }", json!({ "t": mail.token() })).await;
        assert_eq!(verified["data"]["verifyEmail"], true, "{verified}");
        let again = app.graphql("mutation($t: String!) { verifyEmail(token: $t) }", json!({ "t": mail.token() })).await;
        assert_eq!(again["errors"][0]["extensions"]["reason"], "TOKEN_USED", "{again}");

        let signed_in = app.sign_in(&app.client, "OLGA.PETROVA@example.lv", PASSWORD).await;
        assert_eq!(signed_in["data"]["signIn"]["viewer"]["role"], "FOUNDER", "{signed_in}");

        let viewer = app.viewer(&app.client).await;
        assert_eq!(viewer["email"], "olga.petrova@example.lv");
        assert_eq!(viewer["locale"], "RU");
        assert_eq!(viewer["emailVerified"], true);
        assert_eq!(viewer["displayName"], "Anna Bērziņa");

        let out = app.graphql("mutation { signOut }", json!({})).await;
        assert_eq!(out["data"]["signOut"], true);
        assert!(app.viewer(&app.client).await.is_null());
    }

    async fn the_session_cookie_is_http_only_and_strict(app: TestApp) {
        let email = app.sign_in_new(&app.client, tilts::domain::Role::Mentor).await;
        let response = reqwest::Client::new()
            .post(format!("{}/graphql", app.address))
            .json(&json!({ "query": "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { next } }", "variables": { "e": email, "p": PASSWORD } }))
            .send()
            .await
            .unwrap();
        let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie.starts_with("tilts_session="), "{cookie}");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=7776000"), "{cookie}");
        let token = cookie.trim_start_matches("tilts_session=").split(';').next().unwrap();
        assert_eq!(token.len(), 64, "256-bit token, hex");
        // Only the token's SHA-256 is stored.
        use sea_orm::{EntityTrait, QuerySelect};
        let stored: Vec<String> = tilts::db::entities::sessions::Entity::find()
            .select_only()
            .column(tilts::db::entities::sessions::Column::TokenHash)
            .into_tuple()
            .all(&app.state.db)
            .await
            .unwrap();
        assert!(!stored.iter().any(|h| h == token));
        assert!(stored.contains(&tilts::domain::token::sha256_hex(token)));
    }

    async fn registering_an_existing_address_reveals_nothing_and_warns_its_owner(app: TestApp) {
        let first = app.register("anna@example.lv", "MENTOR", "LV").await;
        let second = app.register("anna@example.lv", "FOUNDER", "EN").await;
        assert_eq!(first, second);
        let mails = app.smtp.wait_for(2).await;
        assert!(mails.iter().any(|m| m.subject == "Apstipriniet savu e-pasta adresi Tiltā"));
        // The warning goes in the owner's language (Latvian), not the second form's.
        assert!(mails.iter().any(|m| m.subject == "Jums jau ir Tilta konts"));
    }

    async fn bad_registration_input_names_the_field_in_the_callers_language(app: TestApp) {
        let query = "mutation($i: RegisterInput!) { register(input: $i) }";
        let form = |email: &str, password: &str, name: &str| json!({ "i": { "email": email, "password": password, "displayName": name, "role": "FOUNDER", "locale": "LV" } });
        let lv = app.graphql(query, form("not-an-address", PASSWORD, "Anna")).await;
        assert_eq!(error_code(&lv), "BAD_USER_INPUT");
        assert_eq!(lv["errors"][0]["extensions"]["field"], "email");
        assert!(lv["errors"][0]["message"].as_str().unwrap().starts_with("Ievadiet derīgu e-pasta adresi"));

        let ru = app.client
            .post(format!("{}/graphql", app.address))
            .header("accept-language", "ru-RU,ru;q=0.9,en;q=0.5")
            .json(&json!({ "query": query, "variables": form("anna@example.lv", "short", "Anna") }))
            .send().await.unwrap().json::<serde_json::Value>().await.unwrap();
        assert_eq!(ru["errors"][0]["extensions"]["field"], "password");
        assert_eq!(ru["errors"][0]["message"], "Пароль должен содержать не менее 10 символов.");

        let common = app.graphql(query, form("anna@example.lv", "Password123", "Anna")).await;
        assert_eq!(common["errors"][0]["extensions"]["field"], "password");
        let nameless = app.graphql(query, form("anna@example.lv", PASSWORD, "   ")).await;
        assert_eq!(nameless["errors"][0]["extensions"]["field"], "displayName");
    }

    async fn registrations_are_rate_limited_per_address(app: TestApp) {
        app.clock.start_of_next_window(60 * 60);
        for _ in 0..5 {
            assert_eq!(app.register("again@example.lv", "FOUNDER", "LV").await["data"]["register"], true);
        }
        assert_eq!(error_code(&app.register("again@example.lv", "FOUNDER", "LV").await), "RATE_LIMITED");
    }

    async fn wrong_password_and_unknown_email_get_the_same_answer(app: TestApp) {
        let email = app.sign_in_new(&TestApp::new_client(), tilts::domain::Role::Founder).await;
        let wrong = app.sign_in(&app.client, &email, "not the password").await;
        let unknown = app.sign_in(&app.client, "nobody@example.lv", "not the password").await;
        assert_eq!(error_code(&wrong), "UNAUTHENTICATED");
        assert_eq!(wrong, unknown);
    }

    async fn the_sixth_rapid_wrong_sign_in_from_one_client_waits(app: TestApp) {
        let email = app.sign_in_new(&TestApp::new_client(), tilts::domain::Role::Founder).await;
        for _ in 0..5 {
            let answer = app.sign_in(&app.client, &email, "wrong password").await;
            assert_eq!(error_code(&answer), "UNAUTHENTICATED");
        }
        let sixth = app.sign_in(&app.client, &email, PASSWORD).await;
        assert_eq!(error_code(&sixth), "RATE_LIMITED", "{sixth}");
        // An unknown address is limited the same way.
        for _ in 0..5 {
            app.sign_in(&app.client, "ghost@example.lv", "wrong password").await;
        }
        assert_eq!(error_code(&app.sign_in(&app.client, "ghost@example.lv", "wrong password").await), "RATE_LIMITED");
        // After the delay the person may try again.
        app.clock.advance(chrono::Duration::seconds(31));
        assert!(app.sign_in(&app.client, &email, PASSWORD).await["errors"].is_null());
    }

    async fn the_language_choice_is_kept_and_used_for_errors(app: TestApp) {
        app.sign_in_new(&app.client, tilts::domain::Role::Enterprise).await;
        let answer = app.graphql("mutation { updateMyLocale(locale: RU) { locale } }", json!({})).await;
        assert_eq!(answer["data"]["updateMyLocale"]["locale"], "RU");
        assert_eq!(app.viewer(&app.client).await["locale"], "RU");
        let bad = app.graphql("mutation { changePassword(current: \"wrong one!!\", new: \"новый пароль 2026\") }", json!({})).await;
        assert_eq!(bad["errors"][0]["message"], "Текущий пароль указан неверно.");
        assert_eq!(bad["errors"][0]["extensions"]["field"], "current");
    }
}

db_test! {
    async fn a_signed_out_session_cookie_replayed_from_another_client_is_dead(app: TestApp) {
        let email = app.create_account(tilts::domain::Role::Founder).await;
        let response = reqwest::Client::new()
            .post(format!("{}/graphql", app.address))
            .json(&json!({ "query": "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { next } }", "variables": { "e": email, "p": PASSWORD } }))
            .send()
            .await
            .unwrap();
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
            .find(|c| c.starts_with("tilts_session="))
            .expect("a session cookie");
        let as_cookie = |query: &'static str| {
            let cookie = cookie.clone();
            let address = app.address.clone();
            async move {
                reqwest::Client::new()
                    .post(format!("{address}/graphql"))
                    .header("cookie", cookie)
                    .json(&json!({ "query": query }))
                    .send()
                    .await
                    .unwrap()
                    .json::<serde_json::Value>()
                    .await
                    .unwrap()
            }
        };
        assert_eq!(as_cookie("{ viewer { email } }").await["data"]["viewer"]["email"], email.as_str());
        assert_eq!(as_cookie("mutation { signOut }").await["data"]["signOut"], true);
        let replayed = as_cookie("{ viewer { email } }").await;
        assert!(replayed["data"]["viewer"].is_null(), "the server ended the session, not just the browser: {replayed}");
        assert_eq!(error_code(&as_cookie("mutation { updateMyLocale(locale: RU) { locale } }").await), "UNAUTHENTICATED");
    }
}
