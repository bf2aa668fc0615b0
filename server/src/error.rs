//! The one place errors become client errors: a stable `extensions.code`, a message in the
//! caller's language, and for unexpected errors a log line with the cause chain and nothing more
//! for the client.

use std::fmt::Write as _;

use async_graphql::{ErrorExtensionValues, ServerError};

use crate::domain::Locale;
use crate::i18n::Message;

/// The stable codes clients act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// Sign-in needed.
    Unauthenticated,
    /// Not allowed for this person.
    Forbidden,
    /// Not there (or not visible to this person).
    NotFound,
    /// Bad input; `field` says which.
    BadUserInput,
    /// Clashes with existing data.
    Conflict,
    /// Too many attempts.
    RateLimited,
    /// Our fault.
    Internal,
}

impl Code {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Unauthenticated => "UNAUTHENTICATED",
            Code::Forbidden => "FORBIDDEN",
            Code::NotFound => "NOT_FOUND",
            Code::BadUserInput => "BAD_USER_INPUT",
            Code::Conflict => "CONFLICT",
            Code::RateLimited => "RATE_LIMITED",
            Code::Internal => "INTERNAL",
        }
    }
}

/// What a client may learn about a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientError {
    /// The stable code.
    pub code: Code,
    /// The translated message.
    pub message: Message,
    /// The input field at fault, for forms.
    pub field: Option<&'static str>,
    /// A finer stable reason, e.g. `TOKEN_EXPIRED`.
    pub reason: Option<&'static str>,
    /// For `RATE_LIMITED`: seconds until another attempt is let through.
    pub retry_after: Option<i64>,
}

impl ClientError {
    /// An error with a code and message.
    pub const fn new(code: Code, message: Message) -> ClientError {
        ClientError { code, message, field: None, reason: None, retry_after: None }
    }

    /// Names the input field at fault.
    pub const fn field(mut self, field: &'static str) -> ClientError {
        self.field = Some(field);
        self
    }

    /// Adds a finer reason.
    pub const fn reason(mut self, reason: &'static str) -> ClientError {
        self.reason = Some(reason);
        self
    }

    /// Says when another attempt will be let through.
    pub const fn retry_after(mut self, secs: i64) -> ClientError {
        self.retry_after = Some(secs);
        self
    }

    /// The GraphQL error in `locale`.
    pub fn to_graphql(self, locale: Locale) -> async_graphql::Error {
        let mut err = async_graphql::Error::new(self.message.text(locale));
        let mut ext = ErrorExtensionValues::default();
        self.fill(&mut ext);
        err.extensions = Some(ext);
        err
    }

    /// A top-level error (parse, validation or transport) in `locale`.
    pub fn to_server_error(self, locale: Locale) -> ServerError {
        let mut err = ServerError::new(self.message.text(locale), None);
        let mut ext = ErrorExtensionValues::default();
        self.fill(&mut ext);
        err.extensions = Some(ext);
        err
    }

    fn fill(self, ext: &mut ErrorExtensionValues) {
        ext.set("code", self.code.as_str());
        if let Some(field) = self.field {
            ext.set("field", field);
        }
        if let Some(reason) = self.reason {
            ext.set("reason", reason);
        }
        if let Some(secs) = self.retry_after {
            ext.set("retryAfter", secs);
        }
    }
}

/// A service error that knows what its caller may be told. `None` means unexpected: it is
/// logged here with its cause chain and the client sees only `INTERNAL`.
pub trait ToClientError: std::error::Error {
    /// The client-facing form, or `None` for an unexpected failure.
    fn client_error(&self) -> Option<ClientError>;
}

/// Converts a service error for the client, logging unexpected ones once.
pub fn to_graphql_error(err: &dyn ToClientError, locale: Locale) -> async_graphql::Error {
    match err.client_error() {
        Some(client) => client.to_graphql(locale),
        None => {
            tracing::error!(error.chain = %cause_chain(err), "unexpected error");
            ClientError::new(Code::Internal, Message::Internal).to_graphql(locale)
        }
    }
}

/// `err` and all its sources on one line.
pub fn cause_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let _ = write!(out, ": {cause}");
        source = cause.source();
    }
    out
}
