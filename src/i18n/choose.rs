//! Which language to speak: `--lang` / `DIFY_HTTPS_LANG` if given, else the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set). A locale that is not UTF-8
//! (`LANG=C`) gets English whatever was asked: its terminal may not show Chinese.

use super::Lang;

/// The language chosen, and why it may not be the one asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    pub note: Option<ChoiceNote>,
}

/// Why the language asked for is not spoken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceNote {
    /// Chinese was asked for, but the locale (named) is not UTF-8.
    NotUtf8 { asked: Lang, locale: String },
}

/// A `--lang` value dify-https does not speak.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language \"{0}\": dify-https speaks en and zh-CN")]
pub struct UnknownLanguage(pub String);

/// A `--lang` value: `en`, `zh-CN` (also `zh`, `zh_CN`, `zh-SG`, `zh-Hans`, any case).
pub fn parse_language(value: &str) -> Result<Lang, UnknownLanguage> {
    locale_language(value).ok_or_else(|| UnknownLanguage(value.to_string()))
}

/// The language a locale or tag names, if dify-https speaks it.
fn locale_language(value: &str) -> Option<Lang> {
    let name = value
        .split(['.', '@'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
        .replace('_', "-");
    let mut parts = name.split('-');
    match (parts.next(), parts.next()) {
        (Some("zh"), None | Some("cn" | "sg" | "hans")) => Some(Lang::ZhCn),
        (Some("en"), _) => Some(Lang::En),
        (Some("c" | "posix"), None) => Some(Lang::En),
        _ => None,
    }
}

/// Whether the locale's characters are UTF-8 (`LC_ALL`, `LC_CTYPE`, `LANG`).
pub fn utf8_locale(var: &dyn Fn(&str) -> Option<String>) -> bool {
    let locale = locale_of(var, &["LC_ALL", "LC_CTYPE", "LANG"]).to_ascii_lowercase();
    locale.contains("utf-8") || locale.contains("utf8")
}

fn locale_of(var: &dyn Fn(&str) -> Option<String>, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()))
        .unwrap_or_default()
}

/// The language to speak: `asked` (from `--lang` or `DIFY_HTTPS_LANG`, already parsed)
/// wins over the locale; Chinese needs a UTF-8 locale.
pub fn choose(asked: Option<Lang>, var: &dyn Fn(&str) -> Option<String>) -> Choice {
    let messages = locale_of(var, &["LC_ALL", "LC_MESSAGES", "LANG"]);
    let from_locale = || match locale_language(&messages) {
        Some(Lang::ZhCn) => Lang::ZhCn,
        _ => Lang::En,
    };
    let wanted = asked.unwrap_or_else(from_locale);
    if wanted != Lang::En && !utf8_locale(var) {
        let ctype = locale_of(var, &["LC_ALL", "LC_CTYPE", "LANG"]);
        return Choice {
            lang: Lang::En,
            note: Some(ChoiceNote::NotUtf8 {
                asked: wanted,
                locale: if ctype.is_empty() { "C".into() } else { ctype },
            }),
        };
    }
    Choice {
        lang: wanted,
        note: None,
    }
}

/// An environment of `pairs`, for tests of what reads the locale.
#[cfg(test)]
pub fn test_env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::test_env as env;

    #[test]
    fn the_locale_chooses_when_nothing_is_asked() {
        for (locale, lang) in [
            ("zh_CN.UTF-8", Lang::ZhCn),
            ("zh_SG.UTF-8", Lang::ZhCn),
            ("zh_Hans.utf8", Lang::ZhCn),
            ("zh_Hans_CN.UTF-8", Lang::ZhCn),
            ("en_US.UTF-8", Lang::En),
            ("de_DE.UTF-8", Lang::En),
            // Traditional Chinese is not spoken: English, not Simplified.
            ("zh_TW.UTF-8", Lang::En),
            ("zh_HK.UTF-8", Lang::En),
        ] {
            let choice = choose(None, &env(&[("LANG", locale)]));
            assert_eq!(choice, Choice { lang, note: None }, "{locale}");
        }
    }

    #[test]
    fn lc_all_then_lc_messages_then_lang() {
        let var = env(&[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(choose(None, &var).lang, Lang::ZhCn);
        let var = env(&[
            ("LC_ALL", "en_US.UTF-8"),
            ("LC_MESSAGES", "zh_CN.UTF-8"),
            ("LANG", "zh_CN.UTF-8"),
        ]);
        assert_eq!(choose(None, &var).lang, Lang::En);
        // An empty variable does not count.
        let var = env(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(choose(None, &var).lang, Lang::ZhCn);
    }

    #[test]
    fn asking_wins_over_the_locale() {
        let var = env(&[("LANG", "en_US.UTF-8")]);
        assert_eq!(choose(Some(Lang::ZhCn), &var).lang, Lang::ZhCn);
        let var = env(&[("LANG", "zh_CN.UTF-8")]);
        assert_eq!(choose(Some(Lang::En), &var).lang, Lang::En);
    }

    #[test]
    fn no_chinese_without_utf8_whatever_is_asked_and_a_note_says_why() {
        for vars in [
            &[("LANG", "C")][..],
            &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")][..],
            &[][..],
        ] {
            let choice = choose(Some(Lang::ZhCn), &env(vars));
            assert_eq!(choice.lang, Lang::En, "{vars:?}");
            assert!(
                matches!(
                    choice.note,
                    Some(ChoiceNote::NotUtf8 {
                        asked: Lang::ZhCn,
                        ..
                    })
                ),
                "{vars:?}"
            );
        }
        // A GB18030 Chinese locale is not UTF-8 either.
        let choice = choose(None, &env(&[("LANG", "zh_CN.GB18030")]));
        assert_eq!(choice.lang, Lang::En);
        assert!(choice.note.is_some());
        // English in LANG=C needs no note.
        assert_eq!(
            choose(None, &env(&[("LANG", "C")])),
            Choice {
                lang: Lang::En,
                note: None
            }
        );
    }

    #[test]
    fn lang_values() {
        for ok in [
            "zh-CN",
            "zh_CN",
            "zh",
            "ZH-cn",
            "zh-Hans",
            "zh-SG",
            "zh_CN.UTF-8",
        ] {
            assert_eq!(parse_language(ok), Ok(Lang::ZhCn), "{ok}");
        }
        for ok in ["en", "en-US", "EN", "en_GB.UTF-8"] {
            assert_eq!(parse_language(ok), Ok(Lang::En), "{ok}");
        }
        for bad in ["fr", "zh-TW", "", "chinese"] {
            let err = parse_language(bad).unwrap_err();
            assert!(err.to_string().contains("en and zh-CN"), "{bad}");
        }
    }
}
