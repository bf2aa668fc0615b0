//! Compiles `locales/{lv,en,ru}.json` into Rust: one constant per key and one table per
//! language. The build fails when a language lacks a key another has, or a placeholder differs.
//! `shell.*` texts are only for the server's first paint and stay out of the app.

use std::{collections::BTreeMap, fmt::Write as _, path::Path};

const LOCALES: [&str; 3] = ["lv", "en", "ru"];

fn main() {
    let mut tables: Vec<BTreeMap<String, String>> = Vec::new();
    for locale in LOCALES {
        let path = format!("locales/{locale}.json");
        println!("cargo::rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let table: BTreeMap<String, String> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        tables.push(table);
    }
    let mut problems = Vec::new();
    for (i, table) in tables.iter().enumerate() {
        for (j, other) in tables.iter().enumerate() {
            for key in other.keys().filter(|k| !table.contains_key(*k)) {
                problems.push(format!("{}.json lacks \"{key}\" (present in {}.json)", LOCALES[i], LOCALES[j]));
            }
        }
    }
    for (key, text) in &tables[0] {
        for (i, table) in tables.iter().enumerate().skip(1) {
            if let Some(other) = table.get(key)
                && placeholders(text) != placeholders(other)
            {
                problems.push(format!("\"{key}\": {}.json and lv.json use different placeholders", LOCALES[i]));
            }
        }
    }
    problems.sort();
    problems.dedup();
    if !problems.is_empty() {
        panic!("translations are incomplete:\n{}", problems.join("\n"));
    }

    let keys: Vec<&String> = tables[0].keys().filter(|k| !k.starts_with("shell.")).collect();
    let mut out = String::new();
    let _ = writeln!(out, "/// Number of translation keys.\npub const KEY_COUNT: usize = {};", keys.len());
    let _ = writeln!(
        out,
        "/// One constant per translation key.\n#[allow(dead_code)]\npub mod keys {{\n    use super::Key;"
    );
    for (n, key) in keys.iter().enumerate() {
        let _ = writeln!(out, "    /// `{key}`\n    pub const {}: Key = Key({n});", constant(key));
    }
    let _ = writeln!(out, "}}");
    for (locale, table) in LOCALES.iter().zip(&tables) {
        let texts: Vec<&String> = keys.iter().map(|k| &table[*k]).collect();
        let _ = writeln!(out, "const {}: [&str; KEY_COUNT] = {:?};", locale.to_uppercase(), texts);
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("i18n.rs");
    std::fs::write(dest, out).unwrap_or_else(|e| panic!("writing i18n.rs: {e}"));
}

fn constant(key: &str) -> String {
    key.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect()
}

fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> =
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect();
    found.sort_unstable();
    found
}
