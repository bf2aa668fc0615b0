//! E-mail addresses, parsed once at the edge.

use std::fmt;

/// A syntactically valid e-mail address, trimmed and lower-cased so one person has one address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Parses user input; `None` when it cannot be an address.
    pub fn parse(input: &str) -> Option<EmailAddress> {
        let s = input.trim().to_lowercase();
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let (local, domain) = s.rsplit_once('@')?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty() && local.len() <= 64 && !local.contains('@');
        (domain_ok && local_ok).then_some(EmailAddress(s))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address with its local part masked, for logs: `a***@example.lv`.
    pub fn masked(&self) -> String {
        match self.0.split_once('@') {
            Some((local, domain)) => {
                format!("{}***@{domain}", local.chars().next().unwrap_or('*'))
            }
            None => "***".to_owned(),
        }
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::EmailAddress;

    #[test]
    fn addresses_are_normalised_and_bad_ones_refused() {
        assert_eq!(
            EmailAddress::parse("  Anna.Berzina@Example.LV ").map(|e| e.as_str().to_owned()),
            Some("anna.berzina@example.lv".to_owned())
        );
        for bad in ["", "anna", "anna@", "@example.lv", "anna@example", "a b@example.lv", "anna@ex..lv"] {
            assert!(EmailAddress::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn display_never_shows_the_whole_address() {
        let e = EmailAddress::parse("anna@example.lv");
        assert_eq!(e.map(|e| e.to_string()), Some("a***@example.lv".to_owned()));
    }
}
