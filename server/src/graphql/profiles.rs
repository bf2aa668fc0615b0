//! People's own profiles over GraphQL: `myProfile` and the two update mutations. The types here
//! are the owner's view (with their listing and sharing choices); what others see of a profile
//! is a type of its own.

use async_graphql::{Context, Enum, ErrorExtensions, InputObject, Object, SimpleObject};

use super::access::{ANY_FIELD, Access, Rule};
use super::context::ContextExt;
use crate::domain::{
    Role,
    profile::{ContactChoice, Field, FounderProfile, MentorProfile},
};
use crate::services::profiles::{self, OwnProfile, ProfileUseError};

/// Who may reach the fields of this module.
pub const ACCESS: &[Access] = &[
    ("Query", "myProfile", Rule::SignedIn),
    ("MyProfile", ANY_FIELD, Rule::SignedIn),
    ("MyFounderProfile", ANY_FIELD, Rule::SignedIn),
    ("MyMentorProfile", ANY_FIELD, Rule::SignedIn),
    ("Mutation", "updateFounderProfile", Rule::Roles(&[Role::Founder])),
    // A mentor waiting for approval fills in the profile staff approve.
    ("Mutation", "updateMentorProfile", Rule::Applying(&[Role::Mentor])),
];

/// How far a founder's business is.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "FounderStage", remote = "crate::domain::profile::Stage")]
pub enum StageGql {
    /// An idea, not yet started.
    Idea,
    /// Getting started.
    Starting,
    /// Running and selling.
    Running,
}

/// Where a mentor meets mentees.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "MeetingMode", remote = "crate::domain::profile::MeetingMode")]
pub enum MeetingGql {
    /// Online or by phone.
    Remote,
    /// In person.
    InPerson,
    /// Either.
    Both,
}

/// The GraphQL name of a profile field, as `extensions.field` names it.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Headline => "headline",
        Field::BusinessIdea => "businessIdea",
        Field::Skills => "skills",
        Field::Bio => "bio",
        Field::Needs => "needs",
        Field::Expertise => "expertise",
        Field::Sectors => "sectors",
        Field::Region => "region",
        Field::Languages => "languages",
        Field::Capacity => "capacity",
        Field::Phone => "phone",
    }
}

fn fail(ctx: &Context<'_>, err: &ProfileUseError) -> async_graphql::Error {
    let error = ctx.fail(err);
    match err.field() {
        Some(field) => error.extend_with(|_, ext| ext.set("field", field_name(field))),
        None => error,
    }
}

/// The signed-in person's own profile, by role; `null` for the other role's part.
#[derive(SimpleObject, Default)]
pub struct MyProfile {
    /// A founder's profile (the defaults until first saved).
    founder: Option<MyFounderProfile>,
    /// A mentor's profile (the defaults until first saved).
    mentor: Option<MyMentorProfile>,
}

/// A founder's profile as its owner sees and edits it.
#[derive(SimpleObject)]
pub struct MyFounderProfile {
    headline: String,
    business_idea: String,
    stage: StageGql,
    /// Topic codes (see `taxonomies`).
    needs: Vec<String>,
    skills: String,
    /// Sector codes.
    sectors: Vec<String>,
    /// A region code; empty until first saved.
    region: String,
    /// Language codes.
    languages: Vec<String>,
    seeking_mentor: bool,
    /// Would like a peer mentor (lived experience of the justice system).
    wants_peer_mentor: bool,
    /// Whether approved mentors and organisations may find them in the directory.
    listed: bool,
    /// Released to people they are matched with, never to others.
    share_email: bool,
    share_phone: bool,
    phone: Option<String>,
}

impl From<FounderProfile> for MyFounderProfile {
    fn from(p: FounderProfile) -> Self {
        MyFounderProfile {
            headline: p.headline,
            business_idea: p.business_idea,
            stage: p.stage.into(),
            needs: p.needs,
            skills: p.skills,
            sectors: p.sectors,
            region: p.region,
            languages: p.languages,
            seeking_mentor: p.seeking_mentor,
            wants_peer_mentor: p.wants_peer_mentor,
            listed: p.listed,
            share_email: p.contact.share_email,
            share_phone: p.contact.share_phone,
            phone: p.contact.phone,
        }
    }
}

/// A mentor's profile as its owner sees and edits it.
#[derive(SimpleObject)]
pub struct MyMentorProfile {
    headline: String,
    bio: String,
    /// Topic codes.
    expertise: Vec<String>,
    /// Sector codes.
    sectors: Vec<String>,
    /// A region code; empty until first saved.
    region: String,
    meeting: MeetingGql,
    /// Language codes.
    languages: Vec<String>,
    /// Active mentees at once, 1–10.
    capacity: i32,
    /// Takes new mentees now.
    available: bool,
    /// A *līdzgaitnieks*: lived experience of the justice system.
    peer_mentor: bool,
    /// Also mentors NGOs.
    mentors_ngos: bool,
    share_email: bool,
    share_phone: bool,
    phone: Option<String>,
}

impl From<MentorProfile> for MyMentorProfile {
    fn from(p: MentorProfile) -> Self {
        MyMentorProfile {
            headline: p.headline,
            bio: p.bio,
            expertise: p.expertise,
            sectors: p.sectors,
            region: p.region,
            meeting: p.meeting.into(),
            languages: p.languages,
            capacity: i32::from(p.capacity),
            available: p.available,
            peer_mentor: p.peer_mentor,
            mentors_ngos: p.mentors_ngos,
            share_email: p.contact.share_email,
            share_phone: p.contact.share_phone,
            phone: p.contact.phone,
        }
    }
}

/// A founder's profile to save: every field, replacing what was there.
#[derive(InputObject)]
pub struct FounderProfileInput {
    /// One line, 1–120 characters.
    headline: String,
    /// Up to 2,000 characters.
    #[graphql(default)]
    business_idea: String,
    stage: StageGql,
    /// Topic codes, at most 12.
    #[graphql(default)]
    needs: Vec<String>,
    /// Up to 500 characters.
    #[graphql(default)]
    skills: String,
    /// Sector codes, at most 12.
    #[graphql(default)]
    sectors: Vec<String>,
    /// A region code.
    region: String,
    /// Language codes, 1–12.
    languages: Vec<String>,
    #[graphql(default)]
    seeking_mentor: bool,
    /// Would like a peer mentor (lived experience of the justice system).
    #[graphql(default)]
    wants_peer_mentor: bool,
    #[graphql(default)]
    listed: bool,
    #[graphql(default)]
    share_email: bool,
    #[graphql(default)]
    share_phone: bool,
    phone: Option<String>,
}

impl From<FounderProfileInput> for FounderProfile {
    fn from(i: FounderProfileInput) -> Self {
        FounderProfile {
            headline: i.headline,
            business_idea: i.business_idea,
            stage: i.stage.into(),
            needs: i.needs,
            skills: i.skills,
            sectors: i.sectors,
            region: i.region,
            languages: i.languages,
            seeking_mentor: i.seeking_mentor,
            wants_peer_mentor: i.wants_peer_mentor,
            listed: i.listed,
            contact: ContactChoice { share_email: i.share_email, share_phone: i.share_phone, phone: i.phone },
        }
    }
}

/// A mentor's profile to save: every field, replacing what was there.
#[derive(InputObject)]
pub struct MentorProfileInput {
    /// One line, 1–120 characters.
    headline: String,
    /// Up to 2,000 characters.
    #[graphql(default)]
    bio: String,
    /// Topic codes, 1–12.
    expertise: Vec<String>,
    /// Sector codes, at most 12.
    #[graphql(default)]
    sectors: Vec<String>,
    /// A region code.
    region: String,
    meeting: MeetingGql,
    /// Language codes, 1–12.
    languages: Vec<String>,
    /// Active mentees at once, 1–10.
    capacity: i32,
    available: bool,
    #[graphql(default)]
    peer_mentor: bool,
    #[graphql(default)]
    mentors_ngos: bool,
    #[graphql(default)]
    share_email: bool,
    #[graphql(default)]
    share_phone: bool,
    phone: Option<String>,
}

impl From<MentorProfileInput> for MentorProfile {
    fn from(i: MentorProfileInput) -> Self {
        MentorProfile {
            headline: i.headline,
            bio: i.bio,
            expertise: i.expertise,
            sectors: i.sectors,
            region: i.region,
            meeting: i.meeting.into(),
            languages: i.languages,
            // Out of range stays out of range, so the domain refuses it with its own message.
            capacity: u8::try_from(i.capacity.clamp(0, 255)).unwrap_or_default(),
            available: i.available,
            peer_mentor: i.peer_mentor,
            mentors_ngos: i.mentors_ngos,
            contact: ContactChoice { share_email: i.share_email, share_phone: i.share_phone, phone: i.phone },
        }
    }
}

/// Profile queries.
#[derive(Default)]
pub struct ProfilesQuery;

#[Object]
impl ProfilesQuery {
    /// The signed-in person's own profile.
    async fn my_profile(&self, ctx: &Context<'_>) -> async_graphql::Result<MyProfile> {
        let viewer = ctx.viewer()?;
        let own = profiles::own(ctx.db()?, &viewer.account).await.map_err(|e| fail(ctx, &e))?;
        Ok(match own {
            OwnProfile::Founder(p) => MyProfile { founder: Some(p.into()), mentor: None },
            OwnProfile::Mentor(p) => MyProfile { founder: None, mentor: Some(p.into()) },
            OwnProfile::None => MyProfile::default(),
        })
    }
}

/// Profile mutations.
#[derive(Default)]
pub struct ProfilesMutation;

#[Object]
impl ProfilesMutation {
    /// Saves the signed-in founder's profile (every field; nothing is saved if one is invalid).
    async fn update_founder_profile(
        &self,
        ctx: &Context<'_>,
        input: FounderProfileInput,
    ) -> async_graphql::Result<MyFounderProfile> {
        let viewer = ctx.viewer()?;
        let saved = profiles::save_founder(ctx.db()?, ctx.state()?, &viewer.account, input.into())
            .await
            .map_err(|e| fail(ctx, &e))?;
        Ok(saved.into())
    }

    /// Saves the signed-in mentor's profile (every field; nothing is saved if one is invalid).
    async fn update_mentor_profile(
        &self,
        ctx: &Context<'_>,
        input: MentorProfileInput,
    ) -> async_graphql::Result<MyMentorProfile> {
        let viewer = ctx.viewer()?;
        let saved = profiles::save_mentor(ctx.db()?, ctx.state()?, &viewer.account, input.into())
            .await
            .map_err(|e| fail(ctx, &e))?;
        Ok(saved.into())
    }
}
