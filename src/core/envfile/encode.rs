//! Writing a value so that docker compose reads back exactly that value.

use super::parse::Quote;

/// Whether `value` can stand unquoted: compose would read it back unchanged and
/// so would the other `.env` readers people point at Dify's file.
fn fits_unquoted(value: &str) -> bool {
    let edge_space = value.starts_with(char::is_whitespace) || value.ends_with(char::is_whitespace);
    !edge_space
        && !value.starts_with(['\'', '"', '#'])
        && !value.contains(" #")
        && !value.contains(['$', '\n', '\r', '\\', '`'])
}

/// Single quotes are literal in compose; only a `'`, a line break or a trailing
/// backslash (which would escape the closing quote) cannot be written in them.
fn fits_single(value: &str) -> bool {
    !value.contains(['\'', '\n', '\r']) && !value.ends_with('\\')
}

fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("$$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Encodes `value` for the value part of a `KEY=...` line. The quoting the line
/// already had (`current`) is kept where it can carry the value; otherwise the
/// plainest form that reads back exactly is used.
pub fn encode_value(value: &str, current: Quote) -> String {
    let single = || format!("'{value}'");
    match current {
        Quote::Double => double_quoted(value),
        Quote::Single if fits_single(value) => single(),
        _ if fits_unquoted(value) => value.to_string(),
        _ if fits_single(value) => single(),
        _ => double_quoted(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_stay_unquoted_even_with_inner_spaces() {
        assert_eq!(encode_value("example.org", Quote::None), "example.org");
        assert_eq!(
            encode_value("--dry-run --debug", Quote::None),
            "--dry-run --debug"
        );
        assert_eq!(encode_value("", Quote::None), "");
    }

    #[test]
    fn values_compose_would_misread_are_quoted() {
        assert_eq!(encode_value("a #b", Quote::None), "'a #b'");
        assert_eq!(encode_value(" lead", Quote::None), "' lead'");
        assert_eq!(encode_value("$HOME", Quote::None), "'$HOME'");
        assert_eq!(encode_value("it's $x", Quote::None), "\"it's $$x\"");
        assert_eq!(encode_value("a\nb", Quote::None), "\"a\\nb\"");
        assert_eq!(encode_value("ends\\", Quote::None), "\"ends\\\\\"");
    }

    #[test]
    fn the_current_quoting_is_kept_when_it_fits() {
        assert_eq!(encode_value("x.org", Quote::Double), "\"x.org\"");
        assert_eq!(encode_value("x.org", Quote::Single), "'x.org'");
        assert_eq!(encode_value("it's", Quote::Single), "it's");
        assert_eq!(encode_value("it's #1", Quote::Single), "\"it's #1\"");
    }
}
