//! A line diff of two texts, in hunks with a little context, for review screens.

use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffKind {
    Context,
    Removed,
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    /// `@@ -old,len +new,len @@`-style header starting a hunk.
    Hunk { old_line: usize, new_line: usize },
    Line {
        kind: DiffKind,
        /// Line number in the old text (removed, context) or the new one (added).
        number: usize,
        /// The line without its line ending.
        text: String,
    },
}

/// The hunks that turn `old` into `new`, with `context` unchanged lines around each change.
pub fn diff_lines(old: &str, new: &str, context: usize) -> Vec<DiffLine> {
    let diff = TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for group in diff.grouped_ops(context) {
        let Some(first) = group.first() else { continue };
        out.push(DiffLine::Hunk {
            old_line: first.old_range().start + 1,
            new_line: first.new_range().start + 1,
        });
        for op in &group {
            for change in diff.iter_changes(op) {
                let (kind, number) = match change.tag() {
                    ChangeTag::Equal => (DiffKind::Context, change.old_index()),
                    ChangeTag::Delete => (DiffKind::Removed, change.old_index()),
                    ChangeTag::Insert => (DiffKind::Added, change.new_index()),
                };
                let text = change.value().trim_end_matches(['\n', '\r']).to_string();
                out.push(DiffLine::Line {
                    kind,
                    number: number.map_or(0, |n| n + 1),
                    text,
                });
            }
        }
    }
    out
}

/// The diff as unified-diff text (`-`/`+`/` ` prefixes), for plain output.
pub fn unified_text(lines: &[DiffLine]) -> String {
    let mut out = String::new();
    for line in lines {
        match line {
            DiffLine::Hunk { old_line, new_line } => {
                out.push_str(&crate::tr!("core-diff-hunk", old_line, new_line));
                out.push('\n');
            }
            DiffLine::Line { kind, text, .. } => {
                let sign = match kind {
                    DiffKind::Context => ' ',
                    DiffKind::Removed => '-',
                    DiffKind::Added => '+',
                };
                out.push(sign);
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_hold_the_change_and_its_context() {
        let old = "A=1\nB=2\nC=3\nD=4\nE=5\nF=6\n";
        let new = "A=1\nB=2\nC=30\nD=4\nE=5\nF=6\nG=7\n";
        assert_eq!(
            unified_text(&diff_lines(old, new, 1)),
            "@@ line 2 (new 2) @@\n B=2\n-C=3\n+C=30\n D=4\n@@ line 6 (new 6) @@\n F=6\n+G=7\n"
        );
    }

    #[test]
    fn crlf_is_not_shown_and_identical_texts_have_no_hunks() {
        assert!(diff_lines("A=1\r\n", "A=1\r\n", 3).is_empty());
        let d = diff_lines("A=1\r\n", "A=2\r\n", 0);
        assert_eq!(unified_text(&d), "@@ line 1 (new 1) @@\n-A=1\n+A=2\n");
    }
}
