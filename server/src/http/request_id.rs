//! A request id on every request and response, and a tracing span around each request.

use poem::{Endpoint, IntoResponse, Request, Response, Result, http::HeaderValue};
use tracing::Instrument;
use uuid::Uuid;

/// The header carrying the id.
pub const HEADER: &str = "x-request-id";

/// Middleware: tags the request with an id, logs its outcome and returns the id to the client.
pub async fn trace<E: Endpoint>(next: E, req: Request) -> Result<Response> {
    let id = Uuid::new_v4().to_string();
    let span = tracing::info_span!("request", request.id = %id, method = %req.method(), path = %req.uri().path());
    async move {
        let started = std::time::Instant::now();
        let mut response = match next.call(req).await {
            Ok(r) => r.into_response(),
            Err(err) => err.into_response(),
        };
        tracing::info!(
            status = response.status().as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "request done"
        );
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(HEADER, value);
        }
        Ok(response)
    }
    .instrument(span)
    .await
}
