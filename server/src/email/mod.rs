//! E-mail: templates per message and language, the outbox, and the transports.

pub mod templates;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart},
};
use sea_orm::ConnectionTrait;
use secrecy::ExposeSecret;

use crate::config::MailSettings;
use crate::db::repos::outbox;
use crate::domain::EmailAddress;
pub use templates::{Email, Rendered};

/// Queues `rendered` for `to` in the outbox. Call inside the transaction of the change that causes it.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    to: &EmailAddress,
    rendered: &Rendered,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    outbox::enqueue(
        db,
        outbox::NewMessage {
            recipient: to.as_str(),
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
        },
        now,
    )
    .await
    .context("queueing an e-mail")?;
    Ok(())
}

/// Sends messages: through SMTP when configured, else into `.eml` files.
#[derive(Clone)]
pub enum Mailer {
    /// An SMTP server.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Files in a folder (the default: a fresh checkout needs no mail server).
    File(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    /// Builds the transport the settings name.
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<(Mailer, Mailbox)> {
        let mailer = match &settings.smtp_url {
            Some(url) => Mailer::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .context("TILTS_SMTP_URL is not usable")?
                    .timeout(Some(std::time::Duration::from_secs(15)))
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(&settings.file_dir)
                    .with_context(|| format!("creating {}", settings.file_dir.display()))?;
                Mailer::File(AsyncFileTransport::new(&settings.file_dir))
            }
        };
        Ok((mailer, settings.from.clone()))
    }

    /// Delivers one message.
    pub async fn send(&self, from: &Mailbox, to: &str, subject: &str, text: &str, html: &str) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(from.clone())
            .to(to.parse::<Mailbox>().context("recipient is not a mailbox")?)
            .subject(subject)
            .multipart(MultiPart::alternative_plain_html(text.to_owned(), html.to_owned()))
            .context("building the message")?;
        match self {
            Mailer::Smtp(t) => {
                t.send(message).await.context("SMTP delivery")?;
            }
            Mailer::File(t) => {
                t.send(message).await.context("writing the message file")?;
            }
        }
        Ok(())
    }
}
