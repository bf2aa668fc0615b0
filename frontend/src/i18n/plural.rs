//! Plural forms: which of a text's forms, separated by `|`, fits a number.
//!
//! Plain Rust without dependencies, so the end-to-end tests include this file and check it
//! against the texts in `locales/`.

/// The index of the form that fits `n` in the language `code`, by the CLDR rules. Texts list
/// their forms in this order: English `one|other`, Latvian `zero|one|other` (zero: 0, 10–20,
/// 30, …; one: 1, 21, 31, … but not 11), Russian `one|few|many` (1, 21 | 2–4, 22–24 | 0, 5–20).
pub fn form_index(code: &str, n: u64) -> usize {
    let (last, last_two) = (n % 10, n % 100);
    match code {
        "lv" if last == 0 || (11..=19).contains(&last_two) => 0,
        "lv" if last == 1 => 1,
        "lv" => 2,
        "ru" if last == 1 && last_two != 11 => 0,
        "ru" if (2..=4).contains(&last) && !(12..=14).contains(&last_two) => 1,
        "ru" => 2,
        _ => usize::from(n != 1),
    }
}

/// The form of `forms` (such as `minute|minutes`) that fits `n` in the language `code`.
pub fn form<'a>(forms: &'a str, code: &str, n: u64) -> &'a str {
    forms.split('|').nth(form_index(code, n)).unwrap_or(forms)
}
