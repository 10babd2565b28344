//! What a running container really has in its environment: `compose exec -T <service>
//! printenv <NAME>`. `.env` says what the next `up` would give a service; a container
//! keeps what it was created with until it is recreated, and the compose file may set a
//! variable some other way.

use std::path::Path;

use super::capture::capture;
use super::command::ComposeCommand;

/// The value of `name` in the running container of `service`, or None when that cannot
/// be told (the service is not running, the variable is unset, compose failed).
pub fn service_env(
    compose: &ComposeCommand,
    folder: &Path,
    profiles: &[String],
    extra_env: &[(String, String)],
    service: &str,
    name: &str,
) -> Option<String> {
    let inv = compose.invocation(folder, profiles, &["exec", "-T", service, "printenv", name]);
    match capture(&inv, extra_env) {
        // printenv prints exactly the value; compose may add nothing else on success.
        Ok((true, lines)) if lines.len() == 1 => Some(lines[0].clone()),
        _ => None,
    }
}
