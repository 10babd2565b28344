//! Writing a backup archive: the manifest first, then `conf/`'s parts, into a
//! temporary file beside the target (mode 0600: it holds private keys), renamed into
//! place only when complete and never over an existing file.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

use super::manifest::{CertificateSummary, FORMAT, MANIFEST_NAME, Manifest};
use super::{CONF_PARTS, carried_key};
use crate::core::certificate::read_chain_file;
use crate::core::dify::{DifyFolder, IMPORTED_FILES, IMPORTED_KEY, Source};
use crate::core::envfile::EnvDocument;
use crate::core::files::{FileError, Links, SMALL_FILE_LIMIT, kind_of, read_bounded};
use crate::core::status::read_renewal_conf;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{}", crate::tr!("core-backup-certbot-domain-is-not-set"))]
    NoDomain,
    #[error("{}", crate::tr!("core-backup-path-cannot-be-read-why", path = .path.display().to_string(), why = .why.to_string()))]
    NoCertificate { path: PathBuf, why: String },
    #[error("{}", crate::tr!("core-backup-path-already-exists-nothing-was", path = .path.display().to_string()))]
    Exists { path: PathBuf },
    #[error("{}", crate::tr!("core-backup-path-is-kind-a-backup", path = .path.display().to_string(), kind = .kind.to_string()))]
    Unexpected { path: PathBuf, kind: String },
    #[error("{}", crate::tr!("core-backup-0-nothing-was-written", why = .0.to_string()))]
    Read(#[from] FileError),
    #[error("{}", crate::tr!("backup-would-be-refused", why = .0.to_string()))]
    WouldBeRefused(String),
    #[error(transparent)]
    Locked(#[from] crate::core::files::LockError),
    #[error("{}", crate::tr!("core-backup-cannot-write-path-source-nothing", path = .path.display().to_string(), why = .source.to_string()))]
    Write { path: PathBuf, source: io::Error },
}

/// What a backup wrote.
#[derive(Debug, Clone)]
pub struct BackupReport {
    pub path: PathBuf,
    pub manifest: Manifest,
    /// Files, folders and links archived (besides the manifest).
    pub entries: usize,
}

/// `dify-https-backup-<domain>-<YYYYMMDD-HHMMSS>.tar.gz`.
pub fn default_archive_name(domain: &str, now: OffsetDateTime) -> String {
    let stamp = now
        .format(format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_default();
    let domain: String = domain
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("dify-https-backup-{domain}-{stamp}.tar.gz")
}

/// The manifest for `folder` as it is: the certificate of `CERTBOT_DOMAIN` when it
/// can be read (`None` otherwise), and the carried `.env` settings.
pub fn manifest_for(
    folder: &DifyFolder,
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
    now: OffsetDateTime,
) -> Manifest {
    let domain = doc
        .resolve("CERTBOT_DOMAIN", env)
        .ok()
        .flatten()
        .unwrap_or_default();
    // The certificate nginx loads: the lineage's, or an imported one in nginx/ssl.
    let values = doc.resolve_all(env).unwrap_or_default();
    let served = crate::core::dify::served_files(folder, &values);
    let source = served.source;
    let chain = match source {
        Source::Imported => served.cert,
        Source::Letsencrypt => folder.live_dir(&domain).join("fullchain.pem"),
    };
    let certificate = (!domain.is_empty())
        .then(|| read_chain_file(&chain).ok())
        .flatten()
        .map(|info| CertificateSummary {
            names: info.names.clone(),
            fingerprint_sha256: info.fingerprint_sha256.clone(),
            not_after: info.not_after.format(&Rfc3339).unwrap_or_default(),
            issuer: info.issuer.clone(),
            acme_server: (source == Source::Letsencrypt)
                .then(|| read_renewal_conf(&folder.renewal_conf(&domain)).and_then(|c| c.server))
                .flatten(),
        });
    let env: BTreeMap<String, String> = doc
        .assignments()
        .filter(|(_, a)| carried_key(&a.key))
        .map(|(_, a)| (a.key.clone(), a.literal.clone()))
        .collect();
    Manifest {
        format: FORMAT,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        created: now.format(&Rfc3339).unwrap_or_default(),
        domain,
        certificate,
        env,
        source,
    }
}

/// `dify-https backup`: under the folder lock (no renewal can move `live/` while it is
/// read), the manifest of the folder as it is and its `conf/` into `out`; the finished
/// archive is read back and checked exactly as `restore` will check it, and removed,
/// with the reason, when restore would refuse it.
pub fn create_checked(
    folder: &DifyFolder,
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
    now: OffsetDateTime,
    out: &Path,
) -> Result<BackupReport, BackupError> {
    let _lock = crate::core::files::FolderLock::acquire(
        &crate::core::envfile::folder_lock_path(&folder.env_path()),
        "backing up certificates",
        std::time::Duration::from_secs(10),
    )?;
    let manifest = manifest_for(folder, doc, env, now);
    let report = create_backup(
        &folder.certbot_conf_dir(),
        &folder.nginx_dir().join("ssl"),
        manifest,
        out,
    )?;
    if let Err(refused) = super::inspect(out) {
        let _ = fs::remove_file(out);
        return Err(BackupError::WouldBeRefused(refused.to_string()));
    }
    Ok(report)
}

/// Archives `conf` with `manifest` into `out` (which must not exist).
pub fn create_backup(
    conf: &Path,
    ssl: &Path,
    manifest: Manifest,
    out: &Path,
) -> Result<BackupReport, BackupError> {
    if fs::symlink_metadata(out).is_ok() {
        return Err(BackupError::Exists {
            path: out.to_path_buf(),
        });
    }
    let write_err = |source: io::Error| BackupError::Write {
        path: out.to_path_buf(),
        source,
    };
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Removed on every early return.
    let tmp = tempfile::Builder::new()
        .prefix(".dify-https-backup-")
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .map_err(write_err)?;
    let mut tar = tar::Builder::new(GzEncoder::new(tmp.as_file(), Compression::default()));
    tar.follow_symlinks(false);
    let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    append_file(&mut tar, Path::new(MANIFEST_NAME), &json, 0o600, 0).map_err(write_err)?;
    let mut entries = 0;
    for part in CONF_PARTS {
        let path = conf.join(part);
        if fs::symlink_metadata(&path).is_ok() {
            entries += walk(&mut tar, &path, &Path::new("conf").join(part), out)?;
        }
    }
    // An imported pair (and its private root), as regular files only.
    for name in IMPORTED_FILES {
        let path = ssl.join(name);
        if fs::symlink_metadata(&path).is_ok() {
            let bytes = read_bounded(&path, SMALL_FILE_LIMIT, Links::Refuse)?;
            let mode = if name == IMPORTED_KEY { 0o600 } else { 0o644 };
            append_file(&mut tar, &Path::new("ssl").join(name), &bytes, mode, 0)
                .map_err(write_err)?;
            entries += 1;
        }
    }
    let gz = tar.into_inner().map_err(write_err)?;
    gz.finish()
        .map_err(write_err)?
        .sync_all()
        .map_err(write_err)?;
    tmp.persist_noclobber(out).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            BackupError::Exists {
                path: out.to_path_buf(),
            }
        } else {
            write_err(e.error)
        }
    })?;
    Ok(BackupReport {
        path: out.to_path_buf(),
        manifest,
        entries,
    })
}

fn walk<W: Write>(
    tar: &mut tar::Builder<W>,
    path: &Path,
    name: &Path,
    out: &Path,
) -> Result<usize, BackupError> {
    let write_err = |source: io::Error| BackupError::Write {
        path: out.to_path_buf(),
        source,
    };
    let meta = fs::symlink_metadata(path).map_err(|source| FileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let ft = meta.file_type();
    let mtime = u64::try_from(meta.mtime()).unwrap_or(0);
    if ft.is_symlink() {
        let target = fs::read_link(path).map_err(|source| FileError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut header = header(tar::EntryType::Symlink, 0o777, mtime);
        tar.append_link(&mut header, name, &target)
            .map_err(write_err)?;
        Ok(1)
    } else if ft.is_dir() {
        let mut header = header(tar::EntryType::Directory, meta.mode(), mtime);
        tar.append_data(&mut header, name, io::empty())
            .map_err(write_err)?;
        let mut children: Vec<_> = fs::read_dir(path)
            .map_err(|source| FileError::Io {
                path: path.to_path_buf(),
                source,
            })?
            .flatten()
            .map(|e| e.file_name())
            .collect();
        children.sort();
        let mut count = 1;
        for child in children {
            count += walk(tar, &path.join(&child), &name.join(&child), out)?;
        }
        Ok(count)
    } else if ft.is_file() {
        let bytes = read_bounded(path, SMALL_FILE_LIMIT, Links::Follow)?;
        append_file(tar, name, &bytes, meta.mode(), mtime).map_err(write_err)?;
        Ok(1)
    } else {
        Err(BackupError::Unexpected {
            path: path.to_path_buf(),
            kind: kind_of(ft),
        })
    }
}

fn header(kind: tar::EntryType, mode: u32, mtime: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(mode & 0o7777);
    h.set_mtime(mtime);
    h.set_uid(0);
    h.set_gid(0);
    h.set_size(0);
    h
}

fn append_file<W: Write>(
    tar: &mut tar::Builder<W>,
    name: &Path,
    bytes: &[u8],
    mode: u32,
    mtime: u64,
) -> io::Result<()> {
    let mut h = header(tar::EntryType::Regular, mode, mtime);
    h.set_size(bytes.len() as u64);
    tar.append_data(&mut h, name, bytes)
}
