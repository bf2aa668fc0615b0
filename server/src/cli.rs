//! The command line: `serve` (default), `migrate`, `create-admin`, `seed-demo`, `export-schema`.

use std::{io::Read as _, process::ExitCode, sync::Arc};

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::domain::{Locale, Role, SystemClock};
use crate::services::accounts;
use crate::startup::Application;
use crate::state::AppState;
use crate::{db, graphql, telemetry};

#[derive(Parser)]
#[command(name = "tilts", version, about = "Tilts: the VPD networking and mentoring marketplace")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API, the PWA and the background workers (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an admin account; the password comes from TILTS_ADMIN_PASSWORD or standard input.
    CreateAdmin {
        /// The admin's e-mail address.
        #[arg(long)]
        email: String,
        /// The name shown to others.
        #[arg(long, default_value = "VPD administrators")]
        name: String,
    },
    /// Add demo accounts for every role (idempotent).
    SeedDemo,
    /// Print the GraphQL schema (SDL).
    ExportSchema,
}

/// Parses the command line and runs the command.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::ExportSchema = command {
        print!("{}", graphql::sdl());
        return ExitCode::SUCCESS;
    }
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(errors) => {
            for line in errors.0 {
                eprintln!("tilts: configuration error: {line}");
            }
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.is_production());
    match execute(command, settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tilts: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            let app = Application::build(settings, Arc::new(SystemClock)).await?;
            let url = app.state().settings.public_url.clone();
            tracing::info!(port = app.port(), "Tilts is running at {url}");
            println!("Tilts is running at {url}");
            app.run_until_stopped().await
        }
        Command::Migrate => {
            let database = db::connect(settings.database_url.expose_secret()).await?;
            db::migrate(&database).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let password = match std::env::var("TILTS_ADMIN_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    let mut input = String::new();
                    std::io::stdin().read_to_string(&mut input).context("reading the password from standard input")?;
                    input.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let state = offline_state(settings).await?;
            let account = accounts::create_admin(&state, &email, &name, &password).await.map_err(|e| describe(&e))?;
            println!("admin account created: {}", account.id.0);
            Ok(())
        }
        Command::SeedDemo => {
            if settings.is_production() {
                anyhow::bail!(
                    "seed-demo creates accounts with a published password and works only with TILTS_ENV=development"
                );
            }
            let state = offline_state(settings).await?;
            let real = crate::db::repos::users::count_outside_domain(&state.db, DEMO_DOMAIN).await?;
            if real > 0 {
                anyhow::bail!(
                    "seed-demo refused: this database has {real} accounts outside @{DEMO_DOMAIN}; demo accounts with a published password go only into a demo database"
                );
            }
            seed_demo(&state).await
        }
        Command::ExportSchema => Ok(()),
    }
}

async fn offline_state(settings: Settings) -> anyhow::Result<AppState> {
    let database = db::connect(settings.database_url.expose_secret()).await?;
    db::migrate(&database).await?;
    Ok(AppState::new(database, settings, Arc::new(SystemClock)))
}

fn describe(err: &accounts::AccountsError) -> anyhow::Error {
    use crate::error::ToClientError;
    match err.client_error() {
        Some(client) => anyhow::anyhow!("{}", client.message.text(Locale::En)),
        None => anyhow::anyhow!("{}", crate::error::cause_chain(err)),
    }
}

/// The domain of every demo account.
const DEMO_DOMAIN: &str = "demo.tilts.lv";
/// How every demo account's address ends.
pub const DEMO_SUFFIX: &str = "@demo.tilts.lv";

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "rita-kafija-demo";

async fn seed_demo(state: &AppState) -> anyhow::Result<()> {
    let people = [
        ("founder@demo.tilts.lv", "Jānis (dibinātājs)", Role::Founder, Locale::Lv),
        ("founder.ru@demo.tilts.lv", "Ольга (основатель)", Role::Founder, Locale::Ru),
        ("mentor@demo.tilts.lv", "Ilze Kalniņa", Role::Mentor, Locale::Lv),
        ("enterprise@demo.tilts.lv", "Sociālais uzņēmums “Darbnīca”", Role::Enterprise, Locale::Lv),
        ("staff@demo.tilts.lv", "VPD Rīgas reģions", Role::Staff, Locale::Lv),
        ("admin@demo.tilts.lv", "VPD administrators", Role::Admin, Locale::En),
    ];
    for (email, name, role, locale) in people {
        let created = accounts::create_verified(state, email, name, DEMO_PASSWORD, role, locale)
            .await
            .map_err(|e| describe(&e))?;
        // The demo mentor and organisation are already approved, so the demo shows them.
        if let Some(account) = &created
            && account.standing == crate::domain::Standing::Pending
        {
            let (from, to) = (crate::domain::Standing::Pending, crate::domain::Standing::Approved);
            crate::db::repos::users::set_standing(&state.db, account.id, from, to, state.now()).await?;
        }
        let what = if created.is_some() { "created" } else { "exists " };
        println!("{what} {:<10} {email}", role.as_str());
    }
    println!("demo password for all: {DEMO_PASSWORD}");
    Ok(())
}
