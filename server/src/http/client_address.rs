//! The client's address, as far as it can be known without trusting what the client says.
//!
//! Behind reverse proxies the TCP peer is a proxy, and the client's address is in a forwarding
//! header (`X-Forwarded-For`) that every proxy appends to. Anyone can put anything on the left of
//! that header, so it is read right to left, past the configured trusted proxies only: the first
//! address that is not a trusted proxy is the client. A request from a peer that is not a trusted
//! proxy is never read from the header at all.

use std::net::IpAddr;

use poem::Request;

use crate::config::{TrustedProxies, canonical};

/// The client's address: the TCP peer, or behind trusted proxies the nearest untrusted hop of
/// the forwarding header.
pub fn client_ip(req: &Request, peer: Option<IpAddr>, proxies: &TrustedProxies) -> Option<IpAddr> {
    let forwarded: Vec<&str> =
        req.headers().get_all(proxies.header.as_str()).iter().filter_map(|v| v.to_str().ok()).collect();
    resolve(peer, &forwarded.join(","), proxies)
}

/// [`client_ip`] on plain values: `forwarded` is the header's comma-separated list.
pub fn resolve(peer: Option<IpAddr>, forwarded: &str, proxies: &TrustedProxies) -> Option<IpAddr> {
    let mut current = canonical(peer?);
    if !proxies.contains(current) {
        return Some(current);
    }
    for hop in forwarded.rsplit(',').map(str::trim).filter(|h| !h.is_empty()) {
        let Some(ip) = parse_hop(hop) else {
            // A hop no proxy of ours would write: stop at the last address we can vouch for.
            return Some(current);
        };
        current = canonical(ip);
        if !proxies.contains(current) {
            return Some(current);
        }
    }
    Some(current)
}

/// `203.0.113.7`, `203.0.113.7:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = hop.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies {
            networks: list.iter().filter_map(|n| n.parse().ok()).collect(),
            header: "X-Forwarded-For".to_owned(),
        }
    }

    fn ip(text: &str) -> Option<IpAddr> {
        text.parse().ok()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = proxies(&[]);
        assert_eq!(resolve(ip("198.51.100.9"), "203.0.113.7", &none), ip("198.51.100.9"));
    }

    #[test]
    fn a_peer_that_is_not_a_trusted_proxy_cannot_claim_another_address() {
        let trusted = proxies(&["10.0.0.0/8"]);
        assert_eq!(resolve(ip("198.51.100.9"), "10.0.0.1, 203.0.113.7", &trusted), ip("198.51.100.9"));
    }

    #[test]
    fn the_header_is_read_right_to_left_past_trusted_hops_only() {
        let trusted = proxies(&["10.0.0.0/8", "192.168.0.0/16"]);
        // The client forged "1.2.3.4"; the edge proxy appended the real address.
        let header = "1.2.3.4, 203.0.113.7, 192.168.4.4";
        assert_eq!(resolve(ip("10.1.1.1"), header, &trusted), ip("203.0.113.7"));
        assert_eq!(resolve(ip("10.1.1.1"), "[2001:db8::5]:443", &trusted), ip("2001:db8::5"));
        assert_eq!(resolve(ip("::ffff:10.1.1.1"), "203.0.113.8:5555", &trusted), ip("203.0.113.8"));
    }

    #[test]
    fn garbage_or_an_empty_header_stops_at_the_last_trusted_hop() {
        let trusted = proxies(&["10.0.0.0/8"]);
        assert_eq!(resolve(ip("10.1.1.1"), "", &trusted), ip("10.1.1.1"));
        assert_eq!(resolve(ip("10.1.1.1"), "unknown, 10.2.2.2", &trusted), ip("10.2.2.2"));
    }
}
