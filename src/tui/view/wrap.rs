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
        // Chinese (two-column characters) breaks between any two characters: it
        // fills the line instead of starting a new one.
        let breakable = word.chars().any(|c| c.width() == Some(2));
        if breakable && started && used + gap < width {
            line.push(' ');
            used += gap;
        } else if started {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        started = true;
        // Pieces that stay whole: a run of narrow characters (`dify.example.org。`
        // breaks before or after, not inside), or one wide character.
        let pieces: Vec<&str> = if breakable {
            pieces_of(word)
        } else {
            vec![word]
        };
        for piece in pieces {
            let pw: usize = piece.chars().map(|c| c.width().unwrap_or(0)).sum();
            if used + pw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            // Wider than a line: split it by columns, never through a character.
            for c in piece.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
    }
    lines.push(line);
    lines
}

/// A paragraph of `lines` that wraps at `width` columns: ratatui wraps at spaces, and
/// Chinese is wrapped first by `wrap_chinese_lines`.
pub fn wrapping_paragraph(
    lines: Vec<ratatui::text::Line<'static>>,
    width: u16,
) -> ratatui::widgets::Paragraph<'static> {
    ratatui::widgets::Paragraph::new(wrap_chinese_lines(lines, width.into()))
        .wrap(ratatui::widgets::Wrap { trim: false })
}

/// Lines for a wrapping paragraph: a one-style line holding Chinese is wrapped here
/// (between characters, by display width), where ratatui's wrapping would move a
/// whole run of Chinese to the next row; other lines are left to the paragraph.
pub fn wrap_chinese_lines(
    lines: Vec<ratatui::text::Line<'static>>,
    width: usize,
) -> Vec<ratatui::text::Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let wide =
            line.spans.len() == 1 && line.spans[0].content.chars().any(|c| c.width() == Some(2));
        if !wide {
            out.push(line);
            continue;
        }
        let style = line.spans[0].style.patch(line.style);
        for row in wrap_words(&line.spans[0].content, width) {
            out.push(ratatui::text::Line::styled(row, style));
        }
    }
    out
}

/// `word` cut before and after each wide character, never before a closing mark
/// (，。：), which stays with what precedes it.
fn pieces_of(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut prev_wide: Option<bool> = None;
    for (i, c) in word.char_indices() {
        let wide = c.width() == Some(2);
        let closing = "，。：；！？）、」』".contains(c);
        if let Some(pw) = prev_wide
            && i > start
            && !closing
            && (wide || pw)
        {
            pieces.push(&word[start..i]);
            start = i;
        }
        prev_wide = Some(wide);
    }
    pieces.push(&word[start..]);
    pieces
}

pub use crate::i18n::pad_to;

/// The longest start of `text` at most `width` display columns wide (never half a
/// character).
pub fn cut_to_width(text: &str, width: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect()
}

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
    fn chinese_breaks_between_characters_and_never_overflows() {
        let text =
            "用户访问 Dify 的公开域名，例如 dify.example.org。它的 DNS 记录必须指向这台服务器";
        let lines = wrap_words(text, 20);
        for l in &lines {
            assert!(
                unicode_width::UnicodeWidthStr::width(l.as_str()) <= 20,
                "{l:?}"
            );
        }
        // The first line is filled, not left short before a long Chinese run.
        assert!(
            unicode_width::UnicodeWidthStr::width(lines[0].as_str()) >= 18,
            "{lines:?}"
        );
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        assert_eq!(cut_to_width("证书已就绪", 5), "证书");
        assert_eq!(cut_to_width("abc", 5), "abc");
    }

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
