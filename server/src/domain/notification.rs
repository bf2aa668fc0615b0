//! What a person is told about in the app (the bell) besides by e-mail: every decision another
//! person made that they must know about. Stored as a kind and its facts, and put into words in
//! the reader's language when read.

use uuid::Uuid;

use super::{application, mentoring::Event, moderation::Decision};

/// Something to tell a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// VPD staff decided about their account.
    ModerationDecided {
        /// The decision.
        decision: Decision,
        /// Why, for a rejection or suspension.
        reason: Option<String>,
    },
    /// VPD staff decided about an organisation they act for.
    OrganisationDecided {
        /// The organisation's name.
        organisation: String,
        /// The decision.
        decision: Decision,
        /// Why, for a rejection or suspension.
        reason: Option<String>,
    },
    /// VPD staff decided about someone they invited to act for their organisation.
    RepresentativeDecided {
        /// The organisation's name.
        organisation: String,
        /// The address they invited.
        email: String,
        /// Approve or reject.
        decision: Decision,
        /// Why, for a rejection.
        reason: Option<String>,
    },
    /// They now act for an organisation (a representative invited them, staff approved).
    RepresentativeJoined {
        /// The organisation's name.
        organisation: String,
    },
    /// VPD staff published or rejected an opportunity of an organisation they act for.
    OpportunityReviewed {
        /// The opportunity.
        opportunity: Uuid,
        /// Its title.
        title: String,
        /// Published (else rejected).
        published: bool,
        /// Staff's reason, for a rejection.
        reason: Option<String>,
    },
    /// Something happened to an application: theirs (a founder's) or to a posting of an
    /// organisation they act for.
    Application {
        /// What happened.
        event: application::Event,
        /// The application.
        application: Uuid,
        /// The opportunity applied to.
        opportunity: Uuid,
        /// The opportunity's title.
        title: String,
        /// The other side's name: the founder's public name, or the organisation's.
        other: String,
        /// The organisation's reason for a decline.
        reason: Option<String>,
    },
    /// Something happened in one of their mentorships.
    Mentorship {
        /// What happened.
        event: Event,
        /// The mentorship.
        mentorship: Uuid,
        /// The other side's name.
        other: String,
        /// The mentor's reason for a decline, in their words.
        reason: Option<String>,
    },
}

/// The stored name of a decision, as part of a kind.
fn decision_name(decision: Decision) -> &'static str {
    match decision {
        Decision::Approve => "approve",
        Decision::Reject => "reject",
        Decision::Suspend => "suspend",
        Decision::Reinstate => "reinstate",
    }
}

fn decision_named(name: &str) -> Option<Decision> {
    [Decision::Approve, Decision::Reject, Decision::Suspend, Decision::Reinstate]
        .into_iter()
        .find(|d| decision_name(*d) == name)
}

impl Notice {
    /// The stored kind, e.g. `moderation_approve`, `organisation_reject`.
    pub fn kind(&self) -> String {
        match self {
            Notice::ModerationDecided { decision, .. } => format!("moderation_{}", decision_name(*decision)),
            Notice::OrganisationDecided { decision, .. } => format!("organisation_{}", decision_name(*decision)),
            Notice::RepresentativeDecided { decision, .. } => format!("representative_{}", decision_name(*decision)),
            Notice::RepresentativeJoined { .. } => "representative_joined".to_owned(),
            Notice::Mentorship { event, .. } => format!("mentorship_{}", event.as_str()),
            Notice::Application { event, .. } => format!("application_{}", event.as_str()),
            Notice::OpportunityReviewed { published, .. } => {
                if *published { "opportunity_published" } else { "opportunity_rejected" }.to_owned()
            }
        }
    }

    /// The stored facts.
    pub fn params(&self) -> serde_json::Value {
        match self {
            Notice::ModerationDecided { reason, .. } => serde_json::json!({ "reason": reason }),
            Notice::OrganisationDecided { organisation, reason, .. } => {
                serde_json::json!({ "organisation": organisation, "reason": reason })
            }
            Notice::RepresentativeDecided { organisation, email, reason, .. } => {
                serde_json::json!({ "organisation": organisation, "email": email, "reason": reason })
            }
            Notice::RepresentativeJoined { organisation } => serde_json::json!({ "organisation": organisation }),
            Notice::Mentorship { mentorship, other, reason, .. } => {
                serde_json::json!({ "mentorship": mentorship, "other": other, "reason": reason })
            }
            Notice::OpportunityReviewed { opportunity, title, reason, .. } => {
                serde_json::json!({ "opportunity": opportunity, "title": title, "reason": reason })
            }
            Notice::Application { application, opportunity, title, other, reason, .. } => serde_json::json!({
                "application": application, "opportunity": opportunity, "title": title, "other": other, "reason": reason
            }),
        }
    }

    /// The page it leads to.
    pub fn link(&self) -> String {
        match self {
            Notice::ModerationDecided { .. } => "/account".to_owned(),
            Notice::OrganisationDecided { .. }
            | Notice::RepresentativeDecided { .. }
            | Notice::RepresentativeJoined { .. }
            | Notice::OpportunityReviewed { .. } => "/organisation".to_owned(),
            Notice::Mentorship { mentorship, .. } => format!("/mentorship?id={mentorship}"),
            Notice::Application { event, opportunity, .. } if event.to_organisation() => {
                format!("/opportunity/applicants?id={opportunity}")
            }
            Notice::Application { .. } => "/applications".to_owned(),
        }
    }

    /// The notice stored as `kind` with `params`; `None` for a kind this version does not know
    /// (it is then not shown, rather than shown wrong).
    pub fn parse(kind: &str, params: &str) -> Option<Notice> {
        let params: serde_json::Value = serde_json::from_str(params).ok()?;
        let text = |name: &str| params.get(name).and_then(|r| r.as_str()).map(str::to_owned);
        let reason = text("reason");
        if let Some(event) = kind.strip_prefix("mentorship_") {
            return Some(Notice::Mentorship {
                event: Event::parse(event)?,
                mentorship: text("mentorship")?.parse().ok()?,
                other: text("other")?,
                reason,
            });
        }
        if let Some(event) = kind.strip_prefix("application_") {
            return Some(Notice::Application {
                event: application::Event::parse(event)?,
                application: text("application")?.parse().ok()?,
                opportunity: text("opportunity")?.parse().ok()?,
                title: text("title")?,
                other: text("other")?,
                reason,
            });
        }
        if let Some(outcome) = kind.strip_prefix("opportunity_") {
            let published = match outcome {
                "published" => true,
                "rejected" => false,
                _ => return None,
            };
            return Some(Notice::OpportunityReviewed {
                opportunity: text("opportunity")?.parse().ok()?,
                title: text("title")?,
                published,
                reason,
            });
        }
        if kind == "representative_joined" {
            return Some(Notice::RepresentativeJoined { organisation: text("organisation")? });
        }
        let (family, decision) = kind.split_once('_')?;
        let decision = decision_named(decision)?;
        match family {
            "moderation" => Some(Notice::ModerationDecided { decision, reason }),
            "organisation" => {
                Some(Notice::OrganisationDecided { organisation: text("organisation")?, decision, reason })
            }
            "representative" if matches!(decision, Decision::Approve | Decision::Reject) => {
                Some(Notice::RepresentativeDecided {
                    organisation: text("organisation")?,
                    email: text("email")?,
                    decision,
                    reason,
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_reads_back_and_unknown_kinds_are_not_shown() {
        let all = [Decision::Approve, Decision::Reject, Decision::Suspend, Decision::Reinstate];
        let mut notices = vec![Notice::RepresentativeJoined { organisation: "Darbnīca".into() }];
        for published in [true, false] {
            notices.push(Notice::OpportunityReviewed {
                opportunity: Uuid::from_u128(7),
                title: "Galdnieka palīgs".into(),
                published,
                reason: (!published).then(|| "Norādiet darba laiku.".to_owned()),
            });
        }
        for decision in all {
            let reason = Some("Sūdzības".to_owned());
            notices.push(Notice::ModerationDecided { decision, reason: reason.clone() });
            notices.push(Notice::OrganisationDecided {
                organisation: "Darbnīca".into(),
                decision,
                reason: reason.clone(),
            });
        }
        for decision in [Decision::Approve, Decision::Reject] {
            notices.push(Notice::RepresentativeDecided {
                organisation: "Darbnīca".into(),
                email: "ilze@example.lv".into(),
                decision,
                reason: None,
            });
        }
        for event in Event::ALL {
            notices.push(Notice::Mentorship {
                event,
                mentorship: Uuid::from_u128(7),
                other: "Anna".into(),
                reason: (event == Event::Declined).then(|| "Nav laika".to_owned()),
            });
        }
        for event in application::Event::ALL {
            notices.push(Notice::Application {
                event,
                application: Uuid::from_u128(8),
                opportunity: Uuid::from_u128(9),
                title: "Galdnieka palīgs".into(),
                other: "Anna".into(),
                reason: (event == application::Event::Declined).then(|| "Vieta aizpildīta".to_owned()),
            });
        }
        for notice in notices {
            assert_eq!(Notice::parse(&notice.kind(), &notice.params().to_string()), Some(notice));
        }
        assert_eq!(Notice::parse("from_the_future", "{}"), None);
        assert_eq!(Notice::parse("moderation_approve", "not json"), None);
        assert_eq!(Notice::parse("representative_suspend", "{\"organisation\":\"x\",\"email\":\"y\"}"), None);
    }
}
