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
use uuid::Uuid;

use crate::config::MailSettings;
use crate::db::repos::outbox;
use crate::domain::EmailAddress;
pub use templates::{Email, Rendered};

/// How long the SMTP transport waits for the mail server at each step.
pub const SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

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
                    .timeout(Some(SMTP_TIMEOUT))
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

    /// Delivers one queued message.
    pub async fn send(&self, from: &Mailbox, queued: &outbox::ClaimedMessage) -> anyhow::Result<()> {
        let message = build_message(from, queued)?;
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

/// The `Message-ID` of the outbox row `id`: the same for every attempt, so a copy sent again
/// after a crash is recognisably the same message.
pub fn message_id(id: Uuid, from: &Mailbox) -> String {
    format!("<{id}@{}>", from.email.domain())
}

fn build_message(from: &Mailbox, queued: &outbox::ClaimedMessage) -> anyhow::Result<Message> {
    Message::builder()
        .from(from.clone())
        .to(queued.recipient.parse::<Mailbox>().context("recipient is not a mailbox")?)
        .subject(&queued.subject)
        .message_id(Some(message_id(queued.id, from)))
        .multipart(MultiPart::alternative_plain_html(queued.body_text.clone(), queued.body_html.clone()))
        .context("building the message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_attempt_at_a_message_carries_the_same_message_id() -> anyhow::Result<()> {
        let from: Mailbox = "Tilts <noreply@vpd.gov.lv>".parse()?;
        let queued = outbox::ClaimedMessage {
            id: Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef),
            recipient: "anna@example.lv".to_owned(),
            subject: "Sveiki".to_owned(),
            body_text: "Teksts".to_owned(),
            body_html: "<p>Teksts</p>".to_owned(),
            attempts: 0,
            created_at: Utc::now(),
        };
        let expected = "Message-ID: <01234567-89ab-cdef-0123-456789abcdef@vpd.gov.lv>\r\n";
        for _attempt in 0..2 {
            let formatted = String::from_utf8(build_message(&from, &queued)?.formatted())?;
            assert!(formatted.contains(expected), "{formatted}");
        }
        Ok(())
    }
}
