//! A bounded scrollback for a live log view: the newest lines, up to a line count and
//! a byte budget, each with its source and certbot level (continuation lines inherit
//! their record's level), so a view can filter without re-reading anything.

use std::collections::VecDeque;

use super::level::{Level, RecordLevels};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BufferedLine<S> {
    pub source: S,
    pub level: Level,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct LogBuffer<S> {
    lines: VecDeque<BufferedLine<S>>,
    max_lines: usize,
    max_bytes: usize,
    bytes: usize,
    /// Lines pushed in all, dropped ones included.
    total: u64,
    /// Each source's records, followed over their continuation lines.
    current: Vec<(S, RecordLevels)>,
}

impl<S: Copy + PartialEq> LogBuffer<S> {
    pub fn new(max_lines: usize, max_bytes: usize) -> LogBuffer<S> {
        LogBuffer {
            lines: VecDeque::new(),
            max_lines,
            max_bytes,
            bytes: 0,
            total: 0,
            current: Vec::new(),
        }
    }

    pub fn push(&mut self, source: S, text: String) {
        let levels = match self.current.iter_mut().find(|(s, _)| *s == source) {
            Some((_, levels)) => levels,
            None => {
                self.current.push((source, RecordLevels::default()));
                &mut self.current.last_mut().expect("just pushed").1
            }
        };
        let level = levels.level_of(&text);
        self.bytes += text.len();
        self.total += 1;
        self.lines.push_back(BufferedLine {
            source,
            level,
            text,
        });
        while self.lines.len() > self.max_lines
            || (self.bytes > self.max_bytes && self.lines.len() > 1)
        {
            if let Some(old) = self.lines.pop_front() {
                self.bytes -= old.text.len();
            }
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// Bytes of text held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &BufferedLine<S>> {
        self.lines.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_lines_within_both_bounds() {
        let mut b = LogBuffer::new(3, 1000);
        for i in 0..10 {
            b.push('c', format!("line {i}"));
        }
        let texts: Vec<&str> = b.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["line 7", "line 8", "line 9"]);
        assert_eq!(b.total(), 10);

        let mut b = LogBuffer::new(100, 10);
        b.push('c', "12345".into());
        b.push('c', "67890".into());
        b.push('c', "abcde".into());
        assert_eq!(b.len(), 2);
        assert_eq!(b.bytes(), 10);
    }

    #[test]
    fn continuation_lines_inherit_their_records_level_per_source() {
        let mut b = LogBuffer::new(100, 10_000);
        b.push(
            'l',
            "2026-11-29 02:12:51,518:DEBUG:acme.client:Received response:".into(),
        );
        b.push('c', "compose output".into());
        b.push('l', "HTTP 200".into());
        b.push('l', "2026-11-29 02:12:51,521:INFO:certbot:due".into());
        let levels: Vec<Level> = b.iter().map(|l| l.level).collect();
        assert_eq!(
            levels,
            [Level::Debug, Level::Info, Level::Debug, Level::Info]
        );
    }
}
