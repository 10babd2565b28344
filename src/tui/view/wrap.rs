//! Wrapping text at spaces by display width (a wide character counts two columns),
//! for commands and log lines: a word is split only when it alone is wider than
//! the line.

use unicode_width::UnicodeWidthChar;

/// `text` cut into pieces of at most `width` columns, breaking at spaces (which are
/// dropped at the breaks). Never empty: an empty text is one empty piece.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    // Whether a word (even an empty one, from a run of spaces) is on the line yet.
    let mut started = false;
    for word in text.split(' ') {
        let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        let gap = usize::from(started);
        if used + gap + w <= width {
            if started {
                line.push(' ');
            }
            line.push_str(word);
            used += gap + w;
            started = true;
            continue;
        }
        if started {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        started = true;
        // Wider than a line: split it by columns, never through a character.
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    lines.push(line);
    lines
}

pub use crate::i18n::pad_to;

/// `text` with its first character upper-cased (whatever its byte length).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces_and_splits_only_words_wider_than_a_line() {
        assert_eq!(
            wrap_words(
                "docker compose run --rm -T certbot /bin/sh /update-cert.sh",
                20
            ),
            [
                "docker compose run",
                "--rm -T certbot",
                "/bin/sh",
                "/update-cert.sh"
            ]
        );
        assert_eq!(wrap_words("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_words("", 10), [""]);
        assert_eq!(wrap_words("  indented text", 30), ["  indented text"]);
        // Two columns a character: never cut through one.
        assert_eq!(wrap_words("证书续期", 5), ["证书", "续期"]);
    }
}
