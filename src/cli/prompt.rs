//! Yes/no questions on the terminal, only when there is one.

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
        Some(false) => Err(super::Failure::runtime(format!("not done: {unchanged}"))),
        None => Err(super::Failure::usage(format!(
            "not done: there is no terminal to ask on, and {unchanged}. Run again with --yes to go ahead without asking"
        ))),
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
    let what = format!(
        "the compose project \"{}\" also has containers from {}: compose would stop, recreate and exec in them from here. Give this install its own name (COMPOSE_PROJECT_NAME={} in its .env)",
        o.project,
        o.other_folders.join(", "),
        o.suggested_name
    );
    if ok {
        eprintln!("warning: {what}; going ahead (--other-install-ok)");
        return Ok(());
    }
    eprintln!("{what}.");
    match confirm("Act on that project anyway?") {
        Some(true) => Ok(()),
        Some(false) => Err(super::Failure::runtime(format!("not done: {unchanged}"))),
        None => Err(super::Failure::usage(format!(
            "{what}, or run again with --other-install-ok. {unchanged}"
        ))),
    }
}
