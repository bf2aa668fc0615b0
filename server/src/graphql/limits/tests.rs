//! The limits on hand-written documents, and complexity on a small schema with a list field.

use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema, SimpleObject, parser::parse_query};

use super::*;
use crate::graphql::MAX_PAGE_SIZE;

fn verdict(query: &str, operation: Option<&str>, introspection: bool) -> Result<(), Breach> {
    match parse_query(query) {
        Ok(document) => check(&document, operation, introspection),
        Err(err) => panic!("{query}: {err}"),
    }
}

fn repeat(part: &str, times: usize) -> String {
    part.repeat(times)
}

#[test]
fn aliases_in_fragments_count_at_every_spread() {
    let aliases: String = (0..10).map(|n| format!("a{n}: viewer {{ id }} ")).collect();
    let once = format!("{{ ...F }} fragment F on Query {{ {aliases} }}");
    assert_eq!(verdict(&once, None, false), Ok(()));
    let twice = format!("{{ ...F ... on Query {{ ...F }} }} fragment F on Query {{ {aliases} }}");
    assert_eq!(verdict(&twice, None, false), Err(Breach::TooManyAliases));
}

#[test]
fn repeated_identical_fields_count_each_time() {
    assert_eq!(verdict(&format!("{{ {} }}", repeat("viewer { id } ", 150)), None, false), Ok(()));
    assert_eq!(verdict(&format!("{{ {} }}", repeat("viewer { id } ", 151)), None, false), Err(Breach::TooManyFields));
}

#[test]
fn only_the_operation_that_runs_counts_its_aliases_and_root_fields() {
    let aliases: String = (0..10).map(|n| format!("a{n}: viewer {{ id }} ")).collect();
    let document = format!("query A {{ {aliases} }} query B {{ {aliases} }} mutation C {{ signOut }}");
    assert_eq!(verdict(&document, Some("A"), false), Ok(()));
    assert_eq!(verdict(&document, Some("C"), false), Ok(()));
    let many = format!("query A {{ viewer {{ id }} }} query B {{ {} }}", repeat("viewer { id } ", 151));
    assert_eq!(verdict(&many, Some("A"), false), Err(Breach::TooManyFields), "validation walks B too");
}

#[test]
fn a_mutation_has_one_root_field_even_through_fragments() {
    assert_eq!(verdict("mutation { signOut __typename }", None, false), Ok(()));
    assert_eq!(verdict("mutation { a: signOut b: signOut }", None, false), Err(Breach::OneMutationPerRequest));
    let spread = "mutation { ...M } fragment M on Mutation { signOut ... on Mutation { signOut } }";
    assert_eq!(verdict(spread, None, false), Err(Breach::OneMutationPerRequest));
    assert_eq!(verdict("{ a: viewer { id } b: viewer { id } }", None, false), Ok(()));
}

#[test]
fn fragment_cycles_and_fragment_bombs_are_refused_without_expanding_them() {
    let cycle = "{ ...A } fragment A on Query { viewer { id } ...B } fragment B on Query { ...A }";
    assert_eq!(verdict(cycle, None, false), Err(Breach::TooDeep));
    assert_eq!(verdict("{ ...A } fragment A on Query { ...A }", None, false), Err(Breach::TooDeep));
    // Ten spreads of the next fragment, fourteen levels: 10^14 fields if expanded naively.
    let mut bomb = String::from("{ ...F0 } ");
    for level in 0..14 {
        bomb.push_str(&format!("fragment F{level} on Query {{ {} }} ", repeat(&format!("...F{} ", level + 1), 10)));
    }
    assert_eq!(
        verdict(&format!("{bomb} fragment F14 on Query {{ viewer {{ id }} }}"), None, false),
        Err(Breach::TooManyFields)
    );
    // Ending in a fragment that does not exist: no field at all, the same walk for async-graphql.
    assert_eq!(
        verdict(&format!("{bomb} fragment F14 on Query {{ ...Missing }}"), None, false),
        Err(Breach::TooManyFields)
    );
    assert_eq!(verdict("{ viewer { id } ...Missing }", None, false), Ok(()), "validation names it");
}

#[test]
fn nesting_counts_fragments_as_async_graphql_does() {
    let nested =
        |levels: usize| format!("{{ {}viewer {{ id }}{} }}", repeat("... on Query { ", levels), repeat(" }", levels));
    assert_eq!(verdict(&nested(MAX_RECURSIVE_DEPTH - 1), None, false), Ok(()));
    assert_eq!(verdict(&nested(MAX_RECURSIVE_DEPTH), None, false), Err(Breach::TooDeep));
    let chain =
        (0..MAX_RECURSIVE_DEPTH).map(|n| format!("fragment F{n} on Query {{ ...F{} }} ", n + 1)).collect::<String>();
    let document = format!("{{ ...F0 }} {chain} fragment F{MAX_RECURSIVE_DEPTH} on Query {{ viewer {{ id }} }}");
    assert_eq!(verdict(&document, None, false), Err(Breach::TooDeep));
}

#[test]
fn introspection_is_exempt_from_the_depth_only_when_it_is_enabled() {
    let of_type = format!("{}name{}", repeat("ofType { ", 7), repeat(" }", 7));
    let introspection = format!("{{ __schema {{ types {{ fields {{ type {{ {of_type} }} }} }} }} }}");
    assert_eq!(verdict(&introspection, None, true), Ok(()));
    assert_eq!(verdict(&introspection, None, false), Err(Breach::TooDeep));
    let deep = format!("{{ {}id{} }}", repeat("viewer { ", MAX_DEPTH), repeat(" }", MAX_DEPTH));
    assert_eq!(verdict(&deep, None, true), Err(Breach::TooDeep));
    let fine = format!("{{ {}id{} }}", repeat("viewer { ", MAX_DEPTH - 1), repeat(" }", MAX_DEPTH - 1));
    assert_eq!(verdict(&fine, None, true), Ok(()));
}

#[test]
fn a_field_carries_at_most_three_directives() {
    let three = "{ viewer @include(if: true) @skip(if: false) @include(if: true) { id } }";
    assert_eq!(verdict(three, None, false), Ok(()));
    let four = "{ ...F } fragment F on Query { viewer @include(if: true) @skip(if: false) @include(if: true) @skip(if: false) { id } }";
    assert_eq!(verdict(four, None, false), Err(Breach::TooManyDirectives));
}

#[derive(SimpleObject)]
struct Row {
    a: i32,
    b: i32,
    c: i32,
    d: i32,
    e: i32,
    f: i32,
    g: i32,
}

struct Lists;

#[Object]
impl Lists {
    /// The pattern documented on `MAX_COMPLEXITY`.
    #[graphql(complexity = "first * child_complexity")]
    async fn rows(&self, #[graphql(default = 20)] first: usize) -> Vec<Row> {
        (0..first.min(MAX_PAGE_SIZE as usize)).map(|_| Row { a: 0, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0 }).collect()
    }
}

#[tokio::test]
async fn list_fields_cost_their_page_size() {
    let schema = Schema::build(Lists, EmptyMutation, EmptySubscription).extension(QueryLimits::new(false)).finish();
    let fine = schema.execute("{ rows(first: 40) { a b c d e f g } }").await;
    assert!(fine.errors.is_empty(), "{:?}", fine.errors);
    let big = schema.execute("{ rows(first: 50) { a b c d e f g } }").await;
    let reason = big.errors.first().and_then(|e| e.extensions.as_ref()).and_then(|e| e.get("reason")).cloned();
    assert_eq!(reason, Some(async_graphql::Value::from("TOO_COMPLEX")), "{:?}", big.errors);
    assert_eq!(big.data, async_graphql::Value::Null);
}

#[test]
fn every_limit_message_names_its_limit_in_every_language() {
    let limits = [
        (Message::TooManyAliases, MAX_ALIASES),
        (Message::TooManyFields, MAX_FIELDS),
        (Message::TooDeep, MAX_DEPTH),
        (Message::TooManyDirectives, MAX_DIRECTIVES),
        (Message::PayloadTooLarge, crate::graphql::MAX_BODY_BYTES / 1024),
    ];
    for (message, limit) in limits {
        for locale in [Locale::Lv, Locale::En, Locale::Ru] {
            let text = message.text(locale);
            let numbers: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
            assert_eq!(numbers, [limit.to_string()], "{locale:?}: {text}");
        }
    }
}
