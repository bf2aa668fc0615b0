//! The built PWA, held in memory: hashed assets with `Cache-Control: immutable` and their
//! precompressed `.br` / `.gz` twins, and for every page route `index.html` with that route's
//! heading and introduction already in the HTML, so a slow phone shows them before the app runs.

use std::{collections::HashMap, path::Path, sync::Arc};

use poem::{
    Endpoint, IntoResponse, Request, Response, handler,
    http::{StatusCode, header},
    web::Data,
};
use serde_json::Value;

use crate::domain::Locale;

/// One file of the build.
struct Asset {
    bytes: Vec<u8>,
    brotli: Option<Vec<u8>>,
    gzip: Option<Vec<u8>>,
    content_type: &'static str,
    cache_control: &'static str,
}

/// The loaded PWA.
pub struct Pwa {
    assets: HashMap<String, Asset>,
    index: Option<String>,
    texts: [HashMap<String, String>; 3],
}

/// The translation files the PWA is built from, for the static shell.
const LOCALE_FILES: [&str; 3] = [
    include_str!("../../../frontend/locales/lv.json"),
    include_str!("../../../frontend/locales/en.json"),
    include_str!("../../../frontend/locales/ru.json"),
];

impl Pwa {
    /// Loads Trunk's output from `dir` (empty when it has not been built).
    pub fn load(dir: &Path) -> Pwa {
        let mut assets = HashMap::new();
        load_dir(dir, dir, &mut assets);
        let index = assets.get("/index.html").and_then(|a| String::from_utf8(a.bytes.clone()).ok());
        if index.is_none() {
            tracing::warn!(dir = %dir.display(), "the PWA is not built; serving a placeholder");
        }
        let texts = LOCALE_FILES.map(|text| {
            serde_json::from_str::<HashMap<String, Value>>(text)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
                .collect()
        });
        Pwa { assets, index, texts }
    }

    fn text(&self, locale: Locale, key: &str) -> String {
        let table = match locale {
            Locale::Lv => &self.texts[0],
            Locale::En => &self.texts[1],
            Locale::Ru => &self.texts[2],
        };
        html_escape::encode_text(table.get(key).map(String::as_str).unwrap_or_default()).into_owned()
    }

    /// `index.html` for `path`, with the route's heading and intro in `locale`.
    fn page(&self, path: &str, locale: Locale) -> Option<String> {
        let index = self.index.as_ref()?;
        let prefix = match path.trim_end_matches('/') {
            "" => "landing",
            "/register" => "register",
            "/verify-email" => "verify",
            "/sign-in" => "sign_in",
            "/forgot-password" => "forgot",
            "/reset-password" => "reset",
            "/account" => "account",
            _ => "not_found",
        };
        let shell = format!(
            "<div id=\"shell\"><header class=\"top\"><span class=\"brand\">Tilts</span></header><main><h1>{}</h1><p class=\"intro\">{}</p></main></div>",
            self.text(locale, &format!("{prefix}.title")),
            self.text(locale, &format!("{prefix}.intro")),
        );
        Some(index.replacen("<!--shell-->", &shell, 1).replacen(
            "<html lang=\"lv\">",
            &format!("<html lang=\"{}\">", locale.code()),
            1,
        ))
    }
}

fn load_dir(root: &Path, dir: &Path, assets: &mut HashMap<String, Asset>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            load_dir(root, &path, assets);
            continue;
        }
        let name = path.to_string_lossy();
        if name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok(relative) = path.strip_prefix(root) else { continue };
        let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
        let sibling = |ext: &str| std::fs::read(format!("{name}.{ext}")).ok();
        let asset = Asset {
            content_type: content_type(&url),
            cache_control: cache_control(&url),
            brotli: sibling("br"),
            gzip: sibling("gz"),
            bytes,
        };
        assets.insert(url, asset);
    }
}

fn content_type(url: &str) -> &'static str {
    match url.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "webmanifest" => "application/manifest+json",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Trunk names built files `name-<16 hex>.ext`: those never change and are cached for a year.
fn cache_control(url: &str) -> &'static str {
    let file = url.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    let hashed =
        stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else if url.starts_with("/icons/") {
        "public, max-age=86400"
    } else {
        "no-cache"
    }
}

/// Serves the PWA.
pub fn endpoint(dir: &Path) -> impl Endpoint<Output = Response> + use<> {
    use poem::EndpointExt;
    serve.data(Arc::new(Pwa::load(dir)))
}

#[handler]
fn serve(req: &Request, Data(pwa): Data<&Arc<Pwa>>) -> Response {
    let path = req.uri().path();
    let accepts = req.header(header::ACCEPT_ENCODING).unwrap_or_default().to_owned();
    if let Some(asset) = pwa.assets.get(path).filter(|_| path != "/index.html") {
        let (body, encoding) = match (&asset.brotli, &asset.gzip) {
            (Some(br), _) if accepts.contains("br") => (br.clone(), Some("br")),
            (_, Some(gz)) if accepts.contains("gzip") => (gz.clone(), Some("gzip")),
            _ => (asset.bytes.clone(), None),
        };
        let mut response = Response::builder()
            .content_type(asset.content_type)
            .header(header::CACHE_CONTROL, asset.cache_control)
            .header(header::VARY, "Accept-Encoding");
        if let Some(encoding) = encoding {
            response = response.header(header::CONTENT_ENCODING, encoding);
        }
        return response.body(body);
    }
    let looks_like_file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    if looks_like_file {
        return StatusCode::NOT_FOUND.into_response();
    }
    let locale = req
        .header(header::COOKIE)
        .and_then(|c| c.split(';').find_map(|p| p.trim().strip_prefix("tilts_lang=")))
        .and_then(Locale::from_code)
        .or_else(|| req.header(header::ACCEPT_LANGUAGE).and_then(Locale::from_accept_language))
        .unwrap_or_default();
    match pwa.page(path, locale) {
        Some(html) => Response::builder()
            .content_type("text/html; charset=utf-8")
            .header(header::CACHE_CONTROL, "no-cache")
            .body(html),
        None => Response::builder().content_type("text/html; charset=utf-8").body(concat!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tilts</title></head>",
            "<body><main><h1>Tilts</h1><p>The app is not built yet: run <code>cargo xtask run</code>.</p></main></body></html>"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::cache_control;

    #[test]
    fn only_hashed_files_are_immutable() {
        assert_eq!(cache_control("/tilts-frontend-28eaad32213ee069_bg.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/tilts-frontend-28eaad32213ee069.js"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/style-0123456789abcdef.css"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/sw.js"), "no-cache");
    }
}
