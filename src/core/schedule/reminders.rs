//! Reminders for a certificate nobody renews (an imported one): the scheduled run tells
//! the webhooks at 30, 14, 7, 3 and 1 days left, once each, then at the expiry itself.
//! A new certificate (another fingerprint) starts over.

use serde::{Deserialize, Serialize};

/// The days-left marks a reminder goes out at.
pub const MARKS: [i64; 5] = [30, 14, 7, 3, 1];

/// The last reminder sent: for which certificate, at which mark (0: the expiry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminded {
    pub fingerprint: String,
    pub mark: i64,
}

/// The mark `days_left` has reached (`Some(0)` once expired; `None` above 30 days).
pub fn mark(days_left: i64, expired: bool) -> Option<i64> {
    if expired {
        return Some(0);
    }
    MARKS.iter().rev().find(|&&m| days_left <= m).copied()
}

/// Whether to remind now: a mark is reached that was not told for this certificate.
pub fn due(fingerprint: &str, mark: Option<i64>, last: Option<&Reminded>) -> Option<i64> {
    let mark = mark?;
    match last {
        Some(l) if l.fingerprint == fingerprint && l.mark <= mark => None,
        _ => Some(mark),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mark_once_then_the_expiry() {
        assert_eq!(mark(45, false), None);
        assert_eq!(mark(30, false), Some(30));
        assert_eq!(mark(29, false), Some(30));
        assert_eq!(mark(6, false), Some(7));
        assert_eq!(mark(1, false), Some(1));
        assert_eq!(mark(0, false), Some(1));
        assert_eq!(mark(-2, true), Some(0));
        let told = |mark| Reminded {
            fingerprint: "AA".into(),
            mark,
        };
        assert_eq!(due("AA", mark(6, false), None), Some(7));
        assert_eq!(due("AA", mark(6, false), Some(&told(7))), None, "once");
        assert_eq!(due("AA", mark(5, false), Some(&told(7))), None);
        assert_eq!(due("AA", mark(3, false), Some(&told(7))), Some(3));
        assert_eq!(due("AA", mark(0, true), Some(&told(1))), Some(0));
        assert_eq!(due("AA", mark(-9, true), Some(&told(0))), None);
        // A replaced certificate starts over.
        assert_eq!(due("BB", mark(6, false), Some(&told(0))), Some(7));
        assert_eq!(due("BB", mark(60, false), Some(&told(0))), None);
    }
}
