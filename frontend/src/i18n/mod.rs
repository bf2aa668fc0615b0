//! Translations, generated at build time from `locales/<language>/<capability>.json` (see `build.rs`).

pub mod plural;

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

/// "Too many attempts. Try again in 2 minutes.": whole minutes, rounded up, from a minute on;
/// seconds below that.
pub fn retry_after_text(locale: Locale, secs: i64) -> String {
    let secs = u64::try_from(secs).unwrap_or_default().max(1);
    let (n, unit) = if secs >= 60 { (secs.div_ceil(60), keys::WAIT_MINUTES) } else { (secs, keys::WAIT_SECONDS) };
    keys::WAIT_TRY_AGAIN
        .text(locale)
        .replace("{n}", &n.to_string())
        .replace("{unit}", plural::form(unit.text(locale), locale.code(), n))
}

/// A language of the app; also the schema's `Locale` in every operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Locale {
    /// Latvian, the default.
    #[default]
    Lv,
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Locale {
    /// Every locale, in the order the switcher shows them.
    pub const ALL: [Locale; 3] = [Locale::Lv, Locale::En, Locale::Ru];

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Lv => "lv",
            Locale::En => "en",
            Locale::Ru => "ru",
        }
    }

    /// The language's own name, as the switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Lv => "Latviešu",
            Locale::En => "English",
            Locale::Ru => "Русский",
        }
    }

    /// Parses a code such as `ru` or `ru-RU`.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// A translation key (see [`keys`] and [`staff_keys`]): its set's table and its place there.
#[derive(Clone, Copy, Debug)]
pub struct Key(&'static [&'static [&'static str]; 3], u16);

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.1 == other.1 && self.0[0].as_ptr() == other.0[0].as_ptr()
    }
}

impl Eq for Key {}

impl Key {
    /// The text in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        let table = match locale {
            Locale::Lv => self.0[0],
            Locale::En => self.0[1],
            Locale::Ru => self.0[2],
        };
        table.get(usize::from(self.1)).copied().unwrap_or("")
    }
}

/// The date of an RFC 3339 time (on the reader's clock) or of a `YYYY-MM-DD` date, as day,
/// month and year (`07.12.2026`) in every language, as dates are written in Latvia: an English
/// "12/7/2026" beside a deadline "31.12.2026" would read as July.
pub fn local_date(time: &str, _locale: Locale) -> String {
    if time.len() == 10 {
        // A calendar date: no clock moves it to another day.
        let mut parts = time.splitn(3, '-');
        if let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) {
            return format!("{d}.{m}.{y}");
        }
        return time.to_owned();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(time));
    if date.get_time().is_nan() {
        return time.to_owned();
    }
    format!("{:02}.{:02}.{}", date.get_date(), date.get_month() + 1, date.get_full_year())
}

/// The date and time of an RFC 3339 time, written the way `locale` writes them (English with
/// the day first, as in Latvia).
pub fn local_time(time: &str, locale: Locale) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(time));
    let code = match locale {
        Locale::En => "en-GB",
        other => other.code(),
    };
    String::from(date.to_locale_string(code, &wasm_bindgen::JsValue::UNDEFINED))
}
