//! Settings, read once from the environment and validated with one clear line per bad value.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use lettre::message::Mailbox;
use secrecy::SecretString;
use url::Url;

/// Where Tilts runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// A developer's machine: GraphiQL, introspection, cookies without `Secure`.
    Development,
    /// A real deployment: no introspection, no GraphiQL, `Secure` cookies, JSON logs.
    Production,
}

/// All settings.
///
/// Environment variables (all optional):
/// - `TILTS_ENV`: `development` (default) or `production`.
/// - `TILTS_BIND`: the address to listen on, default `127.0.0.1:8080`.
/// - `TILTS_PUBLIC_URL`: the address people open, used in e-mail links; default `http://<TILTS_BIND>`.
/// - `TILTS_DATABASE_URL`: `sqlite://path?mode=rwc` or `postgres://…`; default the SQLite file
///   `<TILTS_DATA_DIR>/tilts.db`, created and migrated on start.
/// - `TILTS_DATA_DIR`: where the SQLite file and unsent-mail files live, default `data`.
/// - `TILTS_STATIC_DIR`: the built PWA (Trunk's output), default `frontend/dist`.
/// - `TILTS_SMTP_URL`: e.g. `smtp://127.0.0.1:25` or `smtps://user:pass@host`; unset, e-mails are
///   written as `.eml` files under `<TILTS_DATA_DIR>/mail`.
/// - `TILTS_MAIL_FROM`: the sender, default `Tilts <noreply@tilts.localhost>`.
/// - `TILTS_CLIENT_IP_HEADER`: behind a reverse proxy, the header it sets with the client's
///   address (e.g. `X-Forwarded-For`); rate limits then count per real client.
/// - `TILTS_LOG`: a tracing filter such as `info,tilts=debug`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Development or production.
    pub environment: Environment,
    /// The listening address (port 0 picks a free one).
    pub bind: SocketAddr,
    /// The public base URL, without a trailing slash.
    pub public_url: Url,
    /// The database URL (may hold a password).
    pub database_url: SecretString,
    /// The built PWA.
    pub static_dir: PathBuf,
    /// The trusted proxy's client-address header, if any.
    pub client_ip_header: Option<String>,
    /// E-mail delivery.
    pub mail: MailSettings,
    /// Outbox worker timing.
    pub outbox: OutboxSettings,
}

/// E-mail delivery settings.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// SMTP server; `None` writes files into `file_dir`.
    pub smtp_url: Option<SecretString>,
    /// The sender.
    pub from: Mailbox,
    /// Where the file transport writes.
    pub file_dir: PathBuf,
}

/// Outbox worker timing.
#[derive(Debug, Clone)]
pub struct OutboxSettings {
    /// How often to look for due messages when nothing wakes the worker.
    pub poll_interval: Duration,
    /// The first retry delay; each further failure doubles it.
    pub retry_base: Duration,
    /// The longest delay between retries.
    pub retry_max: Duration,
    /// How long to keep trying before marking a message failed.
    pub give_up_after: Duration,
    /// How long a claimed message stays reserved for one worker without being renewed: the
    /// worker renews it before each send, so after a crash its messages wait at most this long.
    /// Keep it well above the SMTP timeout ([`crate::email::SMTP_TIMEOUT`]).
    pub lease: Duration,
}

impl Default for OutboxSettings {
    fn default() -> Self {
        OutboxSettings {
            poll_interval: Duration::from_secs(5),
            retry_base: Duration::from_secs(30),
            retry_max: Duration::from_secs(60 * 60),
            give_up_after: Duration::from_secs(72 * 60 * 60),
            lease: Duration::from_secs(30),
        }
    }
}

/// Every bad value found, one line each.
#[derive(Debug)]
pub struct ConfigErrors(pub Vec<String>);

impl std::fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("\n"))
    }
}

impl std::error::Error for ConfigErrors {}

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> Result<Settings, ConfigErrors> {
        Settings::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` (a test passes its own map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Settings, ConfigErrors> {
        let var = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let mut errors = Vec::new();

        let environment = match var("TILTS_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                errors.push(format!("TILTS_ENV: {other:?} is neither \"development\" nor \"production\""));
                Environment::Development
            }
        };

        let bind_text = var("TILTS_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let bind = bind_text.parse::<SocketAddr>().unwrap_or_else(|_| {
            errors.push(format!("TILTS_BIND: {bind_text:?} is not an address and port such as 127.0.0.1:8080"));
            SocketAddr::from(([127, 0, 0, 1], 8080))
        });

        let public_url = match var("TILTS_PUBLIC_URL") {
            None => Url::parse(&format!("http://{bind}")).ok(),
            Some(text) => match Url::parse(text.trim_end_matches('/')) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => Some(url),
                _ => {
                    errors.push(format!(
                        "TILTS_PUBLIC_URL: {text:?} is not an http(s) URL such as https://tilts.vpd.gov.lv"
                    ));
                    None
                }
            },
        };

        let data_dir = PathBuf::from(var("TILTS_DATA_DIR").unwrap_or_else(|| "data".to_owned()));
        let database_url = var("TILTS_DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("tilts.db").display()));
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            errors.push("TILTS_DATABASE_URL: must start with sqlite: or postgres://".to_owned());
        }

        let smtp_url = var("TILTS_SMTP_URL");
        if let Some(text) = &smtp_url
            && !matches!(Url::parse(text).map(|u| u.scheme().to_owned()).as_deref(), Ok("smtp" | "smtps"))
        {
            errors.push("TILTS_SMTP_URL: must be an smtp:// or smtps:// URL such as smtp://127.0.0.1:25".to_owned());
        }

        let from_text = var("TILTS_MAIL_FROM").unwrap_or_else(|| "Tilts <noreply@tilts.localhost>".to_owned());
        let from = from_text.parse::<Mailbox>().ok();
        if from.is_none() {
            errors.push(format!(
                "TILTS_MAIL_FROM: {from_text:?} is not a mailbox such as \"Tilts <noreply@vpd.gov.lv>\""
            ));
        }

        let (Some(public_url), Some(from), true) = (public_url, from, errors.is_empty()) else {
            if errors.is_empty() {
                errors.push("TILTS_PUBLIC_URL: could not be derived from TILTS_BIND; set it".to_owned());
            }
            return Err(ConfigErrors(errors));
        };
        Ok(Settings {
            environment,
            bind,
            public_url,
            database_url: SecretString::from(database_url),
            static_dir: PathBuf::from(var("TILTS_STATIC_DIR").unwrap_or_else(|| "frontend/dist".to_owned())),
            client_ip_header: var("TILTS_CLIENT_IP_HEADER"),
            mail: MailSettings { smtp_url: smtp_url.map(SecretString::from), from, file_dir: data_dir.join("mail") },
            outbox: OutboxSettings::default(),
        })
    }

    /// Whether this is a production deployment.
    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    /// An absolute link to a page of the PWA.
    pub fn page(&self, path: &str) -> String {
        let mut url = self.public_url.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}{path}"));
        url.set_query(None);
        url.to_string()
    }

    /// An absolute link into the PWA, e.g. `link("/verify-email", "token", t)`.
    pub fn link(&self, path: &str, param: &str, value: &str) -> String {
        let mut url = self.public_url.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}{path}"));
        url.query_pairs_mut().clear().append_pair(param, value);
        url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bad_value_is_named_on_its_own_line() {
        let errors = Settings::from_lookup(|name| match name {
            "TILTS_BIND" => Some("nowhere".to_owned()),
            "TILTS_ENV" => Some("staging".to_owned()),
            _ => None,
        })
        .err()
        .map(|e| e.0)
        .unwrap_or_default();
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().any(|e| e.starts_with("TILTS_BIND: ")));
        assert!(errors.iter().any(|e| e.starts_with("TILTS_ENV: ")));
    }

    #[test]
    fn links_keep_a_public_path_prefix() {
        let settings =
            Settings::from_lookup(|name| (name == "TILTS_PUBLIC_URL").then(|| "https://vpd.example/tilts/".to_owned()));
        let link = settings.map(|s| s.link("/verify-email", "token", "abc")).unwrap_or_default();
        assert_eq!(link, "https://vpd.example/tilts/verify-email?token=abc");
    }
}
