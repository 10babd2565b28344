//! Compose's variable interpolation, for the moment a value is actually needed
//! (`COMPOSE_PROFILES=${VECTOR_STORE:-weaviate},...`). The file itself keeps the
//! references verbatim.

use crate::tr;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterpolationError(pub String);

impl fmt::Display for InterpolationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InterpolationError {}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

/// Resolves `$$`, `$NAME`, `${NAME}` and the `:-`, `-`, `:+`, `+`, `:?`, `?` forms
/// (nested references allowed in the word), looking names up with `lookup`.
pub fn interpolate(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, InterpolationError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(tail) = after.strip_prefix('{') {
            let close = matching_brace(tail).ok_or_else(|| {
                InterpolationError(tr!(
                    "core-interp-without-a-closing-in-text",
                    text = format!("{:?}", text)
                ))
            })?;
            out.push_str(&braced(&tail[..close], lookup)?);
            rest = &tail[close + 1..];
        } else if after.starts_with(is_name_start) {
            let len = after.find(|c| !is_name_char(c)).unwrap_or(after.len());
            out.push_str(&lookup(&after[..len]).unwrap_or_default());
            rest = &after[len..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Index of the `}` closing a `${` whose body starts at `s[0]`.
fn matching_brace(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '$' if chars.peek().map(|&(_, n)| n) == Some('{') => {
                chars.next();
                depth += 1;
            }
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn braced(
    body: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String, InterpolationError> {
    let name_len = body.find(|c| !is_name_char(c)).unwrap_or(body.len());
    let (name, op) = body.split_at(name_len);
    if name.is_empty() || !name.starts_with(is_name_start) {
        return Err(InterpolationError(tr!(
            "core-interp-invalid-variable-name-in-body",
            body
        )));
    }
    let value = lookup(name);
    let set = value.is_some();
    let non_empty = value.as_deref().is_some_and(|v| !v.is_empty());
    let word = |w: &str| interpolate(w, lookup);
    let (colon, op) = match op.strip_prefix(':') {
        Some(rest) => (true, rest),
        None => (false, op),
    };
    let present = if colon { non_empty } else { set };
    match op.chars().next() {
        None if !colon => Ok(value.unwrap_or_default()),
        Some('-') => {
            if present {
                Ok(value.unwrap_or_default())
            } else {
                word(&op[1..])
            }
        }
        Some('+') => {
            if present {
                word(&op[1..])
            } else {
                Ok(String::new())
            }
        }
        Some('?') => {
            if present {
                Ok(value.unwrap_or_default())
            } else {
                let msg = word(&op[1..])?;
                Err(InterpolationError(tr!(
                    "core-interp-required-variable-name-is-missing",
                    name,
                    msg
                )))
            }
        }
        _ => Err(InterpolationError(tr!(
            "core-interp-unsupported-form-body",
            body
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn dify_compose_profiles_resolve_with_defaults() {
        let text = "${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql}";
        assert_eq!(interpolate(text, &env(&[])).unwrap(), "weaviate,postgresql");
        let set = env(&[("VECTOR_STORE", "qdrant"), ("DB_TYPE", "")]);
        assert_eq!(interpolate(text, &set).unwrap(), "qdrant,postgresql");
    }

    #[test]
    fn dash_without_colon_keeps_an_empty_value() {
        assert_eq!(interpolate("${A-d}", &env(&[("A", "")])).unwrap(), "");
        assert_eq!(interpolate("${A-d}", &env(&[])).unwrap(), "d");
    }

    #[test]
    fn plus_question_dollar_and_nesting() {
        let e = env(&[("A", "1")]);
        assert_eq!(interpolate("${A:+yes}${B:+no}", &e).unwrap(), "yes");
        assert!(
            interpolate("${B:?must be set}", &e)
                .unwrap_err()
                .0
                .contains("must be set")
        );
        assert_eq!(
            interpolate("$$A $A ${B:-${A}x} $", &e).unwrap(),
            "$A 1 1x $"
        );
    }

    #[test]
    fn broken_references_are_errors() {
        assert!(interpolate("${A", &env(&[])).is_err());
        assert!(interpolate("${1A}", &env(&[])).is_err());
    }
}
