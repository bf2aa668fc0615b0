//! The GraphQL client: operations checked at compile time against `schema.graphql`.

pub mod directory;
pub mod mentoring;
pub mod operations;
pub mod opportunities;
pub mod organisations;

use graphql_client::GraphQLQuery;
use serde::Deserialize;
use serde_json::value::RawValue;
use wasm_bindgen::{JsValue, prelude::wasm_bindgen};

use crate::i18n::{Key, Locale, keys};

/// A failed call, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    /// The stable code (`BAD_USER_INPUT`, …) or `NETWORK`.
    pub code: String,
    /// The server's message, already in the caller's language.
    pub message: Option<String>,
    /// The form field at fault.
    pub field: Option<String>,
    /// A finer reason such as `TOKEN_EXPIRED`.
    pub reason: Option<String>,
    /// For `RATE_LIMITED`: seconds until another attempt is let through.
    pub retry_after: Option<i64>,
}

impl ApiError {
    fn network() -> ApiError {
        ApiError { code: "NETWORK".into(), message: None, field: None, reason: None, retry_after: None }
    }

    /// The message to show in `locale`: how long to wait when limited, the server's message
    /// when it sent one, else the code's.
    pub fn text(&self, locale: Locale) -> String {
        match (&self.message, self.retry_after) {
            (_, Some(secs)) if self.code == "RATE_LIMITED" => crate::i18n::retry_after_text(locale, secs),
            (Some(message), _) if self.code != "INTERNAL" => message.clone(),
            _ => self.code_key().text(locale).to_owned(),
        }
    }

    /// The general text of the error's code.
    fn code_key(&self) -> Key {
        match self.code.as_str() {
            "NETWORK" => keys::ERROR_NETWORK,
            "UNAUTHENTICATED" => keys::ERROR_UNAUTHENTICATED,
            "FORBIDDEN" => keys::ERROR_FORBIDDEN,
            "NOT_FOUND" => keys::ERROR_NOT_FOUND,
            "BAD_USER_INPUT" => keys::ERROR_BAD_USER_INPUT,
            "CONFLICT" => keys::ERROR_CONFLICT,
            "RATE_LIMITED" => keys::ERROR_RATE_LIMITED,
            _ => keys::ERROR_INTERNAL,
        }
    }
}

/// The parts of a GraphQL answer the app reads: the data, left raw until the operation's own
/// type reads it (one small reader per operation instead of one per operation and envelope),
/// and each error's message and extensions.
#[derive(Deserialize)]
struct Answer<'a> {
    #[serde(borrow)]
    data: Option<&'a RawValue>,
    #[serde(default)]
    errors: Vec<AnswerError>,
}

#[derive(Deserialize)]
struct AnswerError {
    message: String,
    #[serde(default)]
    extensions: Extensions,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Extensions {
    code: Option<String>,
    field: Option<String>,
    reason: Option<String>,
    retry_after: Option<i64>,
}

/// How long a call may take, answer included, before it counts as a lost connection: a slow
/// network then gets a message and a way to try again instead of "please wait" for ever.
const TIMEOUT_MS: u32 = 15_000;

#[wasm_bindgen]
extern "C" {
    /// `AbortSignal.timeout(ms)`; an error in browsers without it (before 2022), whose calls
    /// then wait as long as the browser does.
    #[wasm_bindgen(catch, js_namespace = AbortSignal, js_name = timeout)]
    fn abort_after(milliseconds: u32) -> Result<web_sys::AbortSignal, JsValue>;
}

/// Runs one operation; `locale` picks the language of error messages. Gives up with `NETWORK`
/// when the server cannot be reached or has not answered within [`TIMEOUT_MS`].
pub async fn call<Q: GraphQLQuery>(variables: Q::Variables, locale: Locale) -> Result<Q::ResponseData, ApiError> {
    let body = serde_json::to_string(&Q::build_query(variables)).map_err(|_| ApiError::network())?;
    let text = post(body, locale).await?;
    let answer: Answer = serde_json::from_str(&text).map_err(|_| ApiError::network())?;
    if let Some(error) = answer.errors.into_iter().next() {
        let ext = error.extensions;
        return Err(ApiError {
            code: ext.code.unwrap_or_else(|| "INTERNAL".into()),
            message: Some(error.message),
            field: ext.field,
            reason: ext.reason,
            retry_after: ext.retry_after,
        });
    }
    answer.data.and_then(|data| serde_json::from_str(data.get()).ok()).ok_or_else(ApiError::network)
}

/// Posts `body` to `/graphql` and returns the answer's text. The part of a call that is the same
/// for every operation, kept out of the generic [`call`] so the app holds one copy of it.
async fn post(body: String, locale: Locale) -> Result<String, ApiError> {
    let request = gloo_net::http::Request::post("/graphql")
        .abort_signal(abort_after(TIMEOUT_MS).ok().as_ref())
        .header("Accept-Language", locale.code())
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| ApiError::network())?;
    let response = request.send().await.map_err(|_| ApiError::network())?;
    response.text().await.map_err(|_| ApiError::network())
}
