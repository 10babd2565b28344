//! Splits `.env` text into entries that keep every byte, and reads each value
//! with docker compose's env-file rules (compose-go `dotenv`):
//!
//! * blank lines and lines whose first non-blank character is `#` are comments;
//! * an optional `export ` prefix; the key ends at `=` (or `:`, compose's YAML-style form);
//!   a key alone on its line is inherited from the environment;
//! * unquoted values run to the end of the line, are cut at the first ` #` and
//!   right-trimmed; they may contain spaces (`NGINX_SSL_PROTOCOLS=TLSv1.2 TLSv1.3`);
//! * single-quoted values are literal (only `\'` is unescaped), double-quoted ones
//!   understand `\n`, `\r`, `\"`, `\\` and `\$`, and both may span lines;
//! * unquoted and double-quoted values are interpolated (`${VAR:-default}`, `$$`)
//!   when read, which this module leaves to [`super::interpolate`].

use crate::tr;
use std::ops::Range;

/// How a value is written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    None,
    Single,
    Double,
}

/// The line ending a file uses, so lines added to it match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }
}

/// One `KEY=value` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub key: String,
    /// Byte range of the value as written (quotes included) inside the entry's raw text.
    /// Empty (at the end of the statement) for `KEY=`; `None` for an inherited `KEY`.
    pub value_range: Option<Range<usize>>,
    pub quote: Quote,
    /// The value after unquoting and unescaping, before interpolation: `${VAR}` and
    /// `$$` are still in it when `quote` is not `Single`.
    pub literal: String,
}

impl Assignment {
    /// Whether compose interpolates `$` references in this value.
    pub fn interpolated(&self) -> bool {
        self.quote != Quote::Single && self.value_range.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    Blank,
    Comment,
    Assignment(Assignment),
    /// A statement compose would reject; kept byte for byte and reported.
    Invalid(String),
}

/// A statement (one or more physical lines) with its exact bytes, line ending included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub raw: String,
    /// 1-based number of the entry's first line in the file.
    pub line: usize,
    pub kind: EntryKind,
}

/// Splits `text` (BOM already removed) into entries whose raw texts concatenate to `text`.
pub fn parse_entries(text: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut pos = 0;
    let mut line = 1;
    while pos < text.len() {
        let (len, kind) = parse_statement(&text[pos..]);
        let raw = &text[pos..pos + len];
        entries.push(Entry {
            raw: raw.to_string(),
            line,
            kind,
        });
        line += raw.matches('\n').count();
        pos += len;
    }
    entries
}

/// The dominant line ending of `text` (LF for a file with no line break).
pub fn detect_line_ending(text: &str) -> LineEnding {
    let lf = text.matches('\n').count();
    let crlf = text.matches("\r\n").count();
    if crlf > 0 && crlf * 2 >= lf {
        LineEnding::CrLf
    } else {
        LineEnding::Lf
    }
}

/// Compose's "space but not a line break".
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

fn is_key_char(c: char) -> bool {
    c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || c.is_alphanumeric()
}

/// End (exclusive) of the physical line starting at 0, line break included.
fn line_end(s: &str) -> usize {
    s.find('\n').map_or(s.len(), |i| i + 1)
}

/// Parses the statement at the start of `s`; returns its byte length and kind.
fn parse_statement(s: &str) -> (usize, EntryKind) {
    let first_line = line_end(s);
    let line = &s[..first_line];
    let body = line.trim_end_matches('\n');
    let trimmed = body.trim_start_matches(is_space);
    if trimmed.is_empty() {
        return (first_line, EntryKind::Blank);
    }
    if trimmed.starts_with('#') {
        return (first_line, EntryKind::Comment);
    }
    let invalid = |why: &str| (first_line, EntryKind::Invalid(why.to_string()));

    let mut cursor = body.len() - trimmed.len();
    if let Some(rest) = trimmed.strip_prefix("export")
        && rest.starts_with(is_space)
    {
        cursor += "export".len();
        cursor += s[cursor..].len() - s[cursor..].trim_start_matches(is_space).len();
    }
    let key_start = cursor;
    let key_end = key_start
        + body[key_start..]
            .find(|c: char| !is_key_char(c))
            .unwrap_or(body.len() - key_start);
    let key = &body[key_start..key_end];
    if key.is_empty() {
        return invalid(&tr!("core-parse-a-line-must-start-with"));
    }
    let after_key = body[key_end..].trim_start_matches(is_space);
    let sep_at = body.len() - after_key.len();
    let Some(sep) = after_key.chars().next() else {
        // `KEY` alone: inherited from the environment compose runs in.
        return (
            first_line,
            EntryKind::Assignment(Assignment {
                key: key.to_string(),
                value_range: None,
                quote: Quote::None,
                literal: String::new(),
            }),
        );
    };
    if sep != '=' && sep != ':' {
        return invalid(&tr!("core-parse-a-variable-name-must-be"));
    }
    let value_start = sep_at + 1 + body[sep_at + 1..].len()
        - body[sep_at + 1..].trim_start_matches(is_space).len();
    let assignment = |value_range: Range<usize>, quote: Quote, literal: String| Assignment {
        key: key.to_string(),
        value_range: Some(value_range),
        quote,
        literal,
    };

    match s[value_start..].chars().next() {
        Some(q @ ('\'' | '"')) => match scan_quoted(&s[value_start..], q) {
            None => invalid(&tr!("core-parse-a-quoted-value-has-no")),
            Some((len, inner)) => {
                let value_end = value_start + len;
                let stmt_end = value_end + line_end(&s[value_end..]);
                let tail = s[value_end..stmt_end].trim_end_matches('\n');
                let tail = tail.trim_start_matches(is_space);
                if !(tail.is_empty() || tail.starts_with('#')) {
                    return (
                        stmt_end,
                        EntryKind::Invalid(
                            tr!("core-parse-text-after-a-closing-quote").to_string(),
                        ),
                    );
                }
                let (quote, literal) = if q == '"' {
                    (Quote::Double, unescape_double(&inner))
                } else {
                    (Quote::Single, inner)
                };
                (
                    stmt_end,
                    EntryKind::Assignment(assignment(value_start..value_end, quote, literal)),
                )
            }
        },
        _ => {
            let raw_value = &body[value_start..];
            let cut = raw_value.find(" #").unwrap_or(raw_value.len());
            let value = raw_value[..cut].trim_end_matches(|c: char| c.is_whitespace());
            // An empty value sits right after the separator, before any `\r` or spaces.
            let start = if value.is_empty() {
                sep_at + 1
            } else {
                value_start
            };
            (
                first_line,
                EntryKind::Assignment(assignment(
                    start..start + value.len(),
                    Quote::None,
                    value.to_string(),
                )),
            )
        }
    }
}

/// Scans a quoted value starting with quote `q` at `s[0]`. Returns the byte length up
/// to and including the closing quote, and the content with escaped quotes unescaped
/// (other backslashes kept, as compose does before its escape pass).
fn scan_quoted(s: &str, q: char) -> Option<(usize, String)> {
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        if c == q && !escaped {
            return Some((i + 1, out));
        }
        if escaped {
            escaped = false;
            if c != q {
                out.push('\\');
            }
            out.push(c);
        } else if c == '\\' {
            escaped = true;
        } else {
            out.push(c);
        }
    }
    None
}

/// Compose's escape pass for double-quoted values (compose-go 2.x): `\n \r \t \a
/// \b \f \v`, `\\`, `\"`, `\0` plus three octal digits; `\$` is a literal dollar (kept
/// as `$$` for the interpolation pass); any other backslash pair stays as written.
fn unescape_double(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(c) = after.chars().next() else {
            out.push('\\');
            rest = after;
            break;
        };
        let mut used = c.len_utf8();
        match c {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '$' => out.push_str("$$"),
            '0' => {
                let digits: String = after[1..].chars().take(3).collect();
                let octal = (digits.len() == 3 && digits.chars().all(|d| ('0'..='7').contains(&d)))
                    .then(|| u32::from_str_radix(&digits, 8).ok())
                    .flatten()
                    .filter(|v| *v <= 255)
                    .and_then(char::from_u32);
                match octal {
                    Some(ch) => {
                        out.push(ch);
                        used += 3;
                    }
                    // Compose drops just the `0` then: `\012` reads `\12`.
                    None => out.push('\\'),
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
        rest = &after[used..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(text: &str) -> Assignment {
        let entries = parse_entries(text);
        assert_eq!(entries.len(), 1, "{entries:?}");
        match &entries[0].kind {
            EntryKind::Assignment(a) => a.clone(),
            other => panic!("not an assignment: {other:?}"),
        }
    }

    #[test]
    fn unquoted_values_keep_inner_spaces_and_drop_inline_comments() {
        let a = only("NGINX_SSL_PROTOCOLS=TLSv1.2 TLSv1.3\n");
        assert_eq!(a.literal, "TLSv1.2 TLSv1.3");
        assert_eq!(a.quote, Quote::None);
        assert_eq!(only("A=value # note\n").literal, "value");
        assert_eq!(only("A=a#b\n").literal, "a#b");
        assert_eq!(only("A=  padded  \r\n").literal, "padded");
        assert_eq!(only("A=\n").literal, "");
    }

    #[test]
    fn value_range_points_at_the_value_as_written() {
        let text = "export  KEY = \"a b\" # c\n";
        let e = &parse_entries(text)[0];
        let EntryKind::Assignment(a) = &e.kind else {
            panic!()
        };
        assert_eq!(a.key, "KEY");
        assert_eq!(&e.raw[a.value_range.clone().unwrap()], "\"a b\"");
        assert_eq!(a.literal, "a b");
    }

    #[test]
    fn quotes_and_escapes_follow_compose() {
        assert_eq!(only(r#"A="x\"y\\z\n""#).literal, "x\"y\\z\n");
        assert_eq!(only(r"A='x\'y\n'").literal, r"x'y\n");
        assert_eq!(only(r#"A="\$HOME""#).literal, "$$HOME");
        assert_eq!(only(r#"A="a\tb\d\0101\012""#).literal, "a\tb\\dA\\12");
        assert_eq!(only("A='$HOME'").quote, Quote::Single);
        assert!(!only("A='$HOME'").interpolated());
    }

    #[test]
    fn multi_line_double_quoted_value_is_one_entry() {
        let entries = parse_entries("A=\"one\ntwo\"\nB=3\n");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].raw, "A=\"one\ntwo\"\n");
        assert_eq!(entries[1].line, 3);
    }

    #[test]
    fn inherited_key_and_invalid_lines_are_kept() {
        let entries = parse_entries("ONLY_KEY\nBAD KEY=1\nA=\"open\n");
        assert!(matches!(&entries[0].kind, EntryKind::Assignment(a) if a.value_range.is_none()));
        assert!(matches!(entries[1].kind, EntryKind::Invalid(_)));
        assert!(matches!(entries[2].kind, EntryKind::Invalid(_)));
        let joined: String = entries.iter().map(|e| e.raw.as_str()).collect();
        assert_eq!(joined, "ONLY_KEY\nBAD KEY=1\nA=\"open\n");
    }

    #[test]
    fn interpolation_is_left_in_the_literal() {
        let a = only("COMPOSE_PROFILES=${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql}\n");
        assert_eq!(
            a.literal,
            "${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql}"
        );
        assert!(a.interpolated());
    }

    #[test]
    fn line_endings_are_detected() {
        assert_eq!(detect_line_ending("A=1\r\nB=2\r\n"), LineEnding::CrLf);
        assert_eq!(detect_line_ending("A=1\nB=2\n"), LineEnding::Lf);
        assert_eq!(detect_line_ending("A=1"), LineEnding::Lf);
    }
}
