//! Putting a checked archive's `conf/` in place: unpacked beside the real one first
//! (same file system), then each part (accounts, archive, live, renewal) renamed in.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use super::CONF_PARTS;
use super::inspect::{Inspected, Item};
use crate::core::certificate::read_chain_file;
use crate::core::dify::DifyFolder;
use crate::core::envfile::folder_lock_path;
use crate::core::files::FolderLock;

/// What the folder holds now, compared with a checked archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfState {
    /// No certificates, accounts or renewal confs yet.
    Empty,
    /// The archive's certificate is already in place.
    Same,
    /// Something else is there: it is backed up before being replaced.
    Different {
        /// What `live/` holds for the archive's domain, if anything.
        fingerprint: Option<String>,
    },
}

pub fn conf_state(folder: &DifyFolder, inspected: &Inspected) -> ConfState {
    let conf = folder.certbot_conf_dir();
    let empty = CONF_PARTS
        .iter()
        .all(|part| fs::read_dir(conf.join(part)).map_or(true, |mut d| d.next().is_none()));
    if empty {
        return ConfState::Empty;
    }
    let here = read_chain_file(
        &folder
            .live_dir(&inspected.manifest.domain)
            .join("fullchain.pem"),
    )
    .ok()
    .map(|c| c.fingerprint_sha256);
    if here.as_deref() == Some(inspected.certificate.fingerprint_sha256.as_str()) {
        ConfState::Same
    } else {
        ConfState::Different { fingerprint: here }
    }
}

/// Unpacks `inspected` beside `conf/` and renames its parts in, under the folder lock.
/// What they replace is removed (the caller saved it first when it differed).
pub fn apply(folder: &DifyFolder, inspected: &Inspected) -> io::Result<()> {
    let _lock = FolderLock::acquire(
        &folder_lock_path(&folder.env_path()),
        "restoring certificates",
        Duration::from_secs(10),
    )
    .map_err(|e| io::Error::other(e.to_string()))?;
    let conf = folder.certbot_conf_dir();
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o755)
        .create(&conf)?;
    let parent = conf.parent().unwrap_or(Path::new("."));
    let staging = tempfile::Builder::new()
        .prefix(".dify-https-restore-")
        .tempdir_in(parent)?;
    let new = staging.path().join("conf");
    let old = staging.path().join("replaced");
    fs::create_dir(&new)?;
    fs::create_dir(&old)?;
    for (path, item) in &inspected.items {
        let at = new.join(path);
        if let Some(p) = at.parent() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o755)
                .create(p)?;
        }
        match item {
            Item::Dir { mode } => {
                if !at.is_dir() {
                    fs::DirBuilder::new().mode(mode & 0o777).create(&at)?;
                }
                fs::set_permissions(&at, fs::Permissions::from_mode(mode & 0o777))?;
            }
            Item::File { mode, bytes } => {
                let mut f = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(mode & 0o777)
                    .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
                    .open(&at)?;
                f.write_all(bytes)?;
                f.sync_all()?;
            }
            Item::Link { target } => std::os::unix::fs::symlink(target, &at)?,
        }
    }
    for part in CONF_PARTS {
        let (current, incoming) = (conf.join(part), new.join(part));
        if fs::symlink_metadata(&current).is_ok() {
            fs::rename(&current, old.join(part))?;
        }
        if fs::symlink_metadata(&incoming).is_ok() {
            fs::rename(&incoming, &current)?;
        }
    }
    if let Ok(d) = fs::File::open(&conf) {
        let _ = d.sync_all();
    }
    Ok(())
}
