//! E-mail survives a mail server outage and is delivered exactly once.

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
