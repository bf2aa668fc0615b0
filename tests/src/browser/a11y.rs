//! axe-core finds no WCAG 2.1 A/AA violation on any page, in any language; screenshots of
//! each page at 360 px go to `tests/artefacts/screenshots/`.

use serde_json::Value;
use tilts::domain::{Locale, Role};

use super::{Browser, spawn_pwa_app};
use crate::app::PASSWORD;

/// axe-core's script, installed by `cargo xtask test` from npm.
pub fn axe_source() -> String {
    let home = std::env::var("HOME").unwrap_or_else(|_| "/tmp".into());
    let path = format!("{home}/.cache/tilts-tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} is missing: cargo xtask test installs axe-core"))
}

/// axe-core's WCAG 2.1 A/AA violations on the current page.
pub async fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser.client.execute(axe, vec![]).await.expect("axe loads");
    let result = browser
        .run_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(e => done(['axe failed: ' + e]));",
        )
        .await;
    match result {
        Value::Array(items) => items.into_iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        other => vec![format!("unexpected axe result {other}")],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_has_no_wcag_violations_in_any_language() {
    let axe = axe_source();
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "a11y@example.lv",
        "Anna",
        PASSWORD,
        Role::Founder,
        Locale::Lv,
    )
    .await
    .unwrap();
    // A working reset link (looking at it does not use it up).
    app.graphql("mutation { requestPasswordReset(email: \"a11y@example.lv\") }", serde_json::json!({})).await;
    let reset = format!("/reset-password#token={}", app.smtp.wait_for_message_to("a11y@example.lv").await.token());
    let browser = Browser::open(&app).await;
    let pages = [
        ("landing", "/", "h1"),
        ("register", "/register", "form"),
        ("verify-email", "/verify-email#token=0000", "#confirm-email"),
        ("sign-in", "/sign-in", "form"),
        ("forgot-password", "/forgot-password", "form"),
        ("reset-password", reset.as_str(), "form:not([hidden])"),
        ("not-found", "/no-such-page", "h1"),
        // After another page: a link to the same page that differs only in its token does not reload it.
        ("reset-password-bad-link", "/reset-password#token=0000", "#link-problem"),
    ];
    let mut failures = Vec::new();
    for lang in ["lv", "en", "ru"] {
        browser.visit("/").await;
        browser.choose_language(lang).await;
        for (name, path, ready) in pages {
            browser.visit(path).await;
            browser.wait_for(ready).await;
            browser.screenshot(&format!("{name}-{lang}")).await;
            for v in violations(&browser, &axe).await {
                failures.push(format!("{path} [{lang}] {v}"));
            }
        }
    }
    // The account page, signed in.
    browser.sign_in("a11y@example.lv", PASSWORD).await;
    for lang in ["lv", "en", "ru"] {
        browser.choose_language(lang).await;
        browser.wait_for(".who").await;
        browser.screenshot(&format!("account-{lang}")).await;
        for v in violations(&browser, &axe).await {
            failures.push(format!("/account [{lang}] {v}"));
        }
    }
    browser.close().await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_200_percent_text_nothing_runs_off_the_side() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "teksts.liels@example.lv",
        "Ilgvārds Pārbaudītājs-Garvārdiņš",
        PASSWORD,
        Role::Enterprise,
        Locale::Lv,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    let overflow = "const done = arguments[arguments.length - 1];
        document.documentElement.style.fontSize = '200%';
        setTimeout(() => {
          const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 361 && e.offsetParent !== null)
            .map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));
          done({ page: document.documentElement.scrollWidth, view: window.innerWidth, wide: wide.slice(0, 5) });
        }, 100);";
    let mut failures = Vec::new();
    let mut check = async |name: &str| {
        let result = browser.run_async(overflow).await;
        // The phone is 360 px wide; a layout that overflows widens the layout viewport itself.
        if result["page"].as_i64().is_none_or(|width| width > 360) {
            failures.push(format!("{name}: {result}"));
        }
    };
    for lang in ["lv", "ru"] {
        browser.visit("/").await;
        browser.choose_language(lang).await;
        for path in ["/", "/sign-in", "/register", "/forgot-password"] {
            browser.visit(path).await;
            check(&format!("{path} [{lang}]")).await;
        }
    }
    browser.sign_in("teksts.liels@example.lv", PASSWORD).await;
    browser.wait_for(".who").await;
    check("/account [signed in]").await;
    browser.screenshot("account-200-percent").await;
    browser.close().await;
    assert!(failures.is_empty(), "wider than the screen at 200 % text:\n{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_tab_on_a_fresh_load_reaches_the_skip_link() {
    let app = spawn_pwa_app().await;
    let browser = Browser::open(&app).await;
    for path in ["/", "/sign-in"] {
        browser.visit(path).await;
        browser.client.find(fantoccini::Locator::Css("body")).await.unwrap().send_keys("\u{E004}").await.unwrap();
        let focused = browser.client.active_element().await.unwrap();
        let class = focused.attr("class").await.unwrap().unwrap_or_default();
        assert!(class.split(' ').any(|c| c == "skip"), "{path}: the first Tab reached .{class}");
    }
    browser.close().await;
}
