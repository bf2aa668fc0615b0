//! Accounts over GraphQL.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};

use super::context::{ContextExt, CookieChange, Viewer as ViewerContext};
use crate::db::repos::sessions::Stage;
use crate::domain::{self, Account};
use crate::services::accounts::{self, NewStaffAccount, Registration, SignInAttempt};
use crate::services::second_factor;

use super::access::{ADMIN, ANY_FIELD, Access, Rule};

/// Who may reach the fields of this module.
pub const ACCESS: &[Access] = &[
    ("Query", "viewer", Rule::Public),
    ("Query", "mySessions", Rule::SignedIn),
    ("Mutation", "register", Rule::Public),
    ("Mutation", "verifyEmail", Rule::Public),
    ("Mutation", "signIn", Rule::Public),
    ("Mutation", "signOut", Rule::Public),
    ("Mutation", "requestPasswordReset", Rule::Public),
    ("Mutation", "resetPassword", Rule::Public),
    ("Mutation", "changePassword", Rule::SignedIn),
    ("Mutation", "updateMyLocale", Rule::SignedIn),
    ("Mutation", "createStaffAccount", ADMIN),
    // The second-factor steps of a sign-in come before the person is signed in; the service
    // requires the half-finished session (or a signed-in person) itself.
    ("Mutation", "verifySecondFactor", Rule::Public),
    ("Mutation", "beginSecondFactorSetup", Rule::Public),
    ("Mutation", "confirmSecondFactor", Rule::Public),
    ("Mutation", "endSession", Rule::SignedIn),
    ("Mutation", "resetSecondFactor", ADMIN),
    ("Mutation", "disableAccount", ADMIN),
    ("Mutation", "enableAccount", ADMIN),
    ("SignInResult", ANY_FIELD, Rule::Public),
    ("SecondFactorSetup", ANY_FIELD, Rule::Public),
    ("SecondFactorEnabled", "recoveryCodes", Rule::Public),
    ("SecondFactorEnabled", "viewer", Rule::SignedIn),
    ("DeviceSession", ANY_FIELD, Rule::SignedIn),
    // `Viewer` is only ever the caller's own account.
    ("Viewer", ANY_FIELD, Rule::SignedIn),
    ("StaffAccount", ANY_FIELD, ADMIN),
];

/// What a person does in Tilts.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "Role", remote = "crate::domain::Role")]
pub enum RoleGql {
    /// An aspiring entrepreneur from the target group.
    Founder,
    /// An experienced entrepreneur or volunteer who mentors founders.
    Mentor,
    /// A member of a social enterprise, NGO, company or municipality.
    Enterprise,
    /// A VPD employee.
    Staff,
    /// The VPD system owner.
    Admin,
}

/// A language Tilts speaks.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "Locale", remote = "crate::domain::Locale")]
pub enum LocaleGql {
    /// Latvian.
    Lv,
    /// English.
    En,
    /// Russian.
    Ru,
}

/// The signed-in person.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Viewer {
    id: ID,
    email: String,
    display_name: String,
    role: RoleGql,
    locale: LocaleGql,
    email_verified: bool,
    /// Whether sign-in needs a code from an authenticator app too.
    second_factor: bool,
    /// Where the person stands with VPD's moderation: mentors and organisation members wait
    /// for approval before others can find them.
    standing: StandingGql,
    #[graphql(skip)]
    account: Account,
}

#[ComplexObject]
impl Viewer {
    /// Whether the directory shows this person founders: approved mentors, and organisation
    /// accounts that represent an approved organisation.
    async fn finds_founders(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let finds = crate::services::directory::finds_founders(ctx.db()?, &self.account)
            .await
            .map_err(|e| ctx.fail(&crate::services::directory::DirectoryError::from(e)))?;
        Ok(finds)
    }
}

/// Where a person stands with VPD's moderation.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "Standing", remote = "crate::domain::Standing")]
pub enum StandingGql {
    /// Waiting for VPD staff to approve them.
    Pending,
    /// Approved, or needing no approval.
    Approved,
    /// Refused by VPD staff.
    Rejected,
    /// Taken out of Tilts by VPD staff until reinstated.
    Suspended,
}

impl From<&Account> for Viewer {
    fn from(a: &Account) -> Self {
        Viewer {
            id: ID(a.id.0.to_string()),
            email: a.email.as_str().to_owned(),
            display_name: a.display_name.clone(),
            role: a.role.into(),
            locale: a.locale.into(),
            email_verified: a.email_verified,
            second_factor: a.second_factor,
            standing: a.standing.into(),
            account: a.clone(),
        }
    }
}

/// What a sign-in needs next.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "SignInStep", remote = "crate::services::accounts::SignInStep")]
pub enum SignInStepGql {
    /// Signed in.
    Done,
    /// A code from the authenticator app, or a recovery code (`verifySecondFactor`).
    SecondFactor,
    /// VPD accounts must set up a second factor first (`beginSecondFactorSetup`).
    SetUpSecondFactor,
}

/// The answer to `signIn`.
#[derive(SimpleObject)]
pub struct SignInResult {
    /// The signed-in person, once `next` is `DONE`.
    viewer: Option<Viewer>,
    /// What the sign-in needs next.
    next: SignInStepGql,
}

/// What an authenticator app needs to add the account.
#[derive(SimpleObject)]
pub struct SecondFactorSetup {
    /// The secret in base32, to type into the app.
    secret: String,
    /// The `otpauth://` link; a phone opens it in its authenticator app.
    uri: String,
    /// The link as a QR code (an SVG `data:` URI), to scan from a desktop screen.
    qr_code: String,
}

/// A second factor turned on.
#[derive(SimpleObject)]
pub struct SecondFactorEnabled {
    /// Ten single-use recovery codes, shown only now.
    recovery_codes: Vec<String>,
    /// The signed-in person.
    viewer: Viewer,
}

/// One of the person's signed-in browsers.
#[derive(SimpleObject)]
pub struct DeviceSession {
    id: ID,
    /// The browser and system, e.g. "Chrome · Android".
    device: Option<String>,
    /// When it signed in.
    created_at: chrono::DateTime<chrono::Utc>,
    /// When it was last used.
    last_seen_at: chrono::DateTime<chrono::Utc>,
    /// Whether it is the browser asking.
    current: bool,
}

/// A VPD staff or admin account, as its creator sees it.
#[derive(SimpleObject)]
pub struct StaffAccount {
    id: ID,
    email: String,
    display_name: String,
    role: RoleGql,
    locale: LocaleGql,
}

/// A registration form.
#[derive(InputObject)]
pub struct RegisterInput {
    /// The sign-in address.
    email: String,
    /// At least 10 characters, not a common password.
    password: String,
    /// The name shown to others (1–80 characters).
    display_name: String,
    /// `FOUNDER`, `MENTOR` or `ENTERPRISE`.
    role: RoleGql,
    /// The language for pages and e-mails.
    locale: LocaleGql,
}

/// A new VPD account.
#[derive(InputObject)]
pub struct CreateStaffAccountInput {
    /// The work address; the invitation goes there.
    email: String,
    /// The name shown to others.
    display_name: String,
    /// `STAFF` or `ADMIN`.
    role: RoleGql,
    /// The person's language (default Latvian).
    #[graphql(default_with = "LocaleGql::Lv")]
    locale: LocaleGql,
}

/// Account queries.
#[derive(Default)]
pub struct AccountsQuery;

#[Object]
impl AccountsQuery {
    /// The signed-in person, or null.
    async fn viewer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Viewer>> {
        Ok(ctx.request()?.viewer().map(|v| Viewer::from(&v.account)))
    }

    /// The browsers the person is signed in on, most recently used first.
    async fn my_sessions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DeviceSession>> {
        let viewer = ctx.viewer()?;
        let sessions =
            accounts::my_sessions(ctx.db()?, ctx.state()?, &viewer.account).await.map_err(|e| ctx.fail(&e))?;
        Ok(sessions
            .into_iter()
            .map(|s| DeviceSession {
                id: ID(s.id.to_string()),
                device: s.device,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                current: viewer.session_id == Some(s.id),
            })
            .collect())
    }
}

/// Account mutations.
#[derive(Default)]
pub struct AccountsMutation;

fn set_session_cookie(ctx: &Context<'_>, token: &str, max_age_secs: i64) -> async_graphql::Result<()> {
    ctx.request()?.change_cookie(CookieChange::Session { token: token.to_owned(), max_age_secs });
    Ok(())
}

/// Marks this browser as a known device of the account with the address `email`.
fn set_device_cookie(ctx: &Context<'_>, email: &str, token: &str) -> async_graphql::Result<()> {
    let slot = accounts::device_slot(ctx.state()?, email).map_err(|e| ctx.fail(&e))?;
    ctx.request()?.change_cookie(CookieChange::Device { slot, token: token.to_owned() });
    Ok(())
}

/// The device cookie this browser holds for the account with the address `email`, if any.
fn device_cookie(ctx: &Context<'_>, email: &str) -> async_graphql::Result<Option<String>> {
    let slot = accounts::device_slot(ctx.state()?, email).map_err(|e| ctx.fail(&e))?;
    Ok(ctx.request()?.devices.get(&slot).cloned())
}

/// An id from the client; a malformed one is treated like an unknown one.
fn parse_id(id: &ID) -> Option<uuid::Uuid> {
    uuid::Uuid::parse_str(id.as_str()).ok()
}

/// Sets the cookie of a completed sign-in and makes the rest of the request see the person.
fn finish_sign_in(ctx: &Context<'_>, signed_in: accounts::SignedIn) -> async_graphql::Result<Option<Viewer>> {
    set_session_cookie(ctx, signed_in.session.expose(), signed_in.max_age_secs)?;
    if let Some(device) = &signed_in.new_device {
        set_device_cookie(ctx, signed_in.account.email.as_str(), device.expose())?;
    }
    if signed_in.step != accounts::SignInStep::Done {
        return Ok(None);
    }
    let viewer = Viewer::from(&signed_in.account);
    ctx.request()?.set_viewer(Some(ViewerContext { account: signed_in.account, session_id: None }));
    Ok(Some(viewer))
}

/// The person setting up a second factor: signed in, or half-way through a sign-in that must
/// set one up.
fn setting_up(ctx: &Context<'_>) -> async_graphql::Result<(crate::domain::Account, Option<uuid::Uuid>)> {
    let request = ctx.request()?;
    if let Some(viewer) = request.viewer() {
        return Ok((viewer.account, None));
    }
    match &request.pending {
        Some(p) if p.stage == Stage::SetUpSecondFactor => Ok((p.account.clone(), Some(p.session_id))),
        _ => Err(ctx.fail(&accounts::AccountsError::NoPendingSignIn)),
    }
}

#[Object]
impl AccountsMutation {
    /// Registers a founder, mentor or organisation member and e-mails a verification link.
    /// Always answers `true` for a well-formed form, whether or not the address is registered.
    async fn register(&self, ctx: &Context<'_>, input: RegisterInput) -> async_graphql::Result<bool> {
        let form = Registration {
            email: &input.email,
            password: &input.password,
            display_name: &input.display_name,
            role: input.role.into(),
            locale: input.locale.into(),
        };
        let client = ctx.request()?.client_ip;
        accounts::register(ctx.db()?, ctx.state()?, form, client).await.map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Confirms an e-mail address with the token from the verification link.
    async fn verify_email(&self, ctx: &Context<'_>, token: String) -> async_graphql::Result<bool> {
        accounts::verify_email(ctx.db()?, ctx.state()?, &token).await.map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Signs in; the session travels in an `HttpOnly` cookie. When `next` is not `DONE`, the
    /// sign-in continues with the second factor.
    async fn sign_in(&self, ctx: &Context<'_>, email: String, password: String) -> async_graphql::Result<SignInResult> {
        let request = ctx.request()?;
        let device = device_cookie(ctx, &email)?;
        let attempt = SignInAttempt {
            email: &email,
            password: &password,
            client: request.client_ip,
            device: device.as_deref(),
            user_agent: request.user_agent.as_deref(),
        };
        let signed_in = accounts::sign_in(ctx.db()?, ctx.state()?, attempt).await.map_err(|e| ctx.fail(&e))?;
        let next = signed_in.step.into();
        let viewer = finish_sign_in(ctx, signed_in)?;
        Ok(SignInResult { viewer, next })
    }

    /// Finishes a sign-in with a code from the authenticator app or a recovery code.
    async fn verify_second_factor(&self, ctx: &Context<'_>, code: String) -> async_graphql::Result<Viewer> {
        let request = ctx.request()?;
        let Some(pending) = request.pending.clone().filter(|p| p.stage == Stage::SecondFactor) else {
            return Err(ctx.fail(&accounts::AccountsError::NoPendingSignIn));
        };
        let signed_in = accounts::complete_second_factor(
            ctx.db()?,
            ctx.state()?,
            &pending.account,
            pending.session_id,
            &code,
            request.user_agent.as_deref(),
        )
        .await
        .map_err(|e| ctx.fail(&e))?;
        finish_sign_in(ctx, signed_in)?.ok_or_else(|| ctx.fail(&accounts::AccountsError::NoPendingSignIn))
    }

    /// Starts setting up a second factor: signed in (the current `password` is required), or
    /// during a VPD account's sign-in (no password: it was just given).
    async fn begin_second_factor_setup(
        &self,
        ctx: &Context<'_>,
        password: Option<String>,
    ) -> async_graphql::Result<SecondFactorSetup> {
        let (account, pending) = setting_up(ctx)?;
        let password = match pending {
            Some(_) => None,
            None => Some(password.unwrap_or_default()),
        };
        let setup = second_factor::begin_setup(ctx.db()?, ctx.state()?, &account, password.as_deref())
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(SecondFactorSetup { secret: setup.secret, uri: setup.uri, qr_code: setup.qr_code })
    }

    /// Turns the second factor on with a first code from the app; returns the recovery codes.
    /// During a sign-in that had to set it up, this also completes the sign-in.
    async fn confirm_second_factor(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> async_graphql::Result<SecondFactorEnabled> {
        let (account, pending) = setting_up(ctx)?;
        let state = ctx.state()?;
        let recovery_codes =
            second_factor::confirm_setup(&state.db, state, &account, &code).await.map_err(|e| ctx.fail(&e))?;
        let account = crate::domain::Account { second_factor: true, ..account };
        let viewer = match pending {
            Some(session) => {
                let user_agent = ctx.request()?.user_agent.clone();
                let signed_in = accounts::activate(&state.db, state, &account, session, user_agent.as_deref())
                    .await
                    .map_err(|e| ctx.fail(&e))?;
                finish_sign_in(ctx, signed_in)?.ok_or_else(|| ctx.fail(&accounts::AccountsError::NoPendingSignIn))?
            }
            None => Viewer::from(&account),
        };
        Ok(SecondFactorEnabled { recovery_codes, viewer })
    }

    /// Signs out one of the person's browsers (from their list of devices).
    async fn end_session(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let id = parse_id(&id).ok_or_else(|| ctx.fail(&accounts::AccountsError::NotFound))?;
        accounts::end_session(ctx.db()?, &viewer.account, id).await.map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Removes another person's second factor, e.g. after a lost phone (admins only; audited).
    async fn reset_second_factor(&self, ctx: &Context<'_>, user_id: ID) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let target = parse_id(&user_id).ok_or_else(|| ctx.fail(&accounts::AccountsError::NotFound))?;
        second_factor::reset(ctx.db()?, ctx.state()?, &viewer.account, crate::domain::UserId(target))
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Disables an account: its sessions end at once and it cannot sign in (admins only; audited).
    async fn disable_account(&self, ctx: &Context<'_>, user_id: ID) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let target = parse_id(&user_id).ok_or_else(|| ctx.fail(&accounts::AccountsError::NotFound))?;
        accounts::set_account_disabled(ctx.db()?, ctx.state()?, &viewer.account, crate::domain::UserId(target), true)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Enables a disabled account again (admins only; audited).
    async fn enable_account(&self, ctx: &Context<'_>, user_id: ID) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let target = parse_id(&user_id).ok_or_else(|| ctx.fail(&accounts::AccountsError::NotFound))?;
        accounts::set_account_disabled(ctx.db()?, ctx.state()?, &viewer.account, crate::domain::UserId(target), false)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Signs out of this device.
    async fn sign_out(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let request = ctx.request()?;
        if let Some(session_id) = request.viewer().and_then(|v| v.session_id) {
            accounts::sign_out(ctx.db()?, session_id).await.map_err(|e| ctx.fail(&e))?;
        }
        request.set_viewer(None);
        ctx.request()?.change_cookie(CookieChange::EndSession);
        // Pages of the signed-in person must not come back from the browser's cache (a shared
        // phone's back button); the app itself clears its storage. Cookies stay: the device
        // cookie keeps the owner from being held back with strangers.
        ctx.append_http_header("clear-site-data", "\"cache\"");
        Ok(true)
    }

    /// E-mails a password-reset link if the address has an account. Always answers `true`.
    async fn request_password_reset(&self, ctx: &Context<'_>, email: String) -> async_graphql::Result<bool> {
        let request = ctx.request()?;
        let device = device_cookie(ctx, &email)?;
        accounts::request_password_reset(ctx.db()?, ctx.state()?, &email, request.client_ip, device.as_deref())
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Sets a new password with the token from a reset or invitation link; signs out everywhere.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        token: String,
        new_password: String,
    ) -> async_graphql::Result<bool> {
        accounts::reset_password(ctx.db()?, ctx.state()?, &token, &new_password).await.map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Changes the password; every other session is signed out.
    async fn change_password(&self, ctx: &Context<'_>, current: String, new: String) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let user_agent = ctx.request()?.user_agent.clone();
        let (token, device) =
            accounts::change_password(ctx.db()?, ctx.state()?, &viewer.account, &current, &new, user_agent.as_deref())
                .await
                .map_err(|e| ctx.fail(&e))?;
        let max_age = crate::domain::SessionPolicy::for_role(viewer.account.role).absolute.num_seconds();
        set_session_cookie(ctx, token.expose(), max_age)?;
        set_device_cookie(ctx, viewer.account.email.as_str(), device.expose())?;
        Ok(true)
    }

    /// Changes the language of pages, e-mails and error messages.
    async fn update_my_locale(&self, ctx: &Context<'_>, locale: LocaleGql) -> async_graphql::Result<Viewer> {
        let viewer = ctx.viewer()?;
        let account = accounts::update_locale(ctx.db()?, ctx.state()?, &viewer.account, domain::Locale::from(locale))
            .await
            .map_err(|e| ctx.fail(&e))?;
        let answer = Viewer::from(&account);
        ctx.request()?.set_viewer(Some(ViewerContext { account, ..viewer }));
        Ok(answer)
    }

    /// Creates a VPD staff or admin account and e-mails an invitation to set a password (admins only).
    async fn create_staff_account(
        &self,
        ctx: &Context<'_>,
        input: CreateStaffAccountInput,
    ) -> async_graphql::Result<StaffAccount> {
        let viewer = ctx.viewer()?;
        let new = NewStaffAccount {
            email: &input.email,
            display_name: &input.display_name,
            role: input.role.into(),
            locale: input.locale.into(),
        };
        let account = accounts::create_staff_account(ctx.db()?, ctx.state()?, &viewer.account, new)
            .await
            .map_err(|e| ctx.fail(&e))?;
        Ok(StaffAccount {
            id: ID(account.id.0.to_string()),
            email: account.email.as_str().to_owned(),
            display_name: account.display_name,
            role: account.role.into(),
            locale: account.locale.into(),
        })
    }
}
