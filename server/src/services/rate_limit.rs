//! Attempt limits, counted in the database so that every replica enforces the same limit.
//!
//! A request is first checked against every limit that applies to it; only a request that is
//! let through is counted, so refused requests never extend a block. Counter keys are an HMAC of
//! the limit's name and the key (an address, an account, a client) under the deployment's secret
//! key: the table holds nothing that could be reversed into an e-mail address or an IP address.

use std::net::IpAddr;

use anyhow::Context as _;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

use crate::db::repos::rate_limits::{self, Counter};
use crate::state::AppState;

/// Growing delays: after `free` counted attempts in a window, each further attempt must wait
/// `base × 2^(attempts − free)` seconds after the previous one, at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Attempts without delay.
    pub free: i32,
    /// The first delay, in seconds.
    pub base_secs: i64,
    /// The longest delay, in seconds.
    pub max_secs: i64,
}

/// A limit: at most `max` counted attempts per `window_secs` for one key, and optionally
/// growing delays between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// What is limited, e.g. `sign_in:pair`.
    pub name: &'static str,
    /// Counted attempts allowed per window.
    pub max: i32,
    /// The window length in seconds.
    pub window_secs: i64,
    /// Delays between attempts past the first few.
    pub backoff: Option<Backoff>,
}

const DAY: i64 = 24 * 60 * 60;
const HOUR: i64 = 60 * 60;

/// Failed sign-ins for one account from one client (browser or network): five free, then a
/// doubling wait from 30 s up to 15 min. Only this client is held back.
pub const SIGN_IN_PAIR: Limit = Limit {
    name: "sign_in:pair",
    max: 200,
    window_secs: DAY,
    backoff: Some(Backoff { free: 5, base_secs: 30, max_secs: 15 * 60 }),
};
/// Failed sign-ins for one account from all browsers it has never signed in from: a high
/// ceiling against distributed guessing. Known devices are not held back by it.
pub const SIGN_IN_ACCOUNT: Limit = Limit { name: "sign_in:account", max: 100, window_secs: DAY, backoff: None };
/// Failed sign-ins from one network, whatever the account (password spraying).
pub const SIGN_IN_CLIENT: Limit = Limit { name: "sign_in:client", max: 50, window_secs: HOUR, backoff: None };
/// Registrations per e-mail address.
pub const REGISTER_PER_EMAIL: Limit = Limit { name: "register:email", max: 5, window_secs: HOUR, backoff: None };
/// Registrations per network.
pub const REGISTER_PER_CLIENT: Limit = Limit { name: "register:client", max: 20, window_secs: HOUR, backoff: None };
/// Password-reset requests for one address from one client.
pub const RESET_PAIR: Limit = Limit { name: "reset:pair", max: 3, window_secs: HOUR, backoff: None };
/// Password-reset requests for one address from browsers that never signed in to it.
pub const RESET_ACCOUNT: Limit = Limit { name: "reset:account", max: 10, window_secs: DAY, backoff: None };
/// Password-reset requests from one network, whatever the address.
pub const RESET_CLIENT: Limit = Limit { name: "reset:client", max: 20, window_secs: HOUR, backoff: None };
/// Requests for a new verification link for one address from one client.
pub const RESEND_PAIR: Limit = Limit { name: "resend:pair", max: 3, window_secs: HOUR, backoff: None };
/// Requests for a new verification link for one address from anywhere: one inbox cannot be
/// flooded from many networks.
pub const RESEND_ACCOUNT: Limit = Limit { name: "resend:account", max: 10, window_secs: DAY, backoff: None };
/// Requests for a new verification link from one network, whatever the address.
pub const RESEND_CLIENT: Limit = Limit { name: "resend:client", max: 20, window_secs: HOUR, backoff: None };
/// Invitation codes tried from one network (each wrong, used or expired one counts; a
/// redemption gives its attempt back).
pub const REDEEM_CLIENT: Limit = Limit { name: "redeem:client", max: 10, window_secs: HOUR, backoff: None };
/// Failed redemptions of one valid code (a taken address, a weak password): a code holder
/// cannot use it to find out which addresses have accounts.
pub const REDEEM_CODE: Limit = Limit { name: "redeem:code", max: 5, window_secs: 14 * DAY, backoff: None };
/// Password checks and changes by a signed-in person, before any hashing: five free, then
/// a doubling wait from 30 s.
pub const CHANGE_PASSWORD: Limit = Limit {
    name: "change_password:account",
    max: 30,
    window_secs: DAY,
    backoff: Some(Backoff { free: 5, base_secs: 30, max_secs: 15 * 60 }),
};
/// Attempts to set a password with one link's account (each one costs a hash).
pub const SET_PASSWORD: Limit = Limit { name: "set_password:account", max: 10, window_secs: HOUR, backoff: None };
/// Wrong second-factor codes in one half-finished sign-in: after five it ends, and guessing on
/// needs the password again.
pub const SECOND_FACTOR_SIGN_IN: Limit =
    Limit { name: "second_factor:sign_in", max: 5, window_secs: DAY, backoff: None };
/// Second-factor codes for one account: three free, then a doubling wait from 30 s; a
/// six-digit code cannot be guessed at this pace.
pub const SECOND_FACTOR: Limit = Limit {
    name: "second_factor:account",
    max: 30,
    window_secs: DAY,
    backoff: Some(Backoff { free: 3, base_secs: 30, max_secs: 15 * 60 }),
};

/// A refused request: when to try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    /// The earliest moment every limit lets a request through again.
    pub until: DateTime<Utc>,
}

impl Refused {
    /// Whole seconds from `now` until the request may be made again (at least 1).
    pub fn retry_after_secs(&self, now: DateTime<Utc>) -> i64 {
        (self.until - now).num_seconds().max(1)
    }
}

/// The counter key of a client: its IPv4 address, or its IPv6 /56 (a home gets a /56 or a
/// /64 and can use any address in it, so counting single IPv6 addresses would count nothing).
pub fn client_key(ip: Option<IpAddr>) -> String {
    prefix_key(ip, 56)
}

/// The counter key of a network, for ceilings across accounts: the IPv4 address, or the IPv6
/// /48 (a whole site).
pub fn network_key(ip: Option<IpAddr>) -> String {
    prefix_key(ip, 48)
}

fn prefix_key(ip: Option<IpAddr>, v6_prefix: u8) -> String {
    match ip.map(crate::config::canonical) {
        Some(IpAddr::V4(v4)) => format!("ip:{v4}"),
        Some(IpAddr::V6(v6)) => match ipnet::Ipv6Net::new(v6, v6_prefix) {
            Ok(net) => format!("ip:{}", net.trunc()),
            Err(_) => format!("ip:{v6}"),
        },
        None => "ip:unknown".to_owned(),
    }
}

/// A short, stable label for `value` that reveals nothing without the deployment's key, e.g.
/// for an account in logs, or the name of its device cookie.
pub fn keyed_label(secret: &SecretString, purpose: &str, value: &str) -> anyhow::Result<String> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.expose_secret().as_bytes())
        .map_err(|_| anyhow::anyhow!("the secret key cannot key an HMAC"))?;
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    Ok(hex::encode(&mac.finalize().into_bytes()[..8]))
}

/// Checks and counts attempts against the shared counters.
pub struct Limiter<'a> {
    db: &'a DatabaseConnection,
    secret: &'a SecretString,
}

impl<'a> Limiter<'a> {
    /// A limiter on the application's database pool and secret key. Counters are written on the
    /// pool, never inside a use case's transaction: an attempt stays counted when the use case
    /// fails and rolls back.
    pub fn new(state: &'a AppState) -> Limiter<'a> {
        Limiter { db: &state.db, secret: &state.settings.secret_key }
    }

    fn bucket(&self, limit: &Limit, key: &str) -> anyhow::Result<String> {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.secret.expose_secret().as_bytes())
            .map_err(|_| anyhow::anyhow!("the rate-limit key cannot key an HMAC"))?;
        mac.update(limit.name.as_bytes());
        mac.update(b"\0");
        mac.update(key.as_bytes());
        Ok(hex::encode(mac.finalize().into_bytes()))
    }

    fn keys(&self, now: DateTime<Utc>, hits: &[(Limit, &str)]) -> anyhow::Result<Vec<(String, i64)>> {
        hits.iter().map(|(limit, key)| Ok((self.bucket(limit, key)?, window_start(limit, now)))).collect()
    }

    /// Whether every `(limit, key)` lets one more attempt through now. Counts nothing.
    pub async fn check(&self, now: DateTime<Utc>, hits: &[(Limit, &str)]) -> anyhow::Result<Result<(), Refused>> {
        let keys = self.keys(now, hits)?;
        let counters = rate_limits::read(self.db, &keys, false).await.context("reading attempt counters")?;
        Ok(decide(hits, &keys, &counters, now))
    }

    /// Checks every `(limit, key)` and, when all let the attempt through, counts it, in one
    /// transaction holding the counters, so that requests sent at once cannot all pass on the
    /// same count. Count before the work (checking a password or a code) and give the attempt
    /// back with [`Limiter::refund`] or [`Limiter::forget`] when it succeeds.
    pub async fn reserve(&self, now: DateTime<Utc>, hits: &[(Limit, &str)]) -> anyhow::Result<Result<(), Refused>> {
        let keys = self.keys(now, hits)?;
        let txn = self.db.begin().await.context("starting to count attempts")?;
        // Writing first: SQLite then holds its write lock, PostgreSQL has rows to lock.
        rate_limits::ensure(&txn, &keys).await.context("preparing attempt counters")?;
        let counters = rate_limits::read(&txn, &keys, true).await.context("reading attempt counters")?;
        let decision = decide(hits, &keys, &counters, now);
        if decision.is_ok() {
            for (bucket, window_start) in &keys {
                rate_limits::hit(&txn, bucket, *window_start, now).await.context("counting an attempt")?;
            }
        }
        txn.commit().await.context("counting attempts")?;
        Ok(decision)
    }

    /// Gives back an attempt counted by [`Limiter::reserve`] (it succeeded).
    pub async fn refund(&self, now: DateTime<Utc>, hits: &[(Limit, &str)]) -> anyhow::Result<()> {
        for (bucket, window_start) in self.keys(now, hits)? {
            rate_limits::refund(self.db, &bucket, window_start).await.context("giving back an attempt")?;
        }
        Ok(())
    }

    /// Forgets the counts of every `(limit, key)`, e.g. once the right password was given.
    pub async fn forget(&self, hits: &[(Limit, &str)]) -> anyhow::Result<()> {
        for (limit, key) in hits {
            rate_limits::forget(self.db, &self.bucket(limit, key)?).await.context("forgetting attempts")?;
        }
        Ok(())
    }
}

/// The latest moment any of `hits` refuses until, given their counters.
fn decide(
    hits: &[(Limit, &str)],
    keys: &[(String, i64)],
    counters: &[Counter],
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let until = hits
        .iter()
        .zip(keys)
        .zip(counters)
        .filter_map(|(((limit, _), (_, window_start)), counter)| blocked_until(limit, *window_start, *counter, now))
        .max();
    match until {
        Some(until) => Err(Refused { until }),
        None => Ok(()),
    }
}

fn window_start(limit: &Limit, now: DateTime<Utc>) -> i64 {
    now.timestamp() - now.timestamp().rem_euclid(limit.window_secs)
}

/// Until when `limit` refuses another attempt, given its counter in the current window.
pub fn blocked_until(limit: &Limit, window_start: i64, counter: Counter, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let window_end = DateTime::<Utc>::from_timestamp(window_start + limit.window_secs, 0)?;
    if counter.hits >= limit.max {
        return Some(window_end);
    }
    let backoff = limit.backoff?;
    if counter.hits < backoff.free {
        return None;
    }
    let exponent = u32::try_from(counter.hits - backoff.free).unwrap_or(u32::MAX).min(30);
    let wait = backoff.base_secs.saturating_mul(1i64 << exponent).min(backoff.max_secs);
    let until = counter.last_hit_at? + Duration::seconds(wait);
    (until > now).then_some(until)
}

/// Forgets counters older than a day.
pub async fn purge(db: &impl ConnectionTrait, now: DateTime<Utc>) -> anyhow::Result<u64> {
    rate_limits::purge_before(db, now.timestamp() - 2 * DAY).await.context("purging rate limits")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_800_000_000 + secs, 0).unwrap_or_default()
    }

    #[test]
    fn delays_grow_after_the_free_attempts_and_stop_at_the_cap() {
        let start = window_start(&SIGN_IN_PAIR, at(0));
        let counter = |hits, last| Counter { hits, last_hit_at: Some(at(last)) };
        assert_eq!(blocked_until(&SIGN_IN_PAIR, start, counter(4, 0), at(0)), None);
        assert_eq!(blocked_until(&SIGN_IN_PAIR, start, counter(5, 0), at(1)), Some(at(30)));
        assert_eq!(blocked_until(&SIGN_IN_PAIR, start, counter(5, 0), at(30)), None);
        assert_eq!(blocked_until(&SIGN_IN_PAIR, start, counter(7, 100), at(101)), Some(at(220)));
        assert_eq!(blocked_until(&SIGN_IN_PAIR, start, counter(40, 100), at(101)), Some(at(100 + 15 * 60)));
    }

    #[test]
    fn a_ceiling_holds_until_the_window_ends() {
        let start = window_start(&SIGN_IN_CLIENT, at(0));
        let full = Counter { hits: SIGN_IN_CLIENT.max, last_hit_at: Some(at(0)) };
        let until = blocked_until(&SIGN_IN_CLIENT, start, full, at(1));
        assert_eq!(until.map(|u| u.timestamp()), Some(start + HOUR));
    }

    #[test]
    fn ipv6_clients_count_per_56_and_networks_per_48() {
        let a = client_key("2001:db8:1:2:aaaa::1".parse().ok());
        let b = client_key("2001:db8:1:2f:bbbb::2".parse().ok());
        let c = client_key("2001:db8:1:100::1".parse().ok());
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, "ip:2001:db8:1::/56");
        assert_eq!(network_key("2001:db8:1:100::1".parse().ok()), network_key("2001:db8:1:ff00::1".parse().ok()));
        assert_eq!(client_key("::ffff:198.51.100.4".parse().ok()), "ip:198.51.100.4");
    }
}
