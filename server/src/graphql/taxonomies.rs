//! The vocabularies over GraphQL: what forms offer and filters accept, labelled in the
//! caller's language.

use async_graphql::{Context, Object, SimpleObject};

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use crate::domain::{Locale, Taxonomies as AllTerms, TaxonomyKind};
use crate::services::taxonomies;

/// Who may reach the fields of this module: anyone (public pages filter by them too).
pub const ACCESS: &[Access] = &[
    ("Query", "taxonomies", Rule::Public),
    ("Taxonomies", ANY_FIELD, Rule::Public),
    ("TaxonomyTerm", ANY_FIELD, Rule::Public),
];

/// One term of a vocabulary.
#[derive(SimpleObject)]
#[graphql(name = "TaxonomyTerm")]
pub struct TermGql {
    /// The stable code that inputs and filters use, e.g. `latgale`.
    code: String,
    /// The label in the caller's language.
    label: String,
}

/// The vocabularies, each in the order lists show it.
#[derive(SimpleObject)]
pub struct Taxonomies {
    /// The planning regions of Latvia.
    regions: Vec<TermGql>,
    /// Mentoring topics: what founders need and mentors cover.
    topics: Vec<TermGql>,
    /// Sectors of the economy.
    sectors: Vec<TermGql>,
    /// Languages people speak.
    languages: Vec<TermGql>,
}

impl TermGql {
    /// A term with its label.
    pub fn new(code: String, label: String) -> TermGql {
        TermGql { code, label }
    }
}

impl Taxonomies {
    fn new(all: &AllTerms, locale: Locale) -> Taxonomies {
        let of =
            |kind| all.of(kind).map(|t| TermGql { code: t.code.clone(), label: t.label(locale).to_owned() }).collect();
        Taxonomies {
            regions: of(TaxonomyKind::Region),
            topics: of(TaxonomyKind::Topic),
            sectors: of(TaxonomyKind::Sector),
            languages: of(TaxonomyKind::Language),
        }
    }
}

/// Vocabulary queries.
#[derive(Default)]
pub struct TaxonomiesQuery;

#[Object]
impl TaxonomiesQuery {
    /// The regions, topics, sectors and languages, labelled in the caller's language.
    async fn taxonomies(&self, ctx: &Context<'_>) -> async_graphql::Result<Taxonomies> {
        let all = taxonomies::all(ctx.db()?, ctx.state()?)
            .await
            .map_err(|e| ctx.fail(&taxonomies::TaxonomiesError::from(e)))?;
        Ok(Taxonomies::new(&all, ctx.request()?.locale))
    }
}
