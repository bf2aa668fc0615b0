//! What a person is told about in the app (the bell) besides by e-mail: every decision another
//! person made that they must know about. Stored as a kind and its facts, and put into words in
//! the reader's language when read.

use super::moderation::Decision;

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
}

impl Notice {
    /// The stored kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::ModerationDecided { decision, .. } => match decision {
                Decision::Approve => "moderation_approve",
                Decision::Reject => "moderation_reject",
                Decision::Suspend => "moderation_suspend",
                Decision::Reinstate => "moderation_reinstate",
            },
        }
    }

    /// The stored facts.
    pub fn params(&self) -> serde_json::Value {
        match self {
            Notice::ModerationDecided { reason, .. } => serde_json::json!({ "reason": reason }),
        }
    }

    /// The page it leads to.
    pub fn link(&self) -> &'static str {
        match self {
            Notice::ModerationDecided { .. } => "/account",
        }
    }

    /// The notice stored as `kind` with `params`; `None` for a kind this version does not know
    /// (it is then not shown, rather than shown wrong).
    pub fn parse(kind: &str, params: &str) -> Option<Notice> {
        let params: serde_json::Value = serde_json::from_str(params).ok()?;
        let reason = params.get("reason").and_then(|r| r.as_str()).map(str::to_owned);
        let decision = match kind {
            "moderation_approve" => Decision::Approve,
            "moderation_reject" => Decision::Reject,
            "moderation_suspend" => Decision::Suspend,
            "moderation_reinstate" => Decision::Reinstate,
            _ => return None,
        };
        Some(Notice::ModerationDecided { decision, reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_reads_back_and_unknown_kinds_are_not_shown() {
        for decision in [Decision::Approve, Decision::Reject, Decision::Suspend, Decision::Reinstate] {
            let notice = Notice::ModerationDecided { decision, reason: Some("Sūdzības".into()) };
            assert_eq!(Notice::parse(notice.kind(), &notice.params().to_string()), Some(notice));
        }
        assert_eq!(Notice::parse("from_the_future", "{}"), None);
        assert_eq!(Notice::parse("moderation_approve", "not json"), None);
    }
}
