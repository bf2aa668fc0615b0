//! Settings, read once from the environment and validated with one clear line per bad value.

use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    time::Duration,
};

use ipnet::IpNet;
use lettre::message::Mailbox;
use secrecy::SecretString;
use url::Url;

/// The shortest accepted `TILTS_SECRET_KEY`, in bytes.
pub const MIN_SECRET_KEY_BYTES: usize = 32;

/// The key development uses when `TILTS_SECRET_KEY` is unset. Never used in production, where
/// the key is required.
const DEVELOPMENT_SECRET_KEY: &str = "tilts development key: not secret, never used in production";

/// Where Tilts runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// A developer's machine: GraphiQL, introspection, demo data. Only when `TILTS_ENV=development`.
    Development,
    /// A real deployment (the default): no introspection, no GraphiQL, JSON logs, and every
    /// setting a deployment needs must be given.
    Production,
}

/// The reverse proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    /// The proxies' networks; empty when clients connect directly.
    pub networks: Vec<IpNet>,
    /// The header the proxies append the client's address to.
    pub header: String,
}

impl TrustedProxies {
    /// Whether `ip` is one of the trusted proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.networks.iter().any(|net| net.contains(&ip))
    }
}

/// An IPv4 address written as IPv6 (`::ffff:a.b.c.d`) becomes plain IPv4.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// All settings.
///
/// Environment variables:
/// - `TILTS_ENV`: `production` (the default) or `development`. Production refuses to start
///   without `TILTS_PUBLIC_URL` (https), `TILTS_SMTP_URL`, `TILTS_SECRET_KEY` and
///   `TILTS_TRUSTED_PROXIES`; development has defaults for all of them.
/// - `TILTS_BIND`: the address to listen on, default `127.0.0.1:8080`.
/// - `TILTS_PUBLIC_URL`: the address people open, used in e-mail links and deciding whether
///   cookies are `Secure`; development default `http://<TILTS_BIND>`.
/// - `TILTS_DATABASE_URL`: `sqlite://path?mode=rwc` or `postgres://…`; default the SQLite file
///   `<TILTS_DATA_DIR>/tilts.db`, created and migrated on start.
/// - `TILTS_DATA_DIR`: where the SQLite file and unsent-mail files live, default `data`.
/// - `TILTS_STATIC_DIR`: the built PWA (Trunk's output), default `frontend/dist`.
/// - `TILTS_SMTP_URL`: e.g. `smtp://127.0.0.1:25` or `smtps://user:pass@host`; unset, e-mails are
///   written as `.eml` files under `<TILTS_DATA_DIR>/mail`.
/// - `TILTS_MAIL_FROM`: the sender, default `Tilts <noreply@tilts.localhost>`.
/// - `TILTS_SECRET_KEY`: at least 32 bytes; keys the HMAC that turns addresses into
///   rate-limit keys. Every replica needs the same key.
/// - `TILTS_TRUSTED_PROXIES`: the networks of the reverse proxies in front of Tilts, comma
///   separated (e.g. `10.0.0.0/8, 192.168.1.1`), or `none` when clients connect directly.
/// - `TILTS_CLIENT_IP_HEADER`: the header those proxies append the client's address to,
///   default `X-Forwarded-For`.
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
    /// The reverse proxies whose forwarding header is believed.
    pub trusted_proxies: TrustedProxies,
    /// Keys the HMAC of rate-limit keys.
    pub secret_key: SecretString,
    /// E-mail delivery.
    pub mail: MailSettings,
    /// Outbox worker timing.
    pub outbox: OutboxSettings,
    /// Password hashing capacity.
    pub hashing: HashingSettings,
    /// Scheduled jobs' timing.
    pub jobs: JobsSettings,
}

/// How often the scheduler looks for due jobs.
#[derive(Debug, Clone, Copy)]
pub struct JobsSettings {
    /// The pause between looks (each job has its own period; this only bounds how late it
    /// starts).
    pub tick: Duration,
}

impl Default for JobsSettings {
    fn default() -> Self {
        JobsSettings { tick: Duration::from_secs(60) }
    }
}

/// How much password hashing runs at once, and how long a request waits for its turn.
#[derive(Debug, Clone, Copy)]
pub struct HashingSettings {
    /// Argon2 computations (19 MiB each) at once.
    pub permits: usize,
    /// How long a request waits for a free slot before it is answered `RATE_LIMITED`.
    pub wait: Duration,
}

impl Default for HashingSettings {
    fn default() -> Self {
        HashingSettings { permits: 2, wait: Duration::from_secs(3) }
    }
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
            None | Some("production") => Environment::Production,
            Some("development") => Environment::Development,
            Some(other) => {
                errors.push(format!("TILTS_ENV: {other:?} is neither \"production\" nor \"development\""));
                Environment::Production
            }
        };
        let production = environment == Environment::Production;

        let bind_text = var("TILTS_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let bind = bind_text.parse::<SocketAddr>().unwrap_or_else(|_| {
            errors.push(format!("TILTS_BIND: {bind_text:?} is not an address and port such as 127.0.0.1:8080"));
            SocketAddr::from(([127, 0, 0, 1], 8080))
        });

        let public_url = match var("TILTS_PUBLIC_URL") {
            None if production => {
                errors.push(
                    "TILTS_PUBLIC_URL: required in production: the https address people open, such as https://tilts.vpd.gov.lv"
                        .to_owned(),
                );
                None
            }
            None => Url::parse(&format!("http://{bind}")).ok(),
            Some(text) => match Url::parse(text.trim_end_matches('/')) {
                Ok(url) if production && url.scheme() != "https" => {
                    errors.push(format!(
                        "TILTS_PUBLIC_URL: {text:?} must be an https URL in production, such as https://tilts.vpd.gov.lv"
                    ));
                    None
                }
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
        if smtp_url.is_none() && production {
            errors.push(
                "TILTS_SMTP_URL: required in production: the mail server, such as smtps://user:pass@mail.vpd.gov.lv"
                    .to_owned(),
            );
        }
        if let Some(text) = &smtp_url {
            match Url::parse(text) {
                Ok(url) if matches!(url.scheme(), "smtp" | "smtps") => {
                    if production && !smtp_is_encrypted(&url) {
                        errors.push(
                            "TILTS_SMTP_URL: reset links and the password must not cross the network in clear: use smtps://, or smtp:// with ?tls=required, or a mail server on this machine"
                                .to_owned(),
                        );
                    }
                }
                _ => errors
                    .push("TILTS_SMTP_URL: must be an smtp:// or smtps:// URL such as smtp://127.0.0.1:25".to_owned()),
            }
        }

        let from_text = var("TILTS_MAIL_FROM").unwrap_or_else(|| "Tilts <noreply@tilts.localhost>".to_owned());
        let from = from_text.parse::<Mailbox>().ok();
        if from.is_none() {
            errors.push(format!(
                "TILTS_MAIL_FROM: {from_text:?} is not a mailbox such as \"Tilts <noreply@vpd.gov.lv>\""
            ));
        }

        let secret_key = match var("TILTS_SECRET_KEY") {
            Some(key) if key.len() >= MIN_SECRET_KEY_BYTES => Some(key),
            Some(_) => {
                errors.push(format!(
                    "TILTS_SECRET_KEY: must be at least {MIN_SECRET_KEY_BYTES} bytes, e.g. the output of `openssl rand -hex 32`"
                ));
                None
            }
            None if production => {
                errors.push(format!(
                    "TILTS_SECRET_KEY: required in production: at least {MIN_SECRET_KEY_BYTES} random bytes, the same on every replica (e.g. `openssl rand -hex 32`)"
                ));
                None
            }
            None => Some(DEVELOPMENT_SECRET_KEY.to_owned()),
        };

        let header = var("TILTS_CLIENT_IP_HEADER").unwrap_or_else(|| "X-Forwarded-For".to_owned());
        // Only headers that hold a plain comma-separated list of addresses, as X-Forwarded-For.
        if header.eq_ignore_ascii_case("forwarded") || header.contains(char::is_whitespace) {
            errors.push(format!(
                "TILTS_CLIENT_IP_HEADER: {header:?} is not supported; use a header with a comma-separated list of addresses such as X-Forwarded-For"
            ));
        }
        let trusted_proxies = match var("TILTS_TRUSTED_PROXIES") {
            None if production => {
                errors.push(
                    "TILTS_TRUSTED_PROXIES: required in production: the reverse proxies' networks (e.g. 10.0.0.0/8), or \"none\" when clients connect directly"
                        .to_owned(),
                );
                None
            }
            None => Some(TrustedProxies { networks: Vec::new(), header }),
            Some(text) if text.eq_ignore_ascii_case("none") => Some(TrustedProxies { networks: Vec::new(), header }),
            Some(text) => match parse_networks(&text) {
                Ok(networks) => Some(TrustedProxies { networks, header }),
                Err(bad) => {
                    errors.push(format!(
                        "TILTS_TRUSTED_PROXIES: {bad:?} is not an address or network such as 10.0.0.0/8; use \"none\" when clients connect directly"
                    ));
                    None
                }
            },
        };

        let (Some(public_url), Some(from), Some(secret_key), Some(trusted_proxies), true) =
            (public_url, from, secret_key, trusted_proxies, errors.is_empty())
        else {
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
            trusted_proxies,
            secret_key: SecretString::from(secret_key),
            mail: MailSettings { smtp_url: smtp_url.map(SecretString::from), from, file_dir: data_dir.join("mail") },
            outbox: OutboxSettings::default(),
            hashing: HashingSettings::default(),
            jobs: JobsSettings::default(),
        })
    }

    /// Whether this is a production deployment.
    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    /// Whether people reach Tilts over https: then cookies are `Secure` with the `__Host-` prefix.
    pub fn https(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// An absolute link to a page of the PWA; `path` may end in a query (`/mentorship?id=…`).
    pub fn page(&self, path: &str) -> String {
        let (path, query) = path.split_once('?').map_or((path, None), |(path, query)| (path, Some(query)));
        let mut url = self.public_url.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}{path}"));
        url.set_query(query);
        url.to_string()
    }

    /// An absolute link into the PWA carrying a secret in its fragment, e.g.
    /// `link("/verify-email", "token", t)` gives `…/verify-email#token=t`. Browsers never send
    /// the fragment to a server, so the secret stays out of access logs, proxies and `Referer`.
    pub fn link(&self, path: &str, param: &str, value: &str) -> String {
        let mut url = self.public_url.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}{path}"));
        url.set_query(None);
        let fragment: String = url::form_urlencoded::Serializer::new(String::new()).append_pair(param, value).finish();
        url.set_fragment(Some(&fragment));
        url.to_string()
    }
}

/// Whether mail to `url` is encrypted on the way: `smtps://`, STARTTLS required, or a server on
/// this machine (the loopback never leaves it).
fn smtp_is_encrypted(url: &Url) -> bool {
    let loopback = match url.host() {
        // smtp:// is not a scheme the URL standard knows, so its host stays text.
        Some(url::Host::Domain(name)) => {
            name == "localhost"
                || name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    url.scheme() == "smtps" || url.query_pairs().any(|(k, v)| k == "tls" && v == "required") || loopback
}

/// `10.0.0.0/8, 192.168.1.1, fd00::/8`: networks and single addresses. Networks wider than an
/// IPv4 /8 or an IPv6 /16 are refused: they would let anyone there claim any address.
fn parse_networks(text: &str) -> Result<Vec<IpNet>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse::<IpNet>()
                .or_else(|_| part.parse::<IpAddr>().map(IpNet::from))
                .map(|net| net.trunc())
                .ok()
                .filter(|net| match net {
                    IpNet::V4(v4) => v4.prefix_len() >= 8,
                    IpNet::V6(v6) => v6.prefix_len() >= 16,
                })
                .ok_or_else(|| part.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn development(name: &str) -> Option<String> {
        (name == "TILTS_ENV").then(|| "development".to_owned())
    }

    #[test]
    fn production_is_the_default_and_names_every_missing_setting() {
        let errors = Settings::from_lookup(|_| None).err().map(|e| e.0).unwrap_or_default();
        let named: Vec<&str> = errors.iter().filter_map(|e| e.split(':').next()).collect();
        assert_eq!(
            named,
            ["TILTS_PUBLIC_URL", "TILTS_SMTP_URL", "TILTS_SECRET_KEY", "TILTS_TRUSTED_PROXIES"],
            "{errors:?}"
        );
    }

    #[test]
    fn page_links_keep_a_query_and_the_public_urls_path() {
        let settings = Settings::from_lookup(|name| match name {
            "TILTS_PUBLIC_URL" => Some("https://vpd.gov.lv/tilts/".to_owned()),
            "TILTS_SMTP_URL" => Some("smtps://u:p@mail.vpd.gov.lv".to_owned()),
            "TILTS_SECRET_KEY" => Some("k".repeat(32)),
            "TILTS_TRUSTED_PROXIES" => Some("none".to_owned()),
            _ => None,
        })
        .map_err(|e| e.to_string());
        let page = |path: &str| settings.as_ref().map(|s| s.page(path)).unwrap_or_default();
        assert_eq!(page("/mentorship?id=7"), "https://vpd.gov.lv/tilts/mentorship?id=7");
        assert_eq!(page("/account"), "https://vpd.gov.lv/tilts/account");
    }

    #[test]
    fn production_refuses_a_plain_http_public_url() {
        let errors = Settings::from_lookup(|name| match name {
            "TILTS_PUBLIC_URL" => Some("http://tilts.vpd.gov.lv".to_owned()),
            "TILTS_SMTP_URL" => Some("smtp://127.0.0.1:25".to_owned()),
            "TILTS_SECRET_KEY" => Some("k".repeat(32)),
            "TILTS_TRUSTED_PROXIES" => Some("none".to_owned()),
            _ => None,
        })
        .err()
        .map(|e| e.0)
        .unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("TILTS_PUBLIC_URL: ") && errors[0].contains("https"), "{errors:?}");
    }

    #[test]
    fn a_complete_production_configuration_starts() {
        let settings = Settings::from_lookup(|name| match name {
            "TILTS_PUBLIC_URL" => Some("https://tilts.vpd.gov.lv".to_owned()),
            "TILTS_SMTP_URL" => Some("smtps://u:p@mail.vpd.gov.lv".to_owned()),
            "TILTS_SECRET_KEY" => Some("k".repeat(32)),
            "TILTS_TRUSTED_PROXIES" => Some("10.0.0.0/8, 192.168.1.7".to_owned()),
            _ => None,
        });
        let settings = settings.map_err(|e| e.to_string());
        assert!(settings.as_ref().is_ok_and(|s| s.is_production() && s.https()), "{settings:?}");
        let proxies = settings.map(|s| s.trusted_proxies).unwrap_or_default();
        assert!(proxies.contains("10.1.2.3".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))));
        assert!(proxies.contains("::ffff:192.168.1.7".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))));
        assert!(!proxies.contains("192.168.1.8".parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))));
    }

    #[test]
    fn production_refuses_plaintext_smtp_to_another_machine_and_too_wide_proxy_networks() {
        let settings = |smtp: &'static str, proxies: &'static str| {
            Settings::from_lookup(move |name| match name {
                "TILTS_PUBLIC_URL" => Some("https://tilts.vpd.gov.lv".to_owned()),
                "TILTS_SMTP_URL" => Some(smtp.to_owned()),
                "TILTS_SECRET_KEY" => Some("k".repeat(32)),
                "TILTS_TRUSTED_PROXIES" => Some(proxies.to_owned()),
                _ => None,
            })
            .err()
            .map(|e| e.0)
            .unwrap_or_default()
        };
        let plain = settings("smtp://mail.vpd.gov.lv:25", "none");
        assert!(plain.len() == 1 && plain[0].starts_with("TILTS_SMTP_URL: "), "{plain:?}");
        assert!(settings("smtp://mail.vpd.gov.lv:587?tls=required", "none").is_empty());
        assert!(settings("smtp://127.0.0.1:25", "none").is_empty());
        assert!(settings("smtp://[::1]:25", "none").is_empty());
        assert!(settings("smtp://localhost:25", "none").is_empty());
        let wide = settings("smtps://mail.vpd.gov.lv", "0.0.0.0/0");
        assert!(wide.len() == 1 && wide[0].starts_with("TILTS_TRUSTED_PROXIES: "), "{wide:?}");
        assert!(!settings("smtps://mail.vpd.gov.lv", "::/0").is_empty());
        assert!(settings("smtps://mail.vpd.gov.lv", "10.0.0.0/8, fd00::/16").is_empty());
    }

    #[test]
    fn development_has_defaults_and_plain_http() {
        let settings = Settings::from_lookup(development).map_err(|e| e.to_string());
        assert!(settings.as_ref().is_ok_and(|s| !s.is_production() && !s.https()), "{settings:?}");
    }

    #[test]
    fn each_bad_value_is_named_on_its_own_line() {
        let errors = Settings::from_lookup(|name| match name {
            "TILTS_BIND" => Some("nowhere".to_owned()),
            "TILTS_ENV" => Some("staging".to_owned()),
            "TILTS_PUBLIC_URL" => Some("https://tilts.vpd.gov.lv".to_owned()),
            "TILTS_SMTP_URL" => Some("smtp://127.0.0.1:25".to_owned()),
            "TILTS_SECRET_KEY" => Some("k".repeat(32)),
            "TILTS_TRUSTED_PROXIES" => Some("none".to_owned()),
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
        let settings = Settings::from_lookup(|name| match name {
            "TILTS_PUBLIC_URL" => Some("https://vpd.example/tilts/".to_owned()),
            other => development(other),
        });
        let link = settings.map(|s| s.link("/verify-email", "token", "abc")).unwrap_or_default();
        assert_eq!(link, "https://vpd.example/tilts/verify-email#token=abc");
    }
}
