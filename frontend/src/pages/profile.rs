//! `/profile`: a founder's or mentor's own profile, with what they share and with whom.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{
    self,
    operations::{
        MyProfile, ProfileTerms, UpdateFounderProfile, UpdateMentorProfile, my_profile, profile_terms,
        update_founder_profile as founder_op, update_mentor_profile as mentor_op,
    },
};
use crate::components::{
    Checkboxes, Field, FormFooter, FormState, PageHeader, Radios, Select, TextArea, Toggle, form_state::focus_later,
};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::{Standing, use_session},
};
use crate::i18n::{Key, keys};

/// How far a founder's business is (the schema's `FounderStage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum FounderStage {
    /// An idea.
    #[default]
    Idea,
    /// Getting started.
    Starting,
    /// Running.
    Running,
}

/// Where a mentor meets mentees (the schema's `MeetingMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MeetingMode {
    /// Online or by phone.
    Remote,
    /// In person.
    InPerson,
    /// Either.
    #[default]
    Both,
}

/// The vocabularies as `(code, label)` in the reader's language.
#[derive(Clone, Default, PartialEq)]
struct Terms {
    regions: Vec<(String, String)>,
    topics: Vec<(String, String)>,
    sectors: Vec<(String, String)>,
    languages: Vec<(String, String)>,
}

/// What the page shows once loaded.
#[derive(Clone)]
enum Loaded {
    Founder(my_profile::MyProfileMyProfileFounder),
    Mentor(my_profile::MyProfileMyProfileMentor),
    Neither,
}

/// The profile page; sends people who are not signed in to the sign-in page.
#[component]
pub fn Profile() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            navigate("/sign-in?next=/profile", Default::default());
        }
    });
    let loaded = RwSignal::new(None::<Loaded>);
    let terms = RwSignal::new(Terms::default());
    let load_error = RwSignal::new(None::<String>);
    // The profile once; the vocabularies again whenever the language changes.
    Effect::new(move |_| {
        if session.viewer.with(Option::is_none) || loaded.with_untracked(Option::is_some) {
            return;
        }
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            match api::call::<MyProfile>(my_profile::Variables {}, locale).await {
                Ok(data) => loaded.set(Some(match (data.my_profile.founder, data.my_profile.mentor) {
                    (Some(founder), _) => Loaded::Founder(founder),
                    (None, Some(mentor)) => Loaded::Mentor(mentor),
                    (None, None) => Loaded::Neither,
                })),
                Err(error) => load_error.set(Some(error.text(locale))),
            }
        });
    });
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<ProfileTerms>(profile_terms::Variables {}, locale).await {
                let t = data.taxonomies;
                terms.set(Terms {
                    regions: t.regions.into_iter().map(|t| (t.code, t.label)).collect(),
                    topics: t.topics.into_iter().map(|t| (t.code, t.label)).collect(),
                    sectors: t.sectors.into_iter().map(|t| (t.code, t.label)).collect(),
                    languages: t.languages.into_iter().map(|t| (t.code, t.label)).collect(),
                });
            }
        });
    });
    let pending = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.standing == Standing::Pending));

    view! {
        <PageHeader title=keys::PROFILE_TITLE intro=keys::PROFILE_INTRO />
        <p class="error" role="alert" hidden=move || load_error.with(Option::is_none)>
            {move || load_error.get().unwrap_or_default()}
        </p>
        <p id="profile-pending" class="notice" hidden=move || !pending()>{i18n.tr(keys::PROFILE_PENDING)}</p>
        {move || match loaded.get() {
            None => view! { <p role="status" hidden=move || load_error.with(Option::is_some)>{i18n.tr(keys::PROFILE_LOADING)}</p> }.into_any(),
            Some(Loaded::Founder(p)) => view! { <FounderForm profile=p terms=terms i18n=i18n /> }.into_any(),
            Some(Loaded::Mentor(p)) => view! { <MentorForm profile=p terms=terms i18n=i18n /> }.into_any(),
            Some(Loaded::Neither) => view! { <p id="profile-none">{i18n.tr(keys::PROFILE_NONE)}</p> }.into_any(),
        }}
    }
}

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

/// The contact details a person releases once matched, and their phone number.
#[component]
fn ContactChoice(
    i18n: I18n,
    form: FormState,
    share_email: RwSignal<bool>,
    share_phone: RwSignal<bool>,
    phone: RwSignal<String>,
) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>{i18n.tr(keys::PROFILE_CONTACT)}</legend>
            <p class="hint">{i18n.tr(keys::PROFILE_CONTACT_HINT)}</p>
            <Toggle name="shareEmail" label=text(i18n, keys::PROFILE_SHARE_EMAIL) value=share_email />
            <Toggle name="sharePhone" label=text(i18n, keys::PROFILE_SHARE_PHONE) value=share_phone />
            <Field
                name="phone"
                label=text(i18n, keys::PROFILE_PHONE)
                value=phone
                kind="tel"
                autocomplete="tel"
                required=false
                maxlength=20
                error=form.error_of("phone")
            />
        </fieldset>
    }
}

/// "Saved", told to screen readers and focused.
#[component]
fn Saved(i18n: I18n, saved: RwSignal<bool>) -> impl IntoView {
    view! {
        <p id="profile-saved" class="success" role="status" tabindex="-1" hidden=move || !saved.get()>
            {i18n.tr(keys::PROFILE_SAVED)}
        </p>
    }
}

/// Marks the fields a browser can check before sending: the headline, the region, the
/// languages (and a mentor's topics and capacity).
fn check_common(
    form: FormState,
    i18n: I18n,
    headline: RwSignal<String>,
    region: RwSignal<String>,
    languages: RwSignal<Vec<String>>,
) {
    if headline.with_untracked(|h| h.trim().is_empty()) {
        form.invalid("headline", i18n, keys::ERROR_REQUIRED);
    }
    if region.with_untracked(String::is_empty) {
        form.invalid("region", i18n, keys::PROFILE_REGION_CHOOSE);
    }
    if languages.with_untracked(Vec::is_empty) {
        form.invalid("languages", i18n, keys::PROFILE_LANGUAGES_REQUIRED);
    }
}

#[component]
fn FounderForm(profile: my_profile::MyProfileMyProfileFounder, terms: RwSignal<Terms>, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[
        ("headline", keys::PROFILE_HEADLINE),
        ("businessIdea", keys::PROFILE_BUSINESS_IDEA),
        ("needs", keys::PROFILE_NEEDS),
        ("skills", keys::PROFILE_SKILLS),
        ("sectors", keys::PROFILE_SECTORS),
        ("region", keys::PROFILE_REGION),
        ("languages", keys::PROFILE_LANGUAGES),
        ("phone", keys::PROFILE_PHONE),
    ]);
    let headline = RwSignal::new(profile.headline);
    let business_idea = RwSignal::new(profile.business_idea);
    let stage = RwSignal::new(profile.stage);
    let needs = RwSignal::new(profile.needs);
    let skills = RwSignal::new(profile.skills);
    let sectors = RwSignal::new(profile.sectors);
    let region = RwSignal::new(profile.region);
    let languages = RwSignal::new(profile.languages);
    let seeking = RwSignal::new(profile.seeking_mentor);
    let peer = RwSignal::new(profile.wants_peer_mentor);
    let listed = RwSignal::new(profile.listed);
    let share_email = RwSignal::new(profile.share_email);
    let share_phone = RwSignal::new(profile.share_phone);
    let phone = RwSignal::new(profile.phone.unwrap_or_default());
    let saved = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        saved.set(false);
        check_common(form, i18n, headline, region, languages);
        if form.refused() {
            return;
        }
        let input = founder_op::FounderProfileInput {
            headline: headline.get_untracked(),
            business_idea: business_idea.get_untracked(),
            stage: stage.get_untracked(),
            needs: needs.get_untracked(),
            skills: skills.get_untracked(),
            sectors: sectors.get_untracked(),
            region: region.get_untracked(),
            languages: languages.get_untracked(),
            seeking_mentor: seeking.get_untracked(),
            wants_peer_mentor: peer.get_untracked(),
            listed: listed.get_untracked(),
            share_email: share_email.get_untracked(),
            share_phone: share_phone.get_untracked(),
            phone: Some(phone.get_untracked()).filter(|p| !p.trim().is_empty()),
        };
        form.send::<UpdateFounderProfile>(founder_op::Variables { input }, i18n, move |_| {
            saved.set(true);
            focus_later("profile-saved");
        });
    };
    let stages = vec![
        (FounderStage::Idea, text(i18n, keys::PROFILE_STAGE_IDEA)),
        (FounderStage::Starting, text(i18n, keys::PROFILE_STAGE_STARTING)),
        (FounderStage::Running, text(i18n, keys::PROFILE_STAGE_RUNNING)),
    ];
    view! {
        <form on:submit=submit novalidate=true>
            <Field
                name="headline"
                label=text(i18n, keys::PROFILE_HEADLINE)
                hint=text(i18n, keys::PROFILE_HEADLINE_HINT)
                value=headline
                maxlength=120
                error=form.error_of("headline")
            />
            <TextArea
                name="businessIdea"
                label=text(i18n, keys::PROFILE_BUSINESS_IDEA)
                hint=text(i18n, keys::PROFILE_BUSINESS_IDEA_HINT)
                value=business_idea
                maxlength=2000
                error=form.error_of("businessIdea")
            />
            <Radios name="stage" legend=text(i18n, keys::PROFILE_STAGE) options=stages value=stage />
            <Checkboxes
                name="needs"
                legend=text(i18n, keys::PROFILE_NEEDS)
                options=Signal::derive(move || terms.with(|t| t.topics.clone()))
                chosen=needs
                error=form.error_of("needs")
            />
            <TextArea
                name="skills"
                label=text(i18n, keys::PROFILE_SKILLS)
                hint=text(i18n, keys::PROFILE_SKILLS_HINT)
                value=skills
                maxlength=500
                error=form.error_of("skills")
            />
            <Checkboxes
                name="sectors"
                legend=text(i18n, keys::PROFILE_SECTORS)
                options=Signal::derive(move || terms.with(|t| t.sectors.clone()))
                chosen=sectors
                error=form.error_of("sectors")
            />
            <Select
                name="region"
                label=text(i18n, keys::PROFILE_REGION)
                placeholder=text(i18n, keys::PROFILE_REGION_CHOOSE)
                options=Signal::derive(move || terms.with(|t| t.regions.clone()))
                value=region
                error=form.error_of("region")
            />
            <Checkboxes
                name="languages"
                legend=text(i18n, keys::PROFILE_LANGUAGES)
                options=Signal::derive(move || terms.with(|t| t.languages.clone()))
                chosen=languages
                error=form.error_of("languages")
            />
            <Toggle name="seekingMentor" label=text(i18n, keys::PROFILE_SEEKING_MENTOR) value=seeking />
            <Toggle name="wantsPeerMentor" label=text(i18n, keys::PROFILE_WANTS_PEER_MENTOR) value=peer />
            <Toggle name="listed" label=text(i18n, keys::PROFILE_LISTED) hint=text(i18n, keys::PROFILE_LISTED_HINT) value=listed />
            <ContactChoice i18n=i18n form=form share_email=share_email share_phone=share_phone phone=phone />
            <Saved i18n=i18n saved=saved />
            <FormFooter form=form submit=keys::PROFILE_SUBMIT />
        </form>
    }
}

#[component]
fn MentorForm(profile: my_profile::MyProfileMyProfileMentor, terms: RwSignal<Terms>, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[
        ("headline", keys::PROFILE_HEADLINE),
        ("bio", keys::PROFILE_BIO),
        ("expertise", keys::PROFILE_EXPERTISE),
        ("sectors", keys::PROFILE_SECTORS),
        ("region", keys::PROFILE_REGION),
        ("languages", keys::PROFILE_LANGUAGES),
        ("capacity", keys::PROFILE_CAPACITY),
        ("phone", keys::PROFILE_PHONE),
    ]);
    let headline = RwSignal::new(profile.headline);
    let bio = RwSignal::new(profile.bio);
    let expertise = RwSignal::new(profile.expertise);
    let sectors = RwSignal::new(profile.sectors);
    let region = RwSignal::new(profile.region);
    let meeting = RwSignal::new(profile.meeting);
    let languages = RwSignal::new(profile.languages);
    let capacity = RwSignal::new(profile.capacity.to_string());
    let available = RwSignal::new(profile.available);
    let peer = RwSignal::new(profile.peer_mentor);
    let ngos = RwSignal::new(profile.mentors_ngos);
    let share_email = RwSignal::new(profile.share_email);
    let share_phone = RwSignal::new(profile.share_phone);
    let phone = RwSignal::new(profile.phone.unwrap_or_default());
    let saved = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        saved.set(false);
        check_common(form, i18n, headline, region, languages);
        if expertise.with_untracked(Vec::is_empty) {
            form.invalid("expertise", i18n, keys::PROFILE_EXPERTISE_REQUIRED);
        }
        let mentees = capacity.with_untracked(|c| c.trim().parse::<i64>().ok()).filter(|c| (1..=10).contains(c));
        if mentees.is_none() {
            form.invalid("capacity", i18n, keys::PROFILE_CAPACITY_RANGE);
        }
        if form.refused() {
            return;
        }
        let input = mentor_op::MentorProfileInput {
            headline: headline.get_untracked(),
            bio: bio.get_untracked(),
            expertise: expertise.get_untracked(),
            sectors: sectors.get_untracked(),
            region: region.get_untracked(),
            meeting: meeting.get_untracked(),
            languages: languages.get_untracked(),
            capacity: mentees.unwrap_or(1),
            available: available.get_untracked(),
            peer_mentor: peer.get_untracked(),
            mentors_ngos: ngos.get_untracked(),
            share_email: share_email.get_untracked(),
            share_phone: share_phone.get_untracked(),
            phone: Some(phone.get_untracked()).filter(|p| !p.trim().is_empty()),
        };
        form.send::<UpdateMentorProfile>(mentor_op::Variables { input }, i18n, move |_| {
            saved.set(true);
            focus_later("profile-saved");
        });
    };
    let modes = vec![
        (MeetingMode::Remote, text(i18n, keys::PROFILE_MEETING_REMOTE)),
        (MeetingMode::InPerson, text(i18n, keys::PROFILE_MEETING_IN_PERSON)),
        (MeetingMode::Both, text(i18n, keys::PROFILE_MEETING_BOTH)),
    ];
    view! {
        <form on:submit=submit novalidate=true>
            <Field
                name="headline"
                label=text(i18n, keys::PROFILE_HEADLINE)
                hint=text(i18n, keys::PROFILE_MENTOR_HEADLINE_HINT)
                value=headline
                maxlength=120
                error=form.error_of("headline")
            />
            <TextArea
                name="bio"
                label=text(i18n, keys::PROFILE_BIO)
                hint=text(i18n, keys::PROFILE_BIO_HINT)
                value=bio
                maxlength=2000
                error=form.error_of("bio")
            />
            <Checkboxes
                name="expertise"
                legend=text(i18n, keys::PROFILE_EXPERTISE)
                options=Signal::derive(move || terms.with(|t| t.topics.clone()))
                chosen=expertise
                error=form.error_of("expertise")
            />
            <Checkboxes
                name="sectors"
                legend=text(i18n, keys::PROFILE_SECTORS)
                options=Signal::derive(move || terms.with(|t| t.sectors.clone()))
                chosen=sectors
                error=form.error_of("sectors")
            />
            <Select
                name="region"
                label=text(i18n, keys::PROFILE_REGION)
                placeholder=text(i18n, keys::PROFILE_REGION_CHOOSE)
                options=Signal::derive(move || terms.with(|t| t.regions.clone()))
                value=region
                error=form.error_of("region")
            />
            <Radios name="meeting" legend=text(i18n, keys::PROFILE_MEETING) options=modes value=meeting />
            <Checkboxes
                name="languages"
                legend=text(i18n, keys::PROFILE_LANGUAGES)
                options=Signal::derive(move || terms.with(|t| t.languages.clone()))
                chosen=languages
                error=form.error_of("languages")
            />
            <Field
                name="capacity"
                label=text(i18n, keys::PROFILE_CAPACITY)
                value=capacity
                kind="number"
                error=form.error_of("capacity")
            />
            <Toggle name="available" label=text(i18n, keys::PROFILE_AVAILABLE) value=available />
            <Toggle name="peerMentor" label=text(i18n, keys::PROFILE_PEER_MENTOR) value=peer />
            <Toggle name="mentorsNgos" label=text(i18n, keys::PROFILE_MENTORS_NGOS) value=ngos />
            <ContactChoice i18n=i18n form=form share_email=share_email share_phone=share_phone phone=phone />
            <Saved i18n=i18n saved=saved />
            <FormFooter form=form submit=keys::PROFILE_SUBMIT />
        </form>
    }
}
