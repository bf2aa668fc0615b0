//! The GraphQL endpoint, stricter than the stock integration: one JSON operation per `POST`,
//! nothing executes from `GET`, form or multipart bodies (CSRF), bodies are capped.

use async_graphql::{ErrorExtensionValues, Request as GqlRequest, ServerError, http::GraphiQLSource};
use poem::{
    Body, IntoResponse, Request, Response, handler,
    http::{Method, StatusCode, header},
    web::{Data, Html, RemoteAddr},
};

use super::{client_address, session_cookie};
use crate::db::repos::sessions::Stage;
use crate::domain::Locale;
use crate::error::{ClientError, Code};
use crate::graphql::{
    MAX_BODY_BYTES, TiltsSchema,
    context::{CookieChange, Pending, RequestContext, Viewer},
};
use crate::i18n::Message;
use crate::services::accounts;
use crate::state::AppState;

/// `POST /graphql` executes; `GET /graphql` shows GraphiQL in development and executes nothing.
#[handler]
pub async fn endpoint(
    req: &Request,
    body: Body,
    remote: &RemoteAddr,
    Data(state): Data<&AppState>,
    Data(schema): Data<&TiltsSchema>,
) -> Response {
    // The language the client asks for (the app sends the one its reader chose on this
    // device); without one, the signed-in person's own, else Latvian.
    let asked_locale =
        req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Locale::from_accept_language);
    let header_locale = asked_locale.unwrap_or_default();

    if req.method() == Method::GET && req.uri().query().is_none() && !state.settings.is_production() {
        let mut page = Html(GraphiQLSource::build().endpoint("/graphql").finish()).into_response();
        page.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            header::HeaderValue::from_static(super::security_headers::GRAPHIQL_POLICY),
        );
        return page;
    }
    if req.method() != Method::POST {
        let mut response = refuse(StatusCode::METHOD_NOT_ALLOWED, Message::MethodNotAllowed, header_locale);
        response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("POST"));
        return response;
    }
    if !is_json(req) {
        return refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE, Message::UnsupportedMediaType, header_locale);
    }
    let bytes = match body.into_bytes_limit(MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(poem::error::ReadBodyError::PayloadTooLarge) => {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, Message::PayloadTooLarge, header_locale);
        }
        Err(_) => return refuse(StatusCode::BAD_REQUEST, Message::MalformedJson, header_locale),
    };
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return refuse(StatusCode::BAD_REQUEST, Message::BatchNotSupported, header_locale);
    }
    let Ok(request) = serde_json::from_slice::<GqlRequest>(&bytes) else {
        return refuse(StatusCode::BAD_REQUEST, Message::MalformedJson, header_locale);
    };

    let mut pending = None;
    let viewer = match session_cookie::read(req, state.settings.https()) {
        None => None,
        Some(token) => match accounts::authenticate(&state.db, state, &token).await {
            Ok(Some(auth)) if auth.stage == Stage::Active => {
                Some(Viewer { account: auth.account, session_id: Some(auth.session_id) })
            }
            Ok(Some(auth)) => {
                pending = Some(Pending { account: auth.account, session_id: auth.session_id, stage: auth.stage });
                None
            }
            Ok(None) => None,
            Err(err) => {
                tracing::error!(error = %crate::error::cause_chain(&err), "session lookup failed");
                let internal = ClientError::new(Code::Internal, Message::Internal);
                return error_response(StatusCode::INTERNAL_SERVER_ERROR, internal, header_locale);
            }
        },
    };
    let locale = asked_locale.or_else(|| viewer.as_ref().map(|v| v.account.locale)).unwrap_or_default();
    let peer = remote.as_socket_addr().map(|a| a.ip());
    let client_ip = client_address::client_ip(req, peer, &state.settings.trusted_proxies);
    let devices = session_cookie::read_devices(req, state.settings.https());
    let mut context = RequestContext::new(viewer, locale, client_ip, devices);
    context.pending = pending;
    context.user_agent = req.header(header::USER_AGENT).map(|ua| ua.chars().take(400).collect());
    let cookie_changes = context.cookie_changes();

    let ratings = crate::graphql::loaders::MentorRatings::for_request(state.db.clone());
    let mut gql_response = schema.execute(request.data(context).data(ratings)).await;
    for error in &mut gql_response.errors {
        ensure_code(error, locale, state.settings.is_production());
    }
    let headers = std::mem::take(&mut gql_response.http_headers);
    let mut response = Response::builder()
        .content_type("application/json")
        .header(header::CACHE_CONTROL, "no-store")
        .body(serde_json::to_vec(&gql_response).unwrap_or_default());
    for (name, value) in &headers {
        response.headers_mut().append(name, value.clone());
    }
    let https = state.settings.https();
    let changes = cookie_changes.lock().map(|mut c| std::mem::take(&mut *c)).unwrap_or_default();
    for change in changes {
        let cookie = match change {
            CookieChange::Session { token, max_age_secs } => session_cookie::issue(&token, max_age_secs, https),
            CookieChange::Device { slot, token } => session_cookie::issue_device(&slot, &token, https),
            CookieChange::EndSession => session_cookie::clear(https),
        };
        if let Ok(value) = header::HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn is_json(req: &Request) -> bool {
    req.header(header::CONTENT_TYPE)
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// Gives every error a code and a translated message. An error without a code is either the
/// caller's bad document (no path: parsing, validation, a limit) → `BAD_USER_INPUT`, or an
/// unexpected failure inside a resolver (a path) → `INTERNAL`, logged.
///
/// async-graphql's English text names types, fields and arguments even with introspection and
/// suggestions off, enough to rebuild the schema by trial and error, so in production it is only
/// logged; in development it stays in `extensions.detail`.
fn ensure_code(error: &mut ServerError, locale: Locale, production: bool) {
    let has_code = error.extensions.as_ref().is_some_and(|e| e.get("code").is_some());
    if has_code {
        return;
    }
    let mut ext = ErrorExtensionValues::default();
    // async-graphql does not check a variable's declared type against where it is used, so a
    // wrong variable fails when the resolver reads its argument, with a path like any resolver
    // error; its input-value messages are the client's mistake, not ours.
    let bad_argument = ["Expected input type \"", "Failed to parse \"", "Variable "]
        .iter()
        .any(|prefix| error.message.starts_with(prefix));
    if !error.path.is_empty() && !bad_argument {
        let detail = std::mem::replace(&mut error.message, Message::Internal.text(locale).to_owned());
        tracing::error!(error.detail = %detail, error.path = ?error.path, "resolver failed without a client error");
        ext.set("code", Code::Internal.as_str());
    } else {
        let detail = std::mem::replace(&mut error.message, Message::InvalidRequest.text(locale).to_owned());
        ext.set("code", Code::BadUserInput.as_str());
        if production {
            tracing::info!(error.detail = %without_values(&detail), "GraphQL request refused");
        } else {
            ext.set("detail", detail);
        }
    }
    error.extensions = Some(ext);
}

/// async-graphql's message without the value the client sent (it may be a password typed into
/// the wrong variable): cut at ", found …" or at the parse error after the type's name.
fn without_values(detail: &str) -> &str {
    let cut = [detail.find(", found"), detail.find("\": ").map(|i| i + 1)].into_iter().flatten().min();
    match cut {
        Some(end) => &detail[..end],
        None => detail,
    }
}

fn refuse(status: StatusCode, message: Message, locale: Locale) -> Response {
    error_response(status, ClientError::new(Code::BadUserInput, message), locale)
}

/// A GraphQL-shaped error body with an HTTP status, for requests refused before execution.
pub fn error_response(status: StatusCode, error: ClientError, locale: Locale) -> Response {
    let body = serde_json::json!({ "errors": [error.to_server_error(locale)] });
    Response::builder()
        .status(status)
        .content_type("application/json")
        .header(header::CACHE_CONTROL, "no-store")
        .body(body.to_string())
}

#[cfg(test)]
mod tests {
    use async_graphql::{PathSegment, ServerError, Value};

    use super::*;

    #[test]
    fn logged_details_drop_the_values_sent() {
        assert_eq!(without_values("Expected input type \"String\", found 12345678."), "Expected input type \"String\"");
        assert_eq!(without_values("Failed to parse \"Locale\": unknown variant `DE`"), "Failed to parse \"Locale\"");
        assert_eq!(
            without_values("Unknown field \"nickname\" on type \"Viewer\"."),
            "Unknown field \"nickname\" on type \"Viewer\"."
        );
    }

    fn extension(error: &ServerError, name: &str) -> Option<Value> {
        error.extensions.as_ref().and_then(|e| e.get(name)).cloned()
    }

    #[test]
    fn refused_documents_keep_their_detail_only_in_development() {
        let unknown = || ServerError::new(r#"Unknown field "nickname" on type "Viewer"."#, None);
        let mut production = unknown();
        ensure_code(&mut production, Locale::En, true);
        assert_eq!(extension(&production, "code"), Some(Value::from("BAD_USER_INPUT")));
        assert_eq!(extension(&production, "detail"), None);
        assert_eq!(production.message, Message::InvalidRequest.text(Locale::En));

        let mut development = unknown();
        ensure_code(&mut development, Locale::En, false);
        assert_eq!(extension(&development, "code"), Some(Value::from("BAD_USER_INPUT")));
        assert_eq!(extension(&development, "detail"), Some(Value::from(unknown().message)));
    }

    #[test]
    fn resolver_failures_without_a_code_are_internal_errors() {
        for production in [true, false] {
            let mut error = ServerError::new("Data `AppState` does not exist.", None);
            error.path = vec![PathSegment::Field("viewer".to_owned())];
            ensure_code(&mut error, Locale::Lv, production);
            assert_eq!(extension(&error, "code"), Some(Value::from("INTERNAL")));
            assert_eq!(extension(&error, "detail"), None);
            assert_eq!(error.message, Message::Internal.text(Locale::Lv));
        }
    }
}
