//! The declared access rules cover the whole schema, and nothing else.

use std::collections::{BTreeMap, BTreeSet};

use async_graphql_parser::types::{TypeKind, TypeSystemDefinition};
use tilts::graphql::access::{ANY_FIELD, declarations, rule_for};

#[test]
fn every_field_of_every_object_type_has_exactly_one_access_rule() {
    let document = async_graphql_parser::parse_schema(tilts::graphql::sdl()).unwrap();
    let mut types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for definition in &document.definitions {
        if let TypeSystemDefinition::Type(ty) = definition
            && let TypeKind::Object(object) = &ty.node.kind
        {
            let fields = object.fields.iter().map(|f| f.node.name.node.to_string()).collect();
            types.insert(ty.node.name.node.to_string(), fields);
        }
    }
    let declared: Vec<String> = declarations().map(|(t, f, _)| format!("{t}.{f}")).collect();
    let unique: BTreeSet<&String> = declared.iter().collect();
    assert_eq!(declared.len(), unique.len(), "a rule is declared twice");

    let missing: Vec<String> = types
        .iter()
        .flat_map(|(ty, fields)| fields.iter().map(move |f| (ty, f)))
        .filter(|(ty, field)| rule_for(ty, field).is_none())
        .map(|(ty, field)| format!("{ty}.{field}"))
        .collect();
    assert!(missing.is_empty(), "fields without an access rule: {missing:?}");

    let stale: Vec<String> = declarations()
        .filter(|(ty, field, _)| match types.get(*ty) {
            None => true,
            Some(fields) => *field != ANY_FIELD && !fields.contains(*field),
        })
        .map(|(ty, field, _)| format!("{ty}.{field}"))
        .collect();
    assert!(stale.is_empty(), "rules for fields that do not exist: {stale:?}");

    let root_defaults: Vec<_> =
        declarations().filter(|(ty, field, _)| matches!(*ty, "Query" | "Mutation") && *field == ANY_FIELD).collect();
    assert!(root_defaults.is_empty(), "each root field names its own rule: {root_defaults:?}");
}

#[test]
fn a_type_default_covers_fields_without_their_own_rule_and_unknown_types_have_none() {
    use tilts::graphql::access::Rule;
    assert_eq!(rule_for("Viewer", "email"), Some(Rule::SignedIn));
    assert_eq!(rule_for("SecondFactorEnabled", "recoveryCodes"), Some(Rule::Public));
    assert_eq!(rule_for("SecondFactorEnabled", "viewer"), Some(Rule::SignedIn));
    assert_eq!(rule_for("Query", "noSuchField"), None);
    assert_eq!(rule_for("NoSuchType", "id"), None);
}

/// async-graphql weighs every operation of a document with the variables of the one that runs,
/// so an operation whose cost depends on `$first` would break the others in its file.
#[test]
fn each_paged_operation_of_the_pwa_lives_alone_in_its_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/graphql");
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let operations = text
            .lines()
            .filter(|l| l.starts_with("query ") || l.starts_with("mutation ") || l.starts_with("subscription "))
            .count();
        if text.contains("$first") {
            assert_eq!(operations, 1, "{} holds a paged operation among others", entry.path().display());
        }
    }
}
