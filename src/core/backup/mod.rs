//! Certificate backup and restore: one `tar.gz` of certbot's `conf/` (accounts,
//! archive, live with its symlinks, renewal) and a manifest saying what it holds.
//!
//! * [`manifest`]: the JSON at the archive's root (domain, names, fingerprint, expiry,
//!   CA, the `NGINX_*`/`CERTBOT_*` settings, the tool's version).
//! * [`create`]: writes an archive atomically, mode 0600 (it holds private keys).
//! * [`inspect`]: reads an archive into memory and checks all of it (paths, links, the
//!   certificate, the key against it) before anything on disk is touched.
//! * [`apply`]: swaps the checked `conf/` in, the one it replaces saved first.

pub mod apply;
pub mod create;
pub mod inspect;
pub mod manifest;

pub use apply::{ConfState, apply, conf_state};
pub use create::{
    BackupError, BackupReport, create_backup, create_checked, default_archive_name, manifest_for,
};
pub use inspect::{Inspected, RestoreRefused, inspect};
pub use manifest::{MANIFEST_NAME, Manifest};

/// The parts of `conf/` a backup holds.
pub const CONF_PARTS: [&str; 4] = ["accounts", "archive", "live", "renewal"];

/// The `.env` keys a backup carries.
pub fn carried_key(key: &str) -> bool {
    key.starts_with("NGINX_") || key.starts_with("CERTBOT_")
}
