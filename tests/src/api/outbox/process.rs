//! The `tilts` binary killed or stopped while it sends e-mail to a slow mail server.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    process::Stdio,
    time::{Duration, Instant},
};

use sea_orm::{DatabaseConnection, EntityTrait};
use tilts::db::{entities::outbox as rows, repos::outbox};
use uuid::Uuid;

use crate::api::binary::tilts_binary;
use crate::smtp::SmtpServer;

const FROM: &str = "Tilts <noreply@tilts.test>";
const MESSAGES: usize = 15;

/// A `tilts serve` process with its log in a file.
struct Server {
    child: tokio::process::Child,
    log: PathBuf,
}

impl Server {
    /// Starts `tilts serve` on `database_url` and waits until it is ready.
    async fn start(dir: &Path, name: &str, database_url: &str, smtp: &SmtpServer) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = dir.join(format!("{name}.log"));
        let child = tokio::process::Command::new(tilts_binary())
            .arg("serve")
            .env("TILTS_ENV", "development")
            .env("TILTS_BIND", format!("127.0.0.1:{port}"))
            .env("TILTS_DATA_DIR", dir)
            .env("TILTS_DATABASE_URL", database_url)
            .env("TILTS_SMTP_URL", smtp.url())
            .env("TILTS_MAIL_FROM", FROM)
            .env("TILTS_STATIC_DIR", "/nonexistent")
            .env("TILTS_LOG", "info,sqlx=warn,sea_orm=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let server = Server { child, log };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await
                && r.status() == 200
            {
                return server;
            }
            assert!(Instant::now() < deadline, "tilts did not start: {}", server.log());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends SIGTERM; returns how long the process took to exit, after asserting it exited 0.
    async fn terminate(&mut self) -> Duration {
        let pid = self.child.id().unwrap().to_string();
        let started = Instant::now();
        assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
        let status = tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("tilts exits within 30 s of SIGTERM")
            .unwrap();
        assert!(status.success(), "graceful shutdown exits 0: {status}\n{}", self.log());
        started.elapsed()
    }
}

/// A fresh migrated SQLite file holding `MESSAGES` queued e-mails, oldest first.
async fn queued_database(dir: &Path) -> (String, DatabaseConnection, Vec<(Uuid, String)>) {
    let url = format!("sqlite://{}?mode=rwc", dir.join("tilts.db").display());
    let db = tilts::db::connect(&url).await.unwrap();
    tilts::db::migrate(&db).await.unwrap();
    let start = chrono::Utc::now() - chrono::Duration::seconds(5);
    let mut queued = Vec::new();
    for n in 0..MESSAGES {
        let to = format!("person{n}@example.lv");
        let msg =
            outbox::NewMessage { recipient: &to, subject: "Sveiki", body_text: "Teksts", body_html: "<p>Teksts</p>" };
        let id = outbox::enqueue(&db, msg, start + chrono::Duration::milliseconds(n as i64)).await.unwrap();
        queued.push((id, to));
    }
    (url, db, queued)
}

/// Waits until at least `count` e-mails have reached the mail server.
async fn wait_for_deliveries(smtp: &SmtpServer, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while smtp.messages().len() < count {
        assert!(Instant::now() < deadline, "the server sent fewer than {count} e-mails");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_mid_batch_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start_slow(Duration::from_millis(300));
    let (url, db, queued) = queued_database(dir.path()).await;

    let mut first = Server::start(dir.path(), "first", &url, &smtp).await;
    wait_for_deliveries(&smtp, 3).await;
    first.child.start_kill().unwrap();
    first.child.wait().await.unwrap();

    let restarted = Instant::now();
    let second = Server::start(dir.path(), "second", &url, &smtp).await;
    let deadline = restarted + Duration::from_secs(60);
    while queued.iter().any(|(_, to)| smtp.messages_to(to).is_empty()) {
        assert!(Instant::now() < deadline, "not every e-mail arrived within 60 s of the restart");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "all {MESSAGES} e-mails delivered {:.1} s after SIGKILL and restart ({} copies received)",
        restarted.elapsed().as_secs_f64(),
        smtp.messages().len()
    );

    // At least once each; a copy sent twice is recognisably the same message.
    for (id, to) in &queued {
        let copies = smtp.messages_to(to);
        assert!(copies.iter().all(|m| m.message_id == format!("<{id}@tilts.test>")), "{to}: {copies:?}");
    }
    assert!(
        second.log().contains("e-mails held by a stopped worker are being sent now"),
        "the restarted server names the held e-mails: {}",
        second.log()
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while outbox::counts(&db).await.unwrap().sent != MESSAGES as u64 {
        assert!(Instant::now() < deadline, "{:?}", outbox::counts(&db).await.unwrap());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_message_in_flight_and_stops_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start_slow(Duration::from_millis(500));
    let (url, db, queued) = queued_database(dir.path()).await;

    let mut first = Server::start(dir.path(), "first", &url, &smtp).await;
    wait_for_deliveries(&smtp, 2).await;
    let stop_time = first.terminate().await;
    eprintln!("stopped {:.2} s after SIGTERM", stop_time.as_secs_f64());
    // The rest of the queue would take over 5 s more.
    assert!(stop_time < Duration::from_secs(3), "took {stop_time:?}");

    // What reached the mail server is recorded as sent; everything else is free for the next start.
    let all = rows::Entity::find().all(&db).await.unwrap();
    let delivered: BTreeSet<String> = smtp.messages().into_iter().map(|m| m.to).collect();
    let recorded: BTreeSet<String> = all.iter().filter(|r| r.status == "sent").map(|r| r.recipient.clone()).collect();
    assert_eq!(delivered, recorded);
    let pending: Vec<&rows::Model> = all.iter().filter(|r| r.status == "pending").collect();
    assert!(pending.len() >= MESSAGES - 5, "the stop did not wait for the queue: {} pending", pending.len());
    assert!(pending.iter().all(|r| r.locked_until.is_none()), "claimed rows were left locked");

    let restarted = Instant::now();
    let mut second = Server::start(dir.path(), "second", &url, &smtp).await;
    // Far sooner than the 30 s lease: nothing waits for one.
    let deadline = restarted + Duration::from_secs(20);
    while queued.iter().any(|(_, to)| smtp.messages_to(to).is_empty()) {
        assert!(Instant::now() < deadline, "the released e-mails were not sent after the restart");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("the rest delivered {:.1} s after the restart", restarted.elapsed().as_secs_f64());
    for (_, to) in &queued {
        assert_eq!(smtp.messages_to(to).len(), 1, "a graceful stop sends nothing twice: {to}");
    }
    second.terminate().await;
}
