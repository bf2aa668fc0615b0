//! Files for download: the buy-social directory as CSV for procurement officers, public like
//! the directory itself.

use poem::{
    Request, Response, handler,
    http::{StatusCode, header},
    web::{Data, Query},
};
use serde::Deserialize;

use crate::domain::Locale;
use crate::state::AppState;

/// The export's optional narrowing and language.
#[derive(Debug, Deserialize, Default)]
pub struct Narrowing {
    region: Option<String>,
    sector: Option<String>,
    /// `lv`, `en` or `ru`; otherwise the browser's language, else Latvian.
    lang: Option<String>,
}

/// `GET /exports/buy-social.csv`: the whole directory (narrowed by `region` and `sector` when
/// given) as UTF-8 CSV with a byte order mark, headed in the asked language.
#[handler]
pub async fn buy_social(req: &Request, Data(state): Data<&AppState>, Query(q): Query<Narrowing>) -> Response {
    let asked = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let locale = q
        .lang
        .as_deref()
        .and_then(Locale::from_code)
        .or_else(|| asked.and_then(Locale::from_accept_language))
        .unwrap_or_default();
    match crate::services::buy_social::csv(&state.db, state, (q.region, q.sector), locale).await {
        Ok(bytes) => Response::builder()
            .header(header::CONTENT_TYPE, "text/csv; charset=utf-8")
            .header(header::CONTENT_DISPOSITION, "attachment; filename=\"tilts-buy-social.csv\"")
            .header(header::CACHE_CONTROL, "no-cache")
            .body(bytes),
        Err(err) => {
            tracing::error!(error = %err, "the buy-social export failed");
            let error = crate::error::ClientError::new(crate::error::Code::Internal, crate::i18n::Message::Internal);
            super::graphql::error_response(StatusCode::INTERNAL_SERVER_ERROR, error, locale)
        }
    }
}
