//! E-mail survives a mail server outage, a failing database write, a crash and a stop.

mod process;

use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, TransactionTrait};
use tilts::db::{entities::outbox as rows, repos::outbox};

use crate::TestApp;

/// The outbox row of the one message to `recipient`.
async fn row_to(app: &TestApp, recipient: &str) -> rows::Model {
    rows::Entity::find().filter(rows::Column::Recipient.eq(recipient)).one(&app.state.db).await.unwrap().unwrap()
}

/// Makes the database refuse to record a message to `recipient` as sent, as a failing write would.
async fn refuse_marking_sent(app: &TestApp, recipient: &str) {
    let db = &app.state.db;
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(&format!(
            "CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF NEW.status = 'sent' AND OLD.recipient = '{recipient}' THEN RAISE EXCEPTION 'injected failure'; END IF; \
             RETURN NEW; END $$"
        ))
        .await
        .unwrap();
        db.execute_unprepared(
            "CREATE TRIGGER refuse_sent BEFORE UPDATE ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_sent()",
        )
        .await
        .unwrap();
    } else {
        db.execute_unprepared(&format!(
            "CREATE TRIGGER refuse_sent BEFORE UPDATE ON outbox \
             WHEN NEW.status = 'sent' AND OLD.recipient = '{recipient}' \
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        ))
        .await
        .unwrap();
    }
}

async fn allow_marking_sent(app: &TestApp) {
    let db = &app.state.db;
    let sql = if db.get_database_backend() == DbBackend::Postgres {
        "DROP TRIGGER refuse_sent ON outbox"
    } else {
        "DROP TRIGGER refuse_sent"
    };
    db.execute_unprepared(sql).await.unwrap();
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
    async fn a_failed_mark_sent_does_not_hold_up_the_batch(app: TestApp) {
        let failing = "unrecorded@example.lv";
        let others = ["second@example.lv", "third@example.lv"];
        refuse_marking_sent(&app, failing).await;
        // One commit, the failing message oldest: all three are claimed as one batch, it first.
        let start = app.state.now() - chrono::Duration::seconds(1);
        let txn = app.state.db.begin().await.unwrap();
        for (n, to) in [failing, others[0], others[1]].into_iter().enumerate() {
            let msg = outbox::NewMessage { recipient: to, subject: "Sveiki", body_text: "Teksts", body_html: "<p>Teksts</p>" };
            outbox::enqueue(&txn, msg, start + chrono::Duration::milliseconds(n as i64)).await.unwrap();
        }
        txn.commit().await.unwrap();
        app.state.outbox_wake.notify_one();

        // The two after it are delivered and recorded at once, not after a lease.
        let deadline = Instant::now() + Duration::from_secs(5);
        for to in others {
            while row_to(&app, to).await.status != "sent" {
                assert!(Instant::now() < deadline, "{to} was not recorded as sent in time");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            assert_eq!(app.smtp.messages_to(to).len(), 1, "{to}");
        }

        // The unrecorded one was released and goes out again well inside its 30 s lease.
        let first = app.smtp.wait_for_message_to(failing).await;
        assert!(first.message_id.starts_with('<') && first.message_id.ends_with('>'), "{first:?}");
        while app.smtp.messages_to(failing).len() < 2 {
            assert!(Instant::now() < deadline, "the unrecorded e-mail was not sent again");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let row = row_to(&app, failing).await;
        assert_eq!(row.status, "pending");
        assert!(row.last_error.unwrap_or_default().contains("not recorded as sent"));

        allow_marking_sent(&app).await;
        let deadline = Instant::now() + Duration::from_secs(5);
        while row_to(&app, failing).await.status != "sent" {
            assert!(Instant::now() < deadline, "the e-mail was not recorded once the database allowed it");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let copies = app.smtp.messages_to(failing);
        assert!(copies.iter().all(|m| m.message_id == first.message_id), "{copies:?}");
        let other_ids: Vec<String> = others.iter().map(|to| app.smtp.messages_to(to)[0].message_id.clone()).collect();
        assert!(!other_ids.contains(&first.message_id) && other_ids[0] != other_ids[1], "{other_ids:?}");
        let counts = outbox::counts(&app.state.db).await.unwrap();
        assert_eq!((counts.pending, counts.sent, counts.failed), (0, 3, 0));
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
