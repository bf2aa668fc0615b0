//! Before the app arrives, and when it never does or the connection stalls: the server's first
//! paint is usable with plain links, a failed start says so with a way to try again, the app
//! takes the first paint's place without moving it, and a call that gets no answer ends in a
//! message and a "Try again" button instead of "please wait" for ever.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use serde_json::Value;

use super::{APP, Browser, a11y, dist_dir, spawn_pwa_app};
use crate::{Backend, spawn_app_with};

/// A copy of the built PWA without its wasm, as a phone sees it when that request fails.
fn dist_without_wasm() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() {
                copy(&entry.path(), &to.join(&name));
            } else if !name.contains(".wasm") {
                std::fs::copy(entry.path(), to.join(&name)).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&dist_dir(), dir.path());
    dir
}

/// The box of the first element matching `css`: `[top, left, width, height]`.
async fn rect(browser: &Browser, css: &str) -> Vec<f64> {
    let script = format!(
        "const r = document.querySelector({css:?}).getBoundingClientRect(); return [r.top, r.left, r.width, r.height];"
    );
    let value = browser.client.execute(&script, vec![]).await.unwrap();
    value.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_app_the_first_paint_says_so_in_its_language_and_its_plain_links_work() {
    let dist = dist_without_wasm();
    let dir = dist.path().to_owned();
    let app = spawn_app_with(Backend::Sqlite, move |s| s.static_dir = dir).await;
    let browser = Browser::open(&app).await;
    browser.client.goto(&format!("{}/sign-in", app.address)).await.unwrap();

    // The browser asks for English: the message and its link are English.
    browser.wait_for_text("#boot-failed", "Tilts did not load").await;
    assert_eq!(browser.text("#boot-failed a").await, "Try again");

    // The language links need no app: the page comes back in Latvian, and says so in Latvian.
    browser.click("a[hreflang=lv]").await;
    browser.wait_for_text("h1", "Pieslēgties").await;
    browser.wait_for_path("/sign-in").await;
    assert_eq!(browser.html_lang().await, "lv");
    browser.wait_for_text("#boot-failed", "Tilts neielādējās").await;
    assert_eq!(browser.text("#boot-failed a").await, "Mēģināt vēlreiz");
    browser.screenshot("first-paint-failed-lv").await;
    let failures = a11y::violations(&browser, &a11y::axe_source()).await;
    assert!(failures.is_empty(), "accessibility violations:\n{}", failures.join("\n"));

    // "Try again" loads the page anew, in the chosen language.
    browser.client.execute("window.beforeRetry = true", vec![]).await.unwrap();
    browser.click("#boot-failed a").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while browser.client.execute("return window.beforeRetry === true", vec![]).await.unwrap() == Value::Bool(true) {
        assert!(Instant::now() < deadline, "the page was not loaded again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.wait_for_text("#boot-failed", "Tilts neielādējās").await;

    // And to Russian.
    browser.click("a[hreflang=ru]").await;
    browser.wait_for_text("h1", "Вход").await;
    browser.wait_for_path("/sign-in").await;
    assert_eq!(browser.html_lang().await, "ru");
    browser.wait_for_text("#boot-failed", "Tilts не загрузился").await;
    assert_eq!(browser.text("#boot-failed a").await, "Попробовать снова");

    // Nor does the navigation.
    browser.click("#shell nav.nav a[href='/register']").await;
    browser.wait_for_path("/register").await;
    browser.wait_for_text("h1", "Создать аккаунт").await;
    browser.click("#shell a.brand").await;
    browser.wait_for_path("/").await;
    browser.wait_for_text("h1", "Начните заново").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_replaces_the_first_paint_with_the_same_heading_and_introduction_in_the_same_place() {
    let dist = dist_without_wasm();
    let dir = dist.path().to_owned();
    let first_paint_only = spawn_app_with(Backend::Sqlite, move |s| s.static_dir = dir).await;
    let app = spawn_pwa_app().await;
    let browser = Browser::open(&app).await;
    for path in ["/", "/register", "/sign-in", "/forgot-password", "/no-such-page"] {
        browser.client.goto(&format!("{}{path}", first_paint_only.address)).await.unwrap();
        browser.wait_for("#shell h1").await;
        let painted = (browser.text("h1").await, rect(&browser, "h1").await, rect(&browser, "p.intro").await);

        browser.visit(path).await;
        let shells = browser.client.execute("return document.querySelectorAll('#shell').length", vec![]).await;
        assert_eq!(shells.unwrap(), 0, "{path}: the first paint is gone");
        let headings = browser.client.execute("return document.querySelectorAll('h1').length", vec![]).await;
        assert_eq!(headings.unwrap(), 1, "{path}");
        let mounted = (browser.text("h1").await, rect(&browser, "h1").await, rect(&browser, "p.intro").await);
        assert_eq!(painted, mounted, "{path}: heading and introduction (text, then top, left, width, height)");
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_whose_call_gets_no_answer_offers_to_try_again_after_fifteen_seconds() {
    let app = spawn_pwa_app().await;
    let browser = Browser::open(&app).await;
    browser.visit("/sign-in").await;
    browser.fill("email", "someone@example.lv").await;
    browser.fill("password", "kalnu takas 2026").await;

    // The server goes away and its port accepts connections but never answers, as a stalled
    // mobile connection does.
    let port = app.address.rsplit(':').next().unwrap().to_owned();
    app.stop_server().await;
    let silent = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await.unwrap();
    let (request, mut requests) = tokio::sync::mpsc::unbounded_channel();
    let holder = tokio::spawn(async move {
        while let Ok((mut socket, _)) = silent.accept().await {
            let request = request.clone();
            tokio::spawn(async move {
                use tokio::io::AsyncReadExt;
                let mut buffer = [0; 4096];
                while let Ok(read) = socket.read(&mut buffer).await {
                    if read == 0 {
                        break;
                    }
                    if String::from_utf8_lossy(&buffer[..read]).contains("POST /graphql") {
                        let _ = request.send(());
                    }
                }
            });
        }
    });

    let sent = Instant::now();
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("form button[type=submit]", "Please wait").await;
    browser.wait_for_text_within("form .error[role=alert]", "slow or lost", Duration::from_secs(25)).await;
    let waited = sent.elapsed();
    assert!(waited >= Duration::from_secs(14), "gave up after {waited:?}, not ≈ 15 s");
    assert_eq!(browser.text("form button[type=submit]").await, "Try again");
    browser.screenshot("sign-in-no-answer").await;

    // Trying again sends the form again.
    while requests.try_recv().is_ok() {}
    browser.click("form button[type=submit]").await;
    browser.wait_for_text("form button[type=submit]", "Please wait").await;
    let again = tokio::time::timeout(Duration::from_secs(5), requests.recv()).await;
    assert!(again.is_ok_and(|r| r.is_some()), "the form was sent again");
    holder.abort();
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wasm_is_fetched_after_the_first_paint_and_not_preloaded() {
    let app = spawn_pwa_app().await;
    let html = reqwest::get(format!("{}/register", app.address)).await.unwrap().text().await.unwrap();
    assert!(!html.contains(".wasm"), "the page names no wasm: {html}");
    let browser = Browser::open(&app).await;
    browser.visit("/register").await;
    let order = browser
        .client
        .execute(
            "const fcp = performance.getEntriesByName('first-contentful-paint')[0];
             const wasm = performance.getEntriesByType('resource').find(r => r.name.endsWith('.wasm'));
             return [fcp ? fcp.startTime : null, wasm ? wasm.startTime : null];",
            vec![],
        )
        .await
        .unwrap();
    let (painted, fetched) = (order[0].as_f64().unwrap(), order[1].as_f64().unwrap());
    assert!(fetched > painted, "the wasm was asked for at {fetched} ms, before the first paint at {painted} ms");
    assert!(browser.wait_for(APP).await.is_displayed().await.unwrap());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_language_chosen_with_a_first_paint_link_is_the_apps_language_too() {
    let app = spawn_pwa_app().await;
    let browser = Browser::open(&app).await;
    browser.visit("/").await;
    browser.choose_language("lv").await;
    // What the first paint's "Русский" link does, before the app has started.
    browser.client.goto(&format!("{}/lang/ru?next=%2Fsign-in", app.address)).await.unwrap();
    browser.wait_for(APP).await;
    browser.wait_for_path("/sign-in").await;
    let chosen = browser.client.execute("return document.getElementById('lang-select').value", vec![]).await;
    assert_eq!(chosen.unwrap(), "ru");
    browser.wait_for_text("main h1", "Вход").await;
    assert_eq!(browser.html_lang().await, "ru");
    browser.close().await;
}
