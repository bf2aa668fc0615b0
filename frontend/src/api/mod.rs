//! The GraphQL client: operations checked at compile time against `schema.graphql`.

pub mod operations;

use graphql_client::{GraphQLQuery, Response};
use serde::Deserialize;
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
}

impl ApiError {
    fn network() -> ApiError {
        ApiError { code: "NETWORK".into(), message: None, field: None, reason: None }
    }

    /// The message to show in `locale`: the server's when it sent one, else the code's.
    pub fn text(&self, locale: Locale) -> String {
        match &self.message {
            Some(message) if self.code != "INTERNAL" => message.clone(),
            _ => Key::named(&format!("error.{}", self.code)).unwrap_or(keys::ERROR_INTERNAL).text(locale).to_owned(),
        }
    }
}

#[derive(Deserialize)]
struct ErrorExtensions {
    code: Option<String>,
    field: Option<String>,
    reason: Option<String>,
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
    let answer = post(body, locale).await?;
    let parsed: Response<Q::ResponseData> = serde_json::from_str(&answer).map_err(|_| ApiError::network())?;
    if let Some(error) = parsed.errors.and_then(|errors| errors.into_iter().next()) {
        let ext: Option<ErrorExtensions> = error
            .extensions
            .and_then(|map| serde_json::to_value(map).ok())
            .and_then(|value| serde_json::from_value(value).ok());
        let (code, field, reason) = match ext {
            Some(e) => (e.code.unwrap_or_else(|| "INTERNAL".into()), e.field, e.reason),
            None => ("INTERNAL".into(), None, None),
        };
        return Err(ApiError { code, message: Some(error.message), field, reason });
    }
    parsed.data.ok_or_else(ApiError::network)
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
