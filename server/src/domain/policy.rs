//! Who may see whom: the one place that decides whether a person appears to another, in a list
//! or opened by id, and whether their contact details are released. Repositories apply the same
//! rules in SQL through [`Scope`]; a property test holds the two to the same answer.
//!
//! Hidden and non-existent people are indistinguishable to the caller: a person this policy
//! hides is answered with `NOT_FOUND`, never `FORBIDDEN`.

use std::collections::HashSet;

use super::{Role, Standing, UserId};

/// How a person is being looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// In a directory list or search: only people who offer themselves there.
    Directory,
    /// Opened by id: a profile page, a name in a conversation.
    Profile,
}

/// A person as the policy needs to know them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their account.
    pub id: UserId,
    /// Their role.
    pub role: Role,
    /// Their standing with moderation.
    pub standing: Standing,
    /// Whether the account is disabled by an admin.
    pub disabled: bool,
    /// Founders: listed in the directory (their choice; off by default). Mentors: available
    /// for new mentees. Others: always.
    pub listed: bool,
}

impl Person {
    /// Whether the person takes part in Tilts at all: approved and not disabled.
    pub fn active(&self) -> bool {
        self.standing == Standing::Approved && !self.disabled
    }
}

/// What the policy knows about the viewer's ties to others, loaded once per request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ties {
    /// People the viewer must never see nor be shown to (a supervision's no-contact
    /// constraint, in either direction). Only ids: never why.
    pub no_contact: HashSet<UserId>,
    /// People inside an approved relationship with the viewer (an active mentorship, an
    /// accepted application, a released event match): they see each other's profile and the
    /// contact details each chose to share.
    pub connected: HashSet<UserId>,
    /// People in a mentoring request or a match waiting for VPD with the viewer: they see each
    /// other's profile (to answer, to know who answers), never contact details.
    pub asking: HashSet<UserId>,
    /// The viewer represents an organisation VPD approved (an organisation account without one
    /// is not yet "an approved representative").
    pub represents_approved: bool,
}

/// Whether `viewer` may find founders who chose to be listed: approved mentors, and approved
/// organisation accounts that represent an approved organisation.
pub fn finds_founders(viewer: &Person, ties: &Ties) -> bool {
    viewer.active() && (viewer.role == Role::Mentor || (viewer.role == Role::Enterprise && ties.represents_approved))
}

/// Whether `viewer` (with `ties`) may see `subject` for `purpose`.
pub fn may_see(viewer: &Person, ties: &Ties, subject: &Person, purpose: Purpose) -> bool {
    if viewer.id == subject.id {
        return true;
    }
    if viewer.disabled {
        return false;
    }
    if viewer.role.is_vpd() {
        // Staff moderate, so they see everyone, pending and suspended too.
        return true;
    }
    if !subject.active() || ties.no_contact.contains(&subject.id) {
        return false;
    }
    if purpose == Purpose::Profile && (ties.connected.contains(&subject.id) || ties.asking.contains(&subject.id)) {
        return true;
    }
    match subject.role {
        Role::Mentor | Role::Enterprise => purpose == Purpose::Profile || subject.listed,
        // Founders appear only when they chose to, and only to approved mentors and approved
        // representatives of approved organisations (and staff, above).
        Role::Founder => subject.listed && finds_founders(viewer, ties),
        // VPD people are not in the directory.
        Role::Staff | Role::Admin => false,
    }
}

/// Whether `viewer` may see the contact details that `subject` chose to share: only inside an
/// approved relationship, and staff.
pub fn may_see_contact(viewer: &Person, ties: &Ties, subject: &Person) -> bool {
    viewer.id == subject.id
        || (!viewer.disabled && viewer.role.is_vpd())
        || (may_see(viewer, ties, subject, Purpose::Profile) && ties.connected.contains(&subject.id))
}

/// The rows a query about people may return, as the database applies it before counting and
/// paging. Built from the viewer; [`Scope::admits`] is its in-memory twin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Everyone, whatever their standing (staff).
    pub everyone: bool,
    /// The viewer, always admitted.
    pub viewer: UserId,
    /// Roles whose active people are admitted, and whether only listed ones.
    pub roles: Vec<(Role, bool)>,
    /// Never admitted (no-contact), besides the viewer.
    pub excluded: HashSet<UserId>,
    /// Admitted when active even if not listed (approved relationships; profiles only).
    pub connected: HashSet<UserId>,
    /// Nobody but the viewer (a disabled viewer).
    pub nobody: bool,
}

impl Scope {
    /// The scope of `viewer` with `ties` for `purpose`.
    pub fn of(viewer: &Person, ties: &Ties, purpose: Purpose) -> Scope {
        let founders_visible = finds_founders(viewer, ties);
        let mut roles =
            vec![(Role::Mentor, purpose == Purpose::Directory), (Role::Enterprise, purpose == Purpose::Directory)];
        if founders_visible {
            roles.push((Role::Founder, true));
        }
        Scope {
            everyone: !viewer.disabled && viewer.role.is_vpd(),
            viewer: viewer.id,
            roles,
            excluded: ties.no_contact.clone(),
            connected: if purpose == Purpose::Profile {
                ties.connected.union(&ties.asking).copied().collect()
            } else {
                HashSet::new()
            },
            nobody: viewer.disabled,
        }
    }

    /// Whether the scope admits `subject` (what the SQL filter must agree with).
    pub fn admits(&self, subject: &Person) -> bool {
        if subject.id == self.viewer {
            return true;
        }
        if self.nobody {
            return false;
        }
        if self.everyone {
            return true;
        }
        if !subject.active() || self.excluded.contains(&subject.id) {
            return false;
        }
        if self.connected.contains(&subject.id) {
            return true;
        }
        self.roles.iter().any(|(role, listed_only)| *role == subject.role && (subject.listed || !listed_only))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use uuid::Uuid;

    use super::*;

    fn person(n: u128, role: Role, standing: Standing, listed: bool) -> Person {
        Person { id: UserId(Uuid::from_u128(n)), role, standing, disabled: false, listed }
    }

    #[test]
    fn pending_and_suspended_people_appear_nowhere_but_to_staff_and_themselves() {
        let founder = person(1, Role::Founder, Standing::Approved, true);
        let staff = person(2, Role::Staff, Standing::Approved, true);
        for standing in [Standing::Pending, Standing::Suspended, Standing::Rejected] {
            let mentor = person(3, Role::Mentor, standing, true);
            for purpose in [Purpose::Directory, Purpose::Profile] {
                assert!(!may_see(&founder, &Ties::default(), &mentor, purpose));
                assert!(may_see(&staff, &Ties::default(), &mentor, purpose));
                assert!(may_see(&mentor, &Ties::default(), &mentor, purpose));
            }
        }
    }

    #[test]
    fn founders_are_shown_only_when_listed_and_only_to_approved_mentors_and_organisations() {
        let listed = person(1, Role::Founder, Standing::Approved, true);
        let unlisted = person(2, Role::Founder, Standing::Approved, false);
        let mentor = person(3, Role::Mentor, Standing::Approved, true);
        let pending_mentor = person(4, Role::Mentor, Standing::Pending, true);
        let other_founder = person(5, Role::Founder, Standing::Approved, true);
        let ties = Ties::default();
        assert!(may_see(&mentor, &ties, &listed, Purpose::Directory));
        assert!(!may_see(&mentor, &ties, &unlisted, Purpose::Directory));
        assert!(!may_see(&mentor, &ties, &unlisted, Purpose::Profile));
        assert!(!may_see(&pending_mentor, &ties, &listed, Purpose::Directory));
        // An approved organisation account sees them only once it represents an approved
        // organisation.
        let enterprise = person(6, Role::Enterprise, Standing::Approved, true);
        assert!(!may_see(&enterprise, &ties, &listed, Purpose::Directory));
        let representing = Ties { represents_approved: true, ..Ties::default() };
        assert!(may_see(&enterprise, &representing, &listed, Purpose::Directory));
        assert!(!may_see(&other_founder, &ties, &listed, Purpose::Profile));
    }

    #[test]
    fn a_no_contact_constraint_hides_both_ways_even_inside_a_relationship() {
        let founder = person(1, Role::Founder, Standing::Approved, true);
        let mentor = person(2, Role::Mentor, Standing::Approved, true);
        let ties = Ties {
            no_contact: HashSet::from([mentor.id, founder.id]),
            connected: HashSet::from([mentor.id, founder.id]),
            asking: HashSet::from([mentor.id, founder.id]),
            represents_approved: false,
        };
        for purpose in [Purpose::Directory, Purpose::Profile] {
            assert!(!may_see(&founder, &ties, &mentor, purpose));
            assert!(!may_see(&mentor, &ties, &founder, purpose));
        }
        assert!(!may_see_contact(&founder, &ties, &mentor));
    }

    #[test]
    fn contact_details_only_inside_an_approved_relationship() {
        let founder = person(1, Role::Founder, Standing::Approved, false);
        let mentor = person(2, Role::Mentor, Standing::Approved, true);
        assert!(!may_see_contact(&mentor, &Ties::default(), &founder));
        let ties = Ties { connected: HashSet::from([founder.id]), ..Ties::default() };
        assert!(may_see(&mentor, &ties, &founder, Purpose::Profile));
        assert!(!may_see(&mentor, &ties, &founder, Purpose::Directory));
        assert!(may_see_contact(&mentor, &ties, &founder));
    }

    #[test]
    fn a_request_shows_the_profile_but_never_the_contact_details() {
        let founder = person(1, Role::Founder, Standing::Approved, false);
        let mentor = person(2, Role::Mentor, Standing::Approved, true);
        let ties = Ties { asking: HashSet::from([founder.id]), ..Ties::default() };
        assert!(may_see(&mentor, &ties, &founder, Purpose::Profile));
        assert!(!may_see(&mentor, &ties, &founder, Purpose::Directory));
        assert!(!may_see_contact(&mentor, &ties, &founder));
    }

    #[test]
    fn a_paused_mentor_leaves_the_directory_but_keeps_a_profile() {
        let founder = person(1, Role::Founder, Standing::Approved, false);
        let paused = person(2, Role::Mentor, Standing::Approved, false);
        assert!(!may_see(&founder, &Ties::default(), &paused, Purpose::Directory));
        assert!(may_see(&founder, &Ties::default(), &paused, Purpose::Profile));
    }

    fn any_role() -> impl Strategy<Value = Role> {
        prop::sample::select(Role::ALL.to_vec())
    }

    fn any_standing() -> impl Strategy<Value = Standing> {
        prop::sample::select(vec![Standing::Pending, Standing::Approved, Standing::Rejected, Standing::Suspended])
    }

    prop_compose! {
        fn any_person(max_id: u128)(id in 0..max_id, role in any_role(), standing in any_standing(), disabled in any::<bool>(), listed in any::<bool>()) -> Person {
            Person { id: UserId(Uuid::from_u128(id)), role, standing, disabled, listed }
        }
    }

    proptest! {
        /// The database's filter and the policy give the same answer, whatever the data.
        #[test]
        fn the_scope_admits_exactly_whom_the_policy_shows(
            viewer in any_person(6),
            subjects in prop::collection::vec(any_person(6), 1..12),
            no_contact in prop::collection::hash_set(0u128..6, 0..3),
            connected in prop::collection::hash_set(0u128..6, 0..3),
            asking in prop::collection::hash_set(0u128..6, 0..3),
            directory in any::<bool>(),
            represents_approved in any::<bool>(),
        ) {
            let ties = Ties {
                no_contact: no_contact.into_iter().map(|n| UserId(Uuid::from_u128(n))).filter(|id| *id != viewer.id).collect(),
                connected: connected.into_iter().map(|n| UserId(Uuid::from_u128(n))).collect(),
                asking: asking.into_iter().map(|n| UserId(Uuid::from_u128(n))).collect(),
                represents_approved,
            };
            let purpose = if directory { Purpose::Directory } else { Purpose::Profile };
            let scope = Scope::of(&viewer, &ties, purpose);
            for subject in &subjects {
                prop_assert_eq!(scope.admits(subject), may_see(&viewer, &ties, subject, purpose), "{:?} → {:?}", viewer, subject);
            }
        }

        /// Nobody outside staff ever sees a person who is not active, or one under no-contact.
        #[test]
        fn inactive_and_no_contact_people_stay_hidden_from_everyone_but_staff(
            viewer in any_person(6),
            subject in any_person(6),
            blocked in any::<bool>(),
            purpose_is_profile in any::<bool>(),
        ) {
            prop_assume!(viewer.id != subject.id && !viewer.role.is_vpd());
            let ties = Ties {
                no_contact: if blocked { HashSet::from([subject.id]) } else { HashSet::new() },
                connected: HashSet::from([subject.id]),
                asking: HashSet::from([subject.id]),
                represents_approved: true,
            };
            let purpose = if purpose_is_profile { Purpose::Profile } else { Purpose::Directory };
            if blocked || !subject.active() {
                prop_assert!(!may_see(&viewer, &ties, &subject, purpose));
                prop_assert!(!may_see_contact(&viewer, &ties, &subject));
            }
        }
    }
}
