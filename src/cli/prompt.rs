//! Yes/no questions on the terminal, only when there is one.

use super::strings::prompt as S;
use std::io::{self, BufRead, IsTerminal, Write};

/// Asks `question` when stdin and stderr are terminals; `None` when nobody can answer.
pub fn confirm(question: &str) -> Option<bool> {
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return None;
    }
    eprint!("{question} [y/N] ");
    let _ = io::stderr().flush();
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line).ok()?;
    Some(matches!(line.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// The user's yes to `question`: `--yes` gives it, else the terminal asks. A no is
/// exit 1, no terminal to ask on is exit 2 naming `--yes`; both end with
/// `unchanged` (what was left as it was).
pub fn approve(question: &str, yes: bool, unchanged: &str) -> Result<(), super::Failure> {
    if yes {
        return Ok(());
    }
    match confirm(question) {
        Some(true) => Ok(()),
        Some(false) => Err(super::Failure::runtime(S::not_done(unchanged))),
        None => Err(super::Failure::usage(S::not_done_no_terminal(unchanged))),
    }
}

/// Before compose acts: another install's containers under this project name are
/// touched only with `ok` (the command's `--other-install-ok`) or a yes at the terminal.
pub fn allow_other_install(
    other: Option<crate::core::run::OtherInstall>,
    ok: bool,
    unchanged: &str,
) -> Result<(), super::Failure> {
    let Some(o) = other else { return Ok(()) };
    let what = S::other_install(&o.project, &o.other_folders.join(", "), &o.suggested_name);
    if ok {
        eprintln!("{}", S::going_ahead(&what));
        return Ok(());
    }
    eprintln!("{what}.");
    match confirm(&S::act_anyway()) {
        Some(true) => Ok(()),
        Some(false) => Err(super::Failure::runtime(S::not_done(unchanged))),
        None => Err(super::Failure::usage(S::other_install_no_terminal(
            &what, unchanged,
        ))),
    }
}
