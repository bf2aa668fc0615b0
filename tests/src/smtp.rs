//! A real SMTP server on loopback (Debian's `python3-aiosmtpd`) writing into a Maildir that
//! the test reads back.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// An SMTP server that can be stopped and started again on the same port.
pub struct SmtpServer {
    port: u16,
    maildir: tempfile::TempDir,
    child: Option<Child>,
    // Set by `start_slow`: the folder holding the slow handler module.
    slow_handler: Option<PathBuf>,
}

// An aiosmtpd handler that waits before taking each message, as a busy mail server does.
const SLOW_HANDLER: &str = r#"import asyncio
from aiosmtpd.handlers import Mailbox

DELAY = {delay}

class SlowMailbox(Mailbox):
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(DELAY)
        return await super().handle_DATA(server, session, envelope)
"#;

/// A received message.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The `To` header.
    pub to: String,
    /// The decoded subject.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// The `Message-ID` header.
    pub message_id: String,
}

impl ReceivedMail {
    /// The value of `token=` in the first link of the message.
    pub fn token(&self) -> String {
        let start = self.text.find("token=").expect("the message has a token link") + "token=".len();
        self.text[start..].chars().take_while(char::is_ascii_hexdigit).collect()
    }

    /// The first `http` link in the text part.
    pub fn link(&self) -> String {
        let start = self.text.find("http").expect("the message has a link");
        self.text[start..].split_whitespace().next().unwrap_or_default().to_owned()
    }
}

impl SmtpServer {
    /// Starts a server on a free loopback port.
    pub fn start() -> SmtpServer {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let mut server =
            SmtpServer { port, maildir: tempfile::tempdir().expect("temp dir"), child: None, slow_handler: None };
        server.resume();
        server
    }

    /// Starts a server that takes `delay` to accept each message.
    pub fn start_slow(delay: Duration) -> SmtpServer {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let maildir = tempfile::tempdir().expect("temp dir");
        let handler = maildir.path().join("handler");
        std::fs::create_dir_all(&handler).expect("handler dir");
        let module = SLOW_HANDLER.replace("{delay}", &delay.as_secs_f64().to_string());
        std::fs::write(handler.join("tilts_slow_mailbox.py"), module).expect("handler module");
        let mut server = SmtpServer { port, maildir, child: None, slow_handler: Some(handler) };
        server.resume();
        server
    }

    /// The URL for `TILTS_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops the server: connections are refused until [`SmtpServer::resume`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Starts the server again on the same port, waiting until it accepts connections.
    pub fn resume(&mut self) {
        let python = if std::path::Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
        let mut command = Command::new(python);
        let handler = match &self.slow_handler {
            Some(dir) => {
                command.env("PYTHONPATH", dir);
                "tilts_slow_mailbox.SlowMailbox"
            }
            None => "aiosmtpd.handlers.Mailbox",
        };
        let child = command
            .args(["-m", "aiosmtpd", "-n", "-u", "-l", &format!("127.0.0.1:{}", self.port), "-c", handler])
            .arg(self.maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd is installed (Debian package python3-aiosmtpd)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "the SMTP server did not start");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = ["new", "cur"]
            .iter()
            .filter_map(|d| std::fs::read_dir(self.maildir.path().join("box").join(d)).ok())
            .flatten()
            .filter_map(|e| e.ok())
            .map(|e| (e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), e.path()))
            .collect();
        files.sort();
        files.into_iter().map(|(_, p)| p).collect()
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.files().iter().filter_map(|p| std::fs::read(p).ok()).map(|raw| parse(&raw)).collect()
    }

    /// Waits until `count` messages have arrived (at most 15 s) and returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(Instant::now() < deadline, "expected {count} e-mails, got {}", messages.len());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the first message to `to`.
    pub async fn wait_for_message_to(&self, to: &str) -> ReceivedMail {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(m) = self.messages().into_iter().find(|m| m.to.contains(to)) {
                return m;
            }
            assert!(Instant::now() < deadline, "no e-mail to {to} arrived");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Every message to `to`.
    pub fn messages_to(&self, to: &str) -> Vec<ReceivedMail> {
        self.messages().into_iter().filter(|m| m.to.contains(to)).collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn parse(raw: &[u8]) -> ReceivedMail {
    let mail = mailparse::parse_mail(raw).expect("a parseable e-mail");
    let header = |name: &str| {
        mail.headers.iter().find(|h| h.get_key().eq_ignore_ascii_case(name)).map(|h| h.get_value()).unwrap_or_default()
    };
    let mut text = String::new();
    let mut html = String::new();
    collect_parts(&mail, &mut text, &mut html);
    ReceivedMail { to: header("To"), subject: header("Subject"), text, html, message_id: header("Message-ID") }
}

fn collect_parts(part: &mailparse::ParsedMail<'_>, text: &mut String, html: &mut String) {
    if part.subparts.is_empty() {
        let body = part.get_body().unwrap_or_default();
        match part.ctype.mimetype.as_str() {
            "text/plain" => text.push_str(&body),
            "text/html" => html.push_str(&body),
            _ => {}
        }
    }
    for sub in &part.subparts {
        collect_parts(sub, text, html);
    }
}
