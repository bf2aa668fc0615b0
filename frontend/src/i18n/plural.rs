//! Plural forms: which of a text's forms, separated by `|`, fits a number.
//!
//! The categories come from ICU4X's CLDR rules as a table (`plural_table.rs`), so the app
//! carries no rule engine. Plain Rust without dependencies, so the end-to-end tests include
//! this file and check it against ICU4X and the texts in `locales/`.

include!("plural_table.rs");

/// The index of the form that fits `n` in the language `code`. Texts list their forms in this
/// order: English `one|other`, Latvian `zero|one|other`, Russian `one|few|many`.
pub fn form_index(code: &str, n: u64) -> usize {
    let table = match code {
        "lv" => &LV,
        "ru" => &RU,
        _ => &EN,
    };
    // Whole numbers from 200 on fall in the category of 100 + n % 100 in these languages.
    let row = if n < 200 { n } else { 100 + n % 100 };
    usize::try_from(row).ok().and_then(|row| table.get(row)).map_or(0, |form| usize::from(*form))
}

/// The form of `forms` (such as `minute|minutes`) that fits `n` in the language `code`.
pub fn form<'a>(forms: &'a str, code: &str, n: u64) -> &'a str {
    forms.split('|').nth(form_index(code, n)).unwrap_or(forms)
}
