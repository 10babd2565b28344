//! Writing the HTTPS switch into `.env`: the change the Review showed, refused when
//! nginx could not start with it. The run (and the demo) write it through here.

use crate::tr;
use std::path::PathBuf;

use time::OffsetDateTime;

use crate::core::dify::{DifyFolder, nginx_start_problem};
use crate::core::envfile::{ChangeSet, EnvDocument, EnvFile};
use crate::core::setup::https_switch_changes;

/// The switch, written: what changed, what it was, where the old file went.
pub struct SwitchWritten {
    pub before: EnvDocument,
    pub after: EnvDocument,
    pub changes: ChangeSet,
    /// The changed keys' values before the switch (to undo it).
    pub previous: ChangeSet,
    pub backup: PathBuf,
}

impl SwitchWritten {
    /// `KEY=value, …` for each key written.
    pub fn keys(&self) -> String {
        let keys: Vec<String> = self
            .changes
            .changes
            .iter()
            .map(|c| format!("{}={}", c.key, c.value))
            .collect();
        keys.join(", ")
    }

    /// The run's note about the write.
    pub fn note(&self) -> String {
        tr!(
            "core-run-wrote-backup",
            keys = (self.keys()).to_string(),
            backup = (self.backup.display()).to_string()
        )
    }
}

/// Writes `NGINX_HTTPS_ENABLED=true` (and the public URLs) into `file`, with a backup.
pub fn write_https_switch(
    file: &EnvFile,
    folder: &DifyFolder,
    domain: &str,
    upgrade_urls: bool,
    now: OffsetDateTime,
) -> Result<SwitchWritten, String> {
    write_https_switch_to(file, folder, domain, upgrade_urls, false, now)
}

/// [`write_https_switch`]; with `to_lineage` (a run that just got `domain`'s certificate
/// from certbot) nginx is also pointed at the lineage's files, which an imported
/// certificate's names kept it from until now.
pub fn write_https_switch_to(
    file: &EnvFile,
    folder: &DifyFolder,
    domain: &str,
    upgrade_urls: bool,
    to_lineage: bool,
    now: OffsetDateTime,
) -> Result<SwitchWritten, String> {
    let before = file.document().clone();
    // The same function whose result the Review showed.
    let mut changes = https_switch_changes(&before, domain, upgrade_urls);
    if to_lineage {
        changes.push("NGINX_SSL_CERT_FILENAME", "fullchain.pem");
        changes.push("NGINX_SSL_CERT_KEY_FILENAME", "privkey.pem");
        changes
            .changes
            .retain(|c| before.literal(&c.key) != Some(c.value.as_str()));
    }
    let mut previous = ChangeSet::default();
    for c in &changes.changes {
        previous.push(
            c.key.clone(),
            before.literal(&c.key).unwrap_or("").to_string(),
        );
    }
    let after = before.with_changes(&changes).map_err(|e| e.to_string())?;
    if let Some(p) = nginx_start_problem(folder, &after) {
        return Err(tr!(
            "core-switch-not-switching-https-on-nginx",
            missing = (p.missing.display()).to_string()
        ));
    }
    let report = file
        .write(&after.render(), now)
        .map_err(|e| e.to_string())?;
    Ok(SwitchWritten {
        before,
        after,
        changes,
        previous,
        backup: report.backup,
    })
}
