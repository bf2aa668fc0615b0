//! The access matrix covers the whole schema, and nothing else.

use std::collections::BTreeSet;

use async_graphql_parser::types::{TypeKind, TypeSystemDefinition};
use tilts::graphql::access::MATRIX;

#[test]
fn every_field_of_every_object_type_has_exactly_one_access_rule() {
    let document = async_graphql_parser::parse_schema(tilts::graphql::sdl()).unwrap();
    let mut fields = BTreeSet::new();
    for definition in &document.definitions {
        if let TypeSystemDefinition::Type(ty) = definition
            && let TypeKind::Object(object) = &ty.node.kind
        {
            for field in &object.fields {
                fields.insert(format!("{}.{}", ty.node.name.node, field.node.name.node));
            }
        }
    }
    let declared: Vec<String> = MATRIX.iter().map(|(t, f, _)| format!("{t}.{f}")).collect();
    let declared_set: BTreeSet<String> = declared.iter().cloned().collect();
    assert_eq!(declared.len(), declared_set.len(), "a field is listed twice");
    let missing: Vec<_> = fields.difference(&declared_set).collect();
    let stale: Vec<_> = declared_set.difference(&fields).collect();
    assert!(missing.is_empty(), "fields without an access rule: {missing:?}");
    assert!(stale.is_empty(), "rules for fields that do not exist: {stale:?}");
}
