//! The application: a bound listener, the HTTP server and the outbox worker.

use std::{sync::Arc, time::Duration};

use anyhow::Context as _;
use poem::{
    Server,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
};
use secrecy::ExposeSecret;
use tokio_util::sync::CancellationToken;

use crate::config::Settings;
use crate::domain::Clock;
use crate::email::Mailer;
use crate::state::AppState;
use crate::{db, graphql, http, jobs};

/// A built application, listening but not yet serving.
pub struct Application {
    port: u16,
    acceptor: TcpAcceptor,
    state: AppState,
    shutdown: CancellationToken,
}

impl Application {
    /// Connects to and migrates the database, and binds the listener (port 0 picks a free one).
    pub async fn build(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Application> {
        let database = db::connect(settings.database_url.expose_secret()).await?;
        db::migrate(&database).await?;
        let acceptor = TcpListener::bind(settings.bind)
            .into_acceptor()
            .await
            .with_context(|| format!("TILTS_BIND: cannot listen on {}", settings.bind))?;
        let port = acceptor.local_addr().first().and_then(|a| a.as_socket_addr().map(|s| s.port())).unwrap_or(0);
        let state = AppState::new(database, settings, clock);
        Ok(Application { port, acceptor, state, shutdown: CancellationToken::new() })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The shared state (tests use its database and clock).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Cancelling this token stops the application as a signal would.
    pub fn shutdown_token(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    /// Serves until SIGINT, SIGTERM or the shutdown token; then finishes in-flight requests
    /// (up to 30 s), the e-mail being sent and the scheduled job running, and releases the rest
    /// of the outbox batch.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let Application { acceptor, state, shutdown, .. } = self;
        let (mailer, from) = Mailer::from_settings(&state.settings.mail)?;
        let worker = tokio::spawn(jobs::outbox_worker::run(state.clone(), mailer, from, shutdown.clone()));
        let scheduler = tokio::spawn(jobs::scheduler::run(state.clone(), shutdown.clone()));
        let schema = graphql::build_schema(Some(state.clone()), state.settings.is_production());
        let app = http::routes(state, schema);
        let signal = {
            let shutdown = shutdown.clone();
            async move {
                tokio::select! {
                    () = shutdown.cancelled() => {}
                    () = os_signal() => {
                        tracing::info!("shutting down");
                        // The outbox worker stops now, not after the HTTP requests have drained.
                        shutdown.cancel();
                    }
                }
            }
        };
        let served = Server::new_with_acceptor(acceptor)
            .run_with_graceful_shutdown(app, signal, Some(Duration::from_secs(30)))
            .await;
        shutdown.cancel();
        worker.await.context("outbox worker")?;
        scheduler.await.context("scheduler")?;
        served.context("HTTP server")
    }
}

async fn os_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
