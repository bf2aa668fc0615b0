//! The directory over GraphQL: `mentors`, `founders` (Relay connections with opaque keyset
//! cursors), `mentor(id)` and `founder(id)`. Who appears to whom is decided below the
//! transport; a hidden person answers `NOT_FOUND`, like an id that never existed.

use async_graphql::{
    Context, ID, InputObject, Object, SimpleObject,
    connection::{Connection, Edge},
};
use base64::Engine as _;

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use super::profiles::{MeetingGql, StageGql};
use super::taxonomies::TermGql;
use crate::db::repos::directory::Filter;
use crate::domain::{
    Locale, Role, Taxonomies, TaxonomyKind, UserId,
    profile::{FounderProfile, MentorProfile},
};
use crate::services::directory::{self, Contact as SeenContact, DirectoryError, Seen};

/// Everyone taking part, waiting for approval or approved (not the rejected or suspended).
const PEOPLE: Rule = Rule::Applying(&[Role::Founder, Role::Mentor, Role::Enterprise, Role::Staff, Role::Admin]);

/// Who may reach the fields of this module. Which rows each person gets is the policy's.
pub const ACCESS: &[Access] = &[
    ("Query", "mentors", PEOPLE),
    ("Query", "mentor", PEOPLE),
    ("Query", "founders", PEOPLE),
    ("Query", "founder", PEOPLE),
    ("Mentor", ANY_FIELD, PEOPLE),
    ("MentorConnection", ANY_FIELD, PEOPLE),
    ("MentorEdge", ANY_FIELD, PEOPLE),
    ("Founder", ANY_FIELD, PEOPLE),
    ("FounderConnection", ANY_FIELD, PEOPLE),
    ("FounderEdge", ANY_FIELD, PEOPLE),
    ("Contact", ANY_FIELD, PEOPLE),
    ("MentorRating", ANY_FIELD, PEOPLE),
];

/// What a directory list may be narrowed to.
#[derive(InputObject, Default)]
pub struct DirectoryFilter {
    /// A region code (see `taxonomies`).
    region: Option<String>,
    /// A topic code: what mentors cover, what founders need.
    topic: Option<String>,
    /// A sector code.
    sector: Option<String>,
    /// A language code.
    language: Option<String>,
    /// Words in the name, headline or description.
    text: Option<String>,
}

impl From<DirectoryFilter> for Filter {
    fn from(f: DirectoryFilter) -> Self {
        let some = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        Filter {
            region: some(f.region),
            topic: some(f.topic),
            sector: some(f.sector),
            language: some(f.language),
            text: some(f.text),
            any_language: Vec::new(),
            seeking_mentor: false,
        }
    }
}

/// Contact details a person released to the viewer.
#[derive(SimpleObject)]
pub struct Contact {
    email: Option<String>,
    phone: Option<String>,
}

impl Contact {
    pub(super) fn new(email: Option<String>, phone: Option<String>) -> Contact {
        Contact { email, phone }
    }
}

impl From<SeenContact> for Contact {
    fn from(c: SeenContact) -> Self {
        Contact { email: c.email, phone: c.phone }
    }
}

/// Terms of `kind` by code, labelled in `locale`; unknown codes are left out.
pub(super) fn label(terms: &Taxonomies, kind: TaxonomyKind, codes: &[String], locale: Locale) -> Vec<TermGql> {
    codes
        .iter()
        .filter_map(|code| terms.of(kind).find(|t| t.code == *code))
        .map(|t| TermGql::new(t.code.clone(), t.label(locale).to_owned()))
        .collect()
}

/// A mentor as others see them.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Mentor {
    #[graphql(skip)]
    user: UserId,
    id: ID,
    display_name: String,
    headline: String,
    bio: String,
    expertise: Vec<TermGql>,
    sectors: Vec<TermGql>,
    region: Option<TermGql>,
    meeting: MeetingGql,
    languages: Vec<TermGql>,
    /// Active mentees at once.
    capacity: i32,
    available: bool,
    /// A *līdzgaitnieks*: lived experience of the justice system.
    peer_mentor: bool,
    mentors_ngos: bool,
    /// Only inside an approved relationship, as the mentor chose.
    contact: Option<Contact>,
}

impl Mentor {
    pub(super) fn new(seen: Seen<MentorProfile>, terms: &Taxonomies, locale: Locale) -> Mentor {
        let p = seen.profile;
        Mentor {
            user: seen.id,
            id: ID(seen.id.0.to_string()),
            display_name: seen.display_name,
            headline: p.headline,
            bio: p.bio,
            expertise: label(terms, TaxonomyKind::Topic, &p.expertise, locale),
            sectors: label(terms, TaxonomyKind::Sector, &p.sectors, locale),
            region: label(terms, TaxonomyKind::Region, std::slice::from_ref(&p.region), locale).into_iter().next(),
            meeting: p.meeting.into(),
            languages: label(terms, TaxonomyKind::Language, &p.languages, locale),
            capacity: i32::from(p.capacity),
            available: p.available,
            peer_mentor: p.peer_mentor,
            mentors_ngos: p.mentors_ngos,
            contact: seen.contact.map(Contact::from),
        }
    }
}

/// How founders rated a mentor, shown only as an average of 3 ratings or more.
#[derive(SimpleObject)]
pub struct MentorRating {
    /// 1 to 5.
    average: f64,
    /// How many ratings.
    count: u32,
}

#[async_graphql::ComplexObject]
impl Mentor {
    /// Founders' closing ratings, as an average once there are at least 3; otherwise none.
    async fn rating(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<MentorRating>> {
        let loader = ctx.data::<async_graphql::dataloader::DataLoader<super::loaders::MentorRatings>>()?;
        let rating = loader
            .load_one(self.user)
            .await
            .map_err(|e| ctx.fail(&DirectoryError::Database(sea_orm::DbErr::Custom(e.to_string()))))?;
        Ok(rating.map(|(average, count)| MentorRating { average, count: u32::try_from(count).unwrap_or(u32::MAX) }))
    }
}

/// A founder as others see them (never anything VPD knows about them).
#[derive(SimpleObject)]
pub struct Founder {
    id: ID,
    display_name: String,
    headline: String,
    business_idea: String,
    stage: StageGql,
    needs: Vec<TermGql>,
    skills: String,
    sectors: Vec<TermGql>,
    region: Option<TermGql>,
    languages: Vec<TermGql>,
    seeking_mentor: bool,
    /// Only inside an approved relationship, as the founder chose.
    contact: Option<Contact>,
}

impl Founder {
    pub(super) fn new(seen: Seen<FounderProfile>, terms: &Taxonomies, locale: Locale) -> Founder {
        let p = seen.profile;
        Founder {
            id: ID(seen.id.0.to_string()),
            display_name: seen.display_name,
            headline: p.headline,
            business_idea: p.business_idea,
            stage: p.stage.into(),
            needs: label(terms, TaxonomyKind::Topic, &p.needs, locale),
            skills: p.skills,
            sectors: label(terms, TaxonomyKind::Sector, &p.sectors, locale),
            region: label(terms, TaxonomyKind::Region, std::slice::from_ref(&p.region), locale).into_iter().next(),
            languages: label(terms, TaxonomyKind::Language, &p.languages, locale),
            seeking_mentor: p.seeking_mentor,
            contact: seen.contact.map(Contact::from),
        }
    }
}

/// The cursor of a person: their name and id, opaque to clients.
fn cursor(name: &str, id: UserId) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{name}|{}", id.0))
}

/// The key in `cursor` (`None` when absent); a cursor the server did not make is refused.
fn parse_cursor(cursor: Option<&str>) -> Result<Option<(String, uuid::Uuid)>, DirectoryError> {
    let Some(cursor) = cursor else { return Ok(None) };
    let parsed = (|| {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (name, id) = text.rsplit_once('|')?;
        Some((name.to_owned(), uuid::Uuid::parse_str(id).ok()?))
    })();
    parsed.map(Some).ok_or(DirectoryError::BadCursor)
}

/// An id as a person's account id; an id that is not one answers like a hidden person.
fn person_id(id: &ID) -> Result<UserId, DirectoryError> {
    uuid::Uuid::parse_str(id.as_str()).map(UserId).map_err(|_| DirectoryError::NotFound)
}

/// Directory queries.
#[derive(Default)]
pub struct DirectoryQuery;

#[Object]
impl DirectoryQuery {
    /// Approved mentors who take mentees, by name; narrowed by `filter`.
    #[graphql(complexity = "first * child_complexity")]
    async fn mentors(
        &self,
        ctx: &Context<'_>,
        filter: Option<DirectoryFilter>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Mentor>> {
        let viewer = ctx.viewer()?;
        let after = parse_cursor(after.as_deref()).map_err(|e| ctx.fail(&e))?;
        let page = directory::mentors(
            ctx.db()?,
            ctx.state()?,
            &viewer.account,
            &filter.unwrap_or_default().into(),
            first,
            after.as_ref(),
        )
        .await
        .map_err(|e| ctx.fail(&e))?;
        let locale = ctx.request()?.locale;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection.edges.extend(page.people.into_iter().map(|seen| {
            let key = cursor(&seen.display_name, seen.id);
            Edge::new(key, Mentor::new(seen, &page.terms, locale))
        }));
        Ok(connection)
    }

    /// Founders who chose to be listed, by name (approved mentors, representatives of approved
    /// organisations and staff only; everyone else gets an empty list).
    #[graphql(complexity = "first * child_complexity")]
    async fn founders(
        &self,
        ctx: &Context<'_>,
        filter: Option<DirectoryFilter>,
        #[graphql(default = 20)] first: usize,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<String, Founder>> {
        let viewer = ctx.viewer()?;
        let after = parse_cursor(after.as_deref()).map_err(|e| ctx.fail(&e))?;
        let page = directory::founders(
            ctx.db()?,
            ctx.state()?,
            &viewer.account,
            &filter.unwrap_or_default().into(),
            first,
            after.as_ref(),
        )
        .await
        .map_err(|e| ctx.fail(&e))?;
        let locale = ctx.request()?.locale;
        let mut connection = Connection::new(after.is_some(), page.has_more);
        connection.edges.extend(page.people.into_iter().map(|seen| {
            let key = cursor(&seen.display_name, seen.id);
            Edge::new(key, Founder::new(seen, &page.terms, locale))
        }));
        Ok(connection)
    }

    /// A mentor's profile; `NOT_FOUND` for anyone the caller may not see.
    async fn mentor(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Mentor> {
        let viewer = ctx.viewer()?;
        let id = person_id(&id).map_err(|e| ctx.fail(&e))?;
        let (seen, terms) =
            directory::mentor(ctx.db()?, ctx.state()?, &viewer.account, id).await.map_err(|e| ctx.fail(&e))?;
        Ok(Mentor::new(seen, &terms, ctx.request()?.locale))
    }

    /// A founder's profile; `NOT_FOUND` for anyone the caller may not see.
    async fn founder(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Founder> {
        let viewer = ctx.viewer()?;
        let id = person_id(&id).map_err(|e| ctx.fail(&e))?;
        let (seen, terms) =
            directory::founder(ctx.db()?, ctx.state()?, &viewer.account, id).await.map_err(|e| ctx.fail(&e))?;
        Ok(Founder::new(seen, &terms, ctx.request()?.locale))
    }
}
