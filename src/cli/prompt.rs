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
