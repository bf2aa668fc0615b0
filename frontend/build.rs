//! Compiles the texts of `locales/<language>/<capability>.json` (see the `tilts-texts` crate):
//! the `app` section into `keys` for the phone app, the `staff` section into `staff_keys`, in
//! tables of their own that only the staff bundle links. Any missing text or placeholder
//! mismatch, in any section, fails the build.

use std::path::Path;

use tilts_texts::Output;

fn main() {
    // Read at run time: a build script binary shared by two checkouts (one `CARGO_TARGET_DIR`)
    // must read the locales of the checkout it builds.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| panic!("cargo sets CARGO_MANIFEST_DIR"));
    let locales = Path::new(&manifest).join("../locales");
    let outputs = [
        Output::Constants { section: "app", module: "keys", nested: false },
        Output::Constants { section: "staff", module: "staff_keys", nested: false },
    ];
    let source = tilts_texts::generate(&locales, &outputs)
        .unwrap_or_else(|problems| panic!("translations are incomplete:\n{}", problems.join("\n")));
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("i18n.rs");
    std::fs::write(dest, source).unwrap_or_else(|e| panic!("writing i18n.rs: {e}"));
}
