//! Recommended mentors for a founder, with reasons in the founder's language. The candidates
//! are the mentors the founder's directory scope admits (approved, active, available, nobody
//! their supervision keeps from them) who share a language with them, taken from the mentors a
//! server process holds in memory while they are unchanged ([`super::pool`]), so a
//! recommendation costs a fixed number of small statements whatever the number of mentors;
//! [`recommend::recommend`] scores them.

use std::{collections::HashSet, sync::Arc};

use super::{
    MentoringError,
    pool::{self, MentorPool},
};
use crate::db::repos::{self, directory::Listed};
use crate::domain::{
    Account, Locale, Role, Standing, Taxonomies, TaxonomyKind, UserId,
    mentoring::recommend::{self, Candidate, Reason, Seeker},
    policy::{Purpose, Scope},
    profile::MentorProfile,
};
use crate::i18n::{fill, message_keys, plural};
use crate::services::{Db, directory::Seen};
use crate::state::AppState;

/// The most mentors a founder is ever shown at once.
pub const MAX_RECOMMENDATIONS: usize = 20;

/// A mentor suggested to a founder.
#[derive(Debug, Clone)]
pub struct Suggested {
    /// The mentor as the founder may see them.
    pub mentor: Seen<MentorProfile>,
    /// Higher is better; 0 to 100.
    pub score: u32,
    /// Why, in the founder's language, most telling first.
    pub reasons: Vec<String>,
}

/// The best `first` mentors for `actor` (a founder), leaving out those they asked already;
/// the reasons in `locale`.
pub async fn recommended(
    db: &impl Db,
    state: &AppState,
    actor: &Account,
    locale: Locale,
    first: usize,
) -> Result<(Vec<Suggested>, Arc<Taxonomies>), MentoringError> {
    if actor.role != Role::Founder {
        return Err(MentoringError::RoleNotServed(actor.role));
    }
    let (me, ties) = crate::services::directory::viewer(db, actor).await?;
    let profile =
        repos::profiles::founder(db, actor.id).await?.ok_or(MentoringError::ProfileRequiredForRecommendations)?;
    // The people kept from the founder are the viewer's no-contact (either side: never fewer).
    let seeker = Seeker {
        id: actor.id,
        wants_peer: profile.wants_peer_mentor,
        profile,
        no_contact: ties.no_contact.clone(),
        excluded_sectors: crate::privacy::excluded_sectors_of(db, actor.id).await?,
    };
    let scope = Scope::of(&me, &ties, Purpose::Directory);
    let (pool, places) = pool::current(db, &state.mentor_pool).await?;
    let taken = &places.taken;
    // Mentors the founder asked, waits for or has: the viewer's ties.
    let asked: HashSet<UserId> = ties.connected.union(&ties.asking).copied().collect();
    // The founder's own directory scope over the pool (so nobody their supervision keeps from
    // them), sharing a language, not asked already.
    let listed: Vec<&Listed<Arc<MentorProfile>>> = pool
        .mentors
        .iter()
        .filter(|l| {
            scope.admits(&MentorPool::person(l))
                && l.profile.languages.iter().any(|code| seeker.profile.languages.contains(code))
                && !asked.contains(&l.id)
        })
        .collect();
    let candidates: Vec<Candidate> = listed
        .iter()
        .map(|l| Candidate {
            id: l.id,
            approved: l.standing == Standing::Approved && !l.disabled,
            profile: Arc::clone(&l.profile),
            taken: taken.get(&l.id).copied().unwrap_or(0),
        })
        .collect();
    let best = recommend::recommend(&seeker, &candidates, first.clamp(1, MAX_RECOMMENDATIONS));
    let terms = crate::services::taxonomies::all(db, state).await?;
    let by_id: std::collections::HashMap<_, _> = listed.into_iter().map(|l| (l.id, l)).collect();
    let suggested = best
        .into_iter()
        .filter_map(|r| {
            let pooled = *by_id.get(&r.mentor)?;
            let listed = Listed {
                id: pooled.id,
                display_name: pooled.display_name.clone(),
                email: pooled.email.clone(),
                standing: pooled.standing,
                disabled: pooled.disabled,
                profile: MentorProfile::clone(&pooled.profile),
            };
            Some(Suggested {
                mentor: crate::services::directory::seen_mentor(&me, &ties, listed),
                score: r.score,
                reasons: r
                    .reasons
                    .iter()
                    .filter_map(|reason| sentence(reason, &terms, locale, Reader::Founder))
                    .collect(),
            })
        })
        .collect();
    Ok((suggested, terms))
}

/// The labels of `codes` in `locale`, joined with commas.
pub(crate) fn labels(terms: &Taxonomies, kind: TaxonomyKind, codes: &[String], locale: Locale) -> String {
    codes
        .iter()
        .map(|code| terms.of(kind).find(|t| t.code == *code).map_or(code.as_str(), |t| t.label(locale)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whose list a reason is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A founder reading about a mentor.
    Founder,
    /// A mentor reading about a founder.
    Mentor,
}

/// `reason` as a phrase for `reader` in `locale`; `None` for what that reader is not told.
pub fn sentence(reason: &Reason, terms: &Taxonomies, locale: Locale, reader: Reader) -> Option<String> {
    let unit = |forms: crate::i18n::Key, n: u64| plural::form(forms.text(locale), locale.code(), n).to_owned();
    let mentor = reader == Reader::Mentor;
    Some(match reason {
        Reason::SpeaksYourLanguage(codes) => fill(
            message_keys::REASON_SPEAKS.text(locale),
            &[("languages", &labels(terms, TaxonomyKind::Language, codes, locale))],
        ),
        Reason::CoversNeeds { covered, of } => fill(
            if mentor { message_keys::FOUNDER_REASON_NEEDS } else { message_keys::REASON_COVERS_NEEDS }.text(locale),
            &[
                ("count", &covered.len().to_string()),
                ("of", &of.to_string()),
                ("unit", &unit(message_keys::REASON_COVERS_NEEDS_UNIT, *of as u64)),
                ("needs", &labels(terms, TaxonomyKind::Topic, covered, locale)),
            ],
        ),
        Reason::SameRegion(code) => fill(
            message_keys::REASON_SAME_REGION.text(locale),
            &[("region", &labels(terms, TaxonomyKind::Region, std::slice::from_ref(code), locale))],
        ),
        Reason::MeetsRemotely => {
            if mentor { message_keys::FOUNDER_REASON_REMOTE } else { message_keys::REASON_MEETS_REMOTELY }
                .text(locale)
                .to_owned()
        }
        Reason::KnowsYourSector(codes) => fill(
            if mentor { message_keys::FOUNDER_REASON_SECTOR } else { message_keys::REASON_KNOWS_SECTOR }.text(locale),
            &[("sectors", &labels(terms, TaxonomyKind::Sector, codes, locale))],
        ),
        Reason::PlacesLeft(_) if mentor => return None,
        Reason::PlacesLeft(n) => fill(
            message_keys::REASON_PLACES_LEFT.text(locale),
            &[("count", &n.to_string()), ("unit", &unit(message_keys::REASON_PLACES_LEFT_UNIT, u64::from(*n)))],
        ),
        Reason::LivedExperience => {
            if mentor { message_keys::FOUNDER_REASON_PEER } else { message_keys::REASON_LIVED_EXPERIENCE }
                .text(locale)
                .to_owned()
        }
    })
}
