//! `/staff/mentorships`: matches the mentors accepted, waiting for VPD staff, the longest waiting
//! first, with both profiles side by side. Staff approve a match (the mentorship starts) or
//! reject it with a note only staff see; both people are told by e-mail either way. A founder's
//! supervision constraints open only with a reason, through the audited read of their record.
//! Below, running mentorships where a side said it is not working, which staff may close with a
//! note of their own.

use leptos::prelude::*;

use super::operations::{
    CloseMentorship, MentorshipConcerns, MentorshipFounder, MentorshipMentor, MentorshipQueue as Queue,
    ReviewMentorship, SectorTerms, TargetGroupRecord, close_mentorship as close_op, mentorship_concerns as concerns,
    mentorship_founder as founder_op, mentorship_mentor as mentor_op, mentorship_queue as queue,
    review_mentorship as review, sector_terms, target_group_record as read,
};
use crate::api;
use crate::components::{FormState, PageHeader, Paged, ShowMore, form_state::focus_later, paged::next_cursor};
use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{Key, keys, local_date, staff_keys};

/// Matches per page.
const PAGE: i64 = 20;

/// A person in a match: id and display name.
type Named = (String, String);

/// A match waiting for staff.
#[derive(Clone)]
struct Waiting {
    id: String,
    /// Who asked: the founder, a representative for their organisation, or VPD staff.
    origin: queue::MentorshipOrigin,
    mentee: Named,
    mentor: Named,
    message: String,
    answer: String,
    /// Since when the founder has waited for a mentor (the queue's order).
    since: String,
}

impl From<queue::MentorshipQueueMentorshipQueueNodes> for Waiting {
    fn from(n: queue::MentorshipQueueMentorshipQueueNodes) -> Self {
        Waiting {
            id: n.id,
            origin: n.origin,
            mentee: (n.mentee.id, n.mentee.display_name),
            mentor: (n.mentor.id, n.mentor.display_name),
            message: n.message,
            answer: n.answer_text.unwrap_or_default(),
            since: n.waiting_since,
        }
    }
}

/// Taxonomy labels, comma-separated.
macro_rules! joined {
    ($terms:expr) => {
        $terms.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join(", ")
    };
}

/// One line of a profile's facts; nothing when the person left it empty.
fn fact(i18n: I18n, label: Key, value: String) -> Option<impl IntoView> {
    (!value.trim().is_empty()).then(|| view! { <dt>{i18n.tr(label)}</dt><dd class="pre">{value}</dd> })
}

/// The queue page.
#[component]
pub fn MentorshipQueue() -> impl IntoView {
    let i18n = use_i18n();
    let list = Paged::<Waiting>::new();
    let done = RwSignal::new(None::<String>);
    let load = move |after: Option<String>| {
        list.load(i18n, after, |locale, after| async move {
            let page = api::call::<Queue>(queue::Variables { first: PAGE, after }, locale).await?;
            let page = page.mentorship_queue;
            let cursor = next_cursor(page.page_info.has_next_page, page.page_info.end_cursor);
            Ok((page.nodes.into_iter().map(Waiting::from).collect(), cursor))
        });
    };
    load(None);
    let decided = Callback::new(move |(id, message): (String, String)| {
        list.rows.update(|rows| rows.retain(|m| m.id != id));
        done.set(Some(message));
        focus_later("queue-status");
    });
    let state = list.state;
    let status = move || {
        if state.loading.get() {
            i18n.t(staff_keys::MENTORSHIPS_LOADING).to_owned()
        } else if let Some(message) = done.get() {
            message
        } else if state.loaded.get()
            && state.empty.get()
            && state.next.with(Option::is_none)
            && state.error.with(Option::is_none)
        {
            i18n.t(staff_keys::MENTORSHIPS_EMPTY).to_owned()
        } else {
            String::new()
        }
    };
    view! {
        <PageHeader title=staff_keys::MENTORSHIPS_TITLE intro=staff_keys::MENTORSHIPS_INTRO />
        <p class="error" role="alert" hidden=move || state.error.with(Option::is_none)>
            {move || state.error.get().unwrap_or_default()}
        </p>
        <p id="queue-status" role="status" tabindex="-1" class:success=move || done.with(Option::is_some)>{status}</p>
        <ul id="mentorship-queue" class="plain" aria-label=i18n.tr(staff_keys::MENTORSHIPS_TITLE)>
            <For each=move || list.rows.get() key=|m| m.id.clone() let:item>
                <QueueItem item=item decided=decided i18n=i18n />
            </For>
        </ul>
        <ShowMore state=state id="queue-more" label=staff_keys::MENTORSHIPS_MORE more=Callback::new(load) i18n=i18n />
        <Concerns i18n=i18n />
    }
}

/// Running mentorships where a side said "no" to "is this working?": what each side answered,
/// with their words (the other side was never told), and closing one.
#[component]
fn Concerns(i18n: I18n) -> impl IntoView {
    let found = RwSignal::new(None::<Result<Vec<concerns::MentorshipConcernsMentorshipConcerns>, String>>);
    let told = RwSignal::new(None::<String>);
    let closed = Callback::new(move |(id, message): (String, String)| {
        found.update(|f| {
            if let Some(Ok(rows)) = f {
                rows.retain(|m| m.id != id);
            }
        });
        told.set(Some(message));
    });
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        leptos::task::spawn_local(async move {
            let answer = api::call::<MentorshipConcerns>(concerns::Variables {}, locale).await;
            found.set(Some(answer.map(|d| d.mentorship_concerns).map_err(|e| e.text(locale))));
        });
    });
    let list = move || {
        found.get().map(|answer| match answer {
            Ok(rows) if rows.is_empty() => {
                view! { <p class="note">{i18n.tr(staff_keys::MENTORSHIPS_CONCERNS_EMPTY)}</p> }.into_any()
            }
            Ok(rows) => view! {
                <ul id="concerns" class="plain">
                    {rows
                        .into_iter()
                        .map(|m| {
                            let pair = i18n.fill(
                                staff_keys::MENTORSHIPS_PAIR,
                                &[("founder", &m.mentee.display_name), ("mentor", &m.mentor.display_name)],
                            );
                            let locale = i18n.locale.get_untracked();
                            let answers = m
                                .fit_checks
                                .into_iter()
                                .map(|a| {
                                    let name =
                                        if a.person == m.mentee.id { &m.mentee.display_name } else { &m.mentor.display_name };
                                    let key = if a.working {
                                        staff_keys::MENTORSHIPS_CONCERN_YES
                                    } else {
                                        staff_keys::MENTORSHIPS_CONCERN_NO
                                    };
                                    let on = i18n
                                        .fill(staff_keys::MENTORSHIPS_CONCERN_ON, &[("date", &local_date(&a.answered_at, locale))]);
                                    view! {
                                        <dt>{i18n.fill(key, &[("name", name)])}</dt>
                                        <dd>
                                            {(!a.comment.is_empty()).then(|| view! { <p class="pre">{a.comment.clone()}</p> })}
                                            <p class="note">{on}</p>
                                        </dd>
                                    }
                                })
                                .collect_view();
                            let names = (m.mentee.display_name.clone(), m.mentor.display_name.clone());
                            view! {
                                <li class="card concern">
                                    <h3>{pair}</h3>
                                    <dl class="facts">{answers}</dl>
                                    <Closing id=m.id.clone() names=names closed=closed i18n=i18n />
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
            Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
        })
    };
    view! {
        <section aria-labelledby="concerns-title">
            <h2 id="concerns-title">{i18n.tr(staff_keys::MENTORSHIPS_CONCERNS_TITLE)}</h2>
            <p>{i18n.tr(staff_keys::MENTORSHIPS_CONCERNS_INTRO)}</p>
            <p class="success" id="closed-status" role="status" hidden=move || told.with(Option::is_none)>
                {move || told.get().unwrap_or_default()}
            </p>
            {list}
        </section>
    }
}

/// One match: who asked and why, both profiles, the founder's constraints on request, and the
/// decision.
#[component]
fn QueueItem(item: Waiting, decided: Callback<(String, String)>, i18n: I18n) -> impl IntoView {
    let Waiting { id, origin, mentee, mentor, message, answer, since } = item;
    let for_organisation = matches!(origin, queue::MentorshipOrigin::ORGANISATION);
    let pair = {
        let (founder, mentor) = (mentee.1.clone(), mentor.1.clone());
        move || i18n.fill(staff_keys::MENTORSHIPS_PAIR, &[("founder", &founder), ("mentor", &mentor)])
    };
    let waiting =
        move || i18n.fill(staff_keys::MENTORSHIPS_WAITING_SINCE, &[("date", &local_date(&since, i18n.locale.get()))]);
    let how = match origin {
        queue::MentorshipOrigin::STAFF => Some(staff_keys::MENTORSHIPS_PROPOSED),
        queue::MentorshipOrigin::ORGANISATION => Some(staff_keys::MENTORSHIPS_FOR_ORGANISATION),
        queue::MentorshipOrigin::MENTOR => Some(staff_keys::MENTORSHIPS_OFFERED),
        _ => None,
    };
    let item_id = format!("match-{id}");
    view! {
        <li class="card match" id=item_id>
            <h2>{pair}</h2>
            <p class="note">{waiting}</p>
            {how.map(|key| view! { <p>{i18n.tr(key)}</p> })}
            <dl class="facts">
                {fact(i18n, staff_keys::MENTORSHIPS_MESSAGE, message)}
                {fact(i18n, staff_keys::MENTORSHIPS_ANSWER, answer)}
            </dl>
            <div class="sides">
                <FounderSide person=mentee.clone() representative=for_organisation i18n=i18n />
                <MentorSide person=mentor.clone() i18n=i18n />
            </div>
            {(!for_organisation).then(|| view! {
                <Constraints match_id=id.clone() founder=mentee.clone() mentor=mentor.clone() i18n=i18n />
            })}
            <Decision id=id names=(mentee.1, mentor.1) decided=decided i18n=i18n />
        </li>
    }
}

/// The founder's profile (or, for a representative asking for their organisation, just who).
#[component]
fn FounderSide(person: Named, representative: bool, i18n: I18n) -> impl IntoView {
    let (id, name) = person;
    let profile = RwSignal::new(None::<Result<founder_op::MentorshipFounderFounder, String>>);
    if !representative {
        Effect::new(move |_| {
            let locale = i18n.locale.get();
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let answer = api::call::<MentorshipFounder>(founder_op::Variables { id }, locale).await;
                profile.set(Some(answer.map(|d| d.founder).map_err(|e| e.text(locale))));
            });
        });
    }
    let role = if representative { staff_keys::MENTORSHIPS_REPRESENTATIVE } else { staff_keys::MENTORSHIPS_FOUNDER };
    let facts = move || {
        profile.get().map(|answer| match answer {
            Ok(f) => {
                let stage = match f.stage {
                    founder_op::FounderStage::IDEA => staff_keys::MENTORSHIPS_STAGE_IDEA,
                    founder_op::FounderStage::RUNNING => staff_keys::MENTORSHIPS_STAGE_RUNNING,
                    _ => staff_keys::MENTORSHIPS_STAGE_STARTING,
                };
                view! {
                    <p>{f.headline}</p>
                    <dl class="facts">
                        {fact(i18n, keys::PROFILE_BUSINESS_IDEA, f.business_idea)}
                        {fact(i18n, staff_keys::MENTORSHIPS_STAGE, i18n.t(stage).to_owned())}
                        {fact(i18n, keys::FOUNDERS_NEEDS, joined!(f.needs))}
                        {fact(i18n, staff_keys::MENTORSHIPS_SKILLS, f.skills)}
                        {fact(i18n, keys::PROFILE_SECTORS, joined!(f.sectors))}
                        {fact(i18n, keys::PROFILE_REGION, f.region.map(|r| r.label).unwrap_or_default())}
                        {fact(i18n, keys::DIRECTORY_LANGUAGES, joined!(f.languages))}
                    </dl>
                }
                .into_any()
            }
            Err(message) => view! { <p class="error">{message}</p> }.into_any(),
        })
    };
    view! {
        <section class="side">
            <h3>{name}</h3>
            <p class="note">{i18n.tr(role)}</p>
            <p class="note" hidden=move || representative || profile.with(Option::is_some)>
                {i18n.tr(staff_keys::MENTORSHIPS_PROFILE_LOADING)}
            </p>
            {facts}
        </section>
    }
}

/// The mentor's profile.
#[component]
fn MentorSide(person: Named, i18n: I18n) -> impl IntoView {
    let (id, name) = person;
    let profile = RwSignal::new(None::<Result<mentor_op::MentorshipMentorMentor, String>>);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        let id = id.clone();
        leptos::task::spawn_local(async move {
            let answer = api::call::<MentorshipMentor>(mentor_op::Variables { id }, locale).await;
            profile.set(Some(answer.map(|d| d.mentor).map_err(|e| e.text(locale))));
        });
    });
    let facts = move || {
        profile.get().map(|answer| match answer {
            Ok(m) => {
                let meeting = match m.meeting {
                    mentor_op::MeetingMode::REMOTE => keys::PROFILE_MEETING_REMOTE,
                    mentor_op::MeetingMode::IN_PERSON => keys::PROFILE_MEETING_IN_PERSON,
                    _ => keys::PROFILE_MEETING_BOTH,
                };
                view! {
                    <p>{m.headline}</p>
                    {m.peer_mentor.then(|| view! { <p class="badge">{i18n.tr(keys::DIRECTORY_PEER)}</p> })}
                    <dl class="facts">
                        {fact(i18n, keys::DIRECTORY_TOPICS, joined!(m.expertise))}
                        {fact(i18n, keys::PROFILE_SECTORS, joined!(m.sectors))}
                        {fact(i18n, keys::PROFILE_REGION, m.region.map(|r| r.label).unwrap_or_default())}
                        {fact(i18n, keys::DIRECTORY_MEETING, i18n.t(meeting).to_owned())}
                        {fact(i18n, keys::DIRECTORY_LANGUAGES, joined!(m.languages))}
                        {fact(i18n, keys::DIRECTORY_CAPACITY, m.capacity.to_string())}
                    </dl>
                }
                .into_any()
            }
            Err(message) => view! { <p class="error">{message}</p> }.into_any(),
        })
    };
    view! {
        <section class="side">
            <h3>{name}</h3>
            <p class="note">{i18n.tr(staff_keys::MENTORSHIPS_MENTOR)}</p>
            <p class="note" hidden=move || profile.with(Option::is_some)>
                {i18n.tr(staff_keys::MENTORSHIPS_PROFILE_LOADING)}
            </p>
            {facts}
        </section>
    }
}

/// What the audited read found: the no-contact people and the excluded sector codes.
#[derive(Clone)]
struct Found {
    no_contact: Vec<Named>,
    excluded: Vec<String>,
}

/// The founder's supervision constraints, read only after staff say why.
#[component]
fn Constraints(match_id: String, founder: Named, mentor: Named, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[("reason", staff_keys::MENTORSHIPS_REASON)]);
    let reason = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Found>);
    let sectors = RwSignal::new(Vec::<(String, String)>::new());
    let (input_id, result_id) = (format!("reason-{match_id}"), format!("constraints-{match_id}"));
    let (hint_id, error_id) = (format!("{input_id}-hint"), format!("{input_id}-error"));
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if found.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(data) = api::call::<SectorTerms>(sector_terms::Variables {}, locale).await {
                sectors.set(data.taxonomies.sectors.into_iter().map(|t| (t.code, t.label)).collect());
            }
        });
    });
    let submit = {
        let (founder_id, input_id, result_id) = (founder.0.clone(), input_id.clone(), result_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !form.start() {
                return;
            }
            if reason.with_untracked(|r| r.trim().is_empty()) {
                form.invalid("reason", i18n, keys::ERROR_REQUIRED);
                focus_later(input_id.clone());
                return;
            }
            let variables = read::Variables { founder_id: founder_id.clone(), reason: reason.get_untracked() };
            let (input_id, result_id) = (input_id.clone(), result_id.clone());
            form.send_then::<TargetGroupRecord>(variables, i18n, move |answer| match answer {
                Ok(data) => {
                    let c = data.target_group_record.constraints;
                    let no_contact = c.no_contact.into_iter().map(|p| (p.id, p.display_name)).collect();
                    found.set(Some(Found { no_contact, excluded: c.excluded_sectors }));
                    focus_later(result_id);
                }
                Err(error) => {
                    form.show(&error, i18n);
                    if form.has_errors() {
                        focus_later(input_id);
                    }
                }
            });
        }
    };
    let invalid = form.error_of("reason");
    let name = founder.1;
    let label = {
        let name = name.clone();
        move || i18n.fill(staff_keys::MENTORSHIPS_REASON, &[("name", &name)])
    };
    let hint = {
        let name = name.clone();
        move || i18n.fill(staff_keys::MENTORSHIPS_REASON_HINT, &[("name", &name)])
    };
    let result = move || {
        found.get().map(|Found { no_contact, excluded }| {
            if no_contact.is_empty() && excluded.is_empty() {
                return view! { <p>{i18n.tr(staff_keys::MENTORSHIPS_CONSTRAINTS_NONE)}</p> }.into_any();
            }
            let blocked = no_contact.iter().any(|(id, _)| *id == mentor.0);
            let people = no_contact.into_iter().map(|(_, n)| n).collect::<Vec<_>>().join(", ");
            let sectors = sectors.with(|terms| {
                let label = |code: &String| terms.iter().find(|(c, _)| c == code).map_or(code.clone(), |t| t.1.clone());
                excluded.iter().map(label).collect::<Vec<_>>().join(", ")
            });
            let nobody = |text: String, key: Key| if text.is_empty() { i18n.t(key).to_owned() } else { text };
            view! {
                <dl class="facts">
                    <dt>{i18n.tr(staff_keys::CONSTRAINTS_NO_CONTACT)}</dt>
                    <dd>{nobody(people, staff_keys::MENTORSHIPS_NOBODY)}</dd>
                    <dt>{i18n.tr(staff_keys::CONSTRAINTS_SECTORS)}</dt>
                    <dd>{nobody(sectors, staff_keys::MENTORSHIPS_NO_SECTORS)}</dd>
                </dl>
                {blocked.then(|| view! {
                    <p class="notice">{i18n.fill(staff_keys::MENTORSHIPS_MENTOR_NO_CONTACT, &[("mentor", &mentor.1)])}</p>
                })}
            }
            .into_any()
        })
    };
    view! {
        <div class="constraints-read">
            <h3>{i18n.tr(staff_keys::CONSTRAINTS_TITLE)}</h3>
            <form on:submit=submit novalidate=true hidden=move || found.with(Option::is_some)>
                <div class="field" class:field-invalid=move || invalid.with(Option::is_some)>
                    <label for=input_id.clone()>{label}</label>
                    <p class="hint" id=hint_id.clone()>{hint}</p>
                    <input
                        id=input_id
                        type="text"
                        maxlength="1000"
                        aria-describedby=format!("{hint_id} {error_id}")
                        aria-invalid=move || if invalid.with(Option::is_some) { "true" } else { "false" }
                        bind:value=reason
                    />
                    <p class="error" id=error_id hidden=move || invalid.with(Option::is_none)>
                        {move || invalid.get().unwrap_or_default()}
                    </p>
                </div>
                <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                    {move || form.general.get().unwrap_or_default()}
                </p>
                <div class="actions">
                    <button type="submit" class="secondary constraints">
                        {i18n.tr(staff_keys::MENTORSHIPS_SHOW_CONSTRAINTS)}
                    </button>
                </div>
            </form>
            <div id=result_id tabindex="-1" hidden=move || found.with(Option::is_none)>{result}</div>
        </div>
    }
}

/// Approve, or reject with a note only staff see.
#[component]
fn Decision(id: String, names: (String, String), decided: Callback<(String, String)>, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[("note", staff_keys::MENTORSHIPS_NOTE)]);
    let note = RwSignal::new(String::new());
    let rejecting = RwSignal::new(false);
    let note_id = format!("note-{id}");
    let (hint_id, error_id) = (format!("{note_id}-hint"), format!("{note_id}-error"));
    let send = {
        let note_id = note_id.clone();
        Callback::new(move |(approve, why): (bool, Option<String>)| {
            let variables = review::Variables { id: id.clone(), approve, note: why };
            let (id, names, note_id) = (id.clone(), names.clone(), note_id.clone());
            form.send_then::<ReviewMentorship>(variables, i18n, move |answer| match answer {
                Ok(_) => {
                    let told =
                        if approve { staff_keys::MENTORSHIPS_APPROVED } else { staff_keys::MENTORSHIPS_REJECTED };
                    decided.run((id, i18n.fill(told, &[("founder", &names.0), ("mentor", &names.1)])));
                }
                Err(error) => {
                    form.show(&error, i18n);
                    if form.has_errors() {
                        focus_later(note_id);
                    }
                }
            });
        })
    };
    let approve = move |_| {
        if form.start() {
            send.run((true, None));
        }
    };
    let reject = {
        let note_id = note_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !form.start() {
                return;
            }
            if note.with_untracked(|n| n.trim().is_empty()) {
                form.invalid("note", i18n, staff_keys::MENTORSHIPS_NOTE_REQUIRED);
                focus_later(note_id.clone());
                return;
            }
            send.run((false, Some(note.get_untracked())));
        }
    };
    let start_rejecting = {
        let note_id = note_id.clone();
        move |_| {
            form.reset();
            rejecting.set(true);
            focus_later(note_id.clone());
        }
    };
    let invalid = form.error_of("note");
    view! {
        <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
            {move || form.general.get().unwrap_or_default()}
        </p>
        <div class="actions" hidden=move || rejecting.get()>
            <button type="button" class="approve" on:click=approve>{i18n.tr(staff_keys::MENTORSHIPS_APPROVE)}</button>
            <button type="button" class="secondary reject" on:click=start_rejecting>
                {i18n.tr(staff_keys::MENTORSHIPS_REJECT)}
            </button>
        </div>
        <form on:submit=reject novalidate=true hidden=move || !rejecting.get()>
            <div class="field" class:field-invalid=move || invalid.with(Option::is_some)>
                <label for=note_id.clone()>{i18n.tr(staff_keys::MENTORSHIPS_NOTE)}</label>
                <p class="hint" id=hint_id.clone()>{i18n.tr(staff_keys::MENTORSHIPS_NOTE_HINT)}</p>
                <textarea
                    id=note_id
                    rows="3"
                    maxlength="1000"
                    aria-describedby=format!("{hint_id} {error_id}")
                    aria-invalid=move || if invalid.with(Option::is_some) { "true" } else { "false" }
                    bind:value=note
                ></textarea>
                <p class="error" id=error_id hidden=move || invalid.with(Option::is_none)>
                    {move || invalid.get().unwrap_or_default()}
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="confirm-reject">{i18n.tr(staff_keys::MENTORSHIPS_CONFIRM_REJECT)}</button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        form.reset();
                        rejecting.set(false);
                    }
                >
                    {i18n.tr(staff_keys::MENTORSHIPS_CANCEL)}
                </button>
            </div>
        </form>
    }
}

/// Closing a running mentorship, with a note only staff see; both people are told that VPD
/// closed it, not why.
#[component]
fn Closing(id: String, names: (String, String), closed: Callback<(String, String)>, i18n: I18n) -> impl IntoView {
    let form = FormState::new(&[("note", staff_keys::MENTORSHIPS_CLOSE_NOTE)]);
    let note = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let note_id = format!("close-note-{id}");
    let (hint_id, error_id) = (format!("{note_id}-hint"), format!("{note_id}-error"));
    let submit = {
        let note_id = note_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !form.start() {
                return;
            }
            if note.with_untracked(|n| n.trim().is_empty()) {
                form.invalid("note", i18n, staff_keys::MENTORSHIPS_CLOSE_NOTE_REQUIRED);
                focus_later(note_id.clone());
                return;
            }
            let variables = close_op::Variables { id: id.clone(), note: note.get_untracked() };
            let (id, names, note_id) = (id.clone(), names.clone(), note_id.clone());
            form.send_then::<CloseMentorship>(variables, i18n, move |answer| match answer {
                Ok(_) => {
                    let message =
                        i18n.fill(staff_keys::MENTORSHIPS_CLOSED, &[("founder", &names.0), ("mentor", &names.1)]);
                    closed.run((id, message));
                }
                Err(error) => {
                    form.show(&error, i18n);
                    if form.has_errors() {
                        focus_later(note_id);
                    }
                }
            });
        }
    };
    let start = {
        let note_id = note_id.clone();
        move |_| {
            form.reset();
            open.set(true);
            focus_later(note_id.clone());
        }
    };
    let invalid = form.error_of("note");
    view! {
        <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
            {move || form.general.get().unwrap_or_default()}
        </p>
        <div class="actions" hidden=move || open.get()>
            <button type="button" class="secondary close-mentorship" on:click=start>
                {i18n.tr(staff_keys::MENTORSHIPS_CLOSE)}
            </button>
        </div>
        <form on:submit=submit novalidate=true hidden=move || !open.get()>
            <div class="field" class:field-invalid=move || invalid.with(Option::is_some)>
                <label for=note_id.clone()>{i18n.tr(staff_keys::MENTORSHIPS_CLOSE_NOTE)}</label>
                <p class="hint" id=hint_id.clone()>{i18n.tr(staff_keys::MENTORSHIPS_CLOSE_NOTE_HINT)}</p>
                <textarea
                    id=note_id
                    rows="3"
                    maxlength="1000"
                    aria-describedby=format!("{hint_id} {error_id}")
                    aria-invalid=move || if invalid.with(Option::is_some) { "true" } else { "false" }
                    bind:value=note
                ></textarea>
                <p class="error" id=error_id hidden=move || invalid.with(Option::is_none)>
                    {move || invalid.get().unwrap_or_default()}
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="confirm-close">{i18n.tr(staff_keys::MENTORSHIPS_CONFIRM_CLOSE)}</button>
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        form.reset();
                        open.set(false);
                    }
                >
                    {i18n.tr(staff_keys::MENTORSHIPS_CANCEL)}
                </button>
            </div>
        </form>
    }
}
