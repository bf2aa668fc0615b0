//! Security headers on every response: a strict Content-Security-Policy (no inline script, no
//! framing, nothing from other origins), no MIME sniffing, no referrer, and HSTS in production.

use poem::{
    Endpoint, IntoResponse, Middleware, Request, Response, Result,
    http::{HeaderValue, header},
};

/// The policy of the PWA and the API: only this origin's files, wasm compilation, no inline
/// script or style, no plugins, never inside a frame.
pub const CONTENT_SECURITY_POLICY: &str = concat!(
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; ",
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; ",
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
);

/// The policy of the development-only GraphiQL page, which loads its editor from a CDN.
pub const GRAPHIQL_POLICY: &str = concat!(
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://unpkg.com; ",
    "style-src 'self' 'unsafe-inline' https://unpkg.com; img-src 'self' data: https://unpkg.com; ",
    "font-src 'self' https://unpkg.com; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
);

/// Two years, the preload lists' minimum.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// Middleware adding the headers; `hsts` when the deployment is served over https in production.
pub struct SecurityHeaders {
    /// Whether to send `Strict-Transport-Security`.
    pub hsts: bool,
}

impl<E: Endpoint> Middleware<E> for SecurityHeaders {
    type Output = WithSecurityHeaders<E>;

    fn transform(&self, inner: E) -> Self::Output {
        WithSecurityHeaders { inner, hsts: self.hsts }
    }
}

/// An endpoint wrapped by [`SecurityHeaders`].
pub struct WithSecurityHeaders<E> {
    inner: E,
    hsts: bool,
}

impl<E: Endpoint> Endpoint for WithSecurityHeaders<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let mut response = match self.inner.call(req).await {
            Ok(r) => r.into_response(),
            Err(err) => err.into_response(),
        };
        let headers = response.headers_mut();
        // A handler with its own policy (GraphiQL in development) keeps it.
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
        }
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
        headers.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
        if self.hsts {
            headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
        }
        Ok(response)
    }
}
