//! Reusable pieces, one per file.

pub mod choices;
pub mod directory_tabs;
pub mod error_summary;
pub mod field;
pub mod form_footer;
pub mod form_state;
pub mod lang_switcher;
pub mod layout;
pub mod page_header;
pub mod page_switch;
pub mod paged;
pub mod resend_verification;
pub mod second_factor;
pub mod success;

pub use choices::{Checkboxes, Radios, Select, TextArea, Toggle};
pub use directory_tabs::DirectoryTabs;
pub use error_summary::ErrorSummary;
pub use field::Field;
pub use form_footer::FormFooter;
pub use form_state::FormState;
pub use lang_switcher::LangSwitcher;
pub use layout::Layout;
pub use page_header::PageHeader;
pub use paged::{PageStatus, Paged, ShowMore};
pub use resend_verification::ResendVerification;
pub use second_factor::{SecondFactorCode, SecondFactorSetup};
pub use success::Success;
