//! What the last scheduled renewal did, kept next to the certificates
//! (`volumes/certbot/.dify-https-renewal.json`, not in `.env`): when, the outcome, and
//! one line of why. Written by `renew --quiet` (what schedules run), read by `status`.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::dify::DifyFolder;
use crate::core::files::{Links, SMALL_FILE_LIMIT, read_bounded};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// A new certificate, served by nginx.
    Renewed,
    /// Nothing was due; all is well.
    NotDue,
    Failed,
    /// Not attempted: `.env` no longer has what HTTPS needs (see `core::applied`);
    /// told as the incident the status shows, once, not as a failure every run.
    Refused,
}

/// The last scheduled run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastRun {
    /// RFC 3339.
    pub at: String,
    pub outcome: Outcome,
    pub message: String,
    /// The last message sent to the webhooks (kept from run to run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notified: Option<super::notify::Notified>,
    /// Why the last message did not arrive, if it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_error: Option<String>,
    /// The last reminder sent for an imported certificate (kept from run to run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminded: Option<super::reminders::Reminded>,
}

/// Where the state lives in `folder`.
pub fn state_path(folder: &DifyFolder) -> PathBuf {
    folder
        .root()
        .join("volumes/certbot/.dify-https-renewal.json")
}

/// The last scheduled run recorded in `folder`, if any (a damaged file counts as none).
pub fn last_run(folder: &DifyFolder) -> Option<LastRun> {
    let bytes = read_bounded(&state_path(folder), SMALL_FILE_LIMIT, Links::Refuse).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Records `run` atomically (temp file and rename, never through a link).
pub fn record(folder: &DifyFolder, run: &LastRun) -> std::io::Result<()> {
    let path = state_path(folder);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".dify-https-renewal-")
        .tempfile_in(dir)?;
    tmp.write_all(serde_json::to_string_pretty(run)?.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_and_read_back() {
        let (_dir, folder) = crate::core::dify::test_folder();
        assert_eq!(last_run(&folder), None);
        let run = LastRun {
            at: "2026-12-01T12:00:00Z".into(),
            outcome: Outcome::Failed,
            message: "\"Run Dify's certificate script\" failed".into(),
            notified: None,
            notify_error: None,
            reminded: None,
        };
        record(&folder, &run).unwrap();
        assert_eq!(last_run(&folder), Some(run));
        std::fs::write(state_path(&folder), "not json").unwrap();
        assert_eq!(last_run(&folder), None);
    }
}
