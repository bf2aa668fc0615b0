//! Requests that must be refused before anything executes.

use serde_json::{Value, json};

async fn raw(app: &crate::TestApp, request: reqwest::RequestBuilder) -> (u16, Value) {
    let _ = app;
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

fn assert_refused(status: u16, body: &Value, expected_status: u16) {
    assert_eq!(status, expected_status, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    assert!(body["data"].is_null(), "nothing executed: {body}");
}

db_test! {
    async fn malformed_and_cross_site_shaped_requests_are_refused_without_executing(app: TestApp) {
        let url = format!("{}/graphql", app.address);
        let client = reqwest::Client::new();
        let register = "mutation { register(input: { email: \"csrf@example.lv\", password: \"kalnu takas 2026\", displayName: \"C\", role: FOUNDER, locale: LV }) }";

        let (s, b) = raw(&app, client.post(&url).header("content-type", "text/plain").body(json!({ "query": register }).to_string())).await;
        assert_refused(s, &b, 415);
        let (s, b) = raw(&app, client.post(&url).header("content-type", "application/x-www-form-urlencoded").body(format!("query={register}"))).await;
        assert_refused(s, &b, 415);
        let (s, b) = raw(&app, client.post(&url).header("content-type", "multipart/form-data; boundary=x").body("--x--")).await;
        assert_refused(s, &b, 415);
        let (s, b) = raw(&app, client.get(&url).query(&[("query", register)])).await;
        assert_refused(s, &b, 405);
        let batch = json!([{ "query": "{ viewer { id } }" }, { "query": register }]);
        let (s, b) = raw(&app, client.post(&url).json(&batch)).await;
        assert_refused(s, &b, 400);
        let big = json!({ "query": format!("{{ viewer {{ id }} }} #{}", "x".repeat(100 * 1024)) });
        let (s, b) = raw(&app, client.post(&url).json(&big)).await;
        assert_refused(s, &b, 413);
        let (s, b) = raw(&app, client.post(&url).header("content-type", "application/json").body("{\"query\": ")).await;
        assert_refused(s, &b, 400);

        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(app.smtp.messages().is_empty(), "no refused mutation ran");
    }

    async fn too_deep_and_too_many_aliases_are_refused_in_the_callers_language(app: TestApp) {
        // Introspection types nest deeply enough to exceed the depth limit.
        let too_deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }";
        let answer = app.graphql(too_deep, json!({})).await;
        assert_eq!(answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{answer}");
        assert!(answer["data"].is_null());
        assert!(answer["errors"][0]["extensions"]["detail"].as_str().unwrap().contains("nested too deep"), "{answer}");

        let aliases: String = (0..101).map(|n| format!("a{n}: viewer {{ id }} ")).collect();
        let client = reqwest::Client::new();
        let response: Value = client
            .post(format!("{}/graphql", app.address))
            .header("accept-language", "lv")
            .json(&json!({ "query": format!("{{ {aliases} }}") }))
            .send().await.unwrap().json().await.unwrap();
        assert_eq!(response["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{response}");
        assert_eq!(response["errors"][0]["message"], "Pieprasījumā ir pārāk daudz aizstājvārdu (ne vairāk kā 10).");
        assert!(response["data"].is_null());

        let ten: String = (0..10).map(|n| format!("a{n}: viewer {{ id }} ")).collect();
        let fine = app.graphql(&format!("{{ {ten} }}"), json!({})).await;
        assert!(fine["errors"].is_null(), "{fine}");
    }

    async fn graphiql_and_health_answer_in_development(app: TestApp) {
        let page = reqwest::get(format!("{}/graphql", app.address)).await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().to_lowercase().contains("graphiql"));
        assert_eq!(reqwest::get(format!("{}/healthz", app.address)).await.unwrap().status(), 200);
        assert_eq!(reqwest::get(format!("{}/readyz", app.address)).await.unwrap().status(), 200);
        let spa = reqwest::get(format!("{}/some/client/route", app.address)).await.unwrap();
        assert_eq!(spa.status(), 200);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_hides_introspection_suggestions_and_graphiql() {
    let app = crate::spawn_app_with(crate::Backend::Sqlite, |s| {
        s.environment = tilts::config::Environment::Production;
        s.public_url = url::Url::parse("https://tilts.test").unwrap();
    })
    .await;
    let introspection = app.graphql("{ __schema { types { name } } }", json!({})).await;
    assert!(introspection["data"]["__schema"].is_null(), "{introspection}");
    assert!(!introspection.to_string().contains("Viewer"), "{introspection}");
    let typo = app.graphql("{ viewr { id } }", json!({})).await;
    let message = typo["errors"][0]["extensions"]["detail"].as_str().unwrap_or_default();
    assert!(!message.contains("Did you mean"), "{typo}");
    let page = reqwest::get(format!("{}/graphql", app.address)).await.unwrap();
    assert_eq!(page.status(), 405);

    // Session cookies carry `Secure` in production.
    tilts::services::accounts::create_verified(
        &app.state,
        "p@example.lv",
        "P",
        crate::app::PASSWORD,
        tilts::domain::Role::Founder,
        tilts::domain::Locale::Lv,
    )
    .await
    .unwrap();
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", app.address))
        .json(
            &json!({ "query": "mutation { signIn(email: \"p@example.lv\", password: \"kalnu takas 2026\") { id } }" }),
        )
        .send()
        .await
        .unwrap();
    let cookies: Vec<String> =
        response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert!(!cookies.is_empty());
    for cookie in &cookies {
        assert!(cookie.starts_with("__Host-") && cookie.ends_with("; Secure"), "{cookie}");
        assert!(cookie.contains("; Path=/;") && !cookie.contains("Domain="), "{cookie}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_built_pwa_is_served_with_index_html_for_client_routes() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>Tilts</title><p>shell</p>").unwrap();
    std::fs::write(dist.path().join("app.js"), "console.log(1)").unwrap();
    let dir = dist.path().to_owned();
    let app = crate::spawn_app_with(crate::Backend::Sqlite, move |s| s.static_dir = dir).await;
    for path in ["/", "/verify-email?token=abc", "/settings/account"] {
        let page = reqwest::get(format!("{}{path}", app.address)).await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        assert!(page.text().await.unwrap().contains("shell"), "{path}");
    }
    let script = reqwest::get(format!("{}/app.js", app.address)).await.unwrap();
    assert_eq!(script.text().await.unwrap(), "console.log(1)");
}

db_test! {
    async fn every_response_carries_the_security_headers(app: TestApp) {
        let client = reqwest::Client::new();
        let responses = [
            client.post(format!("{}/graphql", app.address)).json(&json!({ "query": "{ viewer { id } }" })).send().await.unwrap(),
            client.get(format!("{}/graphql?query=x", app.address)).send().await.unwrap(),
            client.get(format!("{}/healthz", app.address)).send().await.unwrap(),
            client.get(format!("{}/sign-in", app.address)).send().await.unwrap(),
            client.get(format!("{}/missing.js", app.address)).send().await.unwrap(),
        ];
        for response in responses {
            let headers = response.headers();
            let policy = headers["content-security-policy"].to_str().unwrap();
            assert!(policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"), "{policy}");
            assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
            assert_eq!(headers["x-content-type-options"], "nosniff");
            assert_eq!(headers["referrer-policy"], "no-referrer");
            assert!(headers.get("strict-transport-security").is_none(), "no HSTS over plain http in development");
        }
    }

    async fn signing_out_asks_the_browser_to_drop_cached_pages(app: TestApp) {
        app.sign_in_new(&app.client, tilts::domain::Role::Founder).await;
        let response = app.client.post(format!("{}/graphql", app.address)).json(&json!({ "query": "mutation { signOut }" })).send().await.unwrap();
        assert_eq!(response.headers()["clear-site-data"], "\"cache\"");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_over_https_sends_hsts() {
    let app = crate::spawn_app_with(crate::Backend::Sqlite, |s| {
        s.environment = tilts::config::Environment::Production;
        s.public_url = url::Url::parse("https://tilts.test").unwrap();
    })
    .await;
    let response = reqwest::get(format!("{}/healthz", app.address)).await.unwrap();
    assert_eq!(response.headers()["strict-transport-security"], "max-age=63072000; includeSubDomains");
}
