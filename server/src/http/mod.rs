//! HTTP routes: the GraphQL endpoint, health checks, exports, the PWA and its language links.

pub mod client_address;
pub mod exports;
pub mod graphql;
pub mod health;
pub mod language;
pub mod pwa;
pub mod request_id;
pub mod security_headers;
pub mod session_cookie;

use poem::{Endpoint, EndpointExt, IntoResponse, Response, Route, get, http::StatusCode, middleware::CatchPanic};

use crate::error::{ClientError, Code};
use crate::graphql::TiltsSchema;
use crate::i18n::Message;
use crate::state::AppState;

/// All routes with their middleware.
pub fn routes(state: AppState, schema: TiltsSchema) -> impl Endpoint {
    let static_dir = state.settings.static_dir.clone();
    let hsts = state.settings.is_production() && state.settings.https();
    Route::new()
        .at("/graphql", graphql::endpoint)
        .at("/healthz", get(health::healthz))
        .at("/readyz", get(health::readyz))
        .at("/lang/:code", get(language::choose))
        .at("/exports/buy-social.csv", get(exports::buy_social))
        .nest("/", pwa::endpoint(&static_dir))
        .data(state)
        .data(schema)
        .with(CatchPanic::new().with_handler(|_| internal_error_response()))
        .with(security_headers::SecurityHeaders { hsts })
        .around(request_id::trace)
}

fn internal_error_response() -> Response {
    graphql::error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        ClientError::new(Code::Internal, Message::Internal),
        Default::default(),
    )
    .into_response()
}
