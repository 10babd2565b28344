//! Properties of the lossless `.env` document over generated files, checked against
//! adotenv's compose dialect (an independent lossless parser) as an oracle, and
//! against dotenvy where dotenvy is right.

use dify_https::core::envfile::interpolate::interpolate;
use dify_https::core::envfile::{ChangeSet, EntryKind, EnvDocument};
use proptest::prelude::*;

/// What compose reads for `key` when the value has no references: the test's notion
/// of "reads back".
fn read(doc: &EnvDocument, key: &str) -> Option<String> {
    let a = doc.get(key)?;
    if a.interpolated() {
        interpolate(&a.literal, &|_| None).ok()
    } else {
        Some(a.literal.clone())
    }
}

const KEYS: &[&str] = &[
    "A",
    "B_1",
    "NGINX_PORT",
    "NGINX_X",
    "CERTBOT_DOMAIN",
    "CERTBOT_EMAIL",
    "K.dot",
    "lower",
];

fn key() -> impl Strategy<Value = String> {
    prop::sample::select(KEYS).prop_map(str::to_string)
}

/// An unquoted value compose and adotenv read the same way (no `$`, no ` #`).
fn plain_value() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_./:+=@,%-]{0,6}( [A-Za-z0-9_./:+=@,%-]{1,6}){0,2}"
}

fn statement(oracle_safe: bool) -> impl Strategy<Value = String> {
    let unquoted = (
        prop::bool::ANY,
        key(),
        plain_value(),
        prop::option::of("[a-z ]{0,8}"),
    )
        .prop_map(|(export, k, v, comment)| {
            let prefix = if export { "export " } else { "" };
            let comment = comment.map(|c| format!(" # {c}")).unwrap_or_default();
            format!("{prefix}{k}={v}{comment}")
        });
    let single = (key(), "[^'\n\r\\\\]{0,8}").prop_map(|(k, v)| format!("{k}='{v}'"));
    let double = (
        key(),
        prop::collection::vec(
            prop_oneof![
                "[A-Za-z0-9 #.,'é]{1,4}",
                Just("\\\"".to_string()),
                Just("\\\\".to_string()),
                Just("\\n".to_string())
            ],
            0..4,
        ),
    )
        .prop_map(|(k, parts)| format!("{k}=\"{}\"", parts.concat()));
    let comment = "#[^\n\r]{0,12}".prop_map(|c| c);
    let blank = "[ \t]{0,3}".prop_map(|c| c);
    let spaced = (key(), plain_value()).prop_map(|(k, v)| format!("  {k} = {v}"));
    let dollar = (key(), "[A-Z]{1,4}").prop_map(|(k, v)| format!("{k}=${{{v}:-d}}x"));
    if oracle_safe {
        prop_oneof![unquoted, single, double, comment, blank, spaced].boxed()
    } else {
        prop_oneof![unquoted, single, double, comment, blank, spaced, dollar].boxed()
    }
}

/// A whole file: statements, one line ending style, maybe a BOM, maybe no final newline.
fn env_file(oracle_safe: bool) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(statement(oracle_safe), 0..14),
        prop::bool::ANY,
        prop::bool::ANY,
        prop::bool::ANY,
    )
        .prop_map(|(lines, crlf, bom, final_newline)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(&lines.join(nl));
            if final_newline && !lines.is_empty() {
                text.push_str(nl);
            }
            text
        })
}

/// Values to set: anything a user could type, special characters included.
fn any_value() -> impl Strategy<Value = String> {
    prop_oneof![
        plain_value(),
        "[ -~]{0,10}",
        "[a-z$'\"\\\\# \t\né]{0,8}",
        Just("${NOT_EXPANDED}".to_string()),
        Just("trailing\\".to_string()),
    ]
}

fn set_key() -> impl Strategy<Value = String> {
    prop_oneof![
        key(),
        "NEW_[A-Z]{1,3}",
        "CERTBOT_[A-Z]{1,3}",
        "NGINX_[A-Z]{1,3}"
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_renders_back_byte_for_byte(text in "\\PC{0,40}(\r?\n\\PC{0,40}){0,6}") {
        prop_assert_eq!(EnvDocument::parse(&text).render(), text);
    }

    #[test]
    fn generated_files_render_back_byte_for_byte(text in env_file(false)) {
        prop_assert_eq!(EnvDocument::parse(&text).render(), text);
    }

    #[test]
    fn sets_read_back_and_leave_every_other_line_alone(
        text in env_file(false),
        sets in prop::collection::vec((set_key(), any_value()), 1..6),
    ) {
        let before = EnvDocument::parse(&text);
        let mut changes = ChangeSet::default();
        for (k, v) in &sets {
            changes.push(k.clone(), v.clone());
        }
        let after = before.with_changes(&changes).expect("verified edit");
        let rendered = after.render();

        // Every set key reads back as set (the last set of a key wins).
        for c in &changes.changes {
            prop_assert_eq!(read(&after, &c.key), Some(c.value.clone()), "{}", rendered);
        }

        // Every line not rewritten stays, in order, byte for byte (a last line that
        // had no line break may have gained one when a key was appended after it).
        let rewritten: Vec<usize> = changes.changes.iter().filter_map(|c| {
            before.entries().iter().rposition(|e| matches!(&e.kind, EntryKind::Assignment(a) if a.key == c.key))
        }).collect();
        let kept: Vec<&str> = before.entries().iter().enumerate()
            .filter(|(i, _)| !rewritten.contains(i))
            .map(|(_, e)| e.raw.trim_end_matches(['\r', '\n']))
            .collect();
        let out: Vec<&str> = after.entries().iter().map(|e| e.raw.trim_end_matches(['\r', '\n'])).collect();
        let mut it = out.iter();
        for line in &kept {
            prop_assert!(it.any(|o| o == line), "line {:?} lost in\n{}", line, rendered);
        }

        // The BOM, the line-ending style and a missing final newline survive.
        prop_assert_eq!(rendered.starts_with('\u{feff}'), text.starts_with('\u{feff}'));
        if text.contains("\r\n") && !text.replace("\r\n", "").contains('\n') {
            prop_assert!(!rendered.replace("\r\n", "").contains('\n'), "LF added to a CRLF file:\n{:?}", rendered);
        }
        let body = text.trim_start_matches('\u{feff}');
        if !body.is_empty() && !body.ends_with('\n') {
            prop_assert!(!rendered.ends_with('\n'));
        }
    }

    #[test]
    fn adotenv_compose_dialect_reads_what_we_read(text in env_file(true)) {
        let ours = EnvDocument::parse(&text);
        let (theirs, _) = adotenv::parse_with(&text, adotenv::Dialect::COMPOSE);
        for (_, a) in ours.assignments() {
            let last = ours.get(&a.key).unwrap();
            prop_assert_eq!(theirs.get(&a.key), Some(last.literal.as_str()), "{:?}", text);
        }
    }

    #[test]
    fn adotenv_reads_our_edits_as_intended(
        text in env_file(true),
        sets in prop::collection::vec((set_key(), any_value().prop_filter("no $", |v| !v.contains('$'))), 1..5),
    ) {
        let mut changes = ChangeSet::default();
        for (k, v) in &sets {
            changes.push(k.clone(), v.clone());
        }
        let rendered = EnvDocument::parse(&text).with_changes(&changes).unwrap().render();
        let (theirs, diagnostics) = adotenv::parse_with(&rendered, adotenv::Dialect::COMPOSE);
        prop_assert!(diagnostics.iter().all(|d| d.severity() != adotenv::Severity::Error), "{:?}\n{}", diagnostics, rendered);
        for c in &changes.changes {
            prop_assert_eq!(theirs.get(&c.key), Some(c.value.as_str()), "{}", rendered);
        }
    }

    #[test]
    fn dotenvy_agrees_on_the_plain_lines_it_accepts(
        pairs in prop::collection::vec((key(), "[A-Za-z0-9_./:+@,-]{0,10}"), 1..8),
    ) {
        let text: String = pairs.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        let ours = EnvDocument::parse(&text);
        // dotenvy yields every line; the last one per key is what counts.
        let theirs: std::collections::HashMap<String, String> =
            dotenvy::from_read_iter(text.as_bytes()).map(Result::unwrap).collect();
        prop_assert_eq!(theirs.len(), ours.assignments().map(|(_, a)| &a.key).collect::<std::collections::HashSet<_>>().len());
        for (k, v) in &theirs {
            prop_assert_eq!(ours.literal(k), Some(v.as_str()));
        }
    }
}

/// Where dotenvy and compose part ways on Dify's own files: pinned, so a change in
/// either is noticed.
#[test]
fn dotenvy_is_not_a_reader_for_difys_env() {
    let dify = "NGINX_SSL_PROTOCOLS=TLSv1.2 TLSv1.3\nCOMPOSE_PROFILES=${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql}\n";
    let ours = EnvDocument::parse(dify);
    assert_eq!(ours.literal("NGINX_SSL_PROTOCOLS"), Some("TLSv1.2 TLSv1.3"));
    assert_eq!(
        ours.resolve("COMPOSE_PROFILES", &|_| None)
            .unwrap()
            .as_deref(),
        Some("weaviate,postgresql")
    );

    let mut it = dotenvy::from_read_iter("NGINX_SSL_PROTOCOLS=TLSv1.2 TLSv1.3\n".as_bytes());
    assert!(
        it.next().unwrap().is_err(),
        "dotenvy rejects unquoted values with spaces"
    );

    let profiles: Vec<(String, String)> = dotenvy::from_read_iter(
        "COMPOSE_PROFILES=${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql}\n".as_bytes(),
    )
    .map(Result::unwrap)
    .collect();
    assert_ne!(
        profiles[0].1, "weaviate,postgresql",
        "dotenvy does not apply compose's defaults"
    );
}
