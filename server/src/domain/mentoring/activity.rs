//! What the two sides of a running mentorship write: messages, goals, the session log, the
//! fit check and the closing feedback. Each input is checked here before anything is stored.

use chrono::NaiveDate;

/// The longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 4000;
/// The longest goal title or session topic, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest private note, feedback or reason, in characters.
pub const MAX_WORDS_CHARS: usize = 2000;
/// The longest session, in minutes.
pub const MAX_SESSION_MINUTES: u16 = 600;

/// Which input is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ActivityError {
    /// A required text is empty; the field.
    #[error("{0} is required")]
    Required(&'static str),
    /// A text is too long; the field.
    #[error("{0} is too long")]
    TooLong(&'static str),
    /// Minutes outside 1 to [`MAX_SESSION_MINUTES`].
    #[error("the minutes are out of range")]
    Minutes,
    /// A session dated in the future.
    #[error("the session is in the future")]
    FutureSession,
    /// A rating outside 1 to 5.
    #[error("the rating is out of range")]
    Rating,
}

/// `text` trimmed, at most `max` characters; `required` refuses an empty one.
pub fn text(text: &str, field: &'static str, max: usize, required: bool) -> Result<String, ActivityError> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(ActivityError::Required(field));
    }
    if text.chars().count() > max {
        return Err(ActivityError::TooLong(field));
    }
    Ok(text.to_owned())
}

/// A logged session, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionLog {
    /// When it was held (not after today).
    pub held_on: NaiveDate,
    /// How long, 1 to [`MAX_SESSION_MINUTES`].
    pub minutes: u16,
    /// What it was about.
    pub topic: String,
    /// The author's own note, seen by nobody else.
    pub private_note: Option<String>,
}

impl SessionLog {
    /// The session as entered, checked against `today`.
    pub fn new(
        held_on: NaiveDate,
        minutes: i64,
        topic: &str,
        private_note: Option<&str>,
        today: NaiveDate,
    ) -> Result<SessionLog, ActivityError> {
        if held_on > today {
            return Err(ActivityError::FutureSession);
        }
        let minutes = u16::try_from(minutes).ok().filter(|m| (1..=MAX_SESSION_MINUTES).contains(m));
        let minutes = minutes.ok_or(ActivityError::Minutes)?;
        let topic = text(topic, "topic", MAX_TITLE_CHARS, true)?;
        let note = text(private_note.unwrap_or_default(), "privateNote", MAX_WORDS_CHARS, false)?;
        Ok(SessionLog { held_on, minutes, topic, private_note: (!note.is_empty()).then_some(note) })
    }
}

/// A closing rating, 1 to 5.
pub fn rating(value: i64) -> Result<u8, ActivityError> {
    u8::try_from(value).ok().filter(|r| (1..=5).contains(r)).ok_or(ActivityError::Rating)
}

/// Ratings are shown to others only as an average of at least this many.
pub const MIN_RATINGS_SHOWN: usize = 3;

/// The average of `ratings` as others may see it: `None` under [`MIN_RATINGS_SHOWN`].
pub fn shown_average(ratings: &[u8]) -> Option<(f64, usize)> {
    if ratings.len() < MIN_RATINGS_SHOWN {
        return None;
    }
    let sum: u32 = ratings.iter().map(|r| u32::from(*r)).sum();
    Some((f64::from(sum) / ratings.len() as f64, ratings.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default()
    }

    #[test]
    fn texts_are_trimmed_required_and_bounded_in_characters_not_bytes() {
        assert_eq!(text("  Sveiki ", "body", 10, true), Ok("Sveiki".to_owned()));
        assert_eq!(text("   ", "body", 10, true), Err(ActivityError::Required("body")));
        assert_eq!(text("", "note", 10, false), Ok(String::new()));
        assert_eq!(text(&"ž".repeat(4000), "body", MAX_MESSAGE_CHARS, true).map(|t| t.chars().count()), Ok(4000));
        assert_eq!(text(&"ž".repeat(4001), "body", MAX_MESSAGE_CHARS, true), Err(ActivityError::TooLong("body")));
    }

    #[test]
    fn a_session_is_in_the_past_with_sensible_minutes_and_a_topic() {
        let ok = SessionLog::new(day(5), 60, " Biznesa plāns ", Some(" "), day(6));
        assert_eq!(ok.map(|s| (s.minutes, s.topic, s.private_note)), Ok((60, "Biznesa plāns".to_owned(), None)));
        assert_eq!(SessionLog::new(day(7), 60, "x", None, day(6)), Err(ActivityError::FutureSession));
        for minutes in [0, -5, 601, 100_000] {
            assert_eq!(SessionLog::new(day(5), minutes, "x", None, day(6)), Err(ActivityError::Minutes));
        }
        assert_eq!(SessionLog::new(day(5), 30, " ", None, day(6)), Err(ActivityError::Required("topic")));
    }

    #[test]
    fn ratings_are_1_to_5_and_shown_only_as_an_average_of_three_or_more() {
        assert_eq!(rating(1), Ok(1));
        assert_eq!(rating(5), Ok(5));
        assert_eq!(rating(0), Err(ActivityError::Rating));
        assert_eq!(rating(6), Err(ActivityError::Rating));
        assert_eq!(shown_average(&[5, 4]), None);
        assert_eq!(shown_average(&[5, 4, 3]), Some((4.0, 3)));
    }
}
