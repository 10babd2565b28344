//! The `.env` file as a sequence of entries that keep their bytes.

use crate::tr;
use std::collections::HashMap;
use std::fmt;

use super::encode::encode_value;
use super::interpolate::{InterpolationError, interpolate};
use super::parse::{
    Assignment, Entry, EntryKind, LineEnding, Quote, detect_line_ending, parse_entries,
};

const BOM: char = '\u{feff}';

/// One key to set to one value (the value compose will read, not its encoding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub key: String,
    pub value: String,
}

impl Change {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Change {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// An ordered list of changes, applied together or not at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
}

impl ChangeSet {
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<String>) {
        let change = Change::new(key, value);
        self.changes.retain(|c| c.key != change.key);
        self.changes.push(change);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetError {
    /// The key is not a name compose accepts.
    InvalidKey(String),
    /// After rendering, the file did not read back as intended (a bug, caught before writing).
    Verification(String),
}

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetError::InvalidKey(k) => write!(
                f,
                "{}",
                tr!("core-env-k-is-not-a-valid", k = format!("{:?}", k))
            ),
            SetError::Verification(why) => {
                write!(f, "{}", tr!("core-env-the-edited-env-did-not", why))
            }
        }
    }
}

impl std::error::Error for SetError {}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvDocument {
    bom: bool,
    entries: Vec<Entry>,
    line_ending: LineEnding,
}

impl EnvDocument {
    pub fn parse(text: &str) -> Self {
        let (bom, body) = match text.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        EnvDocument {
            bom,
            entries: parse_entries(body),
            line_ending: detect_line_ending(body),
        }
    }

    /// The file's text: the input byte for byte, plus whatever was set.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if self.bom {
            out.push(BOM);
        }
        for e in &self.entries {
            out.push_str(&e.raw);
        }
        out
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every assignment in file order, with the line it starts on.
    pub fn assignments(&self) -> impl Iterator<Item = (usize, &Assignment)> {
        self.entries.iter().filter_map(|e| match &e.kind {
            EntryKind::Assignment(a) => Some((e.line, a)),
            _ => None,
        })
    }

    /// Lines compose would refuse, with the reason.
    pub fn invalid_lines(&self) -> Vec<(usize, &str)> {
        self.entries
            .iter()
            .filter_map(|e| match &e.kind {
                EntryKind::Invalid(why) => Some((e.line, why.as_str())),
                _ => None,
            })
            .collect()
    }

    fn last_index(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .rposition(|e| matches!(&e.kind, EntryKind::Assignment(a) if a.key == key))
    }

    /// The assignment compose uses for `key`: the last one in the file.
    pub fn get(&self, key: &str) -> Option<&Assignment> {
        self.last_index(key).map(|i| match &self.entries[i].kind {
            EntryKind::Assignment(a) => a,
            _ => unreachable!(),
        })
    }

    /// The literal value of `key` (quotes and escapes removed, `${...}` kept).
    pub fn literal(&self, key: &str) -> Option<&str> {
        self.get(key).map(|a| a.literal.as_str())
    }

    /// Lines holding `key`, in file order; more than one means duplicates.
    pub fn lines_of(&self, key: &str) -> Vec<usize> {
        self.assignments()
            .filter(|(_, a)| a.key == key)
            .map(|(line, _)| line)
            .collect()
    }

    /// Keys that appear more than once, with their lines (the last one is used).
    pub fn duplicates(&self) -> Vec<(String, Vec<usize>)> {
        // Linear: first lines by key, borrowed; only repeated keys are copied out,
        // in the order of their first appearance.
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(self.entries.len());
        let mut repeats: HashMap<&str, Vec<usize>> = HashMap::new();
        for (line, a) in self.assignments() {
            match first.get(a.key.as_str()) {
                Some(&at) => repeats.entry(&a.key).or_insert_with(|| vec![at]).push(line),
                None => {
                    first.insert(&a.key, line);
                }
            }
        }
        let mut out: Vec<(String, Vec<usize>)> = repeats
            .into_iter()
            .map(|(k, lines)| (k.to_string(), lines))
            .collect();
        out.sort_by_key(|(_, lines)| lines[0]);
        out
    }

    /// All values as compose sees them: interpolated with the file's earlier values,
    /// the process environment (`env`) taking precedence, as compose gives it.
    pub fn resolve_all(
        &self,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<HashMap<String, String>, (usize, InterpolationError)> {
        let mut values: HashMap<String, String> = HashMap::new();
        for (line, a) in self.assignments() {
            let value = if let Some(from_env) = env(&a.key) {
                from_env
            } else if a.value_range.is_none() {
                continue;
            } else if a.interpolated() {
                let lookup = |k: &str| env(k).or_else(|| values.get(k).cloned());
                interpolate(&a.literal, &lookup).map_err(|e| (line, e))?
            } else {
                a.literal.clone()
            };
            values.insert(a.key.clone(), value);
        }
        Ok(values)
    }

    /// One resolved value (see [`EnvDocument::resolve_all`]).
    pub fn resolve(
        &self,
        key: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<String>, (usize, InterpolationError)> {
        Ok(self.resolve_all(env)?.remove(key))
    }

    /// A copy with every change applied, verified by reading it back: each changed key
    /// now reads as asked, and every other assignment reads as before.
    pub fn with_changes(&self, changes: &ChangeSet) -> Result<EnvDocument, SetError> {
        let mut doc = self.clone();
        for c in &changes.changes {
            doc.set(&c.key, &c.value)?;
        }
        let reparsed = EnvDocument::parse(&doc.render());
        reparsed.verify_against(self, changes)?;
        Ok(reparsed)
    }

    fn verify_against(&self, before: &EnvDocument, changes: &ChangeSet) -> Result<(), SetError> {
        let fail = |why: String| Err(SetError::Verification(why));
        for c in &changes.changes {
            let Some(a) = self.get(&c.key) else {
                return fail(tr!("core-env-is-missing", key = (c.key).to_string()));
            };
            let read = if a.interpolated() {
                interpolate(&a.literal, &|_| None).ok()
            } else {
                Some(a.literal.clone())
            };
            if read.as_deref() != Some(c.value.as_str()) {
                return fail(tr!(
                    "core-env-reads-not",
                    key = (c.key).to_string(),
                    read = format!("{:?}", read),
                    value = format!("{:?}", c.value)
                ));
            }
        }
        let others = |d: &EnvDocument| -> Vec<(String, Quote, String)> {
            d.assignments()
                .filter(|(_, a)| !changes.changes.iter().any(|c| c.key == a.key))
                .map(|(_, a)| (a.key.clone(), a.quote, a.literal.clone()))
                .collect()
        };
        if others(self) != others(before) {
            return fail(tr!("core-env-an-unrelated-value-changed").to_string());
        }
        if self.invalid_lines().len() != before.invalid_lines().len() {
            return fail(tr!("core-env-the-edit-broke-a-line").to_string());
        }
        Ok(())
    }

    /// Sets `key` so compose reads `value`. The last occurrence's value part is
    /// rewritten (everything else on its line kept); an absent key is added after the
    /// last key of its family (`NGINX_`, `CERTBOT_`, ...) or at the end.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), SetError> {
        let valid = !key.is_empty()
            && key
                .chars()
                .all(|c| c == '_' || c == '.' || c.is_ascii_alphanumeric());
        if !valid {
            return Err(SetError::InvalidKey(key.to_string()));
        }
        match self.last_index(key) {
            Some(i) => self.replace_value(i, value),
            None => self.insert(key, value),
        }
        Ok(())
    }

    fn replace_value(&mut self, i: usize, value: &str) {
        let entry = &mut self.entries[i];
        let EntryKind::Assignment(a) = &entry.kind else {
            unreachable!()
        };
        let mut encoded = encode_value(value, a.quote);
        match &a.value_range {
            Some(range) => {
                // Compose skips spaces after `=` before cutting at ` #`, so an empty
                // unquoted value followed by a comment would read as the comment.
                let rest = entry.raw[range.end..].trim_start_matches([' ', '\t']);
                if encoded.is_empty() && rest.starts_with('#') {
                    encoded = "''".to_string();
                }
                entry.raw.replace_range(range.clone(), &encoded)
            }
            None => {
                // An inherited `KEY` line becomes `KEY=value`, its line ending kept.
                let body_len = entry.raw.trim_end_matches(['\n', '\r']).len();
                let body = entry.raw[..body_len].trim_end();
                let ending = entry.raw[body_len..].to_string();
                entry.raw = format!("{body}={encoded}{ending}");
            }
        }
        let line = entry.line;
        let mut reparsed = parse_entries(&entry.raw);
        debug_assert_eq!(reparsed.len(), 1);
        self.entries[i] = Entry {
            line,
            ..reparsed.remove(0)
        };
    }

    fn insert(&mut self, key: &str, value: &str) {
        let nl = self.line_ending.as_str();
        let line_text = format!("{key}={}", encode_value(value, Quote::None));
        let family = key.split_inclusive('_').next().unwrap_or(key);
        let anchor = self
            .entries
            .iter()
            .rposition(|e| matches!(&e.kind, EntryKind::Assignment(a) if family.ends_with('_') && a.key.starts_with(family)));
        let (at, text) = match anchor {
            Some(i) => (i + 1, line_text),
            None => {
                let mut block = String::new();
                if let Some(header) = family_header(family) {
                    if self
                        .entries
                        .last()
                        .is_some_and(|e| e.kind != EntryKind::Blank)
                    {
                        block.push_str(nl);
                    }
                    block.push_str(header);
                    block.push_str(nl);
                }
                block.push_str(&line_text);
                (self.entries.len(), block)
            }
        };
        // A file that ends without a line break keeps ending without one.
        let before_ends_open = at > 0 && !self.entries[at - 1].raw.ends_with('\n');
        let raw = if before_ends_open {
            self.entries[at - 1].raw.push_str(nl);
            text
        } else {
            format!("{text}{nl}")
        };
        self.entries.insert(
            at,
            Entry {
                raw,
                line: 0,
                kind: EntryKind::Blank,
            },
        );
        self.renumber_and_reparse(at);
    }

    /// Re-reads the entry at `at` (it may hold a header comment and a blank line)
    /// and renumbers every line after it.
    fn renumber_and_reparse(&mut self, at: usize) {
        let inserted = parse_entries(&self.entries[at].raw);
        self.entries.splice(at..=at, inserted);
        let mut line = 1;
        for e in &mut self.entries {
            e.line = line;
            line += e.raw.matches('\n').count();
        }
    }
}

/// A comment put above the first key of a family the file does not have yet.
fn family_header(family: &str) -> Option<&'static str> {
    match family {
        "CERTBOT_" => Some(
            "# Certbot (Let's Encrypt), set by dify-https. The certbot service reads these from this file.",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_all(text: &str, pairs: &[(&str, &str)]) -> String {
        let mut cs = ChangeSet::default();
        for (k, v) in pairs {
            cs.push(*k, *v);
        }
        EnvDocument::parse(text).with_changes(&cs).unwrap().render()
    }

    #[test]
    fn untouched_document_renders_byte_for_byte() {
        let text = "\u{feff}# héllo\r\nA=1\r\n\r\nB=\"x\ny\" # c\nC='q'";
        assert_eq!(EnvDocument::parse(text).render(), text);
    }

    #[test]
    fn setting_rewrites_only_the_value_part() {
        let text = "# x\nexport  CERTBOT_DOMAIN = old.org  # the domain\nB=2\n";
        assert_eq!(
            set_all(text, &[("CERTBOT_DOMAIN", "new.org")]),
            "# x\nexport  CERTBOT_DOMAIN = new.org  # the domain\nB=2\n"
        );
    }

    #[test]
    fn quoting_style_is_kept() {
        assert_eq!(set_all("A=\"old\"\n", &[("A", "new")]), "A=\"new\"\n");
        assert_eq!(set_all("A='old'\n", &[("A", "new")]), "A='new'\n");
    }

    #[test]
    fn the_last_duplicate_is_the_one_changed() {
        let text = "A=1\nB=x\nA=2\n";
        assert_eq!(set_all(text, &[("A", "3")]), "A=1\nB=x\nA=3\n");
        assert_eq!(
            EnvDocument::parse(text).duplicates(),
            vec![("A".to_string(), vec![1, 3])]
        );
    }

    #[test]
    fn absent_keys_join_their_family() {
        let text = "NGINX_A=1\nNGINX_B=2\nOTHER=3\n";
        assert_eq!(
            set_all(text, &[("NGINX_SERVER_NAME", "x.org")]),
            "NGINX_A=1\nNGINX_B=2\nNGINX_SERVER_NAME=x.org\nOTHER=3\n"
        );
    }

    #[test]
    fn a_missing_family_gets_a_block_at_the_end() {
        let text = "A=1\n";
        assert_eq!(
            set_all(
                text,
                &[("CERTBOT_DOMAIN", "x.org"), ("CERTBOT_EMAIL", "a@x.org")]
            ),
            format!(
                "A=1\n\n{}\nCERTBOT_DOMAIN=x.org\nCERTBOT_EMAIL=a@x.org\n",
                family_header("CERTBOT_").unwrap()
            )
        );
    }

    #[test]
    fn crlf_and_missing_final_newline_survive_inserts() {
        assert_eq!(
            set_all("NGINX_A=1\r\nZ=2", &[("NGINX_B", "b"), ("ZZ", "z")]),
            "NGINX_A=1\r\nNGINX_B=b\r\nZ=2\r\nZZ=z"
        );
        assert_eq!(
            set_all("NGINX_A=1", &[("NGINX_B", "b")]),
            "NGINX_A=1\nNGINX_B=b"
        );
    }

    #[test]
    fn empty_value_on_a_crlf_line_is_filled_before_the_cr() {
        assert_eq!(
            set_all("CERTBOT_OPTIONS=\r\n", &[("CERTBOT_OPTIONS", "--dry-run")]),
            "CERTBOT_OPTIONS=--dry-run\r\n"
        );
    }

    #[test]
    fn an_empty_value_before_a_comment_is_quoted() {
        let out = set_all("A=x # note\n", &[("A", "")]);
        assert_eq!(out, "A='' # note\n");
        assert_eq!(EnvDocument::parse(&out).literal("A"), Some(""));
    }

    #[test]
    fn inherited_key_gets_a_value() {
        assert_eq!(set_all("A\nB=1\n", &[("A", "x")]), "A=x\nB=1\n");
    }

    #[test]
    fn values_needing_quotes_read_back() {
        for v in ["a #b", "$x", "it's \"q\" $y\\", " sp ", "#x"] {
            let out = set_all("A=old\n", &[("A", v)]);
            let doc = EnvDocument::parse(&out);
            assert_eq!(
                doc.resolve("A", &|_| None).unwrap().as_deref(),
                Some(v),
                "{out}"
            );
        }
    }

    #[test]
    fn resolution_follows_compose_precedence() {
        let doc = EnvDocument::parse(
            "VECTOR_STORE=qdrant\nCOMPOSE_PROFILES=${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql}\n",
        );
        assert_eq!(
            doc.resolve("COMPOSE_PROFILES", &|_| None).unwrap().unwrap(),
            "qdrant,postgresql"
        );
        let env = |k: &str| (k == "DB_TYPE").then(|| "mysql".to_string());
        assert_eq!(
            doc.resolve("COMPOSE_PROFILES", &env).unwrap().unwrap(),
            "qdrant,mysql"
        );
        // The file keeps the reference verbatim.
        assert!(doc.render().contains("${DB_TYPE:-postgresql}"));
    }

    #[test]
    fn bad_keys_are_refused() {
        let mut doc = EnvDocument::parse("");
        assert!(matches!(doc.set("A B", "x"), Err(SetError::InvalidKey(_))));
        assert!(matches!(doc.set("", "x"), Err(SetError::InvalidKey(_))));
    }
}
