//! What a backup archive says about itself.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The manifest's name at the archive's root.
pub const MANIFEST_NAME: &str = "dify-https-backup.json";

/// The format this version writes and reads.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The dify-https version that wrote it.
    pub tool_version: String,
    /// When (RFC 3339, UTC).
    pub created: String,
    /// `CERTBOT_DOMAIN`: the lineage under `live/`.
    pub domain: String,
    pub certificate: Option<CertificateSummary>,
    /// The `NGINX_*` and `CERTBOT_*` values of `.env`, as written there.
    pub env: BTreeMap<String, String>,
    /// Where the certificate nginx served comes from: `letsencrypt` (the lineage under
    /// `conf/live/`) or `imported` (the pair under `ssl/`, from `nginx/ssl`).
    #[serde(default)]
    pub source: crate::core::dify::Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSummary {
    pub names: Vec<String>,
    pub fingerprint_sha256: String,
    /// RFC 3339.
    pub not_after: String,
    pub issuer: String,
    /// The ACME server certbot renews from (its renewal conf's `server`), or none.
    pub acme_server: Option<String>,
}
