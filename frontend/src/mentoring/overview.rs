//! `/mentoring`: for a founder, the mentors who fit them best with the reasons why, the offers
//! mentors made them, then their requests, their mentorship and past ones; for a mentor, the
//! requests waiting for their answer (their inbox), the founders looking for a mentor who fit them
//! (to offer mentoring), their offers, mentees and past mentorships.

use leptos::prelude::*;

use super::{MentorshipStatus, require_sign_in};
use crate::api::{
    self,
    mentoring::{
        MyMentorships, RecommendedFounders, RecommendedMentors, my_mentorships, recommended_founders,
        recommended_mentors,
    },
};
use crate::components::{PageHeader, PageStatus, Paged, ShowMore, paged::next_cursor};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::{Role, use_session},
};
use crate::i18n::{Key, keys, local_date};

type Row = my_mentorships::MyMentorshipsMyMentorshipsNodes;

/// The page.
#[component]
pub fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    require_sign_in(|| "/mentoring".to_owned());
    let role = Memo::new(move |_| session.viewer.with(|v| v.as_ref().map(|v| v.role)));
    let list = Paged::<Row>::new();
    let load = move |after: Option<String>| {
        list.load(i18n, after, move |locale, after| async move {
            let page = api::call::<MyMentorships>(my_mentorships::Variables { after }, locale).await?.my_mentorships;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    Effect::new(move |_| {
        if role.get().is_some() && !list.state.loaded.get_untracked() {
            load(None);
        }
    });
    let founder = move || role.get() == Some(Role::Founder);
    let mentor = move || role.get() == Some(Role::Mentor);
    let rows = move |keep: fn(MentorshipStatus) -> bool| {
        Signal::derive(move || {
            list.rows.with(|rows| rows.iter().filter(|r| keep(r.status)).cloned().collect::<Vec<_>>())
        })
    };
    view! {
        <PageHeader title=keys::MENTORING_TITLE intro=keys::MENTORING_INTRO />
        <Show when=founder>
            <Group id="offers" title=keys::MENTORING_OFFERS empty=None rows=rows(|s| s == MentorshipStatus::Offered) i18n=i18n />
            <Recommendations i18n=i18n />
        </Show>
        <PageStatus state=list.state id="mentoring-status" loading=keys::MENTORING_LOADING empty=keys::MENTORING_NONE i18n=i18n />
        <Show when=mentor>
            <Group
                id="inbox"
                title=keys::MENTORING_INBOX
                empty=Some(keys::MENTORING_INBOX_EMPTY)
                rows=rows(|s| s == MentorshipStatus::Requested)
                i18n=i18n
            />
            <FounderSuggestions i18n=i18n />
        </Show>
        <Group
            id="open"
            title=keys::MENTORING_OPEN
            empty=None
            rows=Signal::derive(move || {
                let mentee_side = !mentor();
                list.rows.with(|rows| {
                    rows.iter()
                        .filter(|r| {
                            // What the person started and waits on, or what waits for VPD.
                            let waiting_on_others = if mentee_side {
                                MentorshipStatus::Requested
                            } else {
                                MentorshipStatus::Offered
                            };
                            r.status == waiting_on_others || r.status == MentorshipStatus::PendingReview
                        })
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
            i18n=i18n
        />
        <Group id="active" title=keys::MENTORING_ACTIVE empty=None rows=rows(|s| s == MentorshipStatus::Active) i18n=i18n />
        <Group
            id="past"
            title=keys::MENTORING_PAST
            empty=None
            rows=rows(|s| !s.open() && s != MentorshipStatus::Active)
            i18n=i18n
        />
        <ShowMore state=list.state id="mentoring-more" label=keys::MENTORING_MORE more=Callback::new(load) i18n=i18n />
    }
}

/// One group of the person's mentorships, with a heading; nothing at all when empty, unless
/// `empty` says what to show then.
#[component]
fn Group(id: &'static str, title: Key, empty: Option<Key>, rows: Signal<Vec<Row>>, i18n: I18n) -> impl IntoView {
    let session = use_session();
    // The other side: the mentor for a founder, the mentee for a mentor.
    let is_mentor = move || session.viewer.with(|v| v.as_ref().is_some_and(|v| v.role == Role::Mentor));
    view! {
        <Show when=move || empty.is_some() || rows.with(|r| !r.is_empty())>
            <section aria-labelledby=format!("{id}-title")>
                <h2 id=format!("{id}-title")>{i18n.tr(title)}</h2>
                {move || {
                    (rows.with(Vec::is_empty))
                        .then(|| empty.map(|key| view! { <p class="note">{i18n.tr(key)}</p> }))
                        .flatten()
                }}
                <ul id=id class="plain">
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|r| {
                                let locale = i18n.locale.get();
                                let other = if is_mentor() { r.mentee.display_name.clone() } else { r.mentor.display_name.clone() };
                                let answer = r.status.waits_for(is_mentor());
                                let when = match (r.status, &r.expires_at) {
                                    (MentorshipStatus::Requested | MentorshipStatus::Offered, Some(expires)) => {
                                        i18n.fill(keys::MENTORING_ANSWER_BY, &[("date", &local_date(expires, locale))])
                                    }
                                    _ => i18n.fill(keys::MENTORING_CHANGED_ON, &[("date", &local_date(&r.updated_at, locale))]),
                                };
                                view! {
                                    <li class="card mentorship" id=format!("mentorship-{}", r.id)>
                                        <h3><a href=format!("/mentorship?id={}", r.id)>{other}</a></h3>
                                        <p><span class="badge">{i18n.t(r.status.label())}</span></p>
                                        {answer.then(|| view! { <p class="pre quote">{r.message.clone()}</p> })}
                                        <p class="note">{when}</p>
                                        <p>
                                            <a href=format!("/mentorship?id={}", r.id) class="button secondary">
                                                {i18n.t(if answer {
                                                    keys::MENTORING_ANSWER
                                                } else {
                                                    keys::MENTORING_OPEN_ONE
                                                })}
                                            </a>
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// The founder's recommended mentors, each with the reasons in their language and a way to ask.
#[component]
fn Recommendations(i18n: I18n) -> impl IntoView {
    let found = RwSignal::new(None::<Vec<recommended_mentors::RecommendedMentorsRecommendedMentors>>);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        leptos::task::spawn_local(async move {
            match api::call::<RecommendedMentors>(recommended_mentors::Variables {}, locale).await {
                Ok(data) => {
                    found.set(Some(data.recommended_mentors));
                    error.set(None);
                }
                Err(e) => error.set(Some(e.text(locale))),
            }
        });
    });
    view! {
        <section aria-labelledby="recommended-title">
            <h2 id="recommended-title">{i18n.tr(keys::MENTORING_RECOMMENDED)}</h2>
            <p class="note">{i18n.tr(keys::MENTORING_RECOMMENDED_HINT)}</p>
            <p class="error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
                " "
                <a href="/profile">{i18n.tr(keys::MENTORING_TO_PROFILE)}</a>
            </p>
            <p id="recommended-status" role="status">
                {move || match found.with(|f| f.as_ref().map(Vec::is_empty)) {
                    None if error.with(Option::is_none) => i18n.t(keys::MENTORING_LOADING),
                    Some(true) => i18n.t(keys::MENTORING_RECOMMENDED_EMPTY),
                    _ => "",
                }}
            </p>
            <ul id="recommended" class="plain">
                {move || {
                    found
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|r| {
                            let m = r.mentor;
                            let rating = m.rating.map(|rating| {
                                // One decimal, written as the reader's language writes numbers.
                                let average = js_sys::Number::from((rating.average * 10.0).round() / 10.0)
                                    .to_locale_string(i18n.locale.get_untracked().code());
                                i18n.fill(
                                    keys::MENTORING_RATING,
                                    &[("average", &String::from(average)), ("count", &rating.count.to_string())],
                                )
                            });
                            let ask = i18n.fill(keys::MENTORING_ASK, &[("name", &m.display_name)]);
                            view! {
                                <li class="card person recommended">
                                    <h3><a href=format!("/mentor?id={}", m.id)>{m.display_name.clone()}</a></h3>
                                    <p>{m.headline.clone()}</p>
                                    {m.peer_mentor.then(|| view! { <p class="badge">{i18n.t(keys::DIRECTORY_PEER)}</p> })}
                                    {rating.map(|r| view! { <p class="note">{r}</p> })}
                                    <p class="note">{i18n.t(keys::MENTORING_WHY)}</p>
                                    <ul class="reasons">
                                        {r.reasons.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}
                                    </ul>
                                    <p>
                                        <a class="button ask" href=format!("/mentoring/request?mentor={}", m.id)>{ask}</a>
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// For a mentor: the founders looking for a mentor who fit them, with the reasons in their
/// language and a way to offer mentoring.
#[component]
fn FounderSuggestions(i18n: I18n) -> impl IntoView {
    let found = RwSignal::new(None::<Vec<recommended_founders::RecommendedFoundersRecommendedFounders>>);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        leptos::task::spawn_local(async move {
            match api::call::<RecommendedFounders>(recommended_founders::Variables {}, locale).await {
                Ok(data) => {
                    found.set(Some(data.recommended_founders));
                    error.set(None);
                }
                Err(e) => error.set(Some(e.text(locale))),
            }
        });
    });
    view! {
        <section aria-labelledby="founders-title">
            <h2 id="founders-title">{i18n.tr(keys::MENTORING_FOUNDERS)}</h2>
            <p class="note">{i18n.tr(keys::MENTORING_FOUNDERS_HINT)}</p>
            <p class="error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get().unwrap_or_default()}</p>
            <p id="founders-status" role="status">
                {move || match found.with(|f| f.as_ref().map(Vec::is_empty)) {
                    None if error.with(Option::is_none) => i18n.t(keys::MENTORING_LOADING),
                    Some(true) => i18n.t(keys::MENTORING_FOUNDERS_EMPTY),
                    _ => "",
                }}
            </p>
            <ul id="suggested-founders" class="plain">
                {move || {
                    found
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|r| {
                            let f = r.founder;
                            let offer = i18n.fill(keys::MENTORING_OFFER, &[("name", &f.display_name)]);
                            view! {
                                <li class="card person recommended" id=format!("founder-{}", f.id)>
                                    <h3>{f.display_name.clone()}</h3>
                                    <p>{f.headline.clone()}</p>
                                    <p class="note pre">{f.business_idea.clone()}</p>
                                    <p class="note">{i18n.t(keys::MENTORING_WHY_FOUNDER)}</p>
                                    <ul class="reasons">
                                        {r.reasons.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}
                                    </ul>
                                    <p>
                                        <a class="button offer" href=format!("/mentoring/offer?founder={}", f.id)>{offer}</a>
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
