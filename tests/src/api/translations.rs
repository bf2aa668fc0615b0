//! Every text of the PWA exists in Latvian, English and Russian.

use std::collections::BTreeMap;

fn load(locale: &str) -> BTreeMap<String, String> {
    let path = format!("{}/../frontend/locales/{locale}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn every_key_exists_in_every_language_and_none_is_empty() {
    let tables = [("lv", load("lv")), ("en", load("en")), ("ru", load("ru"))];
    for (name, table) in &tables {
        for (other_name, other) in &tables {
            let missing: Vec<_> = other.keys().filter(|k| !table.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{name}.json lacks keys that {other_name}.json has: {missing:?}");
        }
        let empty: Vec<_> = table.iter().filter(|(_, v)| v.trim().is_empty()).map(|(k, _)| k).collect();
        assert!(empty.is_empty(), "{name}.json has empty texts: {empty:?}");
    }
}
