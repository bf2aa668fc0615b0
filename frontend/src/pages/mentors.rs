//! `/mentors`: find a mentor by region, topic, language or words; `/mentor?id=…`: one mentor's
//! profile. Only mentors the server lets the reader see arrive here.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{
    self,
    directory::{DirectoryTerms, Mentor as MentorOp, Mentors, directory_terms, mentor as mentor_op, mentors},
};
use crate::components::{DirectoryTabs, Field, PageHeader, PageStatus, Paged, Select, ShowMore, paged::next_cursor};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::{Role, use_session},
};
use crate::i18n::{Key, keys};
use crate::pages::profile::MeetingMode;

/// Mentors per page.
const PAGE: i64 = 10;

/// A translated label as a signal.
fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

/// Sends people who are not signed in to the sign-in page, then back to `here`.
fn require_sign_in(here: &'static str) {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.checked.get() && session.viewer.with(Option::is_none) {
            navigate(&format!("/sign-in?next={here}"), Default::default());
        }
    });
}

/// The vocabularies the filters offer, `(code, label)`, in the reader's language.
#[derive(Clone, Default, PartialEq)]
struct Choices {
    regions: Vec<(String, String)>,
    topics: Vec<(String, String)>,
    languages: Vec<(String, String)>,
}

/// The list of mentors with its filters.
#[component]
pub fn MentorList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    require_sign_in("/mentors");
    let choices = RwSignal::new(Choices::default());
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<DirectoryTerms>(directory_terms::Variables {}, locale).await {
                let t = data.taxonomies;
                choices.set(Choices {
                    regions: t.regions.into_iter().map(|t| (t.code, t.label)).collect(),
                    topics: t.topics.into_iter().map(|t| (t.code, t.label)).collect(),
                    languages: t.languages.into_iter().map(|t| (t.code, t.label)).collect(),
                });
            }
        });
    });
    let (region, topic, language, words) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let list = Paged::<mentors::MentorsMentorsNodes>::new();
    let load = move |after: Option<String>| {
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let filter = mentors::DirectoryFilter {
            region: some(region),
            topic: some(topic),
            sector: None,
            language: some(language),
            text: some(words),
        };
        list.load(i18n, after, move |locale, after| async move {
            let variables = mentors::Variables { filter: Some(filter), first: PAGE, after };
            let page = api::call::<Mentors>(variables, locale).await?.mentors;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    // Again in the reader's language when they change it (the server labels regions, topics
    // and sectors).
    Effect::new(move |_| {
        i18n.locale.track();
        if session.viewer.with(Option::is_some) {
            load(None);
        }
    });
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        load(None);
    };
    let any = text(i18n, keys::DIRECTORY_ANY);
    let no_error = Signal::derive(|| None::<String>);
    view! {
        <DirectoryTabs current="/mentors" />
        <PageHeader title=keys::DIRECTORY_TITLE intro=keys::DIRECTORY_INTRO />
        <form class="filters" role="search" on:submit=search>
            <Select
                name="region"
                label=text(i18n, keys::PROFILE_REGION)
                placeholder=any
                options=Signal::derive(move || choices.with(|c| c.regions.clone()))
                value=region
                error=no_error
                required=false
            />
            <Select
                name="topic"
                label=text(i18n, keys::DIRECTORY_TOPIC)
                placeholder=any
                options=Signal::derive(move || choices.with(|c| c.topics.clone()))
                value=topic
                error=no_error
                required=false
            />
            <Select
                name="language"
                label=text(i18n, keys::DIRECTORY_LANGUAGE)
                placeholder=any
                options=Signal::derive(move || choices.with(|c| c.languages.clone()))
                value=language
                error=no_error
                required=false
            />
            <Field
                name="words"
                label=text(i18n, keys::DIRECTORY_WORDS)
                value=words
                kind="search"
                required=false
                error=no_error
            />
            <button type="submit" id="search" disabled=move || list.state.loading.get()>{i18n.tr(keys::DIRECTORY_SEARCH)}</button>
        </form>
        <PageStatus state=list.state id="directory-status" loading=keys::DIRECTORY_LOADING empty=keys::DIRECTORY_EMPTY i18n=i18n />
        <ul class="people" aria-label=i18n.tr(keys::DIRECTORY_TITLE)>
            <For each=move || list.rows.get() key=move |m| (m.id.clone(), i18n.locale.get_untracked()) let:m>
                <li class="card person">
                    <h2><a href=format!("/mentor?id={}", m.id)>{m.display_name.clone()}</a></h2>
                    <p>{m.headline.clone()}</p>
                    <p class="note">
                        {m.region.as_ref().map(|r| r.label.clone()).unwrap_or_default()}
                        {(!m.expertise.is_empty()).then_some(" · ")}
                        {m.expertise.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(", ")}
                    </p>
                    {m.peer_mentor.then(|| view! { <p class="badge">{i18n.tr(keys::DIRECTORY_PEER)}</p> })}
                </li>
            </For>
        </ul>
        <ShowMore state=list.state id="directory-more" label=keys::DIRECTORY_MORE more=Callback::new(load) i18n=i18n />
    }
}

/// One mentor's profile.
#[component]
pub fn MentorPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    require_sign_in("/mentors");
    // Founders may ask the mentor for mentoring.
    let founder = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.role == Role::Founder));
    // A representative asks for their NGO, of mentors who mentor NGOs.
    let representative = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.role == Role::Enterprise));
    let mentor = RwSignal::new(None::<mentor_op::MentorMentor>);
    let missing = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        let id = query.with(|q| q.get("id")).unwrap_or_default();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::call::<MentorOp>(mentor_op::Variables { id }, locale).await {
                Ok(data) => mentor.set(Some(data.mentor)),
                Err(e) => missing.set(Some(e.text(locale))),
            }
        });
    });
    view! {
        <p><a href="/mentors">{i18n.tr(keys::DIRECTORY_BACK)}</a></p>
        {move || match (mentor.get(), missing.get()) {
            (Some(m), _) => {
                let meeting = match m.meeting {
                    MeetingMode::Remote => keys::PROFILE_MEETING_REMOTE,
                    MeetingMode::InPerson => keys::PROFILE_MEETING_IN_PERSON,
                    MeetingMode::Both => keys::PROFILE_MEETING_BOTH,
                };
                let expertise = m.expertise.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join(", ");
                let languages = m.languages.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join(", ");
                let sectors = m.sectors.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join(", ");
                view! {
                    <h1 id="mentor-name">{m.display_name.clone()}</h1>
                    <p class="intro">{m.headline.clone()}</p>
                    {m.peer_mentor.then(|| view! { <p class="badge">{i18n.tr(keys::DIRECTORY_PEER)}</p> })}
                    <section class="card">
                        <p class="pre">{m.bio.clone()}</p>
                        <dl class="facts">
                            <dt>{i18n.tr(keys::DIRECTORY_TOPICS)}</dt><dd>{expertise}</dd>
                            <dt>{i18n.tr(keys::PROFILE_REGION)}</dt><dd>{m.region.as_ref().map(|r| r.label.clone()).unwrap_or_default()}</dd>
                            <dt>{i18n.tr(keys::DIRECTORY_MEETING)}</dt><dd>{i18n.tr(meeting)}</dd>
                            <dt>{i18n.tr(keys::DIRECTORY_LANGUAGES)}</dt><dd>{languages}</dd>
                            <dt>{i18n.tr(keys::PROFILE_SECTORS)}</dt><dd>{sectors}</dd>
                            <dt>{i18n.tr(keys::DIRECTORY_CAPACITY)}</dt><dd>{m.capacity}</dd>
                        </dl>
                    </section>
                    {(founder() || (representative() && m.mentors_ngos)).then(|| {
                        let ask = i18n.fill(keys::MENTORING_ASK, &[("name", &m.display_name)]);
                        view! { <p><a id="ask-mentor" class="button" href=format!("/mentoring/request?mentor={}", m.id)>{ask}</a></p> }
                    })}
                }
                .into_any()
            }
            (None, Some(message)) => view! {
                <h1>{i18n.tr(keys::DIRECTORY_MISSING)}</h1>
                <p id="mentor-missing" class="intro">{message}</p>
            }
            .into_any(),
            (None, None) => view! { <p role="status">{i18n.tr(keys::DIRECTORY_LOADING)}</p> }.into_any(),
        }}
    }
}
