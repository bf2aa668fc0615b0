//! `/mentorship?id=…`: one mentorship as its two people see it. A request shows its message, and
//! the mentor's answer (accept, or decline with a reason); a mentor's offer, the founder's answer
//! (yes, or no without a reason); a running mentorship shows the other
//! side's contact details as they chose to share them, the messages, goals and session log, "is
//! this working?" after the first session (a "no" goes to VPD, never to the other side), and the
//! end with a rating; a finished one asks the other side for their feedback.

use leptos::prelude::*;
use leptos_router::{components::Router, hooks::use_query_map};

use super::{DeclineReason, MentorshipStatus, require_sign_in, text, today};
use crate::api::{
    self,
    mentoring::{
        AddGoal, AnswerFitCheck, AnswerMentorshipRequest, CompleteGoal, EndMentorship, LeaveMentorshipFeedback,
        LogSession, Mentorship, MentorshipMessages, SendMentorshipMessage, WithdrawMentorshipRequest, add_goal,
        answer_fit_check, answer_mentorship_request, complete_goal, end_mentorship, leave_mentorship_feedback,
        log_session, mentorship, mentorship_messages, send_mentorship_message, withdraw_mentorship_request,
    },
};
use crate::components::{
    Field, FormFooter, FormState, Layout, PageStatus, Paged, Radios, ShowMore, TextArea, page_switch::page_switch,
    paged::next_cursor,
};
use crate::contexts::{
    locale::{I18n, use_i18n},
    session::{Role, use_session},
};
use crate::i18n::{Key, keys, local_date, local_time};
use crate::pages::not_found::NotFound;
use crate::routes::MENTORSHIP_PAGES;

type Shown = mentorship::MentorshipMentorship;

/// The most characters of a message (the server's limit).
const MAX_MESSAGE: u32 = 4000;
/// The most characters of a goal's title.
const MAX_TITLE: u32 = 200;
/// The most characters of other words (a reason, a comment, feedback, a note).
const MAX_WORDS: u32 = 2000;

/// What the page knows and shares with its parts.
#[derive(Clone, Copy)]
struct Context {
    i18n: I18n,
    /// The mentorship's id.
    id: Signal<String>,
    /// Asks for the mentorship again (after a change).
    reload: Callback<()>,
    /// What just happened, for the status line.
    done: RwSignal<Option<Key>>,
}

impl Context {
    /// Loads the mentorship again and says `what` happened.
    fn changed(self, what: Key) {
        self.done.set(Some(what));
        self.reload.run(());
    }
}

/// The mentorship bundle.
#[component]
pub fn MentorshipApp() -> impl IntoView {
    crate::contexts::start();
    view! {
        <Router>
            <Layout>
                <MentorshipPages />
            </Layout>
        </Router>
    }
}

/// The page at the current address (see [`crate::routes::MENTORSHIP_PAGES`]).
#[component]
fn MentorshipPages() -> impl IntoView {
    page_switch(&MENTORSHIP_PAGES, |page| match page {
        "mentorship" => view! { <MentorshipPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    })
}

/// The page.
#[component]
fn MentorshipPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let id = Signal::derive(move || query.with(|q| q.get("id")).unwrap_or_default());
    require_sign_in(move || format!("/mentorship?id={}", id.get_untracked()));
    let shown = RwSignal::new(None::<Shown>);
    let missing = RwSignal::new(None::<String>);
    let version = RwSignal::new(0_u32);
    let sent = query.with_untracked(|q| {
        if q.get("asked").is_some() {
            Some(keys::MENTORSHIP_ASKED)
        } else {
            q.get("offered").map(|_| keys::MENTORSHIP_OFFERED)
        }
    });
    let done = RwSignal::new(sent);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        let id = id.get();
        version.track();
        if session.viewer.with(Option::is_none) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::call::<Mentorship>(mentorship::Variables { id }, locale).await {
                Ok(data) => {
                    shown.set(Some(data.mentorship));
                    missing.set(None);
                }
                Err(e) => missing.set(Some(e.text(locale))),
            }
        });
    });
    let ctx = Context { i18n, id, reload: Callback::new(move |()| version.update(|v| *v += 1)), done };
    let is_mentor = Memo::new(move |_| session.viewer.with(|v| v.as_ref().is_some_and(|v| v.role == Role::Mentor)));
    view! {
        <p><a href="/mentoring">{i18n.tr(keys::MENTORING_BACK)}</a></p>
        <p id="mentorship-done" role="status" class="success-line">{move || done.get().map(|k| i18n.t(k)).unwrap_or_default()}</p>
        {move || match (shown.get(), missing.get()) {
            (Some(m), _) => {
                let other = if is_mentor.get() { m.mentee.display_name.clone() } else { m.mentor.display_name.clone() };
                let title = i18n.fill(keys::MENTORSHIP_WITH, &[("name", &other)]);
                view! {
                    <h1 id="mentorship-title">{title}</h1>
                    <p><span class="badge" id="mentorship-status">{i18n.t(m.status.label())}</span></p>
                    <Stage m=m mentor=is_mentor.get() ctx=ctx />
                }
                .into_any()
            }
            (None, Some(message)) => view! {
                <h1>{i18n.tr(keys::MENTORSHIP_MISSING)}</h1>
                <p id="mentorship-missing" class="intro">{message}</p>
            }
            .into_any(),
            (None, None) => view! { <p role="status">{i18n.tr(keys::MENTORING_LOADING)}</p> }.into_any(),
        }}
    }
}

/// What the mentorship's stage shows to one of its sides (`mentor` or the founder).
#[component]
fn Stage(m: Shown, mentor: bool, ctx: Context) -> impl IntoView {
    let i18n = ctx.i18n;
    let locale = i18n.locale.get_untracked();
    let other = if mentor { m.mentee.display_name.clone() } else { m.mentor.display_name.clone() };
    let me = if mentor { m.mentor.id.clone() } else { m.mentee.id.clone() };
    // Offered by the mentor, rather than asked for by the founder.
    let offer = matches!(m.origin, mentorship::MentorshipOrigin::MENTOR);
    let message = view! {
        <section class="card" aria-labelledby="request-message-title">
            <h2 id="request-message-title">
                {i18n.tr(if offer { keys::MENTORSHIP_OFFER_MESSAGE } else { keys::MENTORSHIP_REQUEST_MESSAGE })}
            </h2>
            <p class="pre" id="request-message">{m.message.clone()}</p>
            <p class="note">{i18n.fill(keys::MENTORSHIP_ASKED_ON, &[("date", &local_date(&m.created_at, locale))])}</p>
        </section>
    };
    let closed_link =
        view! { <p><a href="/mentoring" class="button secondary">{i18n.tr(keys::MENTORSHIP_OTHER_MENTORS)}</a></p> };
    match m.status {
        MentorshipStatus::Requested | MentorshipStatus::Offered if m.status.waits_for(mentor) => view! {
            {message}
            <AnswerForm ctx=ctx offer=offer />
        }
        .into_any(),
        MentorshipStatus::Requested | MentorshipStatus::Offered => {
            let until = m.expires_at.as_deref().map(|t| local_date(t, locale)).unwrap_or_default();
            let waiting = if offer { keys::MENTORSHIP_OFFER_WAITING_FOR } else { keys::MENTORSHIP_WAITING_FOR };
            view! {
                <p class="intro">{i18n.fill(waiting, &[("name", &other), ("date", &until)])}</p>
                {message}
                <Withdraw ctx=ctx offer=offer />
            }
            .into_any()
        }
        MentorshipStatus::Declined if offer => view! {
            <p class="intro" id="mentorship-explain">
                {if mentor {
                    i18n.fill(keys::MENTORSHIP_OFFER_DECLINED, &[("name", &other)])
                } else {
                    i18n.t(keys::MENTORSHIP_OFFER_DECLINED_YOU).to_owned()
                }}
            </p>
        }
        .into_any(),
        MentorshipStatus::PendingReview => view! {
            <p class="intro" id="mentorship-explain">{i18n.tr(keys::MENTORSHIP_PENDING_REVIEW)}</p>
            {message}
        }
        .into_any(),
        MentorshipStatus::Declined => {
            let reason = m.decline_reason.map(|r| i18n.t(r.label())).unwrap_or_default();
            view! {
                <p class="intro" id="mentorship-explain">{i18n.fill(keys::MENTORSHIP_DECLINED, &[("name", &other), ("reason", reason)])}</p>
                {m.answer_text.clone().filter(|t| !t.is_empty()).map(|t| view! { <p class="pre quote">{t}</p> })}
                {(!mentor).then_some(closed_link)}
            }
            .into_any()
        }
        MentorshipStatus::Withdrawn
        | MentorshipStatus::Expired
        | MentorshipStatus::Invalidated
        | MentorshipStatus::Rejected
        | MentorshipStatus::Closed => {
            let explain = match (m.status, mentor) {
                (MentorshipStatus::Withdrawn, _) => keys::MENTORSHIP_WITHDRAWN,
                (MentorshipStatus::Closed, _) => keys::MENTORSHIP_CLOSED,
                (MentorshipStatus::Expired, _) if offer => keys::MENTORSHIP_OFFER_EXPIRED,
                (MentorshipStatus::Expired, true) => keys::MENTORSHIP_EXPIRED_MENTOR,
                (MentorshipStatus::Expired, false) => keys::MENTORSHIP_EXPIRED,
                (MentorshipStatus::Invalidated, _) => keys::MENTORSHIP_INVALIDATED,
                _ => keys::MENTORSHIP_REJECTED,
            };
            view! {
                <p class="intro" id="mentorship-explain">{i18n.tr(explain)}</p>
                {(!mentor).then_some(closed_link)}
            }
            .into_any()
        }
        MentorshipStatus::Active => {
            let fit_check = !m.sessions.is_empty() && m.my_fit_check.is_none();
            let answered = m.my_fit_check;
            view! {
                <Contact m=m.clone() mentor=mentor ctx=ctx />
                {fit_check.then(|| view! { <FitCheck ctx=ctx /> })}
                {answered.map(|working| view! {
                    <p class="note" id="fit-check-answered">
                        {i18n.tr(if working { keys::MENTORSHIP_FIT_THANKS } else { keys::MENTORSHIP_FIT_THANKS_NO })}
                    </p>
                })}
                <Messages ctx=ctx me=me.clone() other=other.clone() active=true />
                <Goals m=m.clone() ctx=ctx active=true />
                <Sessions m=m.clone() ctx=ctx me=me active=true />
                <End ctx=ctx />
            }
            .into_any()
        }
        MentorshipStatus::Completed | MentorshipStatus::Ended => {
            let closed = m.closed_at.as_deref().map(|t| local_date(t, locale)).unwrap_or_default();
            let explain = if m.status == MentorshipStatus::Completed {
                i18n.fill(keys::MENTORSHIP_COMPLETED, &[("date", &closed)])
            } else {
                i18n.fill(keys::MENTORSHIP_ENDED, &[("date", &closed)])
            };
            view! {
                <p class="intro" id="mentorship-explain">{explain}</p>
                {m.end_reason.clone().filter(|r| !r.is_empty()).map(|r| view! { <p class="pre quote">{r}</p> })}
                {(!m.my_feedback_given).then(|| view! { <Feedback ctx=ctx /> })}
                <Messages ctx=ctx me=me.clone() other=other.clone() active=false />
                <Goals m=m.clone() ctx=ctx active=false />
                <Sessions m=m ctx=ctx me=me active=false />
            }
            .into_any()
        }
    }
}

/// The answer of the side asked: the mentor's to a request (accept, or decline with a reason from
/// the list and words), or the founder's to an `offer` (yes, or no without a reason).
#[component]
fn AnswerForm(ctx: Context, offer: bool) -> impl IntoView {
    let i18n = ctx.i18n;
    let form = FormState::new(&[("reason", keys::MENTORSHIP_DECLINE_REASON), ("text", keys::MENTORSHIP_DECLINE_TEXT)]);
    let declining = RwSignal::new(false);
    let reason = RwSignal::new(None::<DeclineReason>);
    let words = RwSignal::new(String::new());
    let send = move |accept: bool| {
        if !form.start() {
            return;
        }
        if !accept && !offer && reason.get_untracked().is_none() {
            form.invalid("reason", i18n, keys::MENTORSHIP_DECLINE_REASON_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let text = Some(words.get_untracked()).filter(|w| !w.trim().is_empty());
        let variables = answer_mentorship_request::Variables {
            id: ctx.id.get_untracked(),
            accept,
            reason: if accept { None } else { reason.get_untracked() },
            text: if accept { None } else { text },
        };
        form.send::<AnswerMentorshipRequest>(variables, i18n, move |_| {
            ctx.changed(match (accept, offer) {
                (true, _) => keys::MENTORSHIP_ACCEPTED,
                (false, false) => keys::MENTORSHIP_DECLINED_DONE,
                (false, true) => keys::MENTORSHIP_OFFER_DECLINED_DONE,
            })
        });
    };
    let reasons =
        [DeclineReason::NoCapacity, DeclineReason::OutsideExpertise, DeclineReason::CannotMeet, DeclineReason::Other]
            .into_iter()
            .map(|r| (Some(r), text(i18n, r.label())))
            .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="answer-title">
            <h2 id="answer-title">{i18n.tr(keys::MENTORSHIP_ANSWER_TITLE)}</h2>
            <p>{i18n.tr(if offer { keys::MENTORSHIP_OFFER_HINT } else { keys::MENTORSHIP_ANSWER_HINT })}</p>
            <Show
                when=move || declining.get()
                fallback=move || view! {
                    <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
                        {move || form.general.get().unwrap_or_default()}
                    </p>
                    <div class="actions">
                        <button type="button" id="accept" on:click=move |_| send(true) aria-disabled=move || form.busy.get().to_string()>
                            {i18n.tr(if offer { keys::MENTORSHIP_OFFER_ACCEPT } else { keys::MENTORSHIP_ACCEPT })}
                        </button>
                        // A founder's no to an offer needs no reason: it is sent at once.
                        <button
                            type="button"
                            id="decline"
                            class="secondary"
                            on:click=move |_| if offer { send(false) } else { declining.set(true) }
                        >
                            {i18n.tr(if offer { keys::MENTORSHIP_OFFER_DECLINE } else { keys::MENTORSHIP_DECLINE })}
                        </button>
                    </div>
                }
            >
                <form novalidate=true on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(false); }>
                    <Radios name="reason" legend=text(i18n, keys::MENTORSHIP_DECLINE_REASON) options=reasons.clone() value=reason />
                    <p class="error" id="reason-error" hidden=move || form.error_of("reason").with(Option::is_none)>
                        {move || form.error_of("reason").get().unwrap_or_default()}
                    </p>
                    <TextArea
                        name="text"
                        label=text(i18n, keys::MENTORSHIP_DECLINE_TEXT)
                        hint=text(i18n, keys::MENTORSHIP_DECLINE_TEXT_HINT)
                        value=words
                        error=form.error_of("text")
                        maxlength=MAX_WORDS
                    />
                    <FormFooter form=form submit=keys::MENTORSHIP_DECLINE_SEND />
                </form>
            </Show>
        </section>
    }
}

/// The side asking takes back what waits: the founder a request, the mentor an `offer`.
#[component]
fn Withdraw(ctx: Context, offer: bool) -> impl IntoView {
    let i18n = ctx.i18n;
    let form = FormState::new(&[]);
    let withdraw = move |_| {
        if form.start() {
            let variables = withdraw_mentorship_request::Variables { id: ctx.id.get_untracked() };
            form.send::<WithdrawMentorshipRequest>(variables, i18n, move |_| {
                ctx.changed(keys::MENTORSHIP_WITHDRAWN_DONE)
            });
        }
    };
    view! {
        <p class="error" role="alert" hidden=move || form.general.with(Option::is_none)>
            {move || form.general.get().unwrap_or_default()}
        </p>
        <button type="button" id="withdraw" class="secondary" on:click=withdraw>
            {i18n.tr(if offer { keys::MENTORSHIP_OFFER_WITHDRAW } else { keys::MENTORSHIP_WITHDRAW })}
        </button>
    }
}

/// The other side's contact details, as they chose to share them.
#[component]
fn Contact(m: Shown, mentor: bool, ctx: Context) -> impl IntoView {
    let i18n = ctx.i18n;
    let (email, phone) = m.contact.map(|c| (c.email, c.phone)).unwrap_or((None, None));
    let none = email.is_none() && phone.is_none();
    let profile = (!mentor).then(|| format!("/mentor?id={}", m.mentor.id));
    view! {
        <section class="card" aria-labelledby="contact-title">
            <h2 id="contact-title">{i18n.tr(keys::MENTORSHIP_CONTACT)}</h2>
            <dl class="facts" id="contact">
                {email.map(|e| view! { <dt>{i18n.tr(keys::MENTORSHIP_EMAIL)}</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd> })}
                {phone.map(|p| view! { <dt>{i18n.tr(keys::MENTORSHIP_PHONE)}</dt><dd><a href=format!("tel:{p}")>{p.clone()}</a></dd> })}
            </dl>
            {none.then(|| view! { <p class="note">{i18n.tr(keys::MENTORSHIP_NO_CONTACT)}</p> })}
            {profile.map(|href| view! { <p><a href=href>{i18n.tr(keys::MENTORSHIP_PROFILE)}</a></p> })}
        </section>
    }
}

/// The messages, newest first, with a form to write one while the mentorship runs.
#[component]
fn Messages(ctx: Context, me: String, other: String, active: bool) -> impl IntoView {
    let i18n = ctx.i18n;
    let list = Paged::<mentorship_messages::MentorshipMessagesMentorshipMessagesNodes>::new();
    let load = move |after: Option<String>| {
        let id = ctx.id.get_untracked();
        list.load(i18n, after, move |locale, after| async move {
            let page = api::call::<MentorshipMessages>(mentorship_messages::Variables { id, after }, locale)
                .await?
                .mentorship
                .messages;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    load(None);
    let form = FormState::new(&[("body", keys::MENTORSHIP_MESSAGE)]);
    let body = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if body.with_untracked(|b| b.trim().is_empty()) {
            form.invalid("body", i18n, keys::MENTORSHIP_MESSAGE_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let variables =
            send_mentorship_message::Variables { mentorship_id: ctx.id.get_untracked(), body: body.get_untracked() };
        form.send::<SendMentorshipMessage>(variables, i18n, move |data| {
            let sent = data.send_mentorship_message;
            list.rows.update(|rows| {
                rows.insert(
                    0,
                    mentorship_messages::MentorshipMessagesMentorshipMessagesNodes {
                        id: sent.id,
                        author: sent.author,
                        body: sent.body,
                        created_at: sent.created_at,
                    },
                )
            });
            body.set(String::new());
            ctx.done.set(Some(keys::MENTORSHIP_MESSAGE_SENT));
        });
    };
    view! {
        <section aria-labelledby="messages-title">
            <h2 id="messages-title">{i18n.tr(keys::MENTORSHIP_MESSAGES)}</h2>
            {active.then(|| view! {
                <form on:submit=submit novalidate=true>
                    <TextArea
                        name="body"
                        label=text(i18n, keys::MENTORSHIP_MESSAGE)
                        value=body
                        error=form.error_of("body")
                        maxlength=MAX_MESSAGE
                    />
                    <FormFooter form=form submit=keys::MENTORSHIP_MESSAGE_SEND />
                </form>
            })}
            <PageStatus state=list.state id="messages-status" loading=keys::MENTORING_LOADING empty=keys::MENTORSHIP_NO_MESSAGES i18n=i18n />
            <ul id="messages" class="plain messages">
                {move || {
                    let locale = i18n.locale.get();
                    list.rows
                        .get()
                        .into_iter()
                        .map(|m| {
                            let mine = m.author == me;
                            let who = if mine { i18n.t(keys::MENTORSHIP_YOU).to_owned() } else { other.clone() };
                            view! {
                                <li class="card message" class:mine=mine>
                                    <p class="note">
                                        <strong>{who}</strong>" · "
                                        <time datetime=m.created_at.clone()>{local_time(&m.created_at, locale)}</time>
                                    </p>
                                    <p class="pre">{m.body}</p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <ShowMore state=list.state id="messages-more" label=keys::MENTORSHIP_OLDER more=Callback::new(load) i18n=i18n />
        </section>
    }
}

/// The goals the two set, with a form to add one and a button to mark one done.
#[component]
fn Goals(m: Shown, ctx: Context, active: bool) -> impl IntoView {
    let i18n = ctx.i18n;
    let locale = i18n.locale.get_untracked();
    let form = FormState::new(&[("title", keys::MENTORSHIP_GOAL_TITLE), ("dueOn", keys::MENTORSHIP_GOAL_DUE)]);
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if title.with_untracked(|t| t.trim().is_empty()) {
            form.invalid("title", i18n, keys::MENTORSHIP_GOAL_TITLE_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let variables = add_goal::Variables {
            mentorship_id: ctx.id.get_untracked(),
            title: title.get_untracked(),
            due_on: Some(due.get_untracked()).filter(|d| !d.is_empty()),
        };
        form.send::<AddGoal>(variables, i18n, move |_| ctx.changed(keys::MENTORSHIP_GOAL_ADDED));
    };
    let failed = RwSignal::new(None::<String>);
    let complete = move |goal: String| {
        let variables = complete_goal::Variables { mentorship_id: ctx.id.get_untracked(), goal_id: goal };
        leptos::task::spawn_local(async move {
            let locale = i18n.locale.get_untracked();
            match api::call::<CompleteGoal>(variables, locale).await {
                Ok(_) => ctx.changed(keys::MENTORSHIP_GOAL_DONE_SAID),
                Err(e) => failed.set(Some(e.text(locale))),
            }
        });
    };
    let goals = m.goals;
    let none = goals.is_empty();
    view! {
        <section aria-labelledby="goals-title">
            <h2 id="goals-title">{i18n.tr(keys::MENTORSHIP_GOALS)}</h2>
            {none.then(|| view! { <p class="note">{i18n.tr(keys::MENTORSHIP_NO_GOALS)}</p> })}
            <p class="error" role="alert" hidden=move || failed.with(Option::is_none)>{move || failed.get().unwrap_or_default()}</p>
            <ul id="goals" class="plain">
                {goals
                    .into_iter()
                    .map(|g| {
                        let due = g.due_on.as_deref().map(|d| i18n.fill(keys::MENTORSHIP_GOAL_DUE_ON, &[("date", &local_date(d, locale))]));
                        let id = g.id.clone();
                        view! {
                            <li class="card goal" class:done=g.done>
                                <p><strong>{g.title.clone()}</strong></p>
                                {due.map(|d| view! { <p class="note">{d}</p> })}
                                {if g.done {
                                    view! { <p class="badge">{i18n.t(keys::MENTORSHIP_GOAL_DONE)}</p> }.into_any()
                                } else if active {
                                    view! {
                                        <button type="button" class="secondary complete-goal" on:click=move |_| complete(id.clone())>
                                            {i18n.t(keys::MENTORSHIP_GOAL_COMPLETE)}
                                        </button>
                                    }
                                    .into_any()
                                } else {
                                    ().into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {active.then(|| view! {
                <form on:submit=submit novalidate=true aria-label=i18n.t(keys::MENTORSHIP_GOAL_ADD)>
                    <Field name="title" label=text(i18n, keys::MENTORSHIP_GOAL_TITLE) value=title maxlength=MAX_TITLE error=form.error_of("title") />
                    <Field name="dueOn" kind="date" label=text(i18n, keys::MENTORSHIP_GOAL_DUE) value=due required=false error=form.error_of("dueOn") />
                    <FormFooter form=form submit=keys::MENTORSHIP_GOAL_ADD />
                </form>
            })}
        </section>
    }
}

/// The session log, latest first, with a form to log one; a private note only its author sees.
#[component]
fn Sessions(m: Shown, ctx: Context, me: String, active: bool) -> impl IntoView {
    let i18n = ctx.i18n;
    let locale = i18n.locale.get_untracked();
    let form = FormState::new(&[
        ("heldOn", keys::MENTORSHIP_SESSION_DATE),
        ("minutes", keys::MENTORSHIP_SESSION_MINUTES),
        ("topic", keys::MENTORSHIP_SESSION_TOPIC),
        ("privateNote", keys::MENTORSHIP_SESSION_NOTE),
    ]);
    let held_on = RwSignal::new(today());
    let minutes = RwSignal::new(String::from("60"));
    let topic = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let date = held_on.get_untracked();
        if date.is_empty() {
            form.invalid("heldOn", i18n, keys::ERROR_REQUIRED);
        } else if date > today() {
            form.invalid("heldOn", i18n, keys::MENTORSHIP_SESSION_DATE_FUTURE);
        }
        let count = minutes.with_untracked(|m| m.trim().parse::<i64>().ok()).filter(|m| (1..=600).contains(m));
        if count.is_none() {
            form.invalid("minutes", i18n, keys::MENTORSHIP_SESSION_MINUTES_HINT);
        }
        if topic.with_untracked(|t| t.trim().is_empty()) {
            form.invalid("topic", i18n, keys::MENTORSHIP_SESSION_TOPIC_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let input = log_session::SessionLogInput {
            held_on: date,
            minutes: count.unwrap_or_default(),
            topic: topic.get_untracked(),
            private_note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        let variables = log_session::Variables { mentorship_id: ctx.id.get_untracked(), input };
        form.send::<LogSession>(variables, i18n, move |_| ctx.changed(keys::MENTORSHIP_SESSION_LOGGED));
    };
    let sessions = m.sessions;
    let none = sessions.is_empty();
    view! {
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">{i18n.tr(keys::MENTORSHIP_SESSIONS)}</h2>
            {none.then(|| view! { <p class="note">{i18n.tr(keys::MENTORSHIP_NO_SESSIONS)}</p> })}
            <ul id="sessions" class="plain">
                {sessions
                    .into_iter()
                    .map(|s| {
                        let when = i18n.fill(
                            keys::MENTORSHIP_SESSION_LINE,
                            &[("date", &local_date(&s.held_on, locale)), ("minutes", &s.minutes.to_string())],
                        );
                        let private = (s.author == me).then_some(s.private_note).flatten().filter(|n| !n.is_empty());
                        view! {
                            <li class="card session">
                                <p class="note">{when}</p>
                                <p><strong>{s.topic.clone()}</strong></p>
                                {private.map(|n| view! {
                                    <p class="note">{i18n.t(keys::MENTORSHIP_SESSION_NOTE_MINE)}</p>
                                    <p class="pre quote">{n}</p>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {active.then(|| view! {
                <form on:submit=submit novalidate=true aria-label=i18n.t(keys::MENTORSHIP_SESSION_LOG)>
                    <Field name="heldOn" kind="date" label=text(i18n, keys::MENTORSHIP_SESSION_DATE) value=held_on error=form.error_of("heldOn") />
                    <Field
                        name="minutes"
                        kind="number"
                        label=text(i18n, keys::MENTORSHIP_SESSION_MINUTES)
                        hint=text(i18n, keys::MENTORSHIP_SESSION_MINUTES_HINT)
                        value=minutes
                        error=form.error_of("minutes")
                    />
                    <Field name="topic" label=text(i18n, keys::MENTORSHIP_SESSION_TOPIC) value=topic maxlength=MAX_TITLE error=form.error_of("topic") />
                    <TextArea
                        name="privateNote"
                        label=text(i18n, keys::MENTORSHIP_SESSION_NOTE)
                        hint=text(i18n, keys::MENTORSHIP_SESSION_NOTE_HINT)
                        value=note
                        error=form.error_of("privateNote")
                        maxlength=MAX_WORDS
                    />
                    <FormFooter form=form submit=keys::MENTORSHIP_SESSION_LOG />
                </form>
            })}
        </section>
    }
}

/// A rating from 1 to 5 as radio buttons, with its error.
fn rating_choice(i18n: I18n, form: FormState, rating: RwSignal<Option<i64>>) -> impl IntoView {
    let options = [
        keys::MENTORSHIP_RATING_1,
        keys::MENTORSHIP_RATING_2,
        keys::MENTORSHIP_RATING_3,
        keys::MENTORSHIP_RATING_4,
        keys::MENTORSHIP_RATING_5,
    ]
    .into_iter()
    .zip(1..)
    .map(|(key, n)| (Some(n), text(i18n, key)))
    .collect::<Vec<_>>();
    view! {
        <Radios name="rating" legend=text(i18n, keys::MENTORSHIP_RATING) options=options value=rating />
        <p class="error" id="rating-error" hidden=move || form.error_of("rating").with(Option::is_none)>
            {move || form.error_of("rating").get().unwrap_or_default()}
        </p>
    }
}

/// "Is this working?" after the first session: a "no" goes to VPD, never to the other side.
#[component]
fn FitCheck(ctx: Context) -> impl IntoView {
    let i18n = ctx.i18n;
    let form = FormState::new(&[("working", keys::MENTORSHIP_FIT_TITLE), ("comment", keys::MENTORSHIP_FIT_COMMENT)]);
    let working = RwSignal::new(None::<bool>);
    let comment = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if working.get_untracked().is_none() {
            form.invalid("working", i18n, keys::MENTORSHIP_FIT_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let variables = answer_fit_check::Variables {
            mentorship_id: ctx.id.get_untracked(),
            working: working.get_untracked().unwrap_or(true),
            comment: Some(comment.get_untracked()).filter(|c| !c.trim().is_empty()),
        };
        form.send::<AnswerFitCheck>(variables, i18n, move |_| ctx.changed(keys::MENTORSHIP_FIT_SAVED));
    };
    let options =
        vec![(Some(true), text(i18n, keys::MENTORSHIP_FIT_YES)), (Some(false), text(i18n, keys::MENTORSHIP_FIT_NO))];
    view! {
        <section class="card" aria-labelledby="fit-title" id="fit-check">
            <h2 id="fit-title">{i18n.tr(keys::MENTORSHIP_FIT_TITLE)}</h2>
            <p class="note">{i18n.tr(keys::MENTORSHIP_FIT_PRIVATE)}</p>
            <form on:submit=submit novalidate=true>
                <Radios name="working" legend=text(i18n, keys::MENTORSHIP_FIT_QUESTION) options=options value=working />
                <p class="error" id="working-error" hidden=move || form.error_of("working").with(Option::is_none)>
                    {move || form.error_of("working").get().unwrap_or_default()}
                </p>
                <TextArea name="comment" label=text(i18n, keys::MENTORSHIP_FIT_COMMENT) value=comment error=form.error_of("comment") maxlength=MAX_WORDS />
                <FormFooter form=form submit=keys::MENTORSHIP_FIT_SEND />
            </form>
        </section>
    }
}

/// Completing the mentorship, or ending it early with a reason the other side is told, with a
/// rating and words.
#[component]
fn End(ctx: Context) -> impl IntoView {
    let i18n = ctx.i18n;
    let open = RwSignal::new(false);
    let form = FormState::new(&[
        ("reason", keys::MENTORSHIP_END_REASON),
        ("rating", keys::MENTORSHIP_RATING),
        ("feedback", keys::MENTORSHIP_FEEDBACK),
    ]);
    let completed = RwSignal::new(true);
    let reason = RwSignal::new(String::new());
    let rating = RwSignal::new(None::<i64>);
    let feedback = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        let completed = completed.get_untracked();
        if !completed && reason.with_untracked(|r| r.trim().is_empty()) {
            form.invalid("reason", i18n, keys::MENTORSHIP_END_REASON_REQUIRED);
        }
        if rating.get_untracked().is_none() {
            form.invalid("rating", i18n, keys::MENTORSHIP_RATING_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let variables = end_mentorship::Variables {
            id: ctx.id.get_untracked(),
            completed: Some(completed),
            reason: (!completed).then(|| reason.get_untracked()),
            rating: rating.get_untracked().unwrap_or_default(),
            feedback: Some(feedback.get_untracked()).filter(|f| !f.trim().is_empty()),
        };
        form.send::<EndMentorship>(variables, i18n, move |_| {
            ctx.changed(if completed { keys::MENTORSHIP_COMPLETED_DONE } else { keys::MENTORSHIP_ENDED_DONE })
        });
    };
    let ways =
        vec![(true, text(i18n, keys::MENTORSHIP_END_COMPLETED)), (false, text(i18n, keys::MENTORSHIP_END_EARLY))];
    view! {
        <section aria-labelledby="end-title">
            <h2 id="end-title">{i18n.tr(keys::MENTORSHIP_END_TITLE)}</h2>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" id="end-open" class="secondary" on:click=move |_| open.set(true)>
                        {i18n.tr(keys::MENTORSHIP_END_OPEN)}
                    </button>
                }
            >
                <form on:submit=submit novalidate=true>
                    <Radios name="completed" legend=text(i18n, keys::MENTORSHIP_END_HOW) options=ways.clone() value=completed />
                    <Show when=move || !completed.get()>
                        <TextArea
                            name="reason"
                            label=text(i18n, keys::MENTORSHIP_END_REASON)
                            hint=text(i18n, keys::MENTORSHIP_END_REASON_HINT)
                            value=reason
                            error=form.error_of("reason")
                            maxlength=MAX_WORDS
                        />
                    </Show>
                    {rating_choice(i18n, form, rating)}
                    <TextArea name="feedback" label=text(i18n, keys::MENTORSHIP_FEEDBACK) hint=text(i18n, keys::MENTORSHIP_FEEDBACK_HINT) value=feedback error=form.error_of("feedback") maxlength=MAX_WORDS />
                    <FormFooter form=form submit=keys::MENTORSHIP_END_SEND />
                </form>
            </Show>
        </section>
    }
}

/// The other side's closing rating and words, once the mentorship has ended.
#[component]
fn Feedback(ctx: Context) -> impl IntoView {
    let i18n = ctx.i18n;
    let form = FormState::new(&[("rating", keys::MENTORSHIP_RATING), ("feedback", keys::MENTORSHIP_FEEDBACK)]);
    let rating = RwSignal::new(None::<i64>);
    let feedback = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !form.start() {
            return;
        }
        if rating.get_untracked().is_none() {
            form.invalid("rating", i18n, keys::MENTORSHIP_RATING_REQUIRED);
        }
        if form.refused() {
            return;
        }
        let variables = leave_mentorship_feedback::Variables {
            id: ctx.id.get_untracked(),
            rating: rating.get_untracked().unwrap_or_default(),
            feedback: Some(feedback.get_untracked()).filter(|f| !f.trim().is_empty()),
        };
        form.send::<LeaveMentorshipFeedback>(variables, i18n, move |_| ctx.changed(keys::MENTORSHIP_FEEDBACK_THANKS));
    };
    view! {
        <section class="card" aria-labelledby="feedback-title" id="feedback">
            <h2 id="feedback-title">{i18n.tr(keys::MENTORSHIP_FEEDBACK_TITLE)}</h2>
            <form on:submit=submit novalidate=true>
                {rating_choice(i18n, form, rating)}
                <TextArea name="feedback" label=text(i18n, keys::MENTORSHIP_FEEDBACK) hint=text(i18n, keys::MENTORSHIP_FEEDBACK_HINT) value=feedback error=form.error_of("feedback") maxlength=MAX_WORDS />
                <FormFooter form=form submit=keys::MENTORSHIP_FEEDBACK_SEND />
            </form>
        </section>
    }
}
