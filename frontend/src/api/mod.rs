//! The GraphQL client: operations checked at compile time against `schema.graphql`.

pub mod operations;

use graphql_client::{GraphQLQuery, Response};
use serde::Deserialize;

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

/// Runs one operation; `locale` picks the language of error messages.
pub async fn call<Q: GraphQLQuery>(variables: Q::Variables, locale: Locale) -> Result<Q::ResponseData, ApiError> {
    let body = Q::build_query(variables);
    let request = gloo_net::http::Request::post("/graphql")
        .header("Accept-Language", locale.code())
        .json(&body)
        .map_err(|_| ApiError::network())?;
    let response = request.send().await.map_err(|_| ApiError::network())?;
    let parsed: Response<Q::ResponseData> = response.json().await.map_err(|_| ApiError::network())?;
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
