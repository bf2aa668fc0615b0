//! Accounts over GraphQL.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use poem::http::header::SET_COOKIE;

use super::context::{ContextExt, Viewer as ViewerContext};
use crate::domain::{self, Account};
use crate::http::session_cookie;
use crate::services::accounts::{self, NewStaffAccount, Registration, SignInAttempt};

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
pub struct Viewer {
    id: ID,
    email: String,
    display_name: String,
    role: RoleGql,
    locale: LocaleGql,
    email_verified: bool,
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
        }
    }
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
}

/// Account mutations.
#[derive(Default)]
pub struct AccountsMutation;

fn set_session_cookie(ctx: &Context<'_>, token: &str) -> async_graphql::Result<()> {
    let https = ctx.state()?.settings.https();
    ctx.append_http_header(SET_COOKIE, session_cookie::issue(token, https));
    Ok(())
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
        accounts::register(ctx.state()?, form, client).await.map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Confirms an e-mail address with the token from the verification link.
    async fn verify_email(&self, ctx: &Context<'_>, token: String) -> async_graphql::Result<bool> {
        accounts::verify_email(ctx.state()?, &token).await.map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Signs in; the session travels in an `HttpOnly` cookie.
    async fn sign_in(&self, ctx: &Context<'_>, email: String, password: String) -> async_graphql::Result<Viewer> {
        let request = ctx.request()?;
        let attempt = SignInAttempt {
            email: &email,
            password: &password,
            client: request.client_ip,
            device: request.device.as_deref(),
        };
        let signed_in = accounts::sign_in(ctx.state()?, attempt).await.map_err(|e| ctx.fail(&e))?;
        set_session_cookie(ctx, signed_in.session.expose())?;
        if let Some(device) = &signed_in.new_device {
            ctx.append_http_header(
                SET_COOKIE,
                session_cookie::issue_device(device.expose(), ctx.state()?.settings.https()),
            );
        }
        let viewer = Viewer::from(&signed_in.account);
        request.set_viewer(Some(ViewerContext { account: signed_in.account, session_id: None }));
        Ok(viewer)
    }

    /// Signs out of this device.
    async fn sign_out(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let request = ctx.request()?;
        if let Some(session_id) = request.viewer().and_then(|v| v.session_id) {
            accounts::sign_out(ctx.state()?, session_id).await.map_err(|e| ctx.fail(&e))?;
        }
        request.set_viewer(None);
        ctx.append_http_header(SET_COOKIE, session_cookie::clear(ctx.state()?.settings.https()));
        // Pages of the signed-in person must not come back from the browser's cache (a shared
        // phone's back button); the app itself clears its storage. Cookies stay: the device
        // cookie keeps the owner from being held back with strangers.
        ctx.append_http_header("clear-site-data", "\"cache\"");
        Ok(true)
    }

    /// E-mails a password-reset link if the address has an account. Always answers `true`.
    async fn request_password_reset(&self, ctx: &Context<'_>, email: String) -> async_graphql::Result<bool> {
        let request = ctx.request()?;
        accounts::request_password_reset(ctx.state()?, &email, request.client_ip, request.device.as_deref())
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
        accounts::reset_password(ctx.state()?, &token, &new_password).await.map_err(|e| ctx.fail(&e))?;
        Ok(true)
    }

    /// Changes the password; every other session is signed out.
    async fn change_password(&self, ctx: &Context<'_>, current: String, new: String) -> async_graphql::Result<bool> {
        let viewer = ctx.viewer()?;
        let token =
            accounts::change_password(ctx.state()?, &viewer.account, &current, &new).await.map_err(|e| ctx.fail(&e))?;
        set_session_cookie(ctx, token.expose())?;
        Ok(true)
    }

    /// Changes the language of pages, e-mails and error messages.
    async fn update_my_locale(&self, ctx: &Context<'_>, locale: LocaleGql) -> async_graphql::Result<Viewer> {
        let viewer = ctx.viewer()?;
        let account = accounts::update_locale(ctx.state()?, &viewer.account, domain::Locale::from(locale))
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
        let account =
            accounts::create_staff_account(ctx.state()?, &viewer.account, new).await.map_err(|e| ctx.fail(&e))?;
        Ok(StaffAccount {
            id: ID(account.id.0.to_string()),
            email: account.email.as_str().to_owned(),
            display_name: account.display_name,
            role: account.role.into(),
            locale: account.locale.into(),
        })
    }
}
