//! Use cases. Each runs on the connection or transaction its caller gives it ([`Db`]), reads
//! settings, clock and hasher from the shared [`crate::state::AppState`], and returns a small
//! error enum that says what its caller may tell the client.
//!
//! A use case that needs a transaction begins one on what it was given: on the pool that is a
//! transaction, inside a caller's transaction a savepoint, so one use case can run inside
//! another's and both commit or roll back together.

use sea_orm::{ConnectionTrait, DatabaseTransaction, TransactionTrait};

/// Where a use case runs: the pool, or a transaction a caller has begun.
pub trait Db: ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction> {}

impl<T: ConnectionTrait + TransactionTrait<Transaction = DatabaseTransaction>> Db for T {}

/// The largest page a list returns.
pub const MAX_PAGE_SIZE: usize = 50;

pub mod accounts;
pub mod applications;
pub mod buy_social;
pub mod directory;
pub mod email_links;
pub mod hashing;
pub mod invitations;
pub mod mentoring;
pub mod moderation;
pub mod notifications;
pub mod opportunities;
pub mod organisations;
pub mod people;
pub mod profile_views;
pub mod profiles;
pub mod rate_limit;
pub mod second_factor;
pub mod taxonomies;
