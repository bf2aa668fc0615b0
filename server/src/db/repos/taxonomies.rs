//! The vocabularies' terms, as the migration seeded them.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

use crate::db::entities::taxonomy_terms;
use crate::domain::{Taxonomies, TaxonomyKind, Term};

/// Every term, each vocabulary in its order. Rows of a kind this version does not know are
/// left out.
pub async fn all(db: &impl ConnectionTrait) -> Result<Taxonomies, DbErr> {
    let rows = taxonomy_terms::Entity::find().order_by_asc(taxonomy_terms::Column::Position).all(db).await?;
    let terms = rows
        .into_iter()
        .filter_map(|row| {
            let kind = TaxonomyKind::parse(&row.kind)?;
            Some(Term { kind, code: row.code, labels: [row.label_lv, row.label_en, row.label_ru] })
        })
        .collect();
    Ok(Taxonomies { terms })
}
