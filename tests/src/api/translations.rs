//! The texts in `locales/<language>/<capability>.json`. That every language has every text with
//! the same placeholders is checked by the build (the `tilts-texts` crate); this checks what reads
//! right.

use std::collections::BTreeMap;

/// Every text of `locale`, as `"<section> <key>"` → text, from all its capability files.
fn all(locale: &str) -> BTreeMap<String, String> {
    let dir = format!("{}/../locales/{locale}", env!("CARGO_MANIFEST_DIR"));
    let mut texts = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let sections: BTreeMap<String, BTreeMap<String, String>> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (section, keys) in sections {
            texts.extend(keys.into_iter().map(|(key, text)| (format!("{section} {key}"), text)));
        }
    }
    texts
}

/// The phone app's texts of `locale`.
fn load(locale: &str) -> BTreeMap<String, String> {
    all(locale).into_iter().filter_map(|(k, v)| Some((k.strip_prefix("app ")?.to_owned(), v))).collect()
}

#[test]
fn no_text_is_empty() {
    for code in ["lv", "en", "ru"] {
        let empty: Vec<_> = all(code).into_iter().filter(|(_, v)| v.trim().is_empty()).map(|(k, _)| k).collect();
        assert!(empty.is_empty(), "{code} has empty texts: {empty:?}");
    }
}

/// The PWA's plural rules, compiled here too so that they run with the other tests.
#[path = "../../../frontend/src/i18n/plural.rs"]
mod plural;

#[test]
fn plural_categories_follow_the_cldr_rules_of_each_language() {
    let categories =
        |code: &str, numbers: &[u64]| numbers.iter().map(|n| plural::form_index(code, *n)).collect::<Vec<_>>();
    // English: one | other.
    assert_eq!(categories("en", &[0, 1, 2, 11, 21]), [1, 0, 1, 1, 1]);
    // Latvian: zero (0, 10–20, 30, 111) | one (1, 21, 101, but not 11) | other.
    assert_eq!(categories("lv", &[0, 10, 11, 19, 20, 30, 111]), [0; 7]);
    assert_eq!(categories("lv", &[1, 21, 31, 101]), [1; 4]);
    assert_eq!(categories("lv", &[2, 9, 22, 25, 102]), [2; 5]);
    // Russian: one (1, 21, 101, but not 11) | few (2–4, 22–24, but not 12–14) | many.
    assert_eq!(categories("ru", &[1, 21, 101]), [0; 3]);
    assert_eq!(categories("ru", &[2, 4, 22, 34, 102]), [1; 5]);
    assert_eq!(categories("ru", &[0, 5, 11, 12, 14, 20, 25, 111, 112]), [2; 9]);
}

/// The three languages: table name, code, what its doc comment says, and the order of its
/// categories in our texts.
const PLURAL_LANGUAGES: [(&str, &str, &str, &[icu_plurals::PluralCategory]); 3] = {
    use icu_plurals::PluralCategory::{Few, Many, One, Other, Zero};
    [
        ("LV", "lv", "Latvian: zero | one | other.", &[Zero, One, Other]),
        ("EN", "en", "English: one | other.", &[One, Other]),
        ("RU", "ru", "Russian: one | few | many.", &[One, Few, Many]),
    ]
};

fn icu_rules(code: &str) -> icu_plurals::PluralRules {
    let locale: icu_locale_core::Locale = code.parse().unwrap();
    icu_plurals::PluralRules::try_new(locale.into(), Default::default()).unwrap()
}

#[test]
fn plural_tables_are_icu4x_cldr_rules() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../frontend/src/i18n/plural_table.rs");
    let committed = std::fs::read_to_string(path).unwrap();
    let header: String = committed
        .lines()
        .take_while(|l| l.starts_with("//") && !l.starts_with("///"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut expected = header;
    for (name, code, doc, order) in PLURAL_LANGUAGES {
        let rules = icu_rules(code);
        let forms: Vec<String> = (0..200u64)
            .map(|n| {
                let category = rules.category_for(n);
                order
                    .iter()
                    .position(|c| *c == category)
                    .unwrap_or_else(|| panic!("{code} {n}: {category:?}"))
                    .to_string()
            })
            .collect();
        expected.push_str(&format!("/// {doc}\npub const {name}: [u8; 200] = [{}];\n", forms.join(", ")));
        // Beyond the table, the app's shortcut agrees with ICU4X.
        for n in 0..100_000u64 {
            let category = rules.category_for(n);
            assert_eq!(order.get(plural::form_index(code, n)), Some(&category), "{code} {n}");
        }
    }
    if std::env::var_os("TILTS_WRITE_PLURALS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    assert_eq!(committed, expected, "plural_table.rs differs from ICU4X: rerun with TILTS_WRITE_PLURALS=1");
}

#[test]
fn every_text_with_plural_forms_has_one_form_per_category_and_the_wait_reads_right() {
    for (code, forms) in [("en", 2), ("lv", 3), ("ru", 3)] {
        for (key, text) in all(code).iter().filter(|(_, t)| t.contains('|')) {
            assert_eq!(text.split('|').count(), forms, "{code} {key} needs {forms} forms: {text}");
        }
    }
    let minutes = |code: &str, n: u64| plural::form(&load(code)["wait.minutes"], code, n).to_owned();
    let seconds = |code: &str, n: u64| plural::form(&load(code)["wait.seconds"], code, n).to_owned();
    assert_eq!([minutes("en", 1), minutes("en", 2)], ["minute", "minutes"]);
    // "pēc 1 minūtes", "pēc 21 minūtes", "pēc 2 minūtēm", "pēc 10 minūtēm"
    assert_eq!(
        [minutes("lv", 1), minutes("lv", 21), minutes("lv", 2), minutes("lv", 10)],
        ["minūtes", "minūtes", "minūtēm", "minūtēm"]
    );
    // "через 1 минуту", "через 3 минуты", "через 5 минут", "через 11 минут"
    assert_eq!(
        [minutes("ru", 1), minutes("ru", 3), minutes("ru", 5), minutes("ru", 11)],
        ["минуту", "минуты", "минут", "минут"]
    );
    assert_eq!(
        [seconds("ru", 21), seconds("ru", 30), seconds("lv", 30), seconds("en", 1)],
        ["секунду", "секунд", "sekundēm", "second"]
    );
}

#[test]
fn the_forgot_password_page_promises_the_time_a_reset_link_really_works() {
    let minutes = tilts::services::accounts::RESET_TTL.num_minutes().to_string();
    for code in ["lv", "en", "ru"] {
        let text = &load(code)["forgot.done"];
        assert!(
            text.contains(&format!(" {minutes} ")),
            "{code}.json \"forgot.done\" should say {minutes} minutes: {text}"
        );
    }
}
