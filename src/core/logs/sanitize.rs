//! A log line must not drive the user's terminal: escape sequences are removed and
//! other control characters replaced.

/// Whether `line` has nothing to remove or replace: no C0/C1 control characters
/// (checked on bytes: C1 characters are encoded with a 0xC2 lead byte).
pub fn is_plain(line: &str) -> bool {
    if printable_ascii(line.as_bytes()) {
        return true;
    }
    let control = line.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2);
    // Bidirectional controls are encoded with an 0xE2 or 0xD8 lead byte.
    let bidi = line.bytes().any(|b| b == 0xe2 || b == 0xd8) && line.chars().any(is_bidi_control);
    !(control || bidi)
}

/// Every byte is printable ASCII (0x20..=0x7e): the smallest and largest byte of each
/// 64-byte chunk, which the compiler vectorises; the common log line costs little.
fn printable_ascii(bytes: &[u8]) -> bool {
    bytes.chunks(64).all(|chunk| {
        let low = chunk.iter().copied().fold(u8::MAX, u8::min);
        let high = chunk.iter().copied().fold(0, u8::max);
        low >= 0x20 && high <= 0x7e
    })
}

/// Characters that reorder text on screen (a "trojan source" in a name): embeddings,
/// overrides, isolates and marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// [`sanitize_line`] for text of several lines: each line cleaned, the line breaks kept.
pub fn sanitize_text(text: &str) -> String {
    if text.split('\n').all(is_plain) {
        return text.to_string();
    }
    text.split('\n')
        .map(sanitize_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Removes ANSI/VT escape sequences (CSI, OSC, DCS, two-byte escapes), turns tabs into
/// spaces and other control characters into `�`.
pub fn sanitize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                // CSI: parameters and intermediates, then one final byte in @..~.
                Some('[') => {
                    for n in chars.by_ref() {
                        if ('@'..='~').contains(&n) {
                            break;
                        }
                    }
                }
                // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \).
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    while let Some(n) = chars.next() {
                        if n == '\u{7}' {
                            break;
                        }
                        if n == '\u{1b}' && chars.peek() == Some(&'\\') {
                            chars.next();
                            break;
                        }
                    }
                }
                // Two-byte escapes such as ESC c (reset) or ESC ( B.
                Some('(' | ')' | '*' | '+') => {
                    chars.next();
                }
                _ => {}
            },
            // C1 CSI.
            '\u{9b}' => {
                for n in chars.by_ref() {
                    if ('@'..='~').contains(&n) {
                        break;
                    }
                }
            }
            '\t' => out.push_str("    "),
            c if c.is_control() || is_bidi_control(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_are_recognised() {
        assert!(is_plain("2026-11-29 01:00:00,000:INFO:certbot:ok ✓"));
        for dirty in ["a\u{1b}[0m", "tab\there", "c1\u{9b}x", "del\u{7f}"] {
            assert!(!is_plain(dirty), "{dirty:?}");
            assert_ne!(sanitize_line(dirty), dirty);
        }
    }

    #[test]
    fn escape_sequences_never_pass() {
        assert_eq!(sanitize_line("\u{1b}[31mred\u{1b}[0m text"), "red text");
        assert_eq!(sanitize_line("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(
            sanitize_line("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(sanitize_line("reset\u{1b}c!"), "reset!");
        assert_eq!(sanitize_line("\u{9b}2Jclear"), "clear");
        assert_eq!(
            sanitize_line("bell\u{7} cr\r tab\t."),
            "bell\u{fffd} cr\u{fffd} tab    ."
        );
        assert_eq!(sanitize_line("plain ünïcode ✓"), "plain ünïcode ✓");
        // A right-to-left override that would show "gro.elpmaxe" as "example.org".
        assert_eq!(
            sanitize_line("evil\u{202E}gro.elpmaxe"),
            "evil\u{fffd}gro.elpmaxe"
        );
        assert!(!is_plain("a\u{2066}b"));
        assert!(is_plain("证书 续期 ✓"));
        assert_eq!(sanitize_text("a\u{1b}]0;x\u{7}\nb\n"), "a\nb\n");
    }
}
