//! Who a person is in Tilts.

/// The role of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// An aspiring entrepreneur from the target group.
    Founder,
    /// An experienced entrepreneur or volunteer who mentors founders.
    Mentor,
    /// A member of a social enterprise, NGO, company or municipality.
    Enterprise,
    /// A VPD employee.
    Staff,
    /// The VPD system owner.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [Role::Founder, Role::Mentor, Role::Enterprise, Role::Staff, Role::Admin];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Founder => "founder",
            Role::Mentor => "mentor",
            Role::Enterprise => "enterprise",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether a person may give themselves this role by registering.
    pub fn may_self_register(self) -> bool {
        matches!(self, Role::Founder | Role::Mentor | Role::Enterprise)
    }

    /// Whether this is a VPD role (staff or admin), created only by an admin.
    pub fn is_vpd(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }

    /// Whether an account with this role may create staff and admin accounts.
    pub fn may_create_staff_accounts(self) -> bool {
        self == Role::Admin
    }
}
