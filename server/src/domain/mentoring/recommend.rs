//! Which mentors to suggest to a founder, with a score and the reasons a person can read
//! (DESIGN section 6). Pure: the caller loads the people; the texts are made from [`Reason`]s in
//! the reader's language.
//!
//! Hard rules, never broken whatever the data: a language in common, a place left, a mentor who
//! is approved, active and available, and nobody the founder's supervision keeps from them (the
//! constraint is never named: such a mentor is simply absent, as one who does not exist).
//! Soft signals add to the score: needs the mentor covers, the same region or meeting remotely,
//! sectors in common (never a sector the supervision excludes, so no reason hints at it), lived
//! experience when the founder asks for a peer.

use std::{collections::HashSet, sync::Arc};

use crate::domain::{
    UserId,
    profile::{FounderProfile, MeetingMode, MentorProfile},
};

/// The founder asking, with what their supervision keeps from them (never shown).
#[derive(Debug, Clone)]
pub struct Seeker {
    /// The founder.
    pub id: UserId,
    /// Their profile: needs, sectors, region, languages.
    pub profile: FounderProfile,
    /// Whether they would like a peer mentor (lived experience of the justice system).
    pub wants_peer: bool,
    /// People their supervision keeps from them.
    pub no_contact: HashSet<UserId>,
    /// Sectors their supervision rules out.
    pub excluded_sectors: HashSet<String>,
}

/// A mentor who might be suggested.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The mentor.
    pub id: UserId,
    /// Approved by staff and account active (availability is the profile's).
    pub approved: bool,
    /// Their profile: expertise, sectors, region, meeting, languages, capacity, availability
    /// (shared: recommendations score many founders against the same mentors).
    pub profile: Arc<MentorProfile>,
    /// Places taken now (accepted or active mentorships).
    pub taken: u8,
}

/// Why a mentor is suggested, as facts; the reader's language makes them sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Languages both speak, in the founder's order.
    SpeaksYourLanguage(Vec<String>),
    /// The founder's needs the mentor covers, and how many needs the founder named.
    CoversNeeds {
        /// The needs covered, in the founder's order.
        covered: Vec<String>,
        /// All the founder's needs.
        of: usize,
    },
    /// In the founder's region.
    SameRegion(String),
    /// Meets remotely, wherever the founder lives.
    MeetsRemotely,
    /// Sectors in common.
    KnowsYourSector(Vec<String>),
    /// Places left.
    PlacesLeft(u8),
    /// Lived experience, which the founder asked for.
    LivedExperience,
}

/// A suggested mentor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    /// The mentor.
    pub mentor: UserId,
    /// Higher is better; 0 to 100.
    pub score: u32,
    /// Why, most telling first.
    pub reasons: Vec<Reason>,
}

/// Points for covering every need (a share of them for some).
const NEEDS_POINTS: u32 = 50;
/// Points for the same region.
const REGION_POINTS: u32 = 20;
/// Points for meeting remotely in another region.
const REMOTE_POINTS: u32 = 10;
/// Points for a sector in common.
const SECTOR_POINTS: u32 = 15;
/// Points for lived experience when the founder asks for it.
const PEER_POINTS: u32 = 10;
/// Points for room: one per place left, at most this many.
const ROOM_POINTS: u32 = 5;

/// The mentor's suggestion for `seeker`, or `None` when a hard rule rules them out.
pub fn assess(seeker: &Seeker, candidate: &Candidate) -> Option<Recommendation> {
    assess_with(seeker, candidate, &seeker.excluded_sectors)
}

/// The founder `seeker` as suggested to the mentor `candidate`; `None` when a hard rule rules
/// the match out. The same hard rules and signals as [`assess`], except that the supervision's
/// excluded sectors play no part (the mentor sees the founder's sectors, so a sector left out of
/// the reasons would hint at it), and without the mentor's own places among the reasons. How
/// long the founder waited orders equal scores (the caller's); it is neither scored nor said, as
/// it would tell a mentor of the founder's earlier requests.
pub fn assess_for_mentor(seeker: &Seeker, candidate: &Candidate) -> Option<Recommendation> {
    let mut found = assess_with(seeker, candidate, &HashSet::new())?;
    found.reasons.retain(|r| !matches!(r, Reason::PlacesLeft(_)));
    Some(found)
}

fn assess_with(seeker: &Seeker, candidate: &Candidate, excluded_sectors: &HashSet<String>) -> Option<Recommendation> {
    let (founder, mentor) = (&seeker.profile, &candidate.profile);
    let places_left = mentor.capacity.saturating_sub(candidate.taken);
    let shared_languages: Vec<String> =
        founder.languages.iter().filter(|l| mentor.languages.contains(l)).cloned().collect();
    if !candidate.approved
        || !mentor.available
        || places_left == 0
        || shared_languages.is_empty()
        || candidate.id == seeker.id
        || seeker.no_contact.contains(&candidate.id)
    {
        return None;
    }
    let mut score = 0;
    let mut reasons = Vec::new();
    let covered: Vec<String> = founder.needs.iter().filter(|n| mentor.expertise.contains(n)).cloned().collect();
    if !covered.is_empty() {
        let share = u32::try_from(covered.len() * 100 / founder.needs.len()).unwrap_or(100);
        score += NEEDS_POINTS * share / 100;
        reasons.push(Reason::CoversNeeds { covered, of: founder.needs.len() });
    }
    reasons.insert(0, Reason::SpeaksYourLanguage(shared_languages));
    if mentor.region == founder.region && mentor.meeting != MeetingMode::Remote {
        score += REGION_POINTS;
        reasons.push(Reason::SameRegion(mentor.region.clone()));
    } else if mentor.meeting != MeetingMode::InPerson {
        score += REMOTE_POINTS;
        reasons.push(Reason::MeetsRemotely);
    }
    let sectors: Vec<String> = founder
        .sectors
        .iter()
        .filter(|s| mentor.sectors.contains(s) && !excluded_sectors.contains(*s))
        .cloned()
        .collect();
    if !sectors.is_empty() {
        score += SECTOR_POINTS;
        reasons.push(Reason::KnowsYourSector(sectors));
    }
    if seeker.wants_peer && mentor.peer_mentor {
        score += PEER_POINTS;
        reasons.push(Reason::LivedExperience);
    }
    score += u32::from(places_left).min(ROOM_POINTS);
    reasons.push(Reason::PlacesLeft(places_left));
    Some(Recommendation { mentor: candidate.id, score, reasons })
}

/// The `first` best suggestions for `seeker` among `mentors`: highest score first, then the
/// mentor with more room, then a stable order by id.
pub fn recommend(seeker: &Seeker, mentors: &[Candidate], first: usize) -> Vec<Recommendation> {
    let mut found: Vec<(Recommendation, u8)> = mentors
        .iter()
        .filter_map(|m| assess(seeker, m).map(|r| (r, m.profile.capacity.saturating_sub(m.taken))))
        .collect();
    found.sort_by(|(a, room_a), (b, room_b)| {
        b.score.cmp(&a.score).then(room_b.cmp(room_a)).then(a.mentor.0.cmp(&b.mentor.0))
    });
    found.into_iter().take(first).map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    fn founder() -> Seeker {
        Seeker {
            id: UserId(Uuid::from_u128(1)),
            profile: FounderProfile {
                needs: words(&["financial_management", "business_plan", "marketing_sales", "hiring"]),
                sectors: words(&["food_hospitality"]),
                region: "latgale".to_owned(),
                languages: words(&["ru", "lv"]),
                ..FounderProfile::default()
            },
            wants_peer: false,
            no_contact: HashSet::new(),
            excluded_sectors: HashSet::new(),
        }
    }

    fn mentor(n: u128) -> Candidate {
        Candidate {
            id: UserId(Uuid::from_u128(n)),
            approved: true,
            profile: Arc::new(MentorProfile {
                expertise: words(&["financial_management", "business_plan", "marketing_sales"]),
                sectors: words(&["food_hospitality"]),
                region: "latgale".to_owned(),
                meeting: MeetingMode::Both,
                languages: words(&["ru"]),
                capacity: 3,
                available: true,
                peer_mentor: true,
                ..MentorProfile::default()
            }),
            taken: 1,
        }
    }

    /// Mentor `n` with `change` made to their profile.
    fn mentor_with(n: u128, change: impl FnOnce(&mut MentorProfile)) -> Candidate {
        let mut candidate = mentor(n);
        change(Arc::make_mut(&mut candidate.profile));
        candidate
    }

    /// The suggestion of `mentor` for `seeker`, which a test expects.
    fn suggested(seeker: &Seeker, mentor: &Candidate) -> Recommendation {
        match assess(seeker, mentor) {
            Some(suggestion) => suggestion,
            None => panic!("{mentor:?} not suggested to {seeker:?}"),
        }
    }

    #[test]
    fn a_good_match_says_why_in_facts() {
        let suggestion = suggested(&Seeker { wants_peer: true, ..founder() }, &mentor(2));
        assert_eq!(
            suggestion.reasons,
            vec![
                Reason::SpeaksYourLanguage(words(&["ru"])),
                Reason::CoversNeeds {
                    covered: words(&["financial_management", "business_plan", "marketing_sales"]),
                    of: 4
                },
                Reason::SameRegion("latgale".to_owned()),
                Reason::KnowsYourSector(words(&["food_hospitality"])),
                Reason::LivedExperience,
                Reason::PlacesLeft(2),
            ]
        );
        assert_eq!(suggestion.score, 37 + 20 + 15 + 10 + 2);
    }

    #[test]
    fn hard_rules_rule_mentors_out() {
        let seeker = founder();
        assert!(assess(&seeker, &mentor_with(2, |p| p.languages = words(&["en"]))).is_none(), "no shared language");
        assert!(assess(&seeker, &Candidate { taken: 3, ..mentor(2) }).is_none(), "no place left");
        assert!(assess(&seeker, &Candidate { approved: false, ..mentor(2) }).is_none(), "not approved");
        assert!(assess(&seeker, &mentor_with(2, |p| p.available = false)).is_none(), "paused");
        let kept = Seeker { no_contact: HashSet::from([UserId(Uuid::from_u128(2))]), ..founder() };
        assert!(assess(&kept, &mentor(2)).is_none(), "kept from them by their supervision");
    }

    #[test]
    fn an_excluded_sector_earns_nothing_and_is_never_a_reason() {
        let seeker = Seeker { excluded_sectors: HashSet::from(["food_hospitality".to_owned()]), ..founder() };
        let suggestion = suggested(&seeker, &mentor(2));
        assert!(!suggestion.reasons.iter().any(|r| matches!(r, Reason::KnowsYourSector(_))), "{suggestion:?}");
        assert_eq!(assess(&founder(), &mentor(2)).map(|s| s.score), Some(suggestion.score + SECTOR_POINTS));
    }

    #[test]
    fn elsewhere_counts_only_when_the_mentor_meets_remotely() {
        let elsewhere = |meeting| {
            mentor_with(2, |p| {
                p.region = "riga".to_owned();
                p.meeting = meeting;
            })
        };
        assert!(
            assess(&founder(), &elsewhere(MeetingMode::Remote))
                .is_some_and(|s| s.reasons.contains(&Reason::MeetsRemotely))
        );
        let s = suggested(&founder(), &elsewhere(MeetingMode::InPerson));
        assert!(
            !s.reasons.contains(&Reason::MeetsRemotely)
                && !s.reasons.iter().any(|r| matches!(r, Reason::SameRegion(_)))
        );
    }

    #[test]
    fn best_first_then_more_room_then_a_stable_order() {
        let weaker = mentor_with(5, |p| p.expertise = words(&["hiring"]));
        let roomier = Candidate { taken: 0, ..mentor_with(4, |p| p.capacity = 10) };
        let order: Vec<UserId> =
            recommend(&founder(), &[weaker, mentor(3), roomier, mentor(2)], 3).into_iter().map(|r| r.mentor).collect();
        assert_eq!(order, vec![UserId(Uuid::from_u128(4)), UserId(Uuid::from_u128(2)), UserId(Uuid::from_u128(3))]);
    }

    const CODES: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

    fn codes() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(prop::sample::select(&CODES[..]), 0..4)
            .prop_map(|v| v.into_iter().map(str::to_owned).collect())
    }

    fn candidate() -> impl Strategy<Value = Candidate> {
        (
            (any::<bool>(), any::<bool>()),
            codes(),
            codes(),
            prop::sample::select(&CODES[..3]),
            codes(),
            0..4u8,
            0..5u8,
            any::<bool>(),
            0..3usize,
        )
            .prop_map(
                |((approved, available), expertise, sectors, region, languages, capacity, taken, peer, meeting)| {
                    Candidate {
                        id: UserId(Uuid::from_u128(0)),
                        approved,
                        profile: Arc::new(MentorProfile {
                            expertise,
                            sectors,
                            region: region.to_owned(),
                            meeting: [MeetingMode::Remote, MeetingMode::InPerson, MeetingMode::Both][meeting],
                            languages,
                            capacity,
                            available,
                            peer_mentor: peer,
                            ..MentorProfile::default()
                        }),
                        taken,
                    }
                },
            )
    }

    proptest! {
        /// No suggestion ever breaks a hard rule, whatever the data, and no reason names an
        /// excluded sector.
        #[test]
        fn no_suggestion_breaks_a_hard_rule(
            needs in codes(), sectors in codes(), languages in codes(), wants_peer in any::<bool>(),
            no_contact in prop::collection::hash_set(0..16u128, 0..4),
            excluded in prop::collection::hash_set(prop::sample::select(&CODES[..]), 0..3),
            mentors in prop::collection::vec(candidate(), 0..15).prop_map(|mut list| {
                // One candidate per person.
                for (n, m) in list.iter_mut().enumerate() {
                    m.id = UserId(Uuid::from_u128(n as u128 + 1));
                }
                list
            }),
            first in 0..20usize,
        ) {
            let seeker = Seeker {
                id: UserId(Uuid::from_u128(0)),
                profile: FounderProfile { needs, sectors, region: "a".to_owned(), languages, ..FounderProfile::default() },
                wants_peer,
                no_contact: no_contact.into_iter().map(|n| UserId(Uuid::from_u128(n))).collect(),
                excluded_sectors: excluded.into_iter().map(str::to_owned).collect(),
            };
            let suggestions = recommend(&seeker, &mentors, first);
            prop_assert!(suggestions.len() <= first);
            for s in &suggestions {
                let Some(m) = mentors.iter().find(|m| m.id == s.mentor) else { panic!("{s:?} is no candidate") };
                prop_assert!(m.approved && m.profile.available && m.taken < m.profile.capacity);
                prop_assert!(m.profile.languages.iter().any(|l| seeker.profile.languages.contains(l)));
                prop_assert!(!seeker.no_contact.contains(&m.id));
                for reason in &s.reasons {
                    if let Reason::KnowsYourSector(list) = reason {
                        prop_assert!(list.iter().all(|sector| !seeker.excluded_sectors.contains(sector)));
                    }
                }
            }
            prop_assert!(suggestions.windows(2).all(|w| w[0].score >= w[1].score));
        }

        /// Seen from a mentor, the same hard rules hold, and nothing depends on the founder's
        /// excluded sectors: neither whether they are suggested, nor the score, nor a reason.
        #[test]
        fn a_mentor_sees_founders_only_within_the_hard_rules_and_learns_nothing_of_exclusions(
            needs in codes(), sectors in codes(), languages in codes(), wants_peer in any::<bool>(),
            no_contact in any::<bool>(),
            excluded in prop::collection::hash_set(prop::sample::select(&CODES[..]), 0..3),
            mentor in candidate(),
        ) {
            let mentor = Candidate { id: UserId(Uuid::from_u128(7)), ..mentor };
            let seeker = Seeker {
                id: UserId(Uuid::from_u128(0)),
                profile: FounderProfile { needs, sectors, region: "a".to_owned(), languages, ..FounderProfile::default() },
                wants_peer,
                no_contact: if no_contact { HashSet::from([mentor.id]) } else { HashSet::new() },
                excluded_sectors: HashSet::new(),
            };
            let plain = assess_for_mentor(&seeker, &mentor);
            let kept = Seeker { excluded_sectors: excluded.into_iter().map(str::to_owned).collect(), ..seeker.clone() };
            prop_assert_eq!(&plain, &assess_for_mentor(&kept, &mentor));
            if let Some(found) = plain {
                prop_assert!(mentor.approved && mentor.profile.available && mentor.taken < mentor.profile.capacity);
                prop_assert!(mentor.profile.languages.iter().any(|l| seeker.profile.languages.contains(l)));
                prop_assert!(!no_contact);
                prop_assert!(!found.reasons.iter().any(|r| matches!(r, Reason::PlacesLeft(_))));
            }
        }
    }
}
