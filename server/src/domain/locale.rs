//! The languages Tilts speaks: Latvian first, then English and Russian.

use std::fmt;

/// A user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// Latvian, the default.
    #[default]
    Lv,
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 3] = [Locale::Lv, Locale::En, Locale::Ru];

    /// The BCP 47 code: `lv`, `en` or `ru`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Lv => "lv",
            Locale::En => "en",
            Locale::Ru => "ru",
        }
    }

    /// Parses a stored or requested code such as `lv` or `ru-RU`.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best match for an `Accept-Language` header, honouring its order and weights.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let locale = Locale::from_code(pieces.next()?)?;
                let weight =
                    pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
                Some((weight, locale))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, l)| *l)
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_weight_we_speak() {
        assert_eq!(Locale::from_accept_language("de, ru;q=0.8, en;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("ru-RU,ru;q=0.9"), Some(Locale::Ru));
        assert_eq!(Locale::from_accept_language("de"), None);
    }
}
