//! Compiles the translation files into Rust: one table per language and one constant per key,
//! for each set of texts. `locales/{lv,en,ru}.json` are the phone app's; `locales/staff/…` are
//! the VPD staff pages', in tables of their own that only the staff bundle links. The build
//! fails when a language lacks a key another has, or a placeholder differs.
//! `shell.*` texts are only for the server's first paint and stay out of the app.

use std::{collections::BTreeMap, fmt::Write as _, path::Path};

const LOCALES: [&str; 3] = ["lv", "en", "ru"];

/// `(directory, module of its key constants)`.
const SETS: [(&str, &str); 2] = [("locales", "keys"), ("locales/staff", "staff_keys")];

fn main() {
    let mut out = String::new();
    let mut problems = Vec::new();
    for (dir, module) in SETS {
        let mut tables: Vec<BTreeMap<String, String>> = Vec::new();
        for locale in LOCALES {
            let path = format!("{dir}/{locale}.json");
            println!("cargo::rerun-if-changed={path}");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let table: BTreeMap<String, String> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            tables.push(table);
        }
        check(dir, &tables, &mut problems);
        let keys: Vec<&String> = tables[0].keys().filter(|k| !k.starts_with("shell.")).collect();
        let table_name = format!("{}_TEXTS", module.to_uppercase());
        let _ = writeln!(out, "/// The texts of `{dir}`, per language in the order of [`Locale::ALL`].");
        let _ = writeln!(out, "static {table_name}: [&[&str]; 3] = [");
        for table in &tables {
            let texts: Vec<&String> = keys.iter().map(|k| &table[*k]).collect();
            let _ = writeln!(out, "    &{texts:?},");
        }
        let _ = writeln!(out, "];");
        let _ = writeln!(
            out,
            "/// One constant per key of `{dir}`.\n#[allow(dead_code)]\npub mod {module} {{\n    use super::{{Key, {table_name}}};"
        );
        for (n, key) in keys.iter().enumerate() {
            let _ = writeln!(out, "    /// `{key}`\n    pub const {}: Key = Key(&{table_name}, {n});", constant(key));
        }
        let _ = writeln!(out, "}}");
    }
    problems.sort();
    problems.dedup();
    if !problems.is_empty() {
        panic!("translations are incomplete:\n{}", problems.join("\n"));
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("i18n.rs");
    std::fs::write(dest, out).unwrap_or_else(|e| panic!("writing i18n.rs: {e}"));
}

/// Every language has every key, with the same placeholders.
fn check(dir: &str, tables: &[BTreeMap<String, String>], problems: &mut Vec<String>) {
    for (i, table) in tables.iter().enumerate() {
        for (j, other) in tables.iter().enumerate() {
            for key in other.keys().filter(|k| !table.contains_key(*k)) {
                problems.push(format!("{dir}/{}.json lacks \"{key}\" (present in {}.json)", LOCALES[i], LOCALES[j]));
            }
        }
    }
    for (key, text) in &tables[0] {
        for (i, table) in tables.iter().enumerate().skip(1) {
            if let Some(other) = table.get(key)
                && placeholders(text) != placeholders(other)
            {
                problems.push(format!("{dir}: \"{key}\": {}.json and lv.json use different placeholders", LOCALES[i]));
            }
        }
    }
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
