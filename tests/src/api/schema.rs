//! The declared access rules cover the whole schema, and nothing else.

use std::collections::{BTreeMap, BTreeSet};

use async_graphql_parser::types::{TypeKind, TypeSystemDefinition};
use tilts::domain::{Role, Standing};
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

/// The named type under lists and non-null wrappers.
fn named(ty: &async_graphql_parser::types::Type) -> String {
    match &ty.base {
        async_graphql_parser::types::BaseType::List(inner) => named(inner),
        async_graphql_parser::types::BaseType::Named(name) => name.to_string(),
    }
}

/// Types reachable from `Query` and `Mutation` through fields some caller in `callers` may use,
/// following results, arguments and input fields; each with the path that reaches it.
fn reachable(callers: &[Option<(Role, Standing)>]) -> BTreeMap<String, String> {
    let document = async_graphql_parser::parse_schema(tilts::graphql::sdl()).unwrap();
    let mut objects = BTreeMap::new();
    let mut inputs = BTreeMap::new();
    for definition in &document.definitions {
        if let TypeSystemDefinition::Type(ty) = definition {
            match &ty.node.kind {
                TypeKind::Object(o) => {
                    objects.insert(
                        ty.node.name.node.to_string(),
                        o.fields.iter().map(|f| f.node.clone()).collect::<Vec<_>>(),
                    );
                }
                TypeKind::InputObject(i) => {
                    inputs.insert(
                        ty.node.name.node.to_string(),
                        i.fields.iter().map(|f| named(&f.node.ty.node)).collect::<Vec<_>>(),
                    );
                }
                _ => {}
            }
        }
    }
    let mut reached: BTreeMap<String, String> = BTreeMap::new();
    let mut queue: Vec<(String, String)> =
        vec![("Query".into(), "Query".into()), ("Mutation".into(), "Mutation".into())];
    while let Some((ty, path)) = queue.pop() {
        if reached.contains_key(&ty) {
            continue;
        }
        reached.insert(ty.clone(), path.clone());
        if let Some(inner) = inputs.get(&ty) {
            queue.extend(inner.iter().map(|t| (t.clone(), format!("{path} > {t}"))));
        }
        for field in objects.get(&ty).into_iter().flatten() {
            let name = field.name.node.to_string();
            let open = rule_for(&ty, &name).is_some_and(|rule| callers.iter().any(|c| rule.allows(*c)));
            if open {
                let here = format!("{path}.{name}");
                queue.push((named(&field.ty.node), here.clone()));
                for arg in &field.arguments {
                    queue.push((named(&arg.node.ty.node), format!("{here}({})", arg.node.name.node)));
                }
            }
        }
    }
    reached
}

#[test]
fn no_field_a_caller_outside_vpd_may_use_leads_to_supervision_data() {
    let outside: Vec<_> = std::iter::once(None)
        .chain(
            [Role::Founder, Role::Mentor, Role::Enterprise]
                .into_iter()
                .flat_map(|r| Standing::ALL.map(|s| Some((r, s)))),
        )
        .collect();
    let reached = reachable(&outside);
    let leaks: Vec<_> = tilts::graphql::privacy::SEALED_TYPES
        .iter()
        .filter_map(|t| reached.get(*t).map(|path| format!("{t} via {path}")))
        .collect();
    assert!(leaks.is_empty(), "supervision data reachable outside VPD: {leaks:?}");

    // The walk finds them for staff, so the test above looks where it should.
    let staff = reachable(&[Some((Role::Staff, Standing::Approved))]);
    for ty in tilts::graphql::privacy::SEALED_TYPES {
        assert!(staff.contains_key(*ty), "{ty} is not in the schema, or staff cannot reach it");
    }
}
