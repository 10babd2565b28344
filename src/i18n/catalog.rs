//! The catalogs: one Fluent file per language, built into the binary and parsed once.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::Lang;

pub(crate) const ENGLISH: &str = include_str!("../../assets/i18n/en.ftl");
pub(crate) const CHINESE: &str = include_str!("../../assets/i18n/zh-CN.ftl");

/// A message's argument: words, or a number (the catalog may choose a plural form by it).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

/// What may be passed to a message.
pub trait ToArg {
    fn to_arg(&self) -> Arg;
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg {
        (**self).to_arg()
    }
}

impl ToArg for str {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl ToArg for String {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.clone())
    }
}

impl ToArg for Cow<'_, str> {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl ToArg for char {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl ToArg for std::path::Display<'_> {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_string())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(&self) -> Arg {
                Arg::Number(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// A language's catalog, parsed the first time it is needed (a run in English never
/// parses the Chinese one).
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static ENGLISH_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static CHINESE_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    match lang {
        Lang::En => ENGLISH_BUNDLE.get_or_init(|| build(Lang::En, ENGLISH)),
        Lang::ZhCn => CHINESE_BUNDLE.get_or_init(|| build(Lang::ZhCn, CHINESE)),
    }
}

fn build(lang: Lang, source: &'static str) -> FluentBundle<FluentResource> {
    let tag: LanguageIdentifier = lang.tag().parse().expect("a valid language tag");
    // A broken catalog is caught by the catalog tests; what parses is used.
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // No Unicode isolation marks around arguments: they would land on the terminal.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The message `id` in this thread's language, with its arguments filled in. A
/// message missing in Chinese falls back to English; one missing in both is a bug
/// (the catalog tests find it) and shows its id.
pub fn message(id: &str, args: &[(&str, Arg)]) -> String {
    let lang = super::current();
    format_in(lang, id, args)
        .or_else(|| {
            (lang != Lang::En)
                .then(|| format_in(Lang::En, id, args))
                .flatten()
        })
        .unwrap_or_else(|| {
            debug_assert!(false, "no message {id} in the catalog");
            id.to_string()
        })
}

fn format_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, arg) in args {
        let value = match arg {
            Arg::Text(text) => FluentValue::from(text.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = vec![];
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    debug_assert!(errors.is_empty(), "message {id}: {errors:?}");
    Some(text.into_owned())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Each message's id and the arguments it uses.
    fn messages(source: &str, file: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("{file} does not parse: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_vars(p, &mut vars);
                    }
                    assert!(
                        out.insert(m.id.name.to_string(), vars).is_none(),
                        "{file}: {} twice",
                        m.id.name
                    );
                }
                ast::Entry::Term(t) => panic!("{file}: terms are not used ({})", t.id.name),
                ast::Entry::Junk { content } => panic!("{file}: cannot parse {content:?}"),
                _ => {}
            }
        }
        out
    }

    fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for element in &p.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
            ast::Expression::Inline(i) => inline_vars(i, vars),
        }
    }

    fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            ast::InlineExpression::StringLiteral { .. } => {}
            other => panic!("only arguments and string literals are used: {other:?}"),
        }
    }

    #[test]
    fn every_message_is_in_both_languages_with_the_same_arguments() {
        let en = messages(ENGLISH, "en.ftl");
        let zh = messages(CHINESE, "zh-CN.ftl");
        let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(only_en.is_empty(), "missing in zh-CN.ftl: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en.ftl: {only_zh:?}");
        let differ: Vec<_> = en
            .iter()
            .filter(|(id, vars)| zh[*id] != **vars)
            .map(|(id, vars)| format!("{id}: en {vars:?}, zh-CN {:?}", zh[id]))
            .collect();
        assert!(
            differ.is_empty(),
            "arguments differ:\n{}",
            differ.join("\n")
        );
    }

    /// The ids the code names (`tr!("id"`), in every source file.
    fn ids_in_code() -> BTreeSet<String> {
        fn walk(dir: &std::path::Path, ids: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, ids);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (i, _) in text.match_indices("tr!(") {
                        // `tr!(`, not `include_str!(` nor this very search.
                        let before = text[..i].chars().next_back();
                        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"') {
                            continue;
                        }
                        let rest = text[i + 4..].trim_start();
                        if let Some(rest) = rest.strip_prefix('"') {
                            let id = &rest[..rest.find('"').unwrap()];
                            ids.insert(id.to_string());
                        }
                    }
                }
            }
        }
        let mut ids = BTreeSet::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut ids,
        );
        ids
    }

    #[test]
    fn the_code_names_only_messages_that_exist_and_every_message_is_used() {
        let en = messages(ENGLISH, "en.ftl");
        let used = ids_in_code();
        // The macro's own documentation example.
        let missing: Vec<_> = used
            .iter()
            .filter(|id| *id != "id" && !en.contains_key(*id))
            .collect();
        assert!(
            missing.is_empty(),
            "named in code, not in en.ftl: {missing:?}"
        );
        let unused: Vec<_> = en.keys().filter(|id| !used.contains(*id)).collect();
        assert!(unused.is_empty(), "in en.ftl, never used: {unused:?}");
    }

    #[test]
    fn each_language_says_its_own_words_and_plurals_follow_the_language() {
        let locale = "C".to_string();
        let en = crate::i18n::with_lang(Lang::En, || crate::tr!("lang-not-utf8", locale));
        let zh = crate::i18n::with_lang(Lang::ZhCn, || crate::tr!("lang-not-utf8", locale));
        assert!(
            en.starts_with("dify-https: the locale (C) is not UTF-8"),
            "{en}"
        );
        assert!(zh.contains("不是 UTF-8"), "{zh}");
        assert!(!zh.contains('\u{2068}'), "no isolation marks");
    }
}
