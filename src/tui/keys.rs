//! Every key of every screen, as data. The key handler (`update`), the help bar and
//! the `?` overlay (`view`) all read [`bindings`], so what a key does and what the
//! screen says it does cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Screen};
use super::run_state::RunEnd;
use crate::core::dify::EnvStatus;
use crate::core::doctor::CheckStatus;
use crate::core::setup::Mode;
use crate::tr;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave, asking first when something would be lost.
    Quit,
    /// Leave at once (nothing is lost).
    Leave,
    ShowKeys,
    // Scrolling the screen's content.
    ScrollUp,
    ScrollDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    // The folder.
    Start,
    UseSettings,
    CreateEnv,
    BackToDashboard,
    // The fields and the mode.
    Next,
    Back,
    ModeUp,
    ModeDown,
    // The review and what follows.
    Apply,
    ToggleUrlUpgrade,
    RunNow,
    PlayFailure,
    RunChecked,
    CheckAgain,
    RunAnyway,
    // The run screen.
    StopRun,
    LogUp,
    LogDown,
    LogPageUp,
    LogPageDown,
    LogOldest,
    LogFollow,
    ToggleDetails,
    Retry,
    Repair,
    Schedule,
    // Importing a certificate the admin has.
    OpenImport,
    FieldUp,
    FieldDown,
    ImportNow,
    // The dashboard and its log.
    HttpsOn,
    Renew,
    OpenLog,
    OpenWizard,
}

/// A key as the user presses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        match self {
            Key::Ctrl(c) => {
                event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char(c)
                    || event.modifiers.contains(KeyModifiers::CONTROL)
                        && event.code == KeyCode::Char(c.to_ascii_uppercase())
            }
            Key::Code(code) => {
                !event.modifiers.contains(KeyModifiers::CONTROL) && event.code == code
            }
        }
    }
}

/// One line of the key table: the keys, how they are named on screen, what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    /// How the keys are named ("Enter", "↑↓", "j/k").
    pub name: &'static str,
    /// What the keys do, in a word or two.
    pub words: String,
    pub action: Action,
    /// Shown in the help bar; the others only in the `?` overlay.
    pub in_bar: bool,
    /// Named in the `?` overlay (the second arrow of `↑↓` is not named twice).
    pub listed: bool,
}

impl Binding {
    pub fn matches(&self, event: &KeyEvent) -> bool {
        self.keys.iter().any(|k| k.matches(event))
    }
}

fn bar(keys: &[Key], name: &'static str, words: String, action: Action) -> Binding {
    Binding {
        keys: keys.to_vec(),
        name,
        words,
        action,
        in_bar: true,
        listed: true,
    }
}

fn more(keys: &[Key], name: &'static str, words: String, action: Action) -> Binding {
    Binding {
        in_bar: false,
        ..bar(keys, name, words, action)
    }
}

/// Handled, named by another binding (`↓` is named with `↑` as `↑↓`).
fn quiet(key: Key, action: Action) -> Binding {
    Binding {
        in_bar: false,
        listed: false,
        ..bar(&[key], "", String::new(), action)
    }
}

use Key::{Code, Ctrl};
use KeyCode::{
    BackTab, Char, Down, End, Enter, Esc, Home, PageDown as PgDn, PageUp as PgUp, Tab, Up,
};

/// The arrows, named as the theme draws them.
pub const UP_DOWN: &str = "↑↓";

/// The content-scrolling keys; `in_bar` shows `↑↓ scroll` in the help bar.
fn scrolling(in_bar: bool) -> Vec<Binding> {
    vec![
        Binding {
            in_bar,
            ..more(
                &[Code(Up)],
                UP_DOWN,
                tr!("tui-key-scroll"),
                Action::ScrollUp,
            )
        },
        quiet(Code(Down), Action::ScrollDown),
        more(
            &[Code(Char('k'))],
            "k",
            tr!("tui-key-scroll-up"),
            Action::ScrollUp,
        ),
        more(
            &[Code(Char('j'))],
            "j",
            tr!("tui-key-scroll-down"),
            Action::ScrollDown,
        ),
        more(
            &[Code(PgUp)],
            "PgUp",
            tr!("tui-key-page-up"),
            Action::PageUp,
        ),
        more(
            &[Code(PgDn)],
            "PgDn",
            tr!("tui-key-page-down"),
            Action::PageDown,
        ),
        more(&[Code(Home)], "Home", tr!("tui-key-top"), Action::Top),
        more(&[Code(End)], "End", tr!("tui-key-end"), Action::Bottom),
    ]
}

/// The keys of the screen `app` shows now, in the order the help bar names them.
pub fn bindings(app: &App) -> Vec<Binding> {
    let scrolls = app.scroll_max.get() > 0;
    let quit_key = bar(&[Ctrl('c')], "Ctrl-C", tr!("tui-key-quit"), Action::Quit);
    let show_keys = bar(
        &[Code(Char('?'))],
        "?",
        tr!("tui-key-keys"),
        Action::ShowKeys,
    );
    let mut keys = match app.screen {
        Screen::Folder => {
            let mut k = vec![];
            if app.folder.env_status == EnvStatus::MissingWithExample {
                k.push(bar(
                    &[Code(Char('c'))],
                    "c",
                    tr!("tui-key-create-env"),
                    Action::CreateEnv,
                ));
            } else {
                if app.settings_ready() {
                    k.push(bar(
                        &[Code(Char('r'))],
                        "r",
                        tr!("tui-key-use-settings"),
                        Action::UseSettings,
                    ));
                }
                k.push(bar(
                    &[Code(Enter)],
                    "Enter",
                    tr!("tui-key-start"),
                    Action::Start,
                ));
                k.push(bar(
                    &[Code(Char('i'))],
                    "i",
                    tr!("tui-key-own-certificate"),
                    Action::OpenImport,
                ));
            }
            if app.status.is_some() {
                k.push(more(
                    &[Code(Esc)],
                    "Esc",
                    tr!("tui-key-back-to-dashboard"),
                    Action::BackToDashboard,
                ));
                k.push(bar(
                    &[Code(Char('q'))],
                    "q",
                    tr!("tui-key-quit"),
                    Action::Quit,
                ));
            } else {
                k.push(bar(
                    &[Code(Char('q')), Code(Esc)],
                    "q",
                    tr!("tui-key-quit"),
                    Action::Quit,
                ));
            }
            k.extend(scrolling(scrolls));
            k
        }
        Screen::Domain | Screen::Email => vec![
            bar(&[Code(Enter)], "Enter", tr!("tui-key-next"), Action::Next),
            bar(&[Code(Esc)], "Esc", tr!("tui-key-back"), Action::Back),
        ],
        Screen::Mode => vec![
            bar(&[Code(Up)], UP_DOWN, tr!("tui-key-mode"), Action::ModeUp),
            quiet(Code(Down), Action::ModeDown),
            bar(&[Code(Enter)], "Enter", tr!("tui-key-review"), Action::Next),
            bar(&[Code(Esc)], "Esc", tr!("tui-key-back"), Action::Back),
        ],
        Screen::Review => {
            let mut k = vec![
                bar(&[Code(Enter)], "Enter", tr!("tui-key-apply"), Action::Apply),
                more(&[Code(Char('a'))], "a", tr!("tui-key-apply"), Action::Apply),
                bar(
                    &[Code(Char('u'))],
                    "u",
                    tr!("tui-key-url-upgrade"),
                    Action::ToggleUrlUpgrade,
                ),
            ];
            k.extend(scrolling(true));
            k.push(bar(&[Code(Esc)], "Esc", tr!("tui-key-back"), Action::Back));
            k
        }
        Screen::Applied => {
            let mut k = if app.demo {
                vec![
                    bar(
                        &[Code(Char('r'))],
                        "r",
                        tr!("tui-key-play-run"),
                        Action::RunNow,
                    ),
                    bar(
                        &[Code(Char('f'))],
                        "f",
                        tr!("tui-key-play-failure"),
                        Action::PlayFailure,
                    ),
                ]
            } else {
                vec![bar(
                    &[Code(Char('r'))],
                    "r",
                    tr!("tui-key-run-now"),
                    Action::RunNow,
                )]
            };
            // Nothing is lost here (.env is written): these leave at once; Ctrl-C asks,
            // as on every screen, whether to leave before the run.
            k.push(bar(
                &[Code(Enter)],
                "Enter",
                tr!("tui-key-quit"),
                Action::Leave,
            ));
            k.push(more(
                &[Code(Esc), Code(Char('q'))],
                "Esc/q",
                tr!("tui-key-quit"),
                Action::Leave,
            ));
            k.extend(scrolling(scrolls));
            k
        }
        Screen::Checks => {
            let failed = app
                .preflight
                .as_ref()
                .is_some_and(|p| p.checks.iter().any(|c| c.status == CheckStatus::Fail));
            let mut k = vec![
                Binding {
                    in_bar: !failed,
                    ..bar(
                        &[Code(Enter)],
                        "Enter",
                        tr!("tui-key-run"),
                        Action::RunChecked,
                    )
                },
                bar(
                    &[Code(Char('c'))],
                    "c",
                    tr!("tui-key-check-again"),
                    Action::CheckAgain,
                ),
            ];
            if failed {
                k.push(bar(
                    &[Code(Char('o'))],
                    "o",
                    tr!("tui-key-run-anyway"),
                    Action::RunAnyway,
                ));
            }
            k.extend(scrolling(true));
            k.push(bar(&[Code(Esc)], "Esc", tr!("tui-key-back"), Action::Back));
            k
        }
        Screen::Run => run_bindings(app),
        Screen::Dashboard => {
            let mut k = vec![];
            if app.https_can_go_on() {
                k.push(bar(
                    &[Code(Char('h'))],
                    "h",
                    tr!("tui-key-https-on"),
                    Action::HttpsOn,
                ));
            }
            if app.repair_offered() {
                k.push(bar(
                    &[Code(Char('p'))],
                    "p",
                    tr!("tui-key-repair"),
                    Action::Repair,
                ));
            }
            // An imported certificate is replaced, not renewed.
            if app.serves_imported() {
                k.push(bar(
                    &[Code(Char('i'))],
                    "i",
                    tr!("tui-key-replace"),
                    Action::OpenImport,
                ));
            } else {
                k.push(bar(
                    &[Code(Char('r'))],
                    "r",
                    tr!("tui-key-renew"),
                    Action::Renew,
                ));
                k.push(bar(
                    &[Code(Char('i'))],
                    "i",
                    tr!("tui-key-import"),
                    Action::OpenImport,
                ));
            }
            k.extend([
                bar(
                    &[Code(Char('s'))],
                    "s",
                    tr!("tui-key-schedule"),
                    Action::Schedule,
                ),
                bar(&[Code(Char('l'))], "l", tr!("tui-key-log"), Action::OpenLog),
                bar(
                    &[Code(Char('w'))],
                    "w",
                    tr!("tui-key-wizard"),
                    Action::OpenWizard,
                ),
                bar(
                    &[Code(Char('q')), Code(Esc)],
                    "q",
                    tr!("tui-key-quit"),
                    Action::Leave,
                ),
            ]);
            k.extend(scrolling(scrolls));
            k
        }
        Screen::Import if app.import.plan.is_some() => {
            let mut k = vec![bar(
                &[Code(Enter)],
                "Enter",
                tr!("tui-key-import-now"),
                Action::ImportNow,
            )];
            k.extend(scrolling(true));
            k.push(bar(&[Code(Esc)], "Esc", tr!("tui-key-back"), Action::Back));
            k
        }
        Screen::Import => vec![
            bar(
                &[Code(Enter)],
                "Enter",
                tr!("tui-key-import-next"),
                Action::Next,
            ),
            bar(
                &[Code(Tab), Code(Down)],
                "Tab",
                tr!("tui-key-import-field"),
                Action::FieldDown,
            ),
            quiet(Code(BackTab), Action::FieldUp),
            quiet(Code(Up), Action::FieldUp),
            bar(&[Code(Esc)], "Esc", tr!("tui-key-back"), Action::Back),
        ],
        Screen::Logs => {
            let mut k = scrolling(true);
            // The log's end is its newest line.
            for b in k.iter_mut().filter(|b| b.name == "End") {
                b.in_bar = true;
                b.words = tr!("tui-key-newest");
            }
            k.push(bar(
                &[Code(Esc), Code(Char('q'))],
                "Esc",
                tr!("tui-key-back"),
                Action::BackToDashboard,
            ));
            k
        }
    };
    // The fields take typed characters: there `?` is a character, and Ctrl-C quits.
    match app.screen {
        Screen::Domain | Screen::Email | Screen::Mode => keys.push(quit_key),
        Screen::Import if app.import.plan.is_none() => keys.push(quit_key),
        Screen::Run => keys.push(show_keys),
        _ => {
            keys.push(more(
                &[Ctrl('c')],
                "Ctrl-C",
                tr!("tui-key-quit"),
                Action::Quit,
            ));
            keys.push(show_keys);
        }
    }
    // The bar shows `↑↓ scroll` second, as it always has.
    if let Some(i) = keys
        .iter()
        .position(|b| b.in_bar && b.name == UP_DOWN && matches!(b.action, Action::ScrollUp))
        && i > 1
        && matches!(
            app.screen,
            Screen::Folder | Screen::Applied | Screen::Dashboard
        )
    {
        let b = keys.remove(i);
        keys.insert(1, b);
    }
    keys
}

fn run_bindings(app: &App) -> Vec<Binding> {
    let Some(run) = app.run.as_ref() else {
        return vec![];
    };
    let log_scroll = |in_bar: bool| {
        vec![
            Binding {
                in_bar,
                ..more(&[Code(Up)], UP_DOWN, tr!("tui-key-scroll"), Action::LogUp)
            },
            quiet(Code(Down), Action::LogDown),
            more(
                &[Code(Char('k'))],
                "k",
                tr!("tui-key-scroll-up"),
                Action::LogUp,
            ),
            more(
                &[Code(Char('j'))],
                "j",
                tr!("tui-key-scroll-down"),
                Action::LogDown,
            ),
            more(
                &[Code(PgUp)],
                "PgUp",
                tr!("tui-key-page-up"),
                Action::LogPageUp,
            ),
            more(
                &[Code(PgDn)],
                "PgDn",
                tr!("tui-key-page-down"),
                Action::LogPageDown,
            ),
            more(
                &[Code(Home)],
                "Home",
                tr!("tui-key-oldest"),
                Action::LogOldest,
            ),
        ]
    };
    let details = bar(
        &[Code(Char('v'))],
        "v",
        tr!("tui-key-details"),
        Action::ToggleDetails,
    );
    if run.is_running() {
        let mut k = vec![bar(
            &[Ctrl('c')],
            "Ctrl-C",
            tr!("tui-key-stop"),
            Action::StopRun,
        )];
        k.extend(log_scroll(true));
        k.push(bar(
            &[Code(End), Code(Char('f'))],
            "End",
            tr!("tui-key-follow"),
            Action::LogFollow,
        ));
        k.push(details);
        return k;
    }
    let succeeded = matches!(run.ended, Some(RunEnd::Succeeded));
    let (leave_words, leave) = if run.renew || (app.demo && succeeded) {
        (
            if run.renew {
                tr!("tui-key-back")
            } else {
                tr!("tui-key-dashboard")
            },
            Action::BackToDashboard,
        )
    } else {
        (tr!("tui-key-quit"), Action::Leave)
    };
    let mut k = vec![];
    if run.can_retry() {
        k.push(bar(
            &[Code(Char('t'))],
            "t",
            tr!("tui-key-try-again"),
            Action::Retry,
        ));
    }
    k.push(bar(&[Code(Enter)], "Enter", leave_words.clone(), leave));
    k.push(more(
        &[Code(Esc), Code(Char('q'))],
        "Esc/q",
        leave_words,
        leave,
    ));
    if succeeded && !run.renew && (run.mode == Mode::Production || app.demo) {
        k.push(bar(
            &[Code(Char('s'))],
            "s",
            tr!("tui-key-schedule"),
            Action::Schedule,
        ));
    }
    k.extend(log_scroll(true));
    k.push(more(
        &[Code(End), Code(Char('f'))],
        "End",
        tr!("tui-key-follow"),
        Action::LogFollow,
    ));
    k.push(details);
    k.push(more(
        &[Ctrl('c')],
        "Ctrl-C",
        tr!("tui-key-quit"),
        Action::Leave,
    ));
    k
}

/// What `event` does on the screen `app` shows (`None`: nothing, or a typed character).
pub fn action_for(app: &App, event: &KeyEvent) -> Option<Action> {
    bindings(app)
        .into_iter()
        .find(|b| b.matches(event))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::{App, FolderSummary};
    use crate::tui::theme::Theme;

    fn app() -> App {
        let folder = FolderSummary {
            label: "/srv/dify/docker".into(),
            compose_file: "docker-compose.yaml".into(),
            env_status: EnvStatus::Present,
            env_lines: 1,
            layout: None,
            current: vec![],
            notes: vec![],
            project: "dify".into(),
        };
        App::new(
            folder,
            None,
            Theme {
                color: true,
                unicode: true,
            },
            false,
        )
    }

    #[test]
    fn no_key_is_bound_twice_on_a_screen() {
        let mut a = app();
        for screen in [
            Screen::Folder,
            Screen::Domain,
            Screen::Email,
            Screen::Mode,
            Screen::Review,
            Screen::Applied,
            Screen::Checks,
            Screen::Dashboard,
            Screen::Logs,
        ] {
            a.screen = screen;
            let keys: Vec<Key> = bindings(&a).into_iter().flat_map(|b| b.keys).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{k:?} twice on {screen:?}");
            }
        }
    }

    #[test]
    fn typing_on_a_field_is_never_taken_by_a_key() {
        let mut a = app();
        a.screen = Screen::Domain;
        for c in "qrs?jkdify.acmecorp.io".chars() {
            let e = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(action_for(&a, &e), None, "{c}");
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&a, &ctrl_c), Some(Action::Quit));
    }
}
