//! Compiles the texts of `locales/<language>/<capability>.json` (see the `tilts-texts` crate):
//! `server` messages and `email` texts as constants, and the PWA's `app`, `staff` and `shell`
//! texts by name for the first paint. Any missing text or placeholder mismatch fails the build.

use std::path::Path;

use tilts_texts::Output;

fn main() {
    // Read at run time: a build script binary shared by two checkouts (one `CARGO_TARGET_DIR`)
    // must read the locales of the checkout it builds.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| panic!("cargo sets CARGO_MANIFEST_DIR"));
    let locales = Path::new(&manifest).join("../locales");
    let outputs = [
        Output::Constants { section: "server", module: "message_keys", nested: false },
        Output::Constants { section: "email", module: "email_keys", nested: true },
        Output::Named { section: "app", name: "APP_TEXTS" },
        Output::Named { section: "staff", name: "STAFF_TEXTS" },
        Output::Named { section: "shell", name: "SHELL_TEXTS" },
    ];
    let source = tilts_texts::generate(&locales, &outputs)
        .unwrap_or_else(|problems| panic!("translations are incomplete:\n{}", problems.join("\n")));
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("texts.rs");
    std::fs::write(dest, source).unwrap_or_else(|e| panic!("writing texts.rs: {e}"));
}
