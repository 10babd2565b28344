//! Running a short compose query to the end and keeping its output.

use crate::core::process::Invocation;

/// Runs `inv` (with `extra_env` added) and returns whether it succeeded and its
/// trimmed output lines (stderr folded in), or why it could not start.
pub(super) fn capture(
    inv: &Invocation,
    extra_env: &[(String, String)],
) -> Result<(bool, Vec<String>), String> {
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
        .map_err(|e| format!("cannot run {}: {e}", inv.program))?;
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    Ok((out.status.success(), lines))
}
