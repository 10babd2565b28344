//! The record: `volumes/certbot/.dify-https-applied.json` (0600, beside the schedule's
//! record), rewritten after every `.env` write dify-https makes for a folder that has a
//! domain: the values of [`RECORDED_KEYS`] as written, whether Dify's newer `envs/`
//! layout is there, and a SHA-256 of each of [`WATCHED_FILES`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::core::envfile::EnvDocument;
use crate::core::files::{Dir, Links, SMALL_FILE_LIMIT, read_bounded};

/// The `.env` keys Dify's nginx and certbot read for HTTPS.
pub const RECORDED_KEYS: [&str; 8] = [
    "NGINX_HTTPS_ENABLED",
    "NGINX_SERVER_NAME",
    "NGINX_SSL_CERT_FILENAME",
    "NGINX_SSL_CERT_KEY_FILENAME",
    "NGINX_ENABLE_CERTBOT_CHALLENGE",
    "CERTBOT_DOMAIN",
    "CERTBOT_EMAIL",
    "CERTBOT_OPTIONS",
];

/// Dify's files whose meaning HTTPS relies on (relative to the Dify folder).
pub const WATCHED_FILES: [&str; 5] = [
    "nginx/docker-entrypoint.sh",
    "nginx/conf.d/default.conf.template",
    "nginx/https.conf.template",
    "certbot/update-cert.template.txt",
    "certbot/docker-entrypoint.sh",
];

const RECORD_NAME: &str = ".dify-https-applied.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Where the certificate comes from (`letsencrypt`).
    pub source: String,
    /// Whether Dify's newer layout (`envs/`) was there.
    pub envs_layout: bool,
    /// [`RECORDED_KEYS`] as written (absent keys are left out).
    pub keys: BTreeMap<String, String>,
    /// [`WATCHED_FILES`] that exist, with their SHA-256 (hex).
    pub files: BTreeMap<String, String>,
}

impl Applied {
    /// The recorded domain, if any.
    pub fn domain(&self) -> Option<&str> {
        self.keys
            .get("CERTBOT_DOMAIN")
            .map(String::as_str)
            .filter(|d| !d.is_empty() && *d != "your_domain.com")
    }

    /// When it was written.
    pub fn written_at(&self) -> Option<OffsetDateTime> {
        OffsetDateTime::parse(&self.at, &Rfc3339).ok()
    }
}

/// Where the record of the Dify folder `root` lives.
pub fn record_path(root: &Path) -> PathBuf {
    root.join("volumes/certbot").join(RECORD_NAME)
}

/// The record of the Dify folder `root` (`None`: none, or damaged).
pub fn read(root: &Path) -> Option<Applied> {
    let bytes = read_bounded(&record_path(root), SMALL_FILE_LIMIT, Links::Refuse).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The SHA-256 (hex) of each watched file that exists in `root`.
pub fn fingerprints(root: &Path) -> BTreeMap<String, String> {
    WATCHED_FILES
        .iter()
        .filter_map(|rel| {
            let bytes = read_bounded(&root.join(rel), SMALL_FILE_LIMIT, Links::Refuse).ok()?;
            let digest = ring::digest::digest(&ring::digest::SHA256, &bytes);
            let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
            Some((rel.to_string(), hex))
        })
        .collect()
}

/// The record `doc` (just written to `root/.env`) makes, or `None` when it has no domain
/// (nothing is set up: nothing to keep).
pub fn of(root: &Path, doc: &EnvDocument, now: OffsetDateTime) -> Option<Applied> {
    let keys: BTreeMap<String, String> = RECORDED_KEYS
        .iter()
        .filter_map(|k| doc.literal(k).map(|v| (k.to_string(), v.to_string())))
        .collect();
    let applied = Applied {
        // To the second, as every time said to a person.
        at: now
            .replace_nanosecond(0)
            .unwrap_or(now)
            .format(&Rfc3339)
            .unwrap_or_default(),
        source: "letsencrypt".into(),
        envs_layout: root.join("envs").is_dir(),
        keys,
        files: fingerprints(root),
    };
    applied.domain().is_some().then_some(applied)
}

/// After dify-https wrote `doc` as `root/.env`: keeps it as the record (through the tree
/// writer, 0600). A write that leaves no domain (an `undo` to the file from before the
/// setup) removes the record: nothing is set up any more, so nothing can drift. Errors
/// are returned for the caller; they never undo the write.
pub fn after_write(root: &Path, doc: &EnvDocument, now: OffsetDateTime) -> std::io::Result<()> {
    let Some(applied) = of(root, doc, now) else {
        return match std::fs::remove_file(record_path(root)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    };
    let text = serde_json::to_vec_pretty(&applied)?;
    Dir::open(root, Path::new("volumes/certbot"), Some(0o755))?.write_atomic(
        RECORD_NAME,
        &text,
        0o600,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn kept_after_a_write_with_a_domain_only() {
        let dir = tempfile::tempdir().unwrap();
        let now = OffsetDateTime::UNIX_EPOCH;
        let none =
            EnvDocument::parse("CERTBOT_DOMAIN=your_domain.com\nNGINX_HTTPS_ENABLED=false\n");
        after_write(dir.path(), &none, now).unwrap();
        assert_eq!(read(dir.path()), None);
        std::fs::create_dir_all(dir.path().join("nginx")).unwrap();
        std::fs::write(
            dir.path().join("nginx/docker-entrypoint.sh"),
            "#!/bin/bash\n",
        )
        .unwrap();
        let set = EnvDocument::parse(
            "CERTBOT_DOMAIN=dify.acmecorp.io\nNGINX_HTTPS_ENABLED=true\nSECRET_KEY=x\n",
        );
        after_write(dir.path(), &set, now).unwrap();
        let r = read(dir.path()).unwrap();
        assert_eq!(r.domain(), Some("dify.acmecorp.io"));
        assert_eq!(r.keys.len(), 2, "only the keys HTTPS needs: {:?}", r.keys);
        assert_eq!(r.files.len(), 1);
        let mode = std::fs::metadata(record_path(dir.path()))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        // Written back to no domain by dify-https (an undo): no record, no drift.
        after_write(dir.path(), &none, now).unwrap();
        assert_eq!(read(dir.path()), None);
    }
}
