//! Per-request context: who is asking, in which language, from where.

use std::{net::IpAddr, sync::RwLock};

use async_graphql::Context;
use uuid::Uuid;

use crate::domain::{Account, Locale};
use crate::error::{ClientError, Code, ToClientError, to_graphql_error};
use crate::i18n::Message;
use crate::state::AppState;

/// The signed-in person and their session.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The account.
    pub account: Account,
    /// The session the request came with (or that `signIn` started).
    pub session_id: Option<Uuid>,
}

/// A sign-in whose password was right but that still needs the second factor.
#[derive(Debug, Clone)]
pub struct Pending {
    /// Whose sign-in it is.
    pub account: Account,
    /// The half-finished session.
    pub session_id: Uuid,
    /// What it is waiting for.
    pub stage: crate::db::repos::sessions::Stage,
}

/// A change to the browser's cookies that a resolver asks for; the HTTP layer writes it as a
/// `Set-Cookie` header once the operation has run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CookieChange {
    /// Keep this session token until the session's absolute end.
    Session {
        /// The session token.
        token: String,
        /// Seconds until the session ends at the latest.
        max_age_secs: i64,
    },
    /// Mark the browser as a known device of the account whose device slot is `slot`.
    Device {
        /// The account's device slot.
        slot: String,
        /// The device token.
        token: String,
    },
    /// Remove the session cookie.
    EndSession,
}

/// What the HTTP layer knows about a request.
#[derive(Debug)]
pub struct RequestContext {
    viewer: RwLock<Option<Viewer>>,
    /// A sign-in waiting for its second factor, from the session cookie.
    pub pending: Option<Pending>,
    /// The browser's `User-Agent`, for the label in the person's list of devices.
    pub user_agent: Option<String>,
    /// The language for messages: the viewer's, else `Accept-Language`, else Latvian.
    pub locale: Locale,
    /// The client's address, for rate limits.
    pub client_ip: Option<IpAddr>,
    /// The browser's device cookies, by account slot.
    pub devices: std::collections::HashMap<String, String>,
    /// Cookie changes asked for while the operation ran, shared with the HTTP layer.
    cookies: std::sync::Arc<std::sync::Mutex<Vec<CookieChange>>>,
}

impl RequestContext {
    /// A context for one request.
    pub fn new(
        viewer: Option<Viewer>,
        locale: Locale,
        client_ip: Option<IpAddr>,
        devices: std::collections::HashMap<String, String>,
    ) -> RequestContext {
        RequestContext {
            viewer: RwLock::new(viewer),
            pending: None,
            user_agent: None,
            locale,
            client_ip,
            devices,
            cookies: Default::default(),
        }
    }

    /// Asks for `change` to the browser's cookies.
    pub fn change_cookie(&self, change: CookieChange) {
        if let Ok(mut changes) = self.cookies.lock() {
            changes.push(change);
        }
    }

    /// A handle on the cookie changes this request will ask for, to read after it has run.
    pub fn cookie_changes(&self) -> std::sync::Arc<std::sync::Mutex<Vec<CookieChange>>> {
        std::sync::Arc::clone(&self.cookies)
    }

    /// The signed-in person, if any.
    pub fn viewer(&self) -> Option<Viewer> {
        self.viewer.read().ok().and_then(|v| v.clone())
    }

    /// Records a sign-in or sign-out made by this request.
    pub fn set_viewer(&self, viewer: Option<Viewer>) {
        if let Ok(mut slot) = self.viewer.write() {
            *slot = viewer;
        }
    }
}

/// Typed access to the context from resolvers.
pub trait ContextExt {
    /// The request context.
    fn request(&self) -> async_graphql::Result<&RequestContext>;
    /// The application state.
    fn state(&self) -> async_graphql::Result<&AppState>;
    /// The database pool, where a resolver's use case runs.
    fn db(&self) -> async_graphql::Result<&sea_orm::DatabaseConnection>;
    /// The signed-in person, or `UNAUTHENTICATED`.
    fn viewer(&self) -> async_graphql::Result<Viewer>;
    /// A service error as a client error in the caller's language.
    fn fail(&self, err: &dyn ToClientError) -> async_graphql::Error;
}

impl ContextExt for Context<'_> {
    fn request(&self) -> async_graphql::Result<&RequestContext> {
        self.data::<RequestContext>()
    }

    fn state(&self) -> async_graphql::Result<&AppState> {
        self.data::<AppState>()
    }

    fn db(&self) -> async_graphql::Result<&sea_orm::DatabaseConnection> {
        Ok(&self.state()?.db)
    }

    fn viewer(&self) -> async_graphql::Result<Viewer> {
        let request = self.request()?;
        request
            .viewer()
            .ok_or_else(|| ClientError::new(Code::Unauthenticated, Message::Unauthenticated).to_graphql(request.locale))
    }

    fn fail(&self, err: &dyn ToClientError) -> async_graphql::Error {
        let locale = self.request().map(|r| r.locale).unwrap_or_default();
        to_graphql_error(err, locale)
    }
}
