//! What HTTPS needs, as dify-https last applied it, and what has drifted from it since.
//!
//! Dify's own upgrade step (`dify-env-sync.sh`) rebuilds `.env` from `.env.example`,
//! and on Dify's newer layout that example has no `CERTBOT_*` keys: they vanish while
//! `NGINX_HTTPS_ENABLED=true` stays, and nginx cannot start on its next (re)creation. A
//! `git checkout`, a hand edit or an old `.env` put back do the same. So every `.env`
//! write of dify-https keeps a record of the keys HTTPS depends on and fingerprints of
//! the Dify files that read them ([`record`]), and the rules in [`drift`] compare the
//! folder as it is with that record; `dify-https repair` puts the keys back.

pub mod drift;
pub mod record;
pub mod repair;

use std::path::Path;

pub use drift::{Drift, Facts, KeyDrift, judge};
pub use record::{Applied, RECORDED_KEYS, WATCHED_FILES, after_write, read, record_path};

use crate::core::dify::{DifyFolder, nginx_start_problem};
use crate::core::envfile::EnvDocument;

/// The folder's record and what drifted from it (`None`: no record, or no drift).
pub fn drift_of(folder: &DifyFolder, doc: &EnvDocument) -> Option<(Applied, Drift)> {
    let record = read(folder.root())?;
    let domain = record.domain()?.to_string();
    let files_now = record::fingerprints(folder.root());
    let drift = judge(&Facts {
        record: &record,
        doc,
        nginx_can_start: nginx_start_problem(folder, doc).is_none(),
        certificate_on_disk: folder.live_dir(&domain).join("fullchain.pem").is_file(),
        files_now: &files_now,
        envs_layout_now: folder.envs_dir().is_dir(),
        dify_sync_backup: sync_backup_after(folder.root(), &record),
    })?;
    Some((record, drift))
}

/// The newest `env-backup/.env.backup_*` Dify's env sync made after `record`.
fn sync_backup_after(root: &Path, record: &Applied) -> Option<String> {
    let since: std::time::SystemTime = record.written_at()?.into();
    std::fs::read_dir(root.join("env-backup"))
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".env.backup_"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.file_name())))
        .filter(|(t, _)| *t >= since)
        .max()
        .map(|(_, n)| format!("env-backup/{}", n.to_string_lossy()))
}
