//! Colours and symbols, chosen once at start: `NO_COLOR` turns colour off (the words
//! and bold/reverse carry the meaning), a non-UTF-8 locale gets ASCII symbols and borders.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub unicode: bool,
}

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// From the environment: `NO_COLOR` (any non-empty value) and the locale variables.
    pub fn from_env(var: &dyn Fn(&str) -> Option<String>) -> Theme {
        let color = var("NO_COLOR").is_none_or(|v| v.is_empty());
        let unicode = crate::i18n::utf8_locale(var);
        Theme { color, unicode }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn added(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn removed(&self) -> Style {
        self.fg(Color::Red)
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.unicode {
            border::ROUNDED
        } else {
            ASCII_BORDER
        }
    }
    pub fn check(&self) -> &'static str {
        // Not "+": that is the ASCII box corner and the diff's added line.
        if self.unicode { "✓" } else { "ok" }
    }
    pub fn cross(&self) -> &'static str {
        if self.unicode { "✗" } else { "x" }
    }
    pub fn bang(&self) -> &'static str {
        "!"
    }
    pub fn arrow(&self) -> &'static str {
        if self.unicode { "→" } else { "->" }
    }
    pub fn sep(&self) -> &'static str {
        if self.unicode { "›" } else { ">" }
    }
    pub fn bullet(&self) -> &'static str {
        if self.unicode { "•" } else { "*" }
    }
    pub fn ellipsis(&self) -> &'static str {
        if self.unicode { "…" } else { "..." }
    }
    pub fn radio(&self, on: bool) -> &'static str {
        match (self.unicode, on) {
            (true, true) => "◉",
            (true, false) => "○",
            (false, true) => "(*)",
            (false, false) => "( )",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::test_env as env;

    #[test]
    fn no_color_and_locale_are_read() {
        assert_eq!(
            Theme::from_env(&env(&[("LANG", "en_US.UTF-8")])),
            Theme {
                color: true,
                unicode: true
            }
        );
        assert_eq!(
            Theme::from_env(&env(&[("NO_COLOR", "1"), ("LANG", "C")])),
            Theme {
                color: false,
                unicode: false
            }
        );
        // An empty NO_COLOR does not count; LC_ALL wins over LANG.
        assert_eq!(
            Theme::from_env(&env(&[
                ("NO_COLOR", ""),
                ("LC_ALL", "C"),
                ("LANG", "en_US.utf8")
            ])),
            Theme {
                color: true,
                unicode: false
            }
        );
    }

    #[test]
    fn without_color_styles_carry_no_colour() {
        let t = Theme {
            color: false,
            unicode: true,
        };
        for s in [
            t.accent(),
            t.dim(),
            t.ok(),
            t.warn(),
            t.error(),
            t.added(),
            t.removed(),
            t.key(),
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
    }
}
