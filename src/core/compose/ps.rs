//! Which services run: `compose ps --services --filter status=running` in the folder.

use std::path::Path;

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
    let out = duct::cmd(&inv.program, &inv.args)
        .dir(&inv.cwd)
        .full_env(
            std::env::vars()
                .chain(inv.env.iter().cloned())
                .chain(extra_env.iter().cloned()),
        )
        .stdin_null()
        .stderr_to_stdout()
        .stdout_capture()
        .unchecked()
        .run()
        .map_err(|e| vec![format!("cannot run {}: {e}", inv.program)])?;
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    if out.status.success() {
        Ok(lines.into_iter().filter(|l| !l.is_empty()).collect())
    } else {
        Err(lines)
    }
}
