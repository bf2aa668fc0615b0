//! The built PWA, held in memory: hashed assets with `Cache-Control: immutable` and their
//! precompressed `.br` / `.gz` twins, and for every page route `index.html` with a first paint
//! already in the HTML: the app's frame with plain links (home, sign in, register, the three
//! languages), the route's heading and introduction, and a hidden message that the boot script
//! shows when the app fails to load. A slow phone can read and move on before the app runs.
//! Addresses the app has no page for answer 404 with its not-found page.
//!
//! The VPD staff pages are a second bundle under `/staff` (Trunk's output in `staff/`), with a
//! first paint of their own: a founder's phone never downloads them.

use std::{collections::HashMap, path::Path, sync::Arc};

use poem::{
    Endpoint, IntoResponse, Request, Response, handler,
    http::{StatusCode, header},
    web::Data,
};

use crate::{domain::Locale, i18n, state::AppState};

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
    /// Each built bundle's `index.html`.
    indexes: HashMap<Bundle, String>,
}

/// A bundle of the app: a wasm of its own, for a group of pages.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Bundle {
    /// The public pages.
    Public,
    /// The signed-in person's own pages.
    My,
    /// Finding people.
    Find,
    /// An organisation's pages.
    Org,
    /// Mentoring.
    Mentoring,
    /// One mentorship.
    Mentorship,
    /// Opportunities.
    Opportunities,
    /// A founder's applications.
    Applications,
    /// An organisation's work on one posting.
    Posting,
    /// The buy-social directory.
    BuySocial,
    /// The VPD staff pages.
    Staff,
}

/// A bundle's pages: `(path, texts prefix)`, as [`routes`] lists them.
type Pages = &'static [(&'static str, &'static str)];

impl Bundle {
    /// Every bundle, with its pages and the folder of its `index.html` in Trunk's output.
    const ALL: [(Bundle, Pages, &'static str); 11] = [
        (Bundle::Public, &routes::PAGES, ""),
        (Bundle::My, &routes::MY_PAGES, "/my"),
        (Bundle::Find, &routes::FIND_PAGES, "/find"),
        (Bundle::Org, &routes::ORG_PAGES, "/org"),
        (Bundle::Mentoring, &routes::MENTORING_PAGES, "/mentoring"),
        (Bundle::Mentorship, &routes::MENTORSHIP_PAGES, "/mentorship"),
        (Bundle::Opportunities, &routes::OPPORTUNITY_PAGES, "/opportunities"),
        (Bundle::Applications, &routes::APPLICATION_PAGES, "/applications"),
        (Bundle::Posting, &routes::POSTING_PAGES, "/posting"),
        (Bundle::BuySocial, &routes::BUY_SOCIAL_PAGES, "/buy-social"),
        (Bundle::Staff, &routes::STAFF_PAGES, "/staff"),
    ];

    /// The path of each bundle's `index.html`.
    fn index_paths() -> impl Iterator<Item = (Bundle, String)> {
        Bundle::ALL.into_iter().map(|(bundle, _, dir)| (bundle, format!("{dir}/index.html")))
    }
}

/// The pages of both bundles, listed once for the app and this first paint.
#[path = "../../../frontend/src/routes.rs"]
#[allow(dead_code, reason = "the bundles' own navigation helpers, used here by tests only")]
mod routes;

/// A page of the app, as its first paint shows it.
struct Page {
    /// Its path.
    route: &'static str,
    /// The prefix of its texts' keys: `{texts}.title`, `{texts}.intro`.
    texts: &'static str,
    /// The plain links the page shows under its introduction, as it shows them.
    links: Links,
}

/// Links a page shows under its introduction: `(href, text key)`.
enum Links {
    /// Nothing.
    None,
    /// A row of buttons, the first one primary.
    Buttons(&'static [(&'static str, &'static str)]),
    /// One link per paragraph.
    Paragraphs(&'static [(&'static str, &'static str)]),
}

impl Page {
    /// The phone's page at `path` and the bundle that draws it; `None` for any other path.
    fn at(path: &str) -> Option<(Page, Bundle)> {
        let (bundle, pages, _) = Bundle::ALL
            .into_iter()
            .filter(|(bundle, _, _)| *bundle != Bundle::Staff)
            .find(|(_, pages, _)| routes::page_of(pages, path).is_some())?;
        let texts = routes::page_of(pages, path)?;
        let route = pages.iter().find(|(_, t)| *t == texts).map_or("", |(route, _)| *route);
        let links = match texts {
            "landing" => Links::Buttons(&[("/register", "landing.cta_register"), ("/sign-in", "landing.cta_sign_in")]),
            "sign_in" => {
                Links::Paragraphs(&[("/forgot-password", "sign_in.forgot"), ("/register", "sign_in.no_account")])
            }
            _ => Links::None,
        };
        Some((Page { route, texts, links }, bundle))
    }
}

/// The page for addresses the app does not know.
const NOT_FOUND: Page = Page { route: "", texts: "not_found", links: Links::None };

impl Pwa {
    /// Loads Trunk's output from `dir` (empty when it has not been built).
    pub fn load(dir: &Path) -> Pwa {
        let mut assets = HashMap::new();
        load_dir(dir, dir, &mut assets);
        let indexes: HashMap<Bundle, String> = Bundle::index_paths()
            .filter_map(|(bundle, path)| Some((bundle, String::from_utf8(assets.get(&path)?.bytes.clone()).ok()?)))
            .collect();
        if indexes.len() < Bundle::ALL.len() {
            tracing::warn!(dir = %dir.display(), "the PWA is not built; serving a placeholder");
        }
        Pwa { assets, indexes }
    }

    fn text(&self, locale: Locale, key: &str) -> String {
        let table = if key.starts_with("shell.") { i18n::SHELL_TEXTS } else { i18n::APP_TEXTS };
        html_escape::encode_text(i18n::named(table, locale, key)).into_owned()
    }

    fn staff_text(&self, locale: Locale, key: &str) -> String {
        html_escape::encode_text(i18n::named(i18n::STAFF_TEXTS, locale, key)).into_owned()
    }

    /// The staff bundle's `index.html` for `path` with its first paint in `locale`.
    fn staff_page(&self, path: &str, locale: Locale) -> Option<(StatusCode, String)> {
        let index = self.indexes.get(&Bundle::Staff)?;
        let (status, title, intro) = match routes::page_of(&routes::STAFF_PAGES, path) {
            Some(texts) => (
                StatusCode::OK,
                self.staff_text(locale, &format!("{texts}.title")),
                self.staff_text(locale, &format!("{texts}.intro")),
            ),
            None => (StatusCode::NOT_FOUND, self.text(locale, "not_found.title"), self.text(locale, "not_found.intro")),
        };
        let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
        let shell = format!(
            concat!(
                "<div id=\"shell\"><header class=\"top\"><a href=\"/staff\" class=\"brand\">{brand}</a>",
                "<nav class=\"lang\" aria-label=\"{lang}\">{languages}</nav></header>",
                "<main><h1>{title}</h1><p class=\"intro\">{intro}</p>",
                "<p id=\"boot-failed\" class=\"error\" role=\"alert\" hidden>{failed} <a href=\"{here}\">{retry}</a></p>",
                "</main></div>"
            ),
            brand = self.staff_text(locale, "app.name"),
            lang = self.text(locale, "lang.label"),
            languages = language_links(locale, &next),
            title = title,
            intro = intro,
            failed = self.text(locale, "shell.app_failed"),
            here = html_escape::encode_double_quoted_attribute(path),
            retry = self.text(locale, "form.try_again"),
        );
        Some((status, with_shell(index, &shell, locale)))
    }

    /// The `index.html` of the bundle that draws `path` (whose query is `query`) with its first
    /// paint in `locale`, and whether the app has that page.
    fn page(&self, path: &str, query: Option<&str>, locale: Locale, content: &str) -> Option<(StatusCode, String)> {
        let (status, page, bundle) = match Page::at(path) {
            Some((page, bundle)) => (StatusCode::OK, page, bundle),
            None => (StatusCode::NOT_FOUND, NOT_FOUND, Bundle::Public),
        };
        let index = self.indexes.get(&bundle)?;
        let here = match query {
            Some(query) => format!("{path}?{query}"),
            None => path.to_owned(),
        };
        Some((status, with_shell(index, &self.shell(&page, &here, locale, content), locale)))
    }

    /// The first paint of `page`: the frame of the app's layout with plain links, the page's
    /// heading, introduction, links and `content` (HTML the server drew, for public pages whose
    /// content must read without the app), and the hidden "did not load" message, whose link,
    /// like the language links, returns to `here`.
    fn shell(&self, page: &Page, here: &str, locale: Locale, content: &str) -> String {
        let t = |key: &str| self.text(locale, key);
        let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
        let languages = language_links(locale, &next);
        let nav: String = [("/", "nav.home"), ("/sign-in", "nav.sign_in"), ("/register", "nav.register")]
            .into_iter()
            .map(|(href, key)| {
                let current = if href == page.route { " aria-current=\"page\"" } else { "" };
                format!("<a href=\"{href}\"{current}>{}</a>", t(key))
            })
            .collect();
        let links: String = match page.links {
            Links::None => String::new(),
            Links::Buttons(links) => {
                let buttons: String = links
                    .iter()
                    .enumerate()
                    .map(|(n, (href, key))| {
                        let class = if n == 0 { "button" } else { "button secondary" };
                        format!("<a href=\"{href}\" class=\"{class}\">{}</a>", t(key))
                    })
                    .collect();
                format!("<div class=\"actions\">{buttons}</div>")
            }
            Links::Paragraphs(links) => {
                links.iter().map(|(href, key)| format!("<p><a href=\"{href}\">{}</a></p>", t(key))).collect()
            }
        };
        format!(
            concat!(
                "<div id=\"shell\"><header class=\"top\"><a href=\"/\" class=\"brand\">{brand}</a>",
                "<nav class=\"lang\" aria-label=\"{lang}\">{languages}</nav></header>",
                "<nav class=\"nav\" aria-label=\"{main}\">{nav}</nav>",
                "<main><h1>{title}</h1><p class=\"intro\">{intro}</p>{links}{content}",
                "<p id=\"boot-failed\" class=\"error\" role=\"alert\" hidden>{failed} <a href=\"{here}\">{retry}</a></p>",
                "</main></div>"
            ),
            brand = t("app.name"),
            languages = languages,
            nav = nav,
            lang = t("lang.label"),
            main = t("nav.main"),
            title = t(&format!("{}.title", page.texts)),
            intro = t(&format!("{}.intro", page.texts)),
            links = links,
            content = content,
            failed = t("shell.app_failed"),
            here = html_escape::encode_double_quoted_attribute(here),
            retry = t("form.try_again"),
        )
    }
}

/// The first page of the buy-social directory as HTML (narrowed by the `region` and `sector` of
/// `query`), with the link to the whole list as CSV: the public page reads, and is indexed,
/// without the app. Empty when the directory cannot be read (the app then draws it).
async fn buy_social_list(state: &AppState, query: Option<&str>, locale: Locale) -> String {
    use crate::services::buy_social;
    let narrowing: HashMap<String, String> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    let (region, sector) = (narrowing.get("region").cloned(), narrowing.get("sector").cloned());
    let Ok((rows, _)) = buy_social::page(&state.db, (region, sector), None, 20).await else { return String::new() };
    let Ok(terms) = crate::services::taxonomies::all(&state.db, state).await else { return String::new() };
    let escape = |text: &str| html_escape::encode_text(text).into_owned();
    let label = |kind, code: &str| {
        terms.of(kind).find(|t| t.code == code).map_or(code.to_owned(), |t| t.label(locale).to_owned())
    };
    let items: String = rows
        .iter()
        .map(|listed| {
            let p = &listed.organisation.profile;
            let sectors: Vec<String> = p.sectors.iter().map(|c| label(crate::domain::TaxonomyKind::Sector, c)).collect();
            let attestation = listed
                .attestation
                .map(|a| format!("<p class=\"badge attestation\">{}</p>", escape(&buy_social::statement(&a, locale))))
                .unwrap_or_default();
            format!(
                "<li class=\"card organisation\"><h2>{}</h2><p class=\"note\">{}</p><p class=\"note\">{}</p>{attestation}<p>{}</p></li>",
                escape(&p.name),
                escape(&label(crate::domain::TaxonomyKind::Region, &p.region)),
                escape(&sectors.join(", ")),
                escape(&p.description),
            )
        })
        .collect();
    let csv = i18n::named(i18n::APP_TEXTS, locale, "buy_social.csv");
    format!(
        "<p><a href=\"/exports/buy-social.csv?lang={}\">{}</a></p><ul class=\"people\">{items}</ul>",
        locale.code(),
        escape(csv),
    )
}

/// `index` with its first paint `shell` and `<html lang>` of `locale`.
fn with_shell(index: &str, shell: &str, locale: Locale) -> String {
    index.replacen("<!--shell-->", shell, 1).replacen(
        "<html lang=\"lv\">",
        &format!("<html lang=\"{}\">", locale.code()),
        1,
    )
}

/// The first paint's language links, each returning to `next` (URL-encoded).
fn language_links(locale: Locale, next: &str) -> String {
    Locale::ALL
        .into_iter()
        .map(|l| {
            let current = if l == locale { " aria-current=\"true\"" } else { "" };
            let (code, name) = (l.code(), native_name(l));
            format!("<a href=\"/lang/{code}?next={next}\" lang=\"{code}\" hreflang=\"{code}\"{current}>{name}</a>")
        })
        .collect()
}

/// A language's own name, as the language links show it.
fn native_name(locale: Locale) -> &'static str {
    match locale {
        Locale::Lv => "Latviešu",
        Locale::En => "English",
        Locale::Ru => "Русский",
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
    // Trunk names files after a 64-bit hash in hex without leading zeros: up to 16 digits.
    let hashed = stem
        .rsplit_once('-')
        .is_some_and(|(_, hash)| (12..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit()));
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
async fn serve(req: &Request, Data(pwa): Data<&Arc<Pwa>>, Data(state): Data<&AppState>) -> Response {
    let path = req.uri().path();
    let accepts = req.header(header::ACCEPT_ENCODING).unwrap_or_default().to_owned();
    let index = Bundle::index_paths().any(|(_, index)| index == path);
    if let Some(asset) = pwa.assets.get(path).filter(|_| !index) {
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
    let staff = path == "/staff" || path.starts_with("/staff/");
    let content = if routes::page_of(&routes::BUY_SOCIAL_PAGES, path).is_some() {
        buy_social_list(state, req.uri().query(), locale).await
    } else {
        String::new()
    };
    let page = if staff { pwa.staff_page(path, locale) } else { pwa.page(path, req.uri().query(), locale, &content) };
    match page {
        Some((status, html)) => Response::builder()
            .status(status)
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
    use super::{cache_control, routes};

    /// The texts prefixes that `source` chooses a page by: its match arms `"…" =>`.
    fn arms(source: &str) -> Vec<&str> {
        let mut arms: Vec<&str> = source
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix('"')?.split_once("\" =>").map(|(key, _)| key))
            .collect();
        arms.sort_unstable();
        arms.dedup();
        arms
    }

    #[test]
    fn the_apps_choose_exactly_the_listed_pages() {
        let mut pages: Vec<&str> = routes::PAGES.iter().map(|(_, texts)| *texts).collect();
        pages.sort_unstable();
        assert_eq!(arms(include_str!("../../../frontend/src/app.rs")), pages);
        let mut staff: Vec<&str> = routes::STAFF_PAGES.iter().map(|(_, texts)| *texts).collect();
        staff.sort_unstable();
        assert_eq!(arms(include_str!("../../../frontend/src/staff/mod.rs")), staff);
        let mut mine: Vec<&str> = routes::MY_PAGES.iter().map(|(_, texts)| *texts).collect();
        mine.sort_unstable();
        assert_eq!(arms(include_str!("../../../frontend/src/my.rs")), mine);
        let mut find: Vec<&str> = routes::FIND_PAGES.iter().map(|(_, texts)| *texts).collect();
        find.sort_unstable();
        assert_eq!(arms(include_str!("../../../frontend/src/find.rs")), find);
        let mut org: Vec<&str> = routes::ORG_PAGES.iter().map(|(_, texts)| *texts).collect();
        org.sort_unstable();
        assert_eq!(arms(include_str!("../../../frontend/src/org.rs")), org);
        let mut mentoring: Vec<&str> = routes::MENTORING_PAGES.iter().map(|(_, texts)| *texts).collect();
        mentoring.sort_unstable();
        assert_eq!(arms(include_str!("../../../frontend/src/mentoring/mod.rs")), mentoring);
        let mentorship: Vec<&str> = routes::MENTORSHIP_PAGES.iter().map(|(_, texts)| *texts).collect();
        assert_eq!(arms(include_str!("../../../frontend/src/mentoring/mentorship.rs")), mentorship);
        let mut opportunities: Vec<&str> = routes::OPPORTUNITY_PAGES.iter().map(|(_, texts)| *texts).collect();
        opportunities.sort_unstable();
        assert_eq!(arms(include_str!("../../../frontend/src/opportunities/mod.rs")), opportunities);
        let applications: Vec<&str> = routes::APPLICATION_PAGES.iter().map(|(_, texts)| *texts).collect();
        assert_eq!(arms(include_str!("../../../frontend/src/opportunities/applications.rs")), applications);
        let mut posting: Vec<&str> = routes::POSTING_PAGES.iter().map(|(_, texts)| *texts).collect();
        posting.sort_unstable();
        assert_eq!(arms(include_str!("../../../frontend/src/posting.rs")), posting);
        let buy_social: Vec<&str> = routes::BUY_SOCIAL_PAGES.iter().map(|(_, texts)| *texts).collect();
        assert_eq!(arms(include_str!("../../../frontend/src/buy_social.rs")), buy_social);
    }

    #[test]
    fn each_path_belongs_to_one_bundle_and_the_service_worker_knows_the_signed_in_pages() {
        for (n, pages) in routes::BUNDLES.iter().enumerate() {
            for (path, _) in pages.iter() {
                let owners = routes::BUNDLES.iter().filter(|b| routes::page_of(b, path).is_some()).count();
                assert_eq!(owners, 1, "{path}");
                assert!(!routes::elsewhere(pages, path));
                assert!(routes::BUNDLES.iter().enumerate().all(|(m, other)| m == n || routes::elsewhere(other, path)));
            }
        }
        let worker = include_str!("../../../frontend/public/sw.js");
        for (name, pages) in [
            ("MY", &routes::MY_PAGES[..]),
            ("FIND", &routes::FIND_PAGES[..]),
            ("ORG", &routes::ORG_PAGES[..]),
            ("MENTORING", &routes::MENTORING_PAGES[..]),
            ("MENTORSHIP", &routes::MENTORSHIP_PAGES[..]),
            ("OPPORTUNITIES", &routes::OPPORTUNITY_PAGES[..]),
            ("APPLICATIONS", &routes::APPLICATION_PAGES[..]),
            ("POSTING", &routes::POSTING_PAGES[..]),
            ("BUY_SOCIAL", &routes::BUY_SOCIAL_PAGES[..]),
        ] {
            let listed: Vec<String> = pages.iter().map(|(path, _)| format!("\"{path}\"")).collect();
            assert!(worker.contains(&format!("const {name} = [{}];", listed.join(", "))), "sw.js lists {name}");
        }
    }

    #[test]
    fn a_trailing_slash_names_the_same_page_and_unknown_paths_none() {
        assert_eq!(routes::page_of(&routes::PAGES, "/sign-in/"), Some("sign_in"));
        assert_eq!(routes::page_of(&routes::PAGES, ""), Some("landing"));
        assert_eq!(routes::page_of(&routes::PAGES, "/nothing"), None);
        assert_eq!(routes::page_of(&routes::STAFF_PAGES, "/staff/"), Some("home"));
    }

    #[test]
    fn only_hashed_files_are_immutable() {
        assert_eq!(cache_control("/tilts-frontend-28eaad32213ee069_bg.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/tilts-frontend-28eaad32213ee069.js"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/style-0123456789abcdef.css"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/sw.js"), "no-cache");
        assert_eq!(cache_control("/tilts-frontend-c392ad7393ed40c_bg.wasm"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/sw-register.js"), "no-cache");
    }
}
