//! Attempt limits that slow an attacker down without locking the owner out, keyed so the
//! counters reveal nobody, and bounded password hashing.

use serde_json::{Value, json};
use tilts::domain::Role;

use crate::app::{PASSWORD, TestApp, error_code, spawn_behind_proxy};

const SIGN_IN: &str = "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { next } }";
const REQUEST_RESET: &str = "mutation($e: String!) { requestPasswordReset(email: $e) }";

async fn sign_in_from(app: &TestApp, client: &reqwest::Client, ip: &str, email: &str, password: &str) -> Value {
    app.graphql_from(client, ip, SIGN_IN, json!({ "e": email, "p": password })).await
}

macro_rules! behind_proxy_test {
    ($(async fn $name:ident($app:ident: TestApp) $body:block)*) => {
        $(
            mod $name {
                use super::*;

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let $app = spawn_behind_proxy(crate::Backend::Sqlite).await;
                    $body
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let $app = spawn_behind_proxy(crate::Backend::Postgres).await;
                    $body
                }
            }
        )*
    };
}

behind_proxy_test! {
    async fn an_attacker_cannot_keep_the_owner_from_signing_in(app: TestApp) {
        let email = app.create_account(Role::Founder).await;
        let attacker = TestApp::new_client();
        let mut limited = 0;
        for _ in 0..20 {
            let answer = sign_in_from(&app, &attacker, "203.0.113.5", &email, "guess guess guess").await;
            if error_code(&answer) == "RATE_LIMITED" {
                limited += 1;
                assert!(answer["errors"][0]["extensions"]["retryAfter"].as_i64().unwrap_or(0) > 0, "{answer}");
            }
        }
        assert_eq!(limited, 15, "five free guesses, then the attacker waits");
        // Even the right password waits on the attacker's network.
        assert_eq!(error_code(&sign_in_from(&app, &attacker, "203.0.113.5", &email, PASSWORD).await), "RATE_LIMITED");
        let owner = TestApp::new_client();
        let answer = sign_in_from(&app, &owner, "198.51.100.7", &email, PASSWORD).await;
        assert!(answer["errors"].is_null(), "the owner signs in from elsewhere: {answer}");
    }

    async fn refused_attempts_do_not_extend_the_wait_and_delays_grow(app: TestApp) {
        let email = app.create_account(Role::Mentor).await;
        let client = TestApp::new_client();
        for _ in 0..5 {
            assert_eq!(error_code(&sign_in_from(&app, &client, "203.0.113.9", &email, "wrong wrong wrong").await), "UNAUTHENTICATED");
        }
        let refused = sign_in_from(&app, &client, "203.0.113.9", &email, "wrong wrong wrong").await;
        assert_eq!(error_code(&refused), "RATE_LIMITED");
        let wait = refused["errors"][0]["extensions"]["retryAfter"].as_i64().unwrap_or(0);
        assert!((29..=30).contains(&wait), "the first delay is 30 s: {refused}");
        for _ in 0..10 {
            sign_in_from(&app, &client, "203.0.113.9", &email, "wrong wrong wrong").await;
        }
        app.clock.advance(chrono::Duration::seconds(31));
        assert_eq!(
            error_code(&sign_in_from(&app, &client, "203.0.113.9", &email, "wrong wrong wrong").await),
            "UNAUTHENTICATED",
            "refused attempts were not counted: one more try after the first delay"
        );
        let next = sign_in_from(&app, &client, "203.0.113.9", &email, PASSWORD).await;
        let wait = next["errors"][0]["extensions"]["retryAfter"].as_i64().unwrap_or(0);
        assert!((59..=60).contains(&wait), "the delay doubles: {next}");
        app.clock.advance(chrono::Duration::seconds(61));
        assert!(sign_in_from(&app, &client, "203.0.113.9", &email, PASSWORD).await["errors"].is_null());
    }

    async fn a_browser_that_signed_in_before_gets_through_the_account_ceiling(app: TestApp) {
        let email = app.create_account(Role::Enterprise).await;
        let phone = TestApp::new_client();
        assert!(sign_in_from(&app, &phone, "198.51.100.20", &email, PASSWORD).await["errors"].is_null());
        app.graphql_as(&phone, "mutation { signOut }", json!({})).await;
        // A distributed attack: 100 guesses from 25 networks, four each (below their own delays).
        let attacker = reqwest::Client::new();
        for n in 0..100 {
            let ip = format!("203.0.{}.{}", 113 + n / 4 / 250, 1 + (n / 4) % 250);
            let answer = sign_in_from(&app, &attacker, &ip, &email, "guess guess guess").await;
            assert_eq!(error_code(&answer), "UNAUTHENTICATED", "guess {n}: {answer}");
        }
        let newcomer = TestApp::new_client();
        let held = sign_in_from(&app, &newcomer, "192.0.2.44", &email, PASSWORD).await;
        assert_eq!(error_code(&held), "RATE_LIMITED", "unknown browsers wait: {held}");
        let answer = sign_in_from(&app, &phone, "192.0.2.45", &email, PASSWORD).await;
        assert!(answer["errors"].is_null(), "the owner's phone is let through: {answer}");
    }

    async fn requests_sent_at_once_cannot_all_pass_on_the_same_count(app: TestApp) {
        let email = app.create_account(Role::Founder).await;
        let attacker = reqwest::Client::new();
        let burst = (0..12).map(|_| sign_in_from(&app, &attacker, "203.0.113.60", &email, "guess guess guess"));
        let answers = futures::future::join_all(burst).await;
        let checked = answers.iter().filter(|a| error_code(a) == "UNAUTHENTICATED").count();
        assert_eq!(checked, 5, "only the five free guesses were checked: {answers:?}");
    }

    async fn nobody_can_use_up_another_persons_password_resets(app: TestApp) {
        let email = app.create_account(Role::Founder).await;
        let attacker = reqwest::Client::new();
        for _ in 0..3 {
            let answer = app.graphql_from(&attacker, "203.0.113.77", REQUEST_RESET, json!({ "e": email })).await;
            assert_eq!(answer["data"]["requestPasswordReset"], true, "{answer}");
        }
        let refused = app.graphql_from(&attacker, "203.0.113.77", REQUEST_RESET, json!({ "e": email })).await;
        assert_eq!(error_code(&refused), "RATE_LIMITED");
        app.smtp.wait_for(3).await;
        let owner = reqwest::Client::new();
        let answer = app.graphql_from(&owner, "198.51.100.8", REQUEST_RESET, json!({ "e": email })).await;
        assert_eq!(answer["data"]["requestPasswordReset"], true, "the owner still gets a link: {answer}");
        app.smtp.wait_for(4).await;
    }

    async fn one_address_gets_at_most_ten_new_verification_links_a_day_from_any_networks(app: TestApp) {
        app.clock.start_of_next_window(24 * 60 * 60);
        let resend = "mutation($e: String!) { resendVerification(email: $e) }";
        for n in 0..10 {
            let answer = app.graphql_from(&app.client, &format!("203.0.113.{n}"), resend, json!({ "e": "target@example.lv" })).await;
            assert_eq!(answer["data"]["resendVerification"], true, "{n}: {answer}");
        }
        let refused = app.graphql_from(&app.client, "198.51.100.7", resend, json!({ "e": "target@example.lv" })).await;
        assert_eq!(error_code(&refused), "RATE_LIMITED", "{refused}");
        let other = app.graphql_from(&app.client, "198.51.100.7", resend, json!({ "e": "someone-else@example.lv" })).await;
        assert_eq!(other["data"]["resendVerification"], true, "only that address is held back: {other}");
    }

    async fn ipv6_clients_are_counted_per_56_network(app: TestApp) {
        let email = app.create_account(Role::Founder).await;
        let client = reqwest::Client::new();
        for n in 1..=5 {
            let ip = format!("2001:db8:7:1::{n:x}");
            assert_eq!(error_code(&sign_in_from(&app, &client, &ip, &email, "wrong wrong wrong").await), "UNAUTHENTICATED");
        }
        // Another /64 of the same /56 (a home's allocation) is the same client.
        let same_network = sign_in_from(&app, &client, "2001:db8:7:ff:ffff::1", &email, "wrong wrong wrong").await;
        assert_eq!(error_code(&same_network), "RATE_LIMITED", "{same_network}");
        let other_network = sign_in_from(&app, &client, "2001:db8:8::1", &email, PASSWORD).await;
        assert!(other_network["errors"].is_null(), "{other_network}");
    }
}

crate::db_test! {
    async fn a_forged_forwarding_header_is_ignored_without_trusted_proxies(app: TestApp) {
        let email = app.create_account(Role::Founder).await;
        let client = reqwest::Client::new();
        for n in 1..=5 {
            let answer = app.graphql_from(&client, &format!("203.0.113.{n}"), SIGN_IN, json!({ "e": email, "p": "wrong wrong wrong" })).await;
            assert_eq!(error_code(&answer), "UNAUTHENTICATED");
        }
        let sixth = app.graphql_from(&client, "203.0.113.99", SIGN_IN, json!({ "e": email, "p": "wrong wrong wrong" })).await;
        assert_eq!(error_code(&sixth), "RATE_LIMITED", "a new forged address is still the same client: {sixth}");
    }

    async fn counters_hold_no_reversible_key(app: TestApp) {
        use sea_orm::{ConnectionTrait, Statement};
        let email = "counted.person@example.lv";
        app.sign_in(&app.client, email, "wrong wrong wrong").await;
        app.graphql(REQUEST_RESET, json!({ "e": email })).await;
        let backend = app.state.db.get_database_backend();
        let rows = app.state.db.query_all_raw(Statement::from_string(backend, "SELECT bucket FROM rate_limits")).await.unwrap();
        let buckets: Vec<String> = rows.iter().map(|r| r.try_get::<String>("", "bucket").unwrap()).collect();
        assert!(buckets.len() >= 4, "{buckets:?}");
        let guessable: Vec<String> = [
            "sign_in:email:", "sign_in:account:", "reset:email:", "reset:account:", "sign_in:ip:", "sign_in:client:",
        ]
        .iter()
        .flat_map(|prefix| {
            [format!("{prefix}{email}"), format!("{prefix}127.0.0.1"), format!("{prefix}ip:127.0.0.1")]
        })
        .map(|key| tilts::domain::token::sha256_hex(&key))
        .collect();
        for bucket in &buckets {
            assert!(!guessable.contains(bucket), "{bucket} is a plain hash of a guessable key");
            assert!(!bucket.contains("example.lv") && !bucket.contains("127.0.0.1"));
        }
    }

    async fn a_signed_in_person_cannot_guess_passwords_through_change_password(app: TestApp) {
        app.sign_in_new(&app.client, Role::Founder).await;
        let change = "mutation($c: String!, $n: String!) { changePassword(current: $c, new: $n) }";
        for _ in 0..5 {
            let answer = app.graphql(change, json!({ "c": "a wrong guess", "n": "jauna parole 2026" })).await;
            assert_eq!(answer["errors"][0]["extensions"]["field"], "current", "{answer}");
        }
        let answer = app.graphql(change, json!({ "c": PASSWORD, "n": "jauna parole 2026" })).await;
        assert_eq!(error_code(&answer), "RATE_LIMITED", "limited before hashing: {answer}");
    }

    async fn signing_in_upgrades_a_hash_made_with_older_parameters(app: TestApp) {
        use tilts::domain::Clock as _;
        let email = app.create_account(Role::Founder).await;
        let address = tilts::domain::EmailAddress::parse(&email).unwrap();
        let user = tilts::db::repos::users::find_by_email(&app.state.db, &address).await.unwrap().unwrap();
        let old = crate::app::weak_hash(PASSWORD);
        tilts::db::repos::users::set_password_hash(&app.state.db, user.account.id, old.clone(), app.clock.now()).await.unwrap();
        assert!(app.sign_in(&app.client, &email, PASSWORD).await["errors"].is_null());
        let after = tilts::db::repos::users::find_by_email(&app.state.db, &address).await.unwrap().unwrap();
        let stored = after.password_hash.unwrap();
        assert_ne!(stored, old);
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(app.sign_in(&TestApp::new_client(), &email, PASSWORD).await["errors"].is_null());
    }
}
