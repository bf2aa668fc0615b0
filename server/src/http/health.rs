//! Liveness and readiness.

use poem::{IntoResponse, handler, http::StatusCode, web::Data};

use crate::state::AppState;

/// The process answers.
#[handler]
pub fn healthz() -> &'static str {
    "ok"
}

/// The database answers too.
#[handler]
pub async fn readyz(Data(state): Data<&AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
