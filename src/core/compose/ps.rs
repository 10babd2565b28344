//! Which services run: `compose ps --services --filter status=running` in the folder.

use std::path::Path;

use super::capture::capture;
use super::command::ComposeCommand;

/// The running services, or the command's output when it failed (for a diagnosis).
pub fn running_services(
    compose: &ComposeCommand,
    folder: &Path,
    profiles: &[String],
    extra_env: &[(String, String)],
) -> Result<Vec<String>, Vec<String>> {
    let inv = compose.invocation(
        folder,
        profiles,
        &["ps", "--services", "--filter", "status=running"],
    );
    match capture(&inv, extra_env) {
        Ok((true, lines)) => Ok(lines.into_iter().filter(|l| !l.is_empty()).collect()),
        Ok((false, lines)) => Err(lines),
        Err(why) => Err(vec![why]),
    }
}
