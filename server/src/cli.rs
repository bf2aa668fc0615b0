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
            let account =
                accounts::create_admin(&state.db, &state, &email, &name, &password).await.map_err(|e| describe(&e))?;
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
        let created = accounts::create_verified(&state.db, state, email, name, DEMO_PASSWORD, role, locale)
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
    seed_directory(state).await?;
    seed_organisations(state).await?;
    seed_supervision(state).await?;
    println!("demo password for all: {DEMO_PASSWORD}");
    Ok(())
}

/// A VPD record for the demo founder, kept by the demo staff member, and a no-contact
/// constraint between one demo founder and one demo mentor, so the staff pages show them filled
/// in (the demo founder still finds the demo mentor).
async fn seed_supervision(state: &AppState) -> anyhow::Result<()> {
    use crate::db::repos::users;
    use crate::domain::EmailAddress;
    use crate::privacy::{self, Category, ConstraintsInput, RecordInput};
    let account = |email: &'static str| async move {
        let address = EmailAddress::parse(email).ok_or_else(|| anyhow::anyhow!("{email} is an address"))?;
        let user = users::find_by_email(&state.db, &address).await?;
        user.map(|u| u.account).ok_or_else(|| anyhow::anyhow!("the demo account {email} exists"))
    };
    let staff = account("staff@demo.tilts.lv").await?;
    let founder = account("founder@demo.tilts.lv").await?;
    let (other_founder, mentor) = (account("founder2@demo.tilts.lv").await?, account("mentor3@demo.tilts.lv").await?);
    let record = RecordInput {
        category: Category::ProbationClient,
        unit_name: "Rīgas Austrumu struktūrvienība".to_owned(),
        officer: Some(staff.id),
        supervision_ends_on: chrono::NaiveDate::from_ymd_opt(2027, 6, 30),
        notes: "Demo: nosacīta sodīšana; strādā par galdnieku, meklē mentoru grāmatvedībā.".to_owned(),
    };
    privacy::set_record(&state.db, state, &staff, founder.id, record).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let constraints =
        ConstraintsInput { no_contact: vec![mentor.id], excluded_sectors: vec!["transport_logistics".to_owned()] };
    privacy::set_constraints(&state.db, state, &staff, other_founder.id, constraints)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("VPD records: founder@demo.tilts.lv; founder2@ and mentor3@ never see each other");
    Ok(())
}

/// Ten demo organisations of every kind across the regions, the demo organisation account
/// representing the first; two wait for approval (one with a representative's invitation).
async fn seed_organisations(state: &AppState) -> anyhow::Result<()> {
    use crate::db::repos::{organisations, users};
    use crate::domain::{
        EmailAddress, Standing,
        organisation::{OrganisationKind as Kind, OrganisationProfile},
    };
    /// Name, registration number, kind, sectors, region, supports the target group, description.
    type Demo = (&'static str, &'static str, Kind, &'static [&'static str], &'static str, bool, &'static str);
    const ORGANISATIONS: [Demo; 10] = [
        (
            "Darbnīca",
            "40203000001",
            Kind::SocialEnterprise,
            &["crafts_manufacturing", "construction_repair"],
            "riga",
            true,
            "Mēbeļu restaurācija; pieņemam darbā cilvēkus pēc soda izciešanas un mācām amatu.",
        ),
        (
            "Otrā elpa",
            "40008000002",
            Kind::Ngo,
            &["care_social"],
            "latgale",
            true,
            "Biedrība, kas palīdz atgriezties sabiedrībā: mājoklis, dokumenti, pirmais darbs.",
        ),
        (
            "Kurzemes maize",
            "40103000003",
            Kind::Company,
            &["food_hospitality"],
            "kurzeme",
            true,
            "Maiznīca Liepājā; pieņemam mācekļus un pārejas darba vietās.",
        ),
        (
            "Rēzeknes novada pašvaldība",
            "90000000004",
            Kind::Municipality,
            &["care_social", "other"],
            "latgale",
            false,
            "Pašvaldības nodarbinātības programmas un telpas jauniem uzņēmējiem.",
        ),
        (
            "Чистый дом",
            "40203000005",
            Kind::SocialEnterprise,
            &["cleaning_maintenance"],
            "riga",
            true,
            "Уборка офисов; берём на работу людей после заключения, обучаем на месте.",
        ),
        (
            "Zaļā sēta",
            "40103000006",
            Kind::Company,
            &["agriculture_forestry"],
            "vidzeme",
            false,
            "Bioloģiskā saimniecība; sezonas darbi un prakse.",
        ),
        (
            "Zemgales būvnieki",
            "40103000007",
            Kind::Company,
            &["construction_repair"],
            "zemgale",
            true,
            "Būvfirma, kas dod pirmo darbu un apmāca brigādē.",
        ),
        (
            "Second Chance Digital",
            "40203000008",
            Kind::SocialEnterprise,
            &["it_digital", "creative"],
            "pieriga",
            true,
            "Web design studio training people after prison in digital skills.",
        ),
        (
            "Jaunā darbnīca",
            "40203000009",
            Kind::SocialEnterprise,
            &["crafts_manufacturing"],
            "vidzeme",
            true,
            "Koka izstrādājumi; gaida VPD apstiprinājumu.",
        ),
        (
            "Помощь рядом",
            "40008000010",
            Kind::Ngo,
            &["care_social"],
            "pieriga",
            true,
            "Общество поддержки семей; ждёт подтверждения VPD.",
        ),
    ];
    let address = EmailAddress::parse("enterprise@demo.tilts.lv").ok_or_else(|| anyhow::anyhow!("demo address"))?;
    let representative = users::find_by_email(&state.db, &address)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo organisation account"))?;
    let now = state.now();
    let mut created = Vec::new();
    for (n, (name, number, kind, sectors, region, supports, description)) in ORGANISATIONS.into_iter().enumerate() {
        if organisations::any_with_number(&state.db, number).await? {
            continue;
        }
        let profile = OrganisationProfile {
            name: name.to_owned(),
            registration_number: number.to_owned(),
            kind,
            social_enterprise: kind == Kind::SocialEnterprise && n % 2 == 0,
            sectors: sectors.iter().map(|s| (*s).to_owned()).collect(),
            region: region.to_owned(),
            website: None,
            description: description.to_owned(),
            supports_target_group: supports,
        };
        let id = uuid::Uuid::new_v4();
        // The demo organisation account represents the first only.
        organisations::insert(&state.db, id, &profile, representative.account.id, now).await?;
        if n > 0 {
            organisations::remove_member(&state.db, id, representative.account.id).await?;
        }
        if n < 8 {
            organisations::set_standing(&state.db, id, Standing::Pending, Standing::Approved, now).await?;
        }
        if n == 0 {
            organisations::invite(
                &state.db,
                uuid::Uuid::new_v4(),
                id,
                "new.colleague@demo.tilts.lv",
                representative.account.id,
                now,
            )
            .await?;
        }
        created.push((n, id));
    }
    println!("created {} demo organisations (2 waiting for approval, 1 representative invited)", created.len());
    seed_marketplace(state, &created, &representative.account).await
}

/// Opportunities of the demo organisations (`created`, by their place in the demo list) in
/// every type and the three languages: most published, one draft and one waiting for VPD, one
/// in a sector a demo founder's supervision rules out; VPD's attestations for the buy-social
/// directory (one under 5); two demo founders' applications to the demo organisation's first job.
async fn seed_marketplace(
    state: &AppState,
    created: &[(usize, uuid::Uuid)],
    representative: &crate::domain::Account,
) -> anyhow::Result<()> {
    use crate::db::repos::{opportunities, organisations, users};
    use crate::domain::{
        EmailAddress,
        application::ApplicationStatus,
        opportunity::{OpportunityInput, OpportunityKind as Kind, OpportunityStatus as Status},
    };
    use crate::services::applications::{self, Applying};
    use organisations::Attestation;
    let account = |email: &'static str| async move {
        let address = EmailAddress::parse(email).ok_or_else(|| anyhow::anyhow!("{email} is an address"))?;
        let user = users::find_by_email(&state.db, &address).await?;
        user.map(|u| u.account).ok_or_else(|| anyhow::anyhow!("the demo account {email} exists"))
    };
    let staff = account("staff@demo.tilts.lv").await?;
    let now = state.now();
    let today = now.date_naive();
    let in_days = |days: u64| today.checked_add_days(chrono::Days::new(days));
    let posting =
        |kind, title: &str, description: &str, region: &str, address: &str, sectors: &[&str], languages: &[&str]| {
            OpportunityInput {
                kind: Some(kind),
                title: title.to_owned(),
                description: description.to_owned(),
                region: region.to_owned(),
                remote: address.is_empty(),
                address: address.to_owned(),
                starts_on: in_days(21),
                deadline: in_days(14),
                places: 1,
                languages: languages.iter().map(|l| (*l).to_owned()).collect(),
                sectors: sectors.iter().map(|s| (*s).to_owned()).collect(),
                contact_person: "Anna Bērziņa".to_owned(),
                ..OpportunityInput::default()
            }
        };
    // By the organisation's place in the demo list: the postings and where each stands.
    let postings: Vec<(usize, OpportunityInput, Status)> = vec![
        (
            0,
            OpportunityInput {
                hours_per_week: Some(40),
                pay_min: Some(800),
                pay_max: Some(950),
                wage_subsidy: Some(true),
                places: 2,
                ..posting(
                    Kind::FirstJob,
                    "Galdnieka palīgs (pārejas darbs)",
                    "Pirmais darbs darbnīcā: slīpēšana, līmēšana, lakošana. Iemācīsim visu; pieredze nav vajadzīga. Iespējama algas subsīdija.",
                    "riga",
                    "Rīga, Brīvības iela 200",
                    &["crafts_manufacturing"],
                    &["lv", "ru"],
                )
            },
            Status::Published,
        ),
        (
            0,
            OpportunityInput {
                duration_weeks: Some(16),
                hours_per_week: Some(30),
                ..posting(
                    Kind::Apprenticeship,
                    "Mēbeļu restauratora māceklis",
                    "Četri mēneši blakus meistaram: koka labošana, finierēšana, apdare.",
                    "riga",
                    "Rīga, Brīvības iela 200",
                    &["crafts_manufacturing"],
                    &["lv"],
                )
            },
            Status::Draft,
        ),
        (
            0,
            OpportunityInput {
                items: Some(vec!["Ripzāģis".to_owned(), "Frēzmašīna".to_owned(), "Darbgalds".to_owned()]),
                ..posting(
                    Kind::Equipment,
                    "Kokapstrādes darbgaldi jaunam uzņēmumam",
                    "Atdodam lietošanā darbgaldus cilvēkam, kas sāk savu galdniecību.",
                    "riga",
                    "Rīga, Brīvības iela 200",
                    &["crafts_manufacturing"],
                    &["lv"],
                )
            },
            Status::PendingReview,
        ),
        (
            1,
            OpportunityInput {
                capacity: Some(6),
                available_from: in_days(7),
                available_until: in_days(180),
                ..posting(
                    Kind::HalfwayHouse,
                    "Pagaidu mājoklis Daugavpilī",
                    "Seši gultasvietas cilvēkiem pēc atbrīvošanas; palīdzam ar dokumentiem un darba meklēšanu.",
                    "latgale",
                    "Daugavpils, Rīgas iela 5",
                    &["care_social"],
                    &["lv", "ru"],
                )
            },
            Status::Published,
        ),
        (
            2,
            OpportunityInput {
                duration_weeks: Some(12),
                hours_per_week: Some(35),
                deadline: in_days(5),
                ..posting(
                    Kind::Apprenticeship,
                    "Maiznieka māceklis Liepājā",
                    "Trīs mēneši maiznīcā: mīkla, krāsns, rīta maiņa. Pēc tam iespējams darbs.",
                    "kurzeme",
                    "Liepāja, Graudu iela 12",
                    &["food_hospitality"],
                    &["lv", "ru"],
                )
            },
            Status::Published,
        ),
        (
            3,
            OpportunityInput {
                area_m2: Some(40),
                terms: Some("Pirmais gads bez maksas, pēc tam 2 €/m² mēnesī.".to_owned()),
                ..posting(
                    Kind::Premises,
                    "Telpas jaunam uzņēmumam Rēzeknē",
                    "Pašvaldība piedāvā 40 m² darbnīcu vai biroju sociālajam uzņēmumam.",
                    "latgale",
                    "Rēzekne, Atbrīvošanas aleja 93",
                    &["other"],
                    &["lv"],
                )
            },
            Status::Published,
        ),
        (
            4,
            OpportunityInput {
                hours_per_week: Some(20),
                pay_min: Some(450),
                pay_max: Some(600),
                places: 3,
                ..posting(
                    Kind::Job,
                    "Уборщик офисов, вечерняя смена",
                    "Уборка офисов в центре Риги по вечерам. Обучаем на месте, форма и транспорт за наш счёт.",
                    "riga",
                    "Рига, ул. Чака 70",
                    &["cleaning_maintenance"],
                    &["ru", "lv"],
                )
            },
            Status::Published,
        ),
        (
            5,
            OpportunityInput {
                hours_per_week: Some(10),
                ..posting(
                    Kind::Volunteering,
                    "Brīvprātīgais darbs bioloģiskajā saimniecībā",
                    "Palīdzība ražas novākšanā sestdienās; ēdināšana un transports no Cēsīm.",
                    "vidzeme",
                    "Cēsu novads, Zaļā sēta",
                    &["agriculture_forestry"],
                    &["lv"],
                )
            },
            Status::Published,
        ),
        (
            6,
            OpportunityInput {
                hours_per_week: Some(40),
                pay_min: Some(900),
                pay_max: Some(1200),
                wage_subsidy: Some(false),
                places: 2,
                ..posting(
                    Kind::FirstJob,
                    "Palīgstrādnieks būvbrigādē",
                    "Pirmais darbs būvniecībā Jelgavā; brigadieris apmāca darba vietā.",
                    "zemgale",
                    "Jelgava, Rūpniecības iela 3",
                    &["construction_repair"],
                    &["lv"],
                )
            },
            Status::Published,
        ),
        (
            6,
            OpportunityInput {
                hours_per_week: Some(40),
                pay_min: Some(1000),
                pay_max: Some(1300),
                ..posting(
                    Kind::Job,
                    "Kravas auto vadītāja palīgs",
                    "Būvmateriālu piegāde objektos Zemgalē; vajadzīga B kategorija.",
                    "zemgale",
                    "Jelgava, Rūpniecības iela 3",
                    &["transport_logistics", "construction_repair"],
                    &["lv"],
                )
            },
            Status::Published,
        ),
        (
            7,
            posting(
                Kind::Subcontracting,
                "Website builds for small clients",
                "We pass on small website projects to a new freelancer or micro-enterprise; we review the first ones together.",
                "pieriga",
                "",
                &["it_digital"],
                &["en", "lv"],
            ),
            Status::Published,
        ),
        (
            7,
            posting(
                Kind::CoFounder,
                "Co-founder for a repair café",
                "Looking for someone who fixes electronics to start a repair café with us.",
                "pieriga",
                "Mārupe, Daugavas iela 29",
                &["creative", "other"],
                &["en", "lv", "ru"],
            ),
            Status::Published,
        ),
    ];
    let terms = crate::services::taxonomies::all(&state.db, state).await?;
    let mut first_job = None;
    let mut count = 0;
    for (place, input, status) in postings {
        let Some((_, organisation)) = created.iter().find(|(n, _)| *n == place) else { continue };
        let valid =
            input.validated(today, &terms).map_err(|e| anyhow::anyhow!("demo posting {}: {e:?}", input.title))?;
        let id = opportunities::insert(&state.db, *organisation, representative.id, &valid, now).await?;
        let path: &[Status] = match status {
            Status::Draft => &[],
            Status::PendingReview => &[Status::PendingReview],
            _ => &[Status::PendingReview, Status::Published],
        };
        let mut from = Status::Draft;
        for to in path.iter().copied() {
            let review = (to == Status::Published).then_some((None, staff.id));
            opportunities::step(&state.db, id, from, to, review, now).await?;
            from = to;
        }
        if place == 0 && status == Status::Published {
            first_job = Some(id);
        }
        count += 1;
    }
    let mut attested = 0;
    for (place, employed) in [(0, 7), (1, 3), (4, 12), (6, 5), (7, 9)] {
        if let Some((_, organisation)) = created.iter().find(|(n, _)| *n == place) {
            let attestation = Attestation { employed, verified_on: today };
            organisations::attest(&state.db, *organisation, attestation, staff.id, now).await?;
            attested += 1;
        }
    }
    let mut applied = 0;
    if let Some(job) = first_job {
        let applying = |message: &str| Applying { message: message.to_owned(), share_email: true, share_phone: false };
        let asked = account("founder3@demo.tilts.lv").await?;
        applications::apply(
            &state.db,
            state,
            &asked,
            job,
            &applying("Esmu strādājis kokapstrādē; gribu atgriezties amatā."),
        )
        .await
        .map_err(|e| anyhow::anyhow!("a demo application: {e}"))?;
        let shortlisted = account("founder5@demo.tilts.lv").await?;
        let application =
            applications::apply(&state.db, state, &shortlisted, job, &applying("Varu sākt uzreiz, arī vakara maiņās."))
                .await
                .map_err(|e| anyhow::anyhow!("a demo application: {e}"))?;
        applications::advance(
            &state.db,
            state,
            representative,
            application.stored.id,
            ApplicationStatus::Shortlisted,
            "",
        )
        .await
        .map_err(|e| anyhow::anyhow!("a demo shortlist: {e}"))?;
        applied = 2;
    }
    println!("created {count} demo opportunities, {attested} attestations of VPD and {applied} applications");
    Ok(())
}

/// Demo founders and mentors with profiles across every region, in the three languages, some
/// mentors still waiting for approval, so the directory and the moderation queue have people.
async fn seed_directory(state: &AppState) -> anyhow::Result<()> {
    use crate::db::repos::{profiles, users};
    use crate::domain::{
        EmailAddress, Password, Standing,
        profile::{FounderProfile, MeetingMode, MentorProfile, Stage},
    };
    const REGIONS: [&str; 6] = ["riga", "pieriga", "vidzeme", "kurzeme", "zemgale", "latgale"];
    const TOPICS: [&str; 12] = [
        "business_basics",
        "financial_management",
        "business_plan",
        "marketing_sales",
        "legal_administrative",
        "taxes_accounting",
        "funding_grants",
        "digital_skills",
        "hiring",
        "social_impact",
        "production_operations",
        "personal_effectiveness",
    ];
    const SECTORS: [&str; 6] = [
        "food_hospitality",
        "construction_repair",
        "crafts_manufacturing",
        "cleaning_maintenance",
        "it_digital",
        "creative",
    ];
    // (name, headline, language)
    const MENTORS: [(&str, &str, Locale); 15] = [
        ("Ilze Kalniņa", "Grāmatvede, palīdzu ar nodokļiem un naudas plūsmu", Locale::Lv),
        ("Andris Ozols", "Galdnieks ar savu darbnīcu 15 gadus", Locale::Lv),
        ("Marina Petrova", "Бухгалтер, помогу с первой декларацией", Locale::Ru),
        ("Jānis Bērziņš", "Pārdošanas vadītājs, mācu runāt ar klientiem", Locale::Lv),
        ("Olga Smirnova", "Предприниматель в общепите, 10 лет своего кафе", Locale::Ru),
        ("Kristaps Liepa", "Programmētājs, palīdzu ar mājaslapu un digitālajiem rīkiem", Locale::Lv),
        ("Anna Kļaviņa", "Juriste: līgumi, reģistrācija, atļaujas", Locale::Lv),
        ("Sergejs Ivanovs", "Строитель, прошёл путь от бригады до своей фирмы", Locale::Ru),
        ("Laura Zariņa", "Sociālās uzņēmējdarbības konsultante", Locale::Lv),
        ("Peter Hansen", "Retired business coach, mentoring in English", Locale::En),
        ("Dace Vītola", "Projektu vadītāja, granti un finansējums", Locale::Lv),
        ("Roberts Krūmiņš", "Līdzgaitnieks: pats sāku no nulles pēc soda izciešanas", Locale::Lv),
        ("Tatjana Kuzņecova", "Кондитер, научу считать себестоимость", Locale::Ru),
        ("Edgars Siliņš", "Lauksaimnieks un tirgus tirgotājs", Locale::Lv),
        ("Inese Ābola", "Personāla vadītāja: pirmie darbinieki", Locale::Lv),
    ];
    const FOUNDER_NAMES: [(&str, Locale); 30] = [
        ("Mārtiņš", Locale::Lv),
        ("Aleksandrs", Locale::Ru),
        ("Līga", Locale::Lv),
        ("Dmitrijs", Locale::Ru),
        ("Kaspars", Locale::Lv),
        ("Natālija", Locale::Ru),
        ("Raivis", Locale::Lv),
        ("Svetlana", Locale::Ru),
        ("Guntis", Locale::Lv),
        ("Viktors", Locale::Ru),
        ("Agnese", Locale::Lv),
        ("Igors", Locale::Ru),
        ("Artūrs", Locale::Lv),
        ("Jeļena", Locale::Ru),
        ("Edijs", Locale::Lv),
        ("Maksims", Locale::Ru),
        ("Sanita", Locale::Lv),
        ("Pāvels", Locale::Ru),
        ("Normunds", Locale::Lv),
        ("Irina", Locale::Ru),
        ("Valdis", Locale::Lv),
        ("Oksana", Locale::Ru),
        ("Ritvars", Locale::Lv),
        ("Jurijs", Locale::Ru),
        ("Elīna", Locale::Lv),
        ("Ruslans", Locale::Ru),
        ("Toms", Locale::Lv),
        ("Mark", Locale::En),
        ("Zane", Locale::Lv),
        ("Vadims", Locale::Ru),
    ];
    const IDEAS: [&str; 6] = [
        "Mēbeļu remonts un restaurācija",
        "Ēdiens līdzņemšanai pie rūpnīcas",
        "Ремонт квартир под ключ",
        "Velosipēdu remonts un noma",
        "Уборка офисов по вечерам",
        "Koka rotaļlietas tirgiem",
    ];
    let hash = state
        .hasher
        .hash(Password::parse(DEMO_PASSWORD, "people@demo.tilts.lv").map_err(|e| anyhow::anyhow!("{e:?}"))?)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = state.now();
    let language = |locale: Locale| locale.code().to_owned();
    let mut created = 0;
    for (n, (name, headline, locale)) in MENTORS.iter().enumerate() {
        let Some(email) = EmailAddress::parse(&format!("mentor{}{DEMO_SUFFIX}", n + 2)) else { continue };
        if users::find_by_email(&state.db, &email).await?.is_some() {
            continue;
        }
        let new = users::NewUser {
            email: &email,
            password_hash: Some(hash.clone()),
            display_name: name,
            role: Role::Mentor,
            locale: *locale,
            email_verified_at: Some(now),
        };
        let account = users::insert(&state.db, new, now).await?;
        // Every fifth waits for approval, so the moderation queue has people in it.
        if n % 5 != 4 {
            users::set_standing(&state.db, account.id, Standing::Pending, Standing::Approved, now).await?;
        }
        let mut languages = vec![language(*locale)];
        if *locale != Locale::Lv {
            languages.push("lv".into());
        }
        let profile = MentorProfile {
            headline: (*headline).to_owned(),
            bio: (*headline).to_owned(),
            expertise: vec![TOPICS[n % 12].into(), TOPICS[(n + 5) % 12].into()],
            sectors: vec![SECTORS[n % 6].into()],
            region: REGIONS[n % 6].into(),
            meeting: [MeetingMode::Both, MeetingMode::Remote, MeetingMode::InPerson][n % 3],
            languages,
            capacity: 1 + (n % 4) as u8,
            available: n != 7,
            peer_mentor: n == 11,
            mentors_ngos: n % 2 == 0,
            ..MentorProfile::default()
        };
        profiles::save_mentor(&state.db, account.id, &profile, now).await?;
        created += 1;
    }
    for (n, (name, locale)) in FOUNDER_NAMES.iter().enumerate() {
        let Some(email) = EmailAddress::parse(&format!("founder{}{DEMO_SUFFIX}", n + 2)) else { continue };
        if users::find_by_email(&state.db, &email).await?.is_some() {
            continue;
        }
        let new = users::NewUser {
            email: &email,
            password_hash: Some(hash.clone()),
            display_name: name,
            role: Role::Founder,
            locale: *locale,
            email_verified_at: Some(now),
        };
        let account = users::insert(&state.db, new, now).await?;
        let profile = FounderProfile {
            headline: IDEAS[n % 6].to_owned(),
            business_idea: IDEAS[n % 6].to_owned(),
            stage: [Stage::Idea, Stage::Starting, Stage::Running][n % 3],
            needs: vec![TOPICS[(n + 2) % 12].into(), TOPICS[(n + 7) % 12].into()],
            sectors: vec![SECTORS[n % 6].into()],
            region: REGIONS[n % 6].into(),
            languages: vec![language(*locale)],
            seeking_mentor: n % 2 == 0,
            // Most choose to be listed; some do not.
            listed: n % 4 != 3,
            ..FounderProfile::default()
        };
        profiles::save_founder(&state.db, account.id, &profile, now).await?;
        created += 1;
    }
    println!("created {created} demo founders and mentors with profiles");
    Ok(())
}
