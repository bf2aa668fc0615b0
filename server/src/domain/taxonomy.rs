//! The shared vocabularies of profiles, filters and matching: regions, mentoring topics,
//! sectors and languages. The terms are seeded by a migration; code refers to them by `code`.

use super::Locale;

/// Which vocabulary a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaxonomyKind {
    /// A planning region of Latvia.
    Region,
    /// A mentoring topic: what a founder needs, what a mentor covers.
    Topic,
    /// A sector of the economy.
    Sector,
    /// A language people speak.
    Language,
}

impl TaxonomyKind {
    /// Every kind.
    pub const ALL: [TaxonomyKind; 4] =
        [TaxonomyKind::Region, TaxonomyKind::Topic, TaxonomyKind::Sector, TaxonomyKind::Language];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            TaxonomyKind::Region => "region",
            TaxonomyKind::Topic => "topic",
            TaxonomyKind::Sector => "sector",
            TaxonomyKind::Language => "language",
        }
    }

    /// The kind stored as `name`; `None` for a name this version does not know.
    pub fn parse(name: &str) -> Option<TaxonomyKind> {
        TaxonomyKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// One term of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Its vocabulary.
    pub kind: TaxonomyKind,
    /// Its stable code, e.g. `latgale` or `business_plan`.
    pub code: String,
    /// Its label in Latvian, English and Russian.
    pub labels: [String; 3],
}

impl Term {
    /// The label in `locale`.
    pub fn label(&self, locale: Locale) -> &str {
        match locale {
            Locale::Lv => &self.labels[0],
            Locale::En => &self.labels[1],
            Locale::Ru => &self.labels[2],
        }
    }
}

/// Every term, in the order lists show them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taxonomies {
    /// All terms, each vocabulary in its own order.
    pub terms: Vec<Term>,
}

impl Taxonomies {
    /// The terms of `kind`, in order.
    pub fn of(&self, kind: TaxonomyKind) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(move |term| term.kind == kind)
    }

    /// Whether `code` is a term of `kind` (input is checked against this before it is stored).
    pub fn contains(&self, kind: TaxonomyKind, code: &str) -> bool {
        self.of(kind).any(|term| term.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(kind: TaxonomyKind, code: &str) -> Term {
        Term { kind, code: code.to_owned(), labels: ["lv".into(), "en".into(), "ru".into()] }
    }

    #[test]
    fn a_code_belongs_to_its_own_vocabulary_only() {
        let all =
            Taxonomies { terms: vec![term(TaxonomyKind::Region, "latgale"), term(TaxonomyKind::Sector, "other")] };
        assert!(all.contains(TaxonomyKind::Region, "latgale"));
        assert!(!all.contains(TaxonomyKind::Sector, "latgale"));
        assert!(!all.contains(TaxonomyKind::Region, "atlantis"));
        assert_eq!(all.of(TaxonomyKind::Sector).count(), 1);
    }

    #[test]
    fn kinds_round_trip_and_unknown_names_are_refused() {
        for kind in TaxonomyKind::ALL {
            assert_eq!(TaxonomyKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(TaxonomyKind::parse("planet"), None);
    }
}
