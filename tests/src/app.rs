//! `spawn_app`: the real application on a free port with its own database and SMTP server.

use std::{sync::Arc, time::Duration};

use serde_json::{Value, json};
use tilts::{
    config::Settings,
    domain::{Locale, Role, TestClock},
    services::accounts,
    startup::Application,
    state::AppState,
};
use tokio_util::sync::CancellationToken;

use crate::{postgres::TestDatabase, smtp::SmtpServer};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A temporary SQLite file.
    Sqlite,
    /// A fresh PostgreSQL database.
    Postgres,
}

/// A running application for one test.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// The application's state: its database, settings and clock.
    pub state: AppState,
    /// The clock the application reads; tests move it forward.
    pub clock: TestClock,
    /// The SMTP server the application sends to.
    pub smtp: SmtpServer,
    /// The database URL (for the `tilts` binary).
    pub database_url: String,
    /// A browser-like client that keeps cookies.
    pub client: reqwest::Client,
    /// TOTP secrets set up through [`TestApp::set_up_second_factor`], by e-mail.
    pub totp_secrets: std::sync::Mutex<std::collections::HashMap<String, String>>,
    _stop: CancelOnDrop,
    _sqlite_dir: Option<tempfile::TempDir>,
    _postgres: Option<TestDatabase>,
}

/// The password of accounts made by [`TestApp::signed_in_as`].
pub const PASSWORD: &str = "kalnu takas 2026";

/// Starts the application on `backend` with test settings.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// Starts the application after `adjust` has changed the test settings.
pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let smtp = SmtpServer::start();
    let (database_url, sqlite_dir, postgres) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("tilts.db").display());
            (url, Some(dir), None)
        }
        Backend::Postgres => {
            let db = TestDatabase::create().await;
            (db.url.clone(), None, Some(db))
        }
    };
    let smtp_url = smtp.url();
    let db_url = database_url.clone();
    let mut settings = Settings::from_lookup(|name| match name {
        "TILTS_ENV" => Some("development".to_owned()),
        "TILTS_BIND" => Some("127.0.0.1:0".to_owned()),
        "TILTS_DATABASE_URL" => Some(db_url.clone()),
        "TILTS_SMTP_URL" => Some(smtp_url.clone()),
        "TILTS_PUBLIC_URL" => Some("http://tilts.test".to_owned()),
        "TILTS_STATIC_DIR" => Some("/nonexistent".to_owned()),
        _ => None,
    })
    .expect("test settings are valid");
    settings.outbox.poll_interval = Duration::from_millis(100);
    settings.outbox.retry_base = Duration::from_millis(100);
    settings.outbox.retry_max = Duration::from_millis(400);
    // Scheduled jobs run by the app's clock: look often, so a test that moves the clock sees
    // them run at once.
    settings.jobs.tick = Duration::from_millis(100);
    adjust(&mut settings);

    let clock = TestClock::default();
    let app = Application::build(settings, Arc::new(clock.clone())).await.expect("the application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    let stop = CancelOnDrop(app.shutdown_token());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        state,
        clock,
        smtp,
        database_url,
        client: TestApp::new_client(),
        totp_secrets: Default::default(),
        _stop: stop,
        _sqlite_dir: sqlite_dir,
        _postgres: postgres,
    }
}

/// A second server on the same database and SMTP server; stops when dropped.
pub struct Replica {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    _stop: CancelOnDrop,
}

impl TestApp {
    /// Stops the server as a lost connection would look to a browser; waits until it is gone.
    pub async fn stop_server(&self) {
        self._stop.0.cancel();
        let port = self.address.rsplit(':').next().unwrap_or_default().to_owned();
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(format!("127.0.0.1:{port}")).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not stop");
    }

    /// Starts another server against this app's database, as a second replica would run.
    pub async fn spawn_replica(&self) -> Replica {
        let mut settings = (*self.state.settings).clone();
        settings.bind = "127.0.0.1:0".parse().expect("an address");
        let app = Application::build(settings, Arc::new(self.clock.clone())).await.expect("the replica builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let stop = CancelOnDrop(app.shutdown_token());
        tokio::spawn(app.run_until_stopped());
        Replica { address, _stop: stop }
    }

    /// A fresh cookie-keeping client: another device or person.
    pub fn new_client() -> reqwest::Client {
        reqwest::Client::builder().cookie_store(true).build().expect("a client")
    }

    /// Posts a GraphQL operation with this app's main client and returns the JSON answer.
    pub async fn graphql(&self, query: &str, variables: Value) -> Value {
        self.graphql_as(&self.client, query, variables).await
    }

    /// Posts a GraphQL operation with `client`.
    pub async fn graphql_as(&self, client: &reqwest::Client, query: &str, variables: Value) -> Value {
        self.post(client.post(format!("{}/graphql", self.address)), query, variables).await
    }

    /// Posts a GraphQL operation with `client` as if it came from `ip` through a trusted proxy
    /// (start the app with [`behind_proxy`]).
    pub async fn graphql_from(&self, client: &reqwest::Client, ip: &str, query: &str, variables: Value) -> Value {
        let request =
            client.post(format!("{}/graphql", self.address)).header("x-forwarded-for", format!("198.18.0.1, {ip}"));
        self.post(request, query, variables).await
    }

    async fn post(&self, request: reqwest::RequestBuilder, query: &str, variables: Value) -> Value {
        let response =
            request.json(&json!({ "query": query, "variables": variables })).send().await.expect("the server answers");
        assert_eq!(response.status(), 200, "GraphQL answers 200");
        response.json().await.expect("a JSON answer")
    }

    /// Sends a GraphQL request without a session, asking for answers in `language`.
    pub async fn graphql_in(&self, language: &str, query: &str, variables: Value) -> Value {
        let request = self.client.post(format!("{}/graphql", self.address)).header("accept-language", language);
        self.post(request, query, variables).await
    }

    /// Creates a verified account with `role`, without signing in; returns the e-mail.
    pub async fn create_account(&self, role: Role) -> String {
        let email = format!("{}-{}@example.lv", role.as_str(), uuid::Uuid::new_v4().simple());
        accounts::create_verified(&self.state.db, &self.state, &email, "Test Person", PASSWORD, role, Locale::En)
            .await
            .expect("account created");
        email
    }

    /// Creates a verified account with `role` and signs `client` in as it; returns the e-mail.
    pub async fn sign_in_new(&self, client: &reqwest::Client, role: Role) -> String {
        let email = format!("{}-{}@example.lv", role.as_str(), uuid::Uuid::new_v4().simple());
        accounts::create_verified(&self.state.db, &self.state, &email, "Test Person", PASSWORD, role, Locale::En)
            .await
            .expect("account created");
        let viewer = self.sign_in_fully(client, &email, PASSWORD).await;
        assert_eq!(viewer["email"], email.as_str(), "sign-in works: {viewer}");
        email
    }

    /// A new client signed in as a new verified account with `role` (with its second factor
    /// set up when the role needs one); returns the client and the account's e-mail.
    pub async fn sign_in_as(&self, role: Role) -> (reqwest::Client, String) {
        let client = TestApp::new_client();
        let email = self.sign_in_new(&client, role).await;
        (client, email)
    }

    /// A new VPD staff member, signed in with a second factor; returns the client and e-mail.
    pub async fn create_staff(&self) -> (reqwest::Client, String) {
        self.sign_in_as(Role::Staff).await
    }

    /// A new VPD admin, signed in with a second factor; returns the client and e-mail.
    pub async fn create_admin(&self) -> (reqwest::Client, String) {
        self.sign_in_as(Role::Admin).await
    }

    /// Signs `client` in, setting up a second factor on the way when the account must have one
    /// (VPD accounts) or answering with a code when it has one; returns the `Viewer`.
    pub async fn sign_in_fully(&self, client: &reqwest::Client, email: &str, password: &str) -> Value {
        let answer = self.sign_in(client, email, password).await;
        assert!(answer["errors"].is_null(), "sign-in works: {answer}");
        match answer["data"]["signIn"]["next"].as_str() {
            Some("DONE") => answer["data"]["signIn"]["viewer"].clone(),
            Some("SET_UP_SECOND_FACTOR") => self.set_up_second_factor(client).await.1,
            Some("SECOND_FACTOR") => {
                let secret = self.totp_secrets.lock().expect("secrets").get(email).cloned().expect("a known secret");
                let code = self.totp_code(&secret, 1);
                let done = self
                    .graphql_as(
                        client,
                        "mutation($c: String!) { verifySecondFactor(code: $c) { id email role } }",
                        json!({ "c": code }),
                    )
                    .await;
                assert!(done["errors"].is_null(), "{done}");
                done["data"]["verifySecondFactor"].clone()
            }
            other => panic!("unexpected sign-in step {other:?}: {answer}"),
        }
    }

    /// Sets up a second factor for `client` (signed in, or half-way through a sign-in);
    /// returns the secret and the `Viewer`, and remembers the secret for later sign-ins.
    pub async fn set_up_second_factor(&self, client: &reqwest::Client) -> (String, Value) {
        let setup = self
            .graphql_as(
                client,
                "mutation($p: String) { beginSecondFactorSetup(password: $p) { secret uri } }",
                json!({ "p": PASSWORD }),
            )
            .await;
        let secret =
            setup["data"]["beginSecondFactorSetup"]["secret"].as_str().unwrap_or_else(|| panic!("{setup}")).to_owned();
        let code = self.totp_code(&secret, 0);
        let done = self
            .graphql_as(
                client,
                "mutation($c: String!) { confirmSecondFactor(code: $c) { recoveryCodes viewer { id email role secondFactor } } }",
                json!({ "c": code }),
            )
            .await;
        assert!(done["errors"].is_null(), "{done}");
        let viewer = done["data"]["confirmSecondFactor"]["viewer"].clone();
        let email = viewer["email"].as_str().unwrap_or_default().to_owned();
        self.totp_secrets.lock().expect("secrets").insert(email, secret.clone());
        (secret, viewer)
    }

    /// The TOTP code for `secret` at the app's clock, `steps_ahead` 30-second steps later
    /// (a code is accepted one step early; each step's code works once).
    pub fn totp_code(&self, secret: &str, steps_ahead: u64) -> String {
        use tilts::domain::Clock as _;
        let bytes = totp_rs::Secret::Encoded(secret.to_owned()).to_bytes().expect("a base32 secret");
        let totp =
            totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 0, 30, bytes, None, "test".to_owned()).expect("a TOTP");
        let now = u64::try_from(self.clock.now().timestamp()).expect("after 1970");
        totp.generate(now + steps_ahead * 30)
    }

    /// Signs `client` in.
    pub async fn sign_in(&self, client: &reqwest::Client, email: &str, password: &str) -> Value {
        self.graphql_as(
            client,
            "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { next viewer { id email role } } }",
            json!({ "e": email, "p": password }),
        )
        .await
    }

    /// Registers through the API.
    pub async fn register(&self, email: &str, role: &str, locale: &str) -> Value {
        self.graphql(
            "mutation($i: RegisterInput!) { register(input: $i) }",
            json!({ "i": { "email": email, "password": PASSWORD, "displayName": "Anna Bērziņa", "role": role, "locale": locale } }),
        )
        .await
    }

    /// The `viewer` as `client` sees it.
    pub async fn viewer(&self, client: &reqwest::Client) -> Value {
        self.graphql_as(client, "{ viewer { id email displayName role locale emailVerified } }", json!({})).await["data"]["viewer"].clone()
    }
}

/// Test settings for an app behind a reverse proxy on loopback: `X-Forwarded-For` is believed.
pub fn behind_proxy(settings: &mut Settings) {
    settings.trusted_proxies = tilts::config::TrustedProxies {
        networks: vec!["127.0.0.0/8".parse().expect("a network")],
        header: "X-Forwarded-For".to_owned(),
    };
}

/// Starts the application behind a trusted proxy on loopback.
pub async fn spawn_behind_proxy(backend: Backend) -> TestApp {
    spawn_app_with(backend, behind_proxy).await
}

/// The first error code of a GraphQL answer.
pub fn error_code(answer: &Value) -> String {
    answer["errors"][0]["extensions"]["code"].as_str().unwrap_or("<no error>").to_owned()
}

/// Stops the application when the test ends.
struct CancelOnDrop(CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// An Argon2id hash of `password` with weaker parameters than today's (m = 8 MiB, t = 1), as an
/// account created under an older policy would have.
pub fn weak_hash(password: &str) -> String {
    use argon2::{Algorithm, Argon2, Params, PasswordHasher, Version, password_hash::SaltString};
    let params = Params::new(8 * 1024, 1, 1, None).expect("parameters");
    let salt = SaltString::encode_b64(b"sixteen byte sal").expect("a salt");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing")
        .to_string()
}
