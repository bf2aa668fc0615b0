//! Installable and usable offline; nothing personal left on the device after sign-out.

use std::time::Duration;

use serde_json::Value;
use tilts::domain::{Locale, Role};

use super::{Browser, spawn_pwa_app};
use crate::app::PASSWORD;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manifest_is_valid_the_service_worker_registers_and_the_shell_opens_offline() {
    let app = spawn_pwa_app().await;
    let manifest: Value =
        reqwest::get(format!("{}/manifest.webmanifest", app.address)).await.unwrap().json().await.unwrap();
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["start_url"], "/");
    assert!(manifest["name"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(manifest["short_name"], "Tilts");
    assert!(manifest["theme_color"].as_str().is_some_and(|c| c.starts_with('#')));
    let icons = manifest["icons"].as_array().unwrap();
    for (size, purpose) in [("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")] {
        let icon = icons
            .iter()
            .find(|i| i["sizes"] == size && i["purpose"] == purpose)
            .unwrap_or_else(|| panic!("{size} {purpose}"));
        let response = reqwest::get(format!("{}{}", app.address, icon["src"].as_str().unwrap())).await.unwrap();
        assert_eq!(response.headers()["content-type"], "image/png");
        let png = response.bytes().await.unwrap();
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        assert_eq!(format!("{width}x{width}"), size);
    }

    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    let linked =
        browser.client.execute("return document.querySelector('link[rel=manifest]').href", vec![]).await.unwrap();
    assert!(linked.as_str().unwrap().ends_with("/manifest.webmanifest"));
    let active = browser
        .run_async("const done = arguments[arguments.length - 1]; navigator.serviceWorker.ready.then(r => done(!!r.active)).catch(() => done(false));")
        .await;
    assert_eq!(active, Value::Bool(true), "the service worker is active");
    // Wait until it controls the page, so the reload goes through it.
    let controlled = browser
        .run_async(
            "const done = arguments[arguments.length - 1];
             if (navigator.serviceWorker.controller) { done(true); }
             else { navigator.serviceWorker.addEventListener('controllerchange', () => done(true)); setTimeout(() => done(false), 5000); }",
        )
        .await;
    assert_eq!(controlled, Value::Bool(true));
    // The wasm is kept too, although index.html does not name it (the loader fetches it).
    let cached = browser
        .run_async(
            "const done = arguments[arguments.length - 1];
             (async () => {
               for (const name of await caches.keys()) {
                 for (const request of await (await caches.open(name)).keys()) if (request.url.endsWith('.wasm')) return true;
               }
               return false;
             })().then(done, () => done(false));",
        )
        .await;
    assert_eq!(cached, Value::Bool(true), "the service worker keeps the wasm");

    app.stop_server().await;
    browser.client.refresh().await.unwrap();
    // The app itself starts from the cached shell (its bar replaces the first paint's).
    browser.wait_for(super::APP).await;
    let heading = browser.text("main h1").await;
    assert!(!heading.is_empty(), "the cached shell shows a heading offline");
    browser.screenshot("offline").await;
    // A route never visited also opens from the cached shell.
    browser.client.goto(&format!("{}/forgot-password", app.address)).await.unwrap();
    browser.wait_for(super::APP).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_sign_out_no_personal_data_stays_in_cache_storage_or_local_storage() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "private.person@example.lv",
        "Slepens Vārds",
        PASSWORD,
        Role::Founder,
        Locale::Lv,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.sign_in("private.person@example.lv", PASSWORD).await;
    browser.wait_for_text(".who", "Slepens Vārds").await;
    browser.choose_language("ru").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    browser.click("#sign-out").await;
    browser.wait_for_path("/sign-in").await;

    let stored = browser
        .run_async(
            "const done = arguments[arguments.length - 1];
             (async () => {
               const out = { local: {}, session: {}, caches: [] };
               for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); out.local[k] = localStorage.getItem(k); }
               for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i); out.session[k] = sessionStorage.getItem(k); }
               for (const name of await caches.keys()) {
                 const cache = await caches.open(name);
                 for (const request of await cache.keys()) {
                   const body = await (await cache.match(request)).clone().text();
                   out.caches.push({ url: request.url, body: body.slice(0, 200000) });
                 }
               }
               done(out);
             })().catch(e => done({ error: String(e) }));",
        )
        .await;
    assert!(stored["error"].is_null(), "{stored}");
    let local = stored["local"].as_object().unwrap();
    assert!(local.keys().all(|k| k == "tilts.locale"), "only the language is kept: {local:?}");
    assert!(stored["session"].as_object().unwrap().is_empty());
    for entry in stored["caches"].as_array().unwrap() {
        let url = entry["url"].as_str().unwrap();
        let body = entry["body"].as_str().unwrap_or_default();
        assert!(!url.contains("/graphql"), "{url}");
        assert!(!body.contains("private.person") && !body.contains("Slepens"), "{url} holds personal data");
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_route_arrives_with_its_heading_in_the_html_and_assets_are_immutable_and_precompressed() {
    let app = spawn_pwa_app().await;
    let client = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
    let page = |path: &'static str, language: &'static str| {
        let client = client.clone();
        let url = format!("{}{path}", app.address);
        async move { client.get(url).header("accept-language", language).send().await.unwrap().text().await.unwrap() }
    };
    let sign_in_ru = page("/sign-in", "ru").await;
    assert!(sign_in_ru.contains("<html lang=\"ru\">"), "{sign_in_ru}");
    assert!(sign_in_ru.contains("<h1>Вход</h1>"), "{sign_in_ru}");
    let landing_lv = page("/", "lv").await;
    assert!(landing_lv.contains("<h1>Sāciet no jauna ar savu darbu</h1>"));
    let register_en = page("/register", "en").await;
    assert!(register_en.contains("<h1>Create an account</h1>"));
    assert!(register_en.contains("rel=\"modulepreload\""), "the app's JS is preloaded");

    let wasm = std::fs::read_dir(super::dist_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with("_bg.wasm"))
        .unwrap();
    let response =
        client.get(format!("{}/{wasm}", app.address)).header("accept-encoding", "br, gzip").send().await.unwrap();
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(response.headers()["content-type"], "application/wasm");
    let gz = client.get(format!("{}/{wasm}", app.address)).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    let sw = client.get(format!("{}/sw.js", app.address)).send().await.unwrap();
    assert_eq!(sw.headers()["cache-control"], "no-cache");
    assert!(!sw.text().await.unwrap().contains("__TILTS_BUILD__"), "the service worker carries its build id");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_starts_under_a_strict_content_security_policy_without_inline_script() {
    let app = spawn_pwa_app().await;
    let page = reqwest::get(format!("{}/sign-in", app.address)).await.unwrap();
    let policy = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let html = page.text().await.unwrap();
    let scripts: Vec<&str> = html.split("<script").skip(1).map(|s| s.split('>').next().unwrap_or_default()).collect();
    assert!(!scripts.is_empty());
    for attributes in scripts {
        assert!(attributes.contains("src=\"/"), "every script is a file of this origin: <script{attributes}>");
    }
    assert!(!html.contains("<style"), "no inline style");
    let offline = reqwest::get(format!("{}/offline.html", app.address)).await.unwrap().text().await.unwrap();
    assert!(!offline.contains("<style") && !offline.contains("<script"), "{offline}");

    let browser = Browser::open(&app).await;
    browser.visit("/sign-in").await;
    browser.wait_for("form").await;
    let started = browser
        .run_async("const done = arguments[arguments.length - 1]; setTimeout(() => done(!!window.wasmBindings), 0);")
        .await;
    assert_eq!(started, Value::Bool(true), "the wasm loader ran from its own file");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_is_not_signed_out() {
    let app = spawn_pwa_app().await;
    tilts::services::accounts::create_verified(
        &app.state.db,
        &app.state,
        "offline@example.lv",
        "Rasma",
        PASSWORD,
        Role::Founder,
        Locale::En,
    )
    .await
    .unwrap();
    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    let controlled = browser
        .run_async(
            "const done = arguments[arguments.length - 1];
             navigator.serviceWorker.ready.then(() => {
               if (navigator.serviceWorker.controller) { done(true); }
               else { navigator.serviceWorker.addEventListener('controllerchange', () => done(true)); setTimeout(() => done(false), 5000); }
             });",
        )
        .await;
    assert_eq!(controlled, Value::Bool(true));
    browser.choose_language("en").await;
    browser.sign_in("offline@example.lv", PASSWORD).await;
    browser.wait_for_text(".who", "Rasma").await;
    assert!(browser.client.find(fantoccini::Locator::Css(".offline:not([hidden])")).await.is_err());

    app.stop_server().await;
    browser.client.refresh().await.unwrap();
    browser.wait_for(".offline:not([hidden])").await;
    browser.wait_for_text(".offline", "no connection").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/account", "no connection is not sent to sign-in");
    let notice = browser.text("main").await;
    assert!(!notice.contains("Please sign in"), "{notice}");
    browser.screenshot("account-offline").await;
    browser.close().await;
}

/// The brotli bytes of the files of `dir` a first visit fetches: its page, CSS, scripts and wasm
/// (not the offline page, the manifest, icons or the service worker, which come later).
fn first_load_bytes(dir: &std::path::Path) -> (u64, Vec<String>) {
    let mut total = 0;
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(plain) = name.strip_suffix(".br") else { continue };
        let fetched = [".html", ".css", ".js", ".wasm"].iter().any(|ext| plain.ends_with(ext))
            && !plain.starts_with("offline")
            && plain != "sw.js";
        if fetched {
            let size = entry.metadata().unwrap().len();
            total += size;
            files.push(format!("{plain}: {size}"));
        }
    }
    (total, files)
}

#[test]
fn what_a_phone_downloads_for_its_first_page_stays_within_200_kb_in_every_phone_bundle() {
    let dist = super::dist_dir();
    let register = std::fs::metadata(dist.join("sw-register.js.br")).unwrap().len();
    let (public, files) = first_load_bytes(&dist);
    assert!(public <= 200_000, "the public pages: {public} bytes: {files:?}");
    for bundle in
        ["my", "find", "org", "posting", "mentoring", "mentorship", "opportunities", "applications", "buy-social"]
    {
        let (bytes, files) = first_load_bytes(&dist.join(bundle));
        assert!(bytes + register <= 200_000, "{bundle}: {} bytes: {files:?}", bytes + register);
    }
}
