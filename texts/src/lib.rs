//! The texts people read — PWA pages, server messages, e-mails — live in
//! `locales/<language>/<capability>.json`, one file per capability and language. Each file holds
//! sections, each a flat map of keys to texts:
//!
//! | section  | read by                                      |
//! |----------|----------------------------------------------|
//! | `app`    | the phone PWA (and the server's first paint) |
//! | `staff`  | the VPD staff pages (and their first paint)  |
//! | `shell`  | the server's first paint only                |
//! | `server` | the server's error messages                  |
//! | `email`  | the server's e-mails                         |
//!
//! A crate's `build.rs` calls [`generate`] with the sections it needs. Every call checks every
//! file, whatever it generates: each language has the same files, sections and keys, each key
//! keeps the same `{placeholders}` in every language, and no key is defined by two capabilities.
//! Any problem fails the build.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    path::{Path, PathBuf},
};

/// The languages, in the order of every generated table: Latvian, English, Russian.
pub const LANGUAGES: [&str; 3] = ["lv", "en", "ru"];

/// What to generate for one section.
#[derive(Debug, Clone, Copy)]
pub enum Output {
    /// `pub mod <module>` with one `Key` constant per key (the including module defines
    /// `Key(&'static [&'static [&'static str]; 3], u16)`), over one table per language.
    Constants {
        /// The section's name.
        section: &'static str,
        /// The module of constants.
        module: &'static str,
        /// Whether `kind.part` keys become `module::kind::PART` (one module per text group, as
        /// for e-mails) rather than `module::KIND_PART`.
        nested: bool,
    },
    /// `pub static <name>: &[(&str, [&str; 3])]`, sorted by key, for looking texts up by name.
    Named {
        /// The section's name.
        section: &'static str,
        /// The static's name.
        name: &'static str,
    },
}

/// One key's texts in [`LANGUAGES`] order, and the capability that defines it.
#[derive(Debug, Clone)]
struct Text {
    capability: String,
    texts: [String; 3],
}

/// Every text of one section: key → its texts.
type Section = BTreeMap<String, Text>;

/// One file as read: section → key → text.
type File = BTreeMap<String, BTreeMap<String, String>>;

/// Reads and checks every file in `locales`, then returns Rust source with `outputs`.
/// Prints `cargo::rerun-if-changed` lines for the files it reads.
pub fn generate(locales: &Path, outputs: &[Output]) -> Result<String, Vec<String>> {
    let sections = read(locales)?;
    let mut out = String::new();
    let empty = Section::new();
    for output in outputs {
        match *output {
            Output::Constants { section, module, nested } => {
                let texts = sections.get(section).unwrap_or(&empty);
                // One table per capability, so a bundle links the texts of the capabilities
                // whose keys it uses, not every text of the section.
                let mut tables: BTreeMap<&str, Vec<&Text>> = BTreeMap::new();
                let mut place: BTreeMap<&str, (String, usize)> = BTreeMap::new();
                for (key, text) in texts {
                    let rows = tables.entry(text.capability.as_str()).or_default();
                    let table = format!("{}_TEXTS_{}", module.to_uppercase(), constant(&text.capability));
                    place.insert(key.as_str(), (table, rows.len()));
                    rows.push(text);
                }
                for (capability, rows) in &tables {
                    let table = format!("{}_TEXTS_{}", module.to_uppercase(), constant(capability));
                    let _ = writeln!(
                        out,
                        "/// The `{section}` texts of `{capability}`, per language: Latvian, English, Russian."
                    );
                    let _ = writeln!(out, "static {table}: [&[&str]; 3] = [");
                    for n in 0..LANGUAGES.len() {
                        let column: Vec<&String> = rows.iter().map(|t| &t.texts[n]).collect();
                        let _ = writeln!(out, "    &{column:?},");
                    }
                    let _ = writeln!(out, "];");
                }
                let _ =
                    writeln!(out, "/// One constant per `{section}` key.\n#[allow(dead_code)]\npub mod {module} {{");
                let mut group: Option<&str> = None;
                for key in texts.keys() {
                    let (prefix, name) = match key.rsplit_once('.') {
                        Some((prefix, name)) if nested => (Some(prefix), name),
                        _ => (None, key.as_str()),
                    };
                    if prefix != group {
                        if group.is_some() {
                            let _ = writeln!(out, "    }}");
                        }
                        if let Some(prefix) = prefix {
                            let _ = writeln!(
                                out,
                                "    /// `{prefix}.*`\n    pub mod {} {{",
                                constant(prefix).to_lowercase()
                            );
                        }
                        group = prefix;
                    }
                    let up = if prefix.is_some() { "super::super" } else { "super" };
                    let (table, n) = &place[key.as_str()];
                    let _ = writeln!(
                        out,
                        "    /// `{key}`\n    pub const {}: {up}::Key = {up}::Key(&{up}::{table}, {n});",
                        constant(name)
                    );
                }
                if group.is_some() {
                    let _ = writeln!(out, "    }}");
                }
                let _ = writeln!(out, "}}");
            }
            Output::Named { section, name } => {
                let texts = sections.get(section).unwrap_or(&empty);
                let _ = writeln!(out, "/// The `{section}` texts by key (sorted): Latvian, English, Russian.");
                let _ = writeln!(out, "pub static {name}: &[(&str, [&str; 3])] = &[");
                for (key, t) in texts {
                    let _ = writeln!(out, "    ({key:?}, {:?}),", t.texts);
                }
                let _ = writeln!(out, "];");
            }
        }
    }
    Ok(out)
}

/// Every section of every file, merged across capabilities, after the checks.
fn read(locales: &Path) -> Result<BTreeMap<String, Section>, Vec<String>> {
    println!("cargo::rerun-if-changed={}", locales.display());
    let mut problems = Vec::new();
    // capability → its file in each language
    let mut files: BTreeMap<String, [Option<File>; 3]> = BTreeMap::new();
    for (n, language) in LANGUAGES.iter().enumerate() {
        let dir = locales.join(language);
        println!("cargo::rerun-if-changed={}", dir.display());
        for path in json_files(&dir, &mut problems) {
            println!("cargo::rerun-if-changed={}", path.display());
            let Some(capability) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else { continue };
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()));
            match parsed {
                Ok(sections) => files.entry(capability).or_default()[n] = Some(sections),
                Err(e) => problems.push(format!("{}: {e}", path.display())),
            }
        }
    }
    let mut merged: BTreeMap<String, Section> = BTreeMap::new();
    let mut owner: BTreeMap<(String, String), String> = BTreeMap::new();
    for (capability, languages) in &files {
        for (n, file) in languages.iter().enumerate() {
            if file.is_none() {
                problems.push(format!("{}/{capability}.json is missing", LANGUAGES[n]));
            }
        }
        let mut section_names: Vec<&String> = languages.iter().flatten().flat_map(|f| f.keys()).collect();
        section_names.sort();
        section_names.dedup();
        for section in section_names {
            let keys: Vec<&String> = {
                let mut keys: Vec<&String> =
                    languages.iter().flatten().filter_map(|f| f.get(section)).flat_map(|s| s.keys()).collect();
                keys.sort();
                keys.dedup();
                keys
            };
            for key in keys {
                let texts: Vec<Option<&String>> = languages
                    .iter()
                    .map(|f| f.as_ref().and_then(|f| f.get(section)).and_then(|s| s.get(key)))
                    .collect();
                for (n, text) in texts.iter().enumerate() {
                    if text.is_none() && languages[n].is_some() {
                        problems.push(format!(
                            "{}/{capability}.json lacks {section} \"{key}\" (another language has it)",
                            LANGUAGES[n]
                        ));
                    }
                }
                let [Some(lv), Some(en), Some(ru)] = [texts[0], texts[1], texts[2]] else { continue };
                for (n, other) in [(1, en), (2, ru)] {
                    if placeholders(lv) != placeholders(other) {
                        problems.push(format!(
                            "{capability}: {section} \"{key}\": {}.json and lv.json use different placeholders",
                            LANGUAGES[n]
                        ));
                    }
                }
                if let Some(earlier) = owner.insert((section.clone(), key.clone()), capability.clone()) {
                    problems.push(format!("{section} \"{key}\" is defined by both {earlier} and {capability}"));
                }
                let text = Text { capability: capability.clone(), texts: [lv.clone(), en.clone(), ru.clone()] };
                merged.entry(section.clone()).or_default().insert(key.clone(), text);
            }
        }
    }
    if problems.is_empty() {
        Ok(merged)
    } else {
        problems.sort();
        problems.dedup();
        Err(problems)
    }
}

fn json_files(dir: &Path, problems: &mut Vec<String>) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect(),
        Err(e) => {
            problems.push(format!("{}: {e}", dir.display()));
            Vec::new()
        }
    };
    found.sort();
    found
}

fn constant(key: &str) -> String {
    key.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect()
}

/// The `{names}` a text fills in, sorted.
fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> =
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect();
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, language: &str, capability: &str, json: &str) {
        let path = dir.join(language);
        std::fs::create_dir_all(&path).unwrap_or_default();
        std::fs::write(path.join(format!("{capability}.json")), json).unwrap_or_default();
    }

    fn three(dir: &Path, capability: &str, [lv, en, ru]: [&str; 3]) {
        write(dir, "lv", capability, lv);
        write(dir, "en", capability, en);
        write(dir, "ru", capability, ru);
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tilts-texts-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    const OUT: [Output; 1] = [Output::Constants { section: "app", module: "keys", nested: false }];

    #[test]
    fn complete_files_generate_one_constant_per_key() {
        let dir = temp("ok");
        three(
            &dir,
            "a",
            [
                r#"{"app":{"x.y":"Sveiki, {name}"}}"#,
                r#"{"app":{"x.y":"Hi, {name}"}}"#,
                r#"{"app":{"x.y":"Привет, {name}"}}"#,
            ],
        );
        let out = generate(&dir, &OUT).unwrap_or_default();
        assert!(out.contains("pub const X_Y: super::Key = super::Key(&super::KEYS_TEXTS_A, 0);"), "{out}");
        assert!(out.contains("Привет"), "{out}");
    }

    #[test]
    fn nested_constants_group_texts_by_their_prefix() {
        let dir = temp("nested");
        let json = r#"{"email":{"a.subject":"1","a.body":"2","b.subject":"3","signature":"4"}}"#;
        three(&dir, "a", [json; 3]);
        let out = generate(&dir, &[Output::Constants { section: "email", module: "email_keys", nested: true }])
            .unwrap_or_default();
        assert!(out.contains("pub mod a {"), "{out}");
        assert!(
            out.contains(
                "pub const BODY: super::super::Key = super::super::Key(&super::super::EMAIL_KEYS_TEXTS_A, 0);"
            ),
            "{out}"
        );
        assert!(out.contains("pub mod b {"), "{out}");
        assert!(out.contains("    /// `signature`\n    pub const SIGNATURE: super::Key"), "{out}");
    }

    #[test]
    fn a_missing_key_a_changed_placeholder_or_a_missing_file_fail() {
        let dir = temp("bad");
        three(
            &dir,
            "a",
            [r#"{"app":{"x":"{n}","y":"1"}}"#, r#"{"app":{"x":"{m}"}}"#, r#"{"app":{"x":"{n}","y":"1"}}"#],
        );
        write(&dir, "lv", "b", r#"{"server":{"z":"1"}}"#);
        let problems = generate(&dir, &OUT).err().unwrap_or_default();
        assert_eq!(
            problems,
            [
                "a: app \"x\": en.json and lv.json use different placeholders",
                "en/a.json lacks app \"y\" (another language has it)",
                "en/b.json is missing",
                "ru/b.json is missing",
            ]
        );
    }

    #[test]
    fn two_capabilities_may_not_define_one_key() {
        let dir = temp("twice");
        let json = r#"{"app":{"x":"1"}}"#;
        three(&dir, "a", [json; 3]);
        three(&dir, "b", [json; 3]);
        let problems = generate(&dir, &OUT).err().unwrap_or_default();
        assert_eq!(problems, ["app \"x\" is defined by both a and b"]);
    }
}
