//! The words a person reads, in their language: English (the default) and Simplified
//! Chinese. Every sentence is a message in one catalog per language
//! (`assets/i18n/<lang>.ftl`, Project Fluent's format: plurals follow each language's
//! CLDR rules); code names a message and its arguments with [`tr!`].
//!
//! The language is chosen once at start ([`choose`]) and set as the process default;
//! a thread may override it (tests render both languages side by side, and a worker
//! takes its spawner's language with [`current`] / [`set_thread`]).
//!
//! Machine output (`--json`, Prometheus, the first word of `--check`, exit codes)
//! never goes through here.

mod catalog;
mod choose;
pub mod import_words;

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

pub use catalog::{Arg, ToArg, message};
#[cfg(test)]
pub use choose::test_env;
pub use choose::{Choice, ChoiceNote, UnknownLanguage, choose, parse_language, utf8_locale};

/// A language dify-https speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// Its BCP 47 tag, as `--lang` takes it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::ZhCn => 1,
        }
    }

    fn from_index(i: u8) -> Lang {
        if i == 1 { Lang::ZhCn } else { Lang::En }
    }
}

static DEFAULT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static THREAD: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The process's language (set once at start, before any thread is spawned).
pub fn set_default(lang: Lang) {
    DEFAULT.store(lang.index(), Ordering::Relaxed);
}

/// This thread's language: its own if set, else the process's.
pub fn current() -> Lang {
    THREAD
        .with(Cell::get)
        .unwrap_or_else(|| Lang::from_index(DEFAULT.load(Ordering::Relaxed)))
}

/// Sets this thread's language (a worker takes its spawner's `current()`).
pub fn set_thread(lang: Lang) {
    THREAD.with(|t| t.set(Some(lang)));
}

/// Runs `f` with this thread in `lang`, then puts the thread's language back.
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = THREAD.with(|t| t.replace(Some(lang)));
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD.with(|t| t.set(self.0));
        }
    }
    let _restore = Restore(before);
    f()
}

/// `text` followed by spaces up to `width` display columns (a Chinese character counts
/// two), for labels in a column; a longer text is left as it is.
pub fn pad_to(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// A message from the catalog in this thread's language: `tr!("id")`, or with named
/// arguments `tr!("id", domain, days = left)` (a bare name passes the variable of
/// that name). Numbers stay numbers, so the catalog can choose a plural form.
#[macro_export]
macro_rules! tr {
    (@value $name:ident) => {
        $name
    };
    (@value $name:ident, $value:expr) => {
        $value
    };
    ($id:literal) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($name:ident $(= $value:expr)?),+ $(,)?) => {
        $crate::i18n::message(
            $id,
            &[$((
                stringify!($name),
                $crate::i18n::ToArg::to_arg(&$crate::tr!(@value $name $(, $value)?)),
            )),+],
        )
    };
}
