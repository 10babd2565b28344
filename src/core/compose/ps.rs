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
    services_with_status(compose, folder, profiles, extra_env, "running")
}

/// Whether the stack of `folder` runs, with the profiles `doc` enables (compose's `ps`).
/// When compose cannot say, it is taken as running: what follows is tried and says why
/// it fails. A stack that does not run is left so (its next start reads `.env`).
pub fn stack_runs(
    compose: &ComposeCommand,
    folder: &Path,
    doc: &crate::core::envfile::EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
    extra_env: &[(String, String)],
) -> bool {
    let profiles = super::profiles_with_certbot(doc, env).unwrap_or_default();
    running_services(compose, folder, &profiles, extra_env).map_or(true, |s| !s.is_empty())
}

/// The services whose containers are in `status` (`running`, `restarting`, ...).
pub fn services_with_status(
    compose: &ComposeCommand,
    folder: &Path,
    profiles: &[String],
    extra_env: &[(String, String)],
    status: &str,
) -> Result<Vec<String>, Vec<String>> {
    let filter = format!("status={status}");
    let inv = compose.invocation(folder, profiles, &["ps", "--services", "--filter", &filter]);
    match capture(&inv, extra_env) {
        Ok((true, lines)) => Ok(lines.into_iter().filter(|l| !l.is_empty()).collect()),
        Ok((false, lines)) => Err(lines),
        Err(why) => Err(vec![why]),
    }
}

/// The services that have a container in any state (`ps -a`: running, restarting,
/// exited, created...).
pub fn services_with_containers(
    compose: &ComposeCommand,
    folder: &Path,
    profiles: &[String],
    extra_env: &[(String, String)],
) -> Result<Vec<String>, Vec<String>> {
    let inv = compose.invocation(folder, profiles, &["ps", "-a", "--services"]);
    match capture(&inv, extra_env) {
        Ok((true, lines)) => Ok(lines.into_iter().filter(|l| !l.is_empty()).collect()),
        Ok((false, lines)) => Err(lines),
        Err(why) => Err(vec![why]),
    }
}

/// The last `n` lines `service` logged (`compose logs --tail n`), empty when compose
/// cannot tell.
pub fn service_log_tail(
    compose: &ComposeCommand,
    folder: &Path,
    profiles: &[String],
    extra_env: &[(String, String)],
    service: &str,
    n: usize,
) -> Vec<String> {
    let tail = n.to_string();
    let inv = compose.invocation(
        folder,
        profiles,
        &["logs", "--no-color", "--tail", &tail, service],
    );
    match capture(&inv, extra_env) {
        Ok((true, lines)) => lines.into_iter().filter(|l| !l.is_empty()).collect(),
        _ => vec![],
    }
}

/// The services compose would start with `profiles` (`config --services`), or the
/// command's output when it failed.
pub fn active_services(
    compose: &ComposeCommand,
    folder: &Path,
    profiles: &[String],
    extra_env: &[(String, String)],
) -> Result<Vec<String>, Vec<String>> {
    let inv = compose.invocation(folder, profiles, &["config", "--services"]);
    match capture(&inv, extra_env) {
        // Warnings share the output: a service name has no spaces.
        Ok((true, lines)) => Ok(lines
            .into_iter()
            .filter(|l| !l.is_empty() && !l.contains(char::is_whitespace))
            .collect()),
        Ok((false, lines)) => Err(lines),
        Err(why) => Err(vec![why]),
    }
}
