//! The built PWA, with `index.html` for client-side routes.

use std::path::Path;

use poem::{
    EndpointExt, IntoEndpoint,
    endpoint::{BoxEndpoint, StaticFilesEndpoint},
    handler,
    web::Html,
};

/// Serves Trunk's output from `dir`; when it has not been built, a page saying how to build it.
pub fn endpoint(dir: &Path) -> BoxEndpoint<'static, poem::Response> {
    if dir.join("index.html").is_file() {
        StaticFilesEndpoint::new(dir).index_file("index.html").fallback_to_index().map_to_response().boxed()
    } else {
        tracing::warn!(dir = %dir.display(), "the PWA is not built; serving a placeholder");
        not_built.into_endpoint().map_to_response().boxed()
    }
}

#[handler]
fn not_built() -> Html<&'static str> {
    Html(concat!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tilts</title></head>",
        "<body><main><h1>Tilts</h1><p>The app is not built yet: run <code>cargo xtask run</code>.</p></main></body></html>"
    ))
}
