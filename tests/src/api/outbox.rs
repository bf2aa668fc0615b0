//! E-mail survives a mail server outage and is delivered exactly once.

use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tilts::db::{entities::outbox as rows, repos::outbox};

use crate::TestApp;

/// The outbox row of the one message to `recipient`.
async fn row_to(app: &TestApp, recipient: &str) -> rows::Model {
    rows::Entity::find().filter(rows::Column::Recipient.eq(recipient)).one(&app.state.db).await.unwrap().unwrap()
}

db_test! {
    async fn mail_queued_while_smtp_is_down_arrives_exactly_once_when_it_returns(app: TestApp) {
        app.smtp.stop();
        for n in 0..3 {
            let answer = app.register(&format!("person{n}@example.lv"), "FOUNDER", "LV").await;
            assert_eq!(answer["data"]["register"], true, "no error reaches the user: {answer}");
        }
        // Let the worker fail and schedule retries.
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        let counts = tilts::db::repos::outbox::counts(&app.state.db).await.unwrap();
        assert_eq!(counts.pending, 3);

        app.smtp.resume();
        app.smtp.wait_for(3).await;
        // Give any duplicate time to show up.
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        for n in 0..3 {
            assert_eq!(app.smtp.messages_to(&format!("person{n}@example.lv")).len(), 1);
        }
        let counts = tilts::db::repos::outbox::counts(&app.state.db).await.unwrap();
        assert_eq!((counts.pending, counts.sent, counts.failed), (0, 3, 0));
    }
}

db_test! {
    async fn mail_that_cannot_be_sent_for_72_hours_is_marked_failed(app: TestApp) {
        app.smtp.stop();
        app.register("unreachable@example.lv", "MENTOR", "EN").await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        app.clock.advance(chrono::Duration::hours(73));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let counts = tilts::db::repos::outbox::counts(&app.state.db).await.unwrap();
            if counts.failed == 1 {
                assert_eq!(counts.pending, 0);
                break;
            }
            assert!(std::time::Instant::now() < deadline, "still {counts:?}");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // A mail server coming back later does not resurrect it.
        app.smtp.resume();
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        assert!(app.smtp.messages().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_deliver_each_message_once() {
    let mut app = crate::spawn_app(crate::Backend::Postgres).await;
    let replica = app.spawn_replica().await;
    app.smtp.stop();
    let other = reqwest::Client::new();
    for n in 0..12 {
        let (url, client) = if n % 2 == 0 { (&app.address, &app.client) } else { (&replica.address, &other) };
        let query = "mutation($i: RegisterInput!) { register(input: $i) }";
        let input = serde_json::json!({ "i": { "email": format!("p{n}@example.lv"), "password": "kalnu takas 2026", "displayName": "P", "role": "FOUNDER", "locale": "LV" } });
        let answer: serde_json::Value = client
            .post(format!("{url}/graphql"))
            .json(&serde_json::json!({ "query": query, "variables": input }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(answer["data"]["register"], true, "{answer}");
    }
    // Both workers now hold due rows and retry together when the server returns.
    app.smtp.resume();
    app.smtp.wait_for(12).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    for n in 0..12 {
        assert_eq!(app.smtp.messages_to(&format!("p{n}@example.lv")).len(), 1, "p{n}");
    }
}

db_test! {
    async fn mail_given_up_on_loses_its_body_and_is_deleted_30_days_later(app: TestApp) {
        app.smtp.stop();
        app.register("unreachable@example.lv", "MENTOR", "EN").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.clock.advance(chrono::Duration::hours(73));
        let deadline = Instant::now() + Duration::from_secs(10);
        while row_to(&app, "unreachable@example.lv").await.status != "failed" {
            assert!(Instant::now() < deadline, "not given up on");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let row = row_to(&app, "unreachable@example.lv").await;
        assert_eq!((row.body_text.as_str(), row.body_html.as_str()), ("", ""), "the link in it must not linger");
        assert!(!row.subject.is_empty());

        // 29 days after giving up (32 after it was written) it is still there...
        app.clock.advance(chrono::Duration::days(29));
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(outbox::counts(&app.state.db).await.unwrap().failed, 1);
        // ...and a day past the 30 it is gone.
        app.clock.advance(chrono::Duration::days(2));
        let deadline = Instant::now() + Duration::from_secs(10);
        while outbox::counts(&app.state.db).await.unwrap().failed != 0 {
            assert!(Instant::now() < deadline, "the failed row was not deleted");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
