//! certbot's log records start with `2026-11-29 01:02:03,456:LEVEL:logger:message`
//! and may continue over several lines (HTTP dumps, JSON). This keeps the records of
//! a minimum level, continuation lines included.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Debug,
    Info,
    Warning,
    Error,
}

/// The level of a line that starts a record, `None` for a continuation line.
pub fn record_level(line: &str) -> Option<Level> {
    let bytes = line.as_bytes();
    let stamp = bytes.len() > 24
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b' '
        && bytes[13] == b':'
        && bytes[19] == b','
        && bytes[23] == b':';
    if !stamp {
        return None;
    }
    let level = line[24..].split(':').next()?;
    Some(match level {
        "DEBUG" => Level::Debug,
        "INFO" => Level::Info,
        "WARNING" => Level::Warning,
        _ => Level::Error,
    })
}

/// The level of each line of one stream of records: a record's own, and for a
/// continuation line its record's (lines before the first record count as INFO).
/// The one place that follows records over their continuation lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordLevels {
    current: Level,
}

impl Default for RecordLevels {
    fn default() -> Self {
        RecordLevels {
            current: Level::Info,
        }
    }
}

impl RecordLevels {
    pub fn level_of(&mut self, line: &str) -> Level {
        if let Some(level) = record_level(line) {
            self.current = level;
        }
        self.current
    }
}

/// Keeps records at or above a level, continuation lines included.
#[derive(Debug, Clone)]
pub struct LevelFilter {
    min: Level,
    levels: RecordLevels,
}

impl LevelFilter {
    pub fn new(min: Level) -> LevelFilter {
        LevelFilter {
            min,
            levels: RecordLevels::default(),
        }
    }

    pub fn keep(&mut self, line: &str) -> bool {
        self.levels.level_of(line) >= self.min
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_their_continuations_share_a_level() {
        let log = [
            "2026-11-29 02:12:51,518:DEBUG:acme.client:Received response:",
            "HTTP 200",
            "{ \"json\": 1 }",
            "2026-11-29 02:12:51,521:INFO:certbot._internal.renewal:Certificate is due for renewal",
            "  second line of the info record",
            "2026-11-29 02:12:52,000:WARNING:certbot:careful",
            "2026-11-29 02:12:53,000:ERROR:certbot:bad",
        ];
        let mut f = LevelFilter::new(Level::Info);
        let kept: Vec<&str> = log.iter().copied().filter(|l| f.keep(l)).collect();
        assert_eq!(kept, &log[3..]);
        assert_eq!(record_level("short"), None);
    }
}
