//! Browser tests: headless Chromium through WebDriver against the real server serving the
//! built PWA, at a 360×740 phone viewport.

mod a11y;
mod accounts;
mod directory;
mod email_links;
mod first_paint;
mod invitations;
mod mentoring;
mod notifications;
mod opportunities;
mod organisations;
mod privacy;
mod profiles;
mod pwa;
mod second_factor;
mod staff;

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::{Backend, TestApp, spawn_app_with};

/// The app's own navigation, there once the app has replaced the server's first paint (whose
/// navigation is inside `#shell`).
pub const APP: &str = "body > nav.nav";

/// At most this many browsers run at once (2 cores).
static BROWSERS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// The built PWA (`cargo xtask test` builds it first).
pub fn dist_dir() -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../frontend/dist"));
    assert!(
        dir.join("index.html").is_file(),
        "{} is missing: run `cargo xtask pwa` (cargo xtask test does)",
        dir.display()
    );
    dir
}

/// Where screenshots go (not committed).
pub fn artefacts_dir() -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/artefacts/screenshots"));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A Chromium session with its own ChromeDriver and empty profile.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    /// The app's base URL.
    pub base: String,
    driver: Child,
    _profile: tempfile::TempDir,
    _permit: tokio::sync::SemaphorePermit<'static>,
}

impl Browser {
    /// Opens a browser for `app`.
    pub async fn open(app: &TestApp) -> Browser {
        let permit = BROWSERS.acquire().await.expect("browser permit");
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let driver = Command::new(if std::path::Path::new("/usr/bin/chromedriver").exists() {
            "/usr/bin/chromedriver"
        } else {
            "chromedriver"
        })
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (Debian package chromium-driver)");
        let profile = tempfile::tempdir().expect("profile dir");
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                // A phone-sized viewport exactly, whatever the window decorations.
                "mobileEmulation": { "deviceMetrics": { "width": 360, "height": 740, "pixelRatio": 2.0 } },
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=360,740", "--lang=lv",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        let Value::Object(capabilities) = capabilities else { panic!("capabilities are an object") };
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(err) => {
                    assert!(Instant::now() < deadline, "could not start Chromium: {err}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        };
        Browser { client, base: app.address.clone(), driver, _profile: profile, _permit: permit }
    }

    /// Opens `path` and waits until the app has mounted.
    pub async fn visit(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.expect("navigation");
        self.wait_for(APP).await;
    }

    /// Waits (up to 10 s) for an element matching `css`.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    /// Waits (up to 10 s) until `css` matches an element whose visible text contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        self.wait_for_text_within(css, text, Duration::from_secs(10)).await;
    }

    /// Waits (up to `limit`) until `css` matches an element whose visible text contains `text`.
    pub async fn wait_for_text_within(&self, css: &str, text: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(elements) = self.client.find_all(Locator::Css(css)).await {
                for element in elements {
                    if element.text().await.is_ok_and(|t| t.contains(text)) {
                        return;
                    }
                }
            }
            assert!(Instant::now() < deadline, "no {css} with text {text:?}; page: {}", self.text("body").await);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the path of the URL is `path`.
    pub async fn wait_for_path(&self, path: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.client.current_url().await.expect("url");
            if url.path() == path {
                return;
            }
            assert!(Instant::now() < deadline, "still at {url}, expected {path}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Replaces the value of the input with id `id`.
    pub async fn fill(&self, id: &str, value: &str) {
        let input = self.wait_for(&format!("#{id}")).await;
        input.clear().await.expect("clear");
        input.send_keys(value).await.expect("type");
    }

    /// The current value of the input with id `id`.
    pub async fn value(&self, id: &str) -> String {
        let input = self.wait_for(&format!("#{id}")).await;
        input.prop("value").await.expect("value").unwrap_or_default()
    }

    /// Clicks the first element matching `css`. A page that re-renders between finding the
    /// element and clicking it (data arriving after a language change) is looked at again.
    pub async fn click(&self, css: &str) {
        for attempt in 1..=3 {
            let element = self.wait_for(css).await;
            // Centre it first, as a person scrolls a button out from under the bottom bar.
            let arg = serde_json::to_value(&element).expect("element reference");
            let _ = self.client.execute("arguments[0].scrollIntoView({ block: 'center' })", vec![arg]).await;
            match element.click().await {
                Ok(()) => return,
                Err(e) if attempt < 3 && e.to_string().contains("stale element") => {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("click {css}: {e}"),
            }
        }
    }

    /// Chooses a language in the switcher and waits for `<html lang>` to follow.
    pub async fn choose_language(&self, code: &str) {
        self.wait_for("#lang-select").await.select_by_value(code).await.expect("select language");
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.html_lang().await != code {
            assert!(Instant::now() < deadline, "<html lang> did not become {code}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Signs in through the form and waits for the account page.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.visit("/sign-in").await;
        self.fill("email", email).await;
        self.fill("password", password).await;
        self.click("form button[type=submit]").await;
        self.wait_for_path("/account").await;
    }

    /// The id of the element that has the focus (waits up to 5 s for it to be `id`, then
    /// returns what it is).
    pub async fn focused_id(&self, id: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let focused = self
                .client
                .execute("return document.activeElement ? document.activeElement.id : ''", vec![])
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            if focused == id || Instant::now() >= deadline {
                return focused;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// `<html lang>`.
    pub async fn html_lang(&self) -> String {
        self.client
            .execute("return document.documentElement.lang", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Runs an async script; it calls `done(value)` (the last argument) when finished.
    pub async fn run_async(&self, script: &str) -> Value {
        self.client.execute_async(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Saves a screenshot under `tests/artefacts/screenshots/`.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(artefacts_dir().join(format!("{name}.png")), png);
        }
    }

    /// Closes the browser.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// An app serving the built PWA.
pub async fn spawn_pwa_app() -> TestApp {
    let dist = dist_dir();
    spawn_app_with(Backend::Sqlite, move |s| s.static_dir = dist).await
}

/// The path, query and fragment of a link from an e-mail (whose host is the test's public URL).
pub fn local_path(link: &str) -> String {
    let url = url::Url::parse(link).expect("a link");
    let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
    let fragment = url.fragment().map(|f| format!("#{f}")).unwrap_or_default();
    format!("{}{query}{fragment}", url.path())
}
