//! An organisation's postings on its page: each with where it stands, a link to its applicants
//! once published, and (for an approved organisation) a way to post a new one.

use leptos::prelude::*;

use crate::api::{
    self,
    opportunities::{MyOpportunities, OpportunityStatus, my_opportunities as mine},
};
use crate::components::{PageStatus, Paged, ShowMore, paged::next_cursor};
use crate::contexts::locale::I18n;
use crate::i18n::keys;

/// Postings per page.
const PAGE: i64 = 10;

/// The postings of the organisation `organisation`; `may_post` when it and its representative are
/// approved.
#[component]
pub fn Postings(organisation: String, may_post: bool, i18n: I18n) -> impl IntoView {
    let list = Paged::<mine::MyOpportunitiesMyOpportunitiesNodes>::new();
    let load = move |after: Option<String>| {
        list.load(i18n, after, move |locale, after| async move {
            let page =
                api::call::<MyOpportunities>(mine::Variables { first: PAGE, after }, locale).await?.my_opportunities;
            Ok((page.nodes, next_cursor(page.page_info.has_next_page, page.page_info.end_cursor)))
        });
    };
    load(None);
    view! {
        <section aria-labelledby="postings-title">
            <h2 id="postings-title">{i18n.tr(keys::POSTINGS_TITLE)}</h2>
            {if may_post {
                view! {
                    <p><a class="button" id="post-opportunity" href=format!("/opportunity/edit?organisation={organisation}")>
                        {i18n.tr(keys::POSTINGS_NEW)}
                    </a></p>
                }.into_any()
            } else {
                view! { <p class="note">{i18n.tr(keys::POSTINGS_AFTER_APPROVAL)}</p> }.into_any()
            }}
            <PageStatus state=list.state id="postings-status" loading=keys::ORGANISATION_LOADING empty=keys::POSTINGS_EMPTY i18n=i18n />
            <ul class="people" id="postings">
                <For each=move || list.rows.get() key=|o| (o.id.clone(), o.status) let:o>
                    <li class="card">
                        <h3><a rel="external" href=format!("/opportunity?id={}", o.id)>{o.title.clone()}</a></h3>
                        <p class="note">{i18n.tr(o.kind.label())}</p>
                        <p class="badge status">{i18n.tr(o.status.label())}</p>
                        {o.reject_reason.clone().map(|why| view! {
                            <p class="notice">{move || i18n.fill(keys::OPPORTUNITY_REJECTED_BECAUSE, &[("reason", &why)])}</p>
                        })}
                        {(o.status == OpportunityStatus::Published).then(|| view! {
                            <p><a href=format!("/opportunity/applicants?id={}", o.id)>{i18n.tr(keys::OPPORTUNITY_APPLICANTS)}</a></p>
                        })}
                        {matches!(o.status, OpportunityStatus::Draft | OpportunityStatus::Rejected).then(|| view! {
                            <p><a href=format!("/opportunity/edit?id={}", o.id)>{i18n.tr(keys::OPPORTUNITY_EDIT)}</a></p>
                        })}
                    </li>
                </For>
            </ul>
            <ShowMore state=list.state id="postings-more" label=keys::OPPORTUNITIES_MORE more=Callback::new(load) i18n=i18n />
        </section>
    }
}
