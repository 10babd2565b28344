//! Reading `.env` and writing it back safely: the new text goes to a temporary
//! file in the same folder (fsynced, with the old file's mode and owner), a
//! timestamped backup of the old bytes is kept, and the rename only happens if
//! nobody changed the file since it was read.

use crate::tr;
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use time::OffsetDateTime;
use time::macros::format_description;

use super::document::EnvDocument;
use super::guard::unsafe_change;
use super::history::{DEFAULT_KEEP_BACKUPS, prune_backups};
use crate::core::files::{
    ENV_LIMIT, FileError, FolderLock, Links, LockError, open_regular, read_bounded,
};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{}", crate::tr!("core-store-path-is-not-utf-8", path = .path.display().to_string()))]
    NotUtf8 { path: PathBuf },
    #[error("{}", crate::tr!("core-store-path-changed-on-disk-since", path = .path.display().to_string()))]
    ChangedOnDisk { path: PathBuf },
    #[error("{}", crate::tr!("core-store-path-is-read-only-mode", path = .path.display().to_string(), mode = format!("{:o}", .mode), path2 = .path.display().to_string()))]
    ReadOnly { path: PathBuf, mode: u32 },
    #[error("{}", crate::tr!("core-store-path-belongs-to-uid-uid", path = .path.display().to_string(), uid = .uid.to_string()))]
    NotWritable { path: PathBuf, uid: u32 },
    #[error("{}", crate::tr!("core-store-path-carries-extended-attributes-acls", path = .path.display().to_string(), name = .name.to_string(), why = .source.to_string()))]
    AttributesNotKept {
        path: PathBuf,
        name: String,
        source: io::Error,
    },
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error("{}", crate::tr!("core-store-unsafe-value", path = .path.display().to_string(), why = .why.to_string()))]
    UnsafeValue {
        path: PathBuf,
        key: String,
        why: String,
    },
    #[error("{}", crate::tr!("core-store-cannot-write-in-dir-the", dir = .dir.display().to_string()))]
    DiskFull { dir: PathBuf },
    #[error("{}", crate::tr!("core-store-cannot-write-in-dir-the-2", dir = .dir.display().to_string()))]
    ReadOnlyFs { dir: PathBuf },
    #[error("{}", crate::tr!("core-store-cannot-write-in-dir-source", dir = .dir.display().to_string(), why = .source.to_string()))]
    Write { dir: PathBuf, source: io::Error },
}

/// What a write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub path: PathBuf,
    pub backup: PathBuf,
    /// Set when the new file could not be given the old owner (not running as root).
    pub owner_warning: Option<String>,
    /// The oldest backups removed to keep the newest few.
    pub pruned: Vec<PathBuf>,
}

/// A `.env` file as read from disk, with the bytes it had then.
#[derive(Debug, Clone)]
pub struct EnvFile {
    path: PathBuf,
    original: String,
    document: EnvDocument,
    /// (device, inode) of the file read: a write refuses if the name now means another file.
    identity: (u64, u64),
    /// How many backups a write leaves (the newest; the rest are removed).
    keep_backups: usize,
}

/// The lock every `.env` write (and every run) in the folder of `env_path` holds.
pub fn folder_lock_path(env_path: &Path) -> PathBuf {
    env_path
        .parent()
        .unwrap_or(Path::new("."))
        .join("volumes/certbot/.dify-https.lock")
}

/// How long a write waits for another dify-https in the same folder.
const LOCK_WAIT: Duration = Duration::from_secs(10);

impl EnvFile {
    /// Reads `.env`: a regular file (not a link, FIFO, device or hard-linked name) of
    /// at most [`ENV_LIMIT`] bytes.
    pub fn read(path: &Path) -> Result<EnvFile, StoreError> {
        let file = open_regular(path, ENV_LIMIT, Links::Refuse)?;
        let meta = file.metadata().map_err(|source| FileError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let bytes = read_bounded(path, ENV_LIMIT, Links::Refuse)?;
        let original = String::from_utf8(bytes).map_err(|_| StoreError::NotUtf8 {
            path: path.to_path_buf(),
        })?;
        let document = EnvDocument::parse(&original);
        Ok(EnvFile {
            path: path.to_path_buf(),
            original,
            document,
            identity: (meta.dev(), meta.ino()),
            keep_backups: DEFAULT_KEEP_BACKUPS,
        })
    }

    /// Writes keep the newest `keep` backups (at least one: the write's own).
    pub fn keeping_backups(mut self, keep: usize) -> EnvFile {
        self.keep_backups = keep.max(1);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn document(&self) -> &EnvDocument {
        &self.document
    }

    pub fn original_text(&self) -> &str {
        &self.original
    }

    /// Replaces the file's content with `new_text`, keeping a backup named after `now`.
    /// Under the folder lock: the file must still be the one read, unchanged; every
    /// refusal comes before anything is written, and a failure removes what it made.
    pub fn write(&self, new_text: &str, now: OffsetDateTime) -> Result<WriteReport, StoreError> {
        // The one gate for values, whoever asks for the write.
        let after = EnvDocument::parse(new_text);
        if let Some((key, why)) = unsafe_change(&self.document, &after) {
            return Err(StoreError::UnsafeValue {
                path: self.path.clone(),
                key,
                why,
            });
        }
        let dir = self.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let _lock = FolderLock::acquire(&folder_lock_path(&self.path), "writing .env", LOCK_WAIT)?;
        sweep_stale_copies(&self.path);
        let meta = self.ensure_unchanged()?;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o200 == 0 {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                mode,
            });
        }
        if rustix::fs::access(&self.path, rustix::fs::Access::WRITE_OK).is_err() {
            return Err(StoreError::NotWritable {
                path: self.path.clone(),
                uid: meta.uid(),
            });
        }
        let attributes = read_attributes(&self.path)?;
        let owner = (meta.uid(), meta.gid());

        let backup = create_backup(&self.path, now, self.original.as_bytes(), mode, owner)
            .map_err(|e| write_error(&dir, e))?;
        // From here on a failure removes the backup it made.
        let result = self.replace(new_text, &dir, mode, owner, &attributes);
        if result.is_ok() {
            // What HTTPS needs, as just written (see core::applied). A record that could
            // not be kept is removed rather than left stale (it would report drift).
            if crate::core::applied::after_write(&dir, &after, now).is_err() {
                let _ = fs::remove_file(crate::core::applied::record_path(&dir));
            }
        }
        match result {
            Ok(owner_warning) => Ok(WriteReport {
                path: self.path.clone(),
                pruned: prune_backups(&self.path, self.keep_backups),
                backup,
                owner_warning,
            }),
            Err(e) => {
                let _ = fs::remove_file(&backup);
                Err(e)
            }
        }
    }

    /// The temporary file, filled, given the old mode, owner and attributes, synced,
    /// then renamed over the name (never through a link: rename replaces the entry).
    fn replace(
        &self,
        new_text: &str,
        dir: &Path,
        mode: u32,
        owner: (u32, u32),
        attributes: &[(String, Vec<u8>)],
    ) -> Result<Option<String>, StoreError> {
        let write_err = |e: io::Error| write_error(dir, e);
        let file_name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ".env".into());
        // Dropped on every early return: the temporary file is removed.
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{file_name}.dify-https-"))
            .tempfile_in(dir)
            .map_err(write_err)?;
        tmp.write_all(new_text.as_bytes()).map_err(write_err)?;
        tmp.as_file()
            .set_permissions(Permissions::from_mode(mode))
            .map_err(write_err)?;
        let owner_warning =
            match std::os::unix::fs::fchown(tmp.as_file(), Some(owner.0), Some(owner.1)) {
                Ok(()) => None,
                // Not allowed to give files away, but they are ours already: nothing lost.
                Err(_)
                    if tmp
                        .as_file()
                        .metadata()
                        .is_ok_and(|m| (m.uid(), m.gid()) == owner) =>
                {
                    None
                }
                Err(e) => Some(tr!(
                    "core-store-could-not-keep-the-owner",
                    owner = (owner.0).to_string(),
                    owner2 = (owner.1).to_string(),
                    path = (self.path.display()).to_string(),
                    e = e.to_string()
                )),
            };
        for (name, value) in attributes {
            rustix::fs::fsetxattr(
                tmp.as_file(),
                name.as_str(),
                value,
                rustix::fs::XattrFlags::empty(),
            )
            .map_err(|e| StoreError::AttributesNotKept {
                path: self.path.clone(),
                name: name.clone(),
                source: e.into(),
            })?;
        }
        tmp.as_file().sync_all().map_err(write_err)?;
        // Last look just before the rename, to keep the window for a lost edit small.
        self.ensure_unchanged()?;
        tmp.persist(&self.path).map_err(|e| write_err(e.error))?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(owner_warning)
    }

    /// The name still means the regular file that was read, with the same bytes.
    fn ensure_unchanged(&self) -> Result<fs::Metadata, StoreError> {
        let changed = || StoreError::ChangedOnDisk {
            path: self.path.clone(),
        };
        let meta = fs::symlink_metadata(&self.path).map_err(|source| FileError::Io {
            path: self.path.clone(),
            source,
        })?;
        if (meta.dev(), meta.ino()) != self.identity {
            return Err(changed());
        }
        let now = read_bounded(&self.path, ENV_LIMIT, Links::Refuse)?;
        if now != self.original.as_bytes() {
            return Err(changed());
        }
        Ok(meta)
    }
}

/// The temporary copies (`.<name>.dify-https-*`) a killed write left beside the file:
/// full copies of `.env`, passwords included. Called under the folder lock, when no
/// other write can be under way, so every one of them is stale.
fn sweep_stale_copies(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = format!(".{}.dify-https-", name.to_string_lossy());
    let Ok(dir) = crate::core::files::Dir::open(dir, Path::new("."), None) else {
        return;
    };
    for entry in dir.names().unwrap_or_default() {
        let stale = entry.to_string_lossy().starts_with(&prefix)
            && dir.kind(&entry).ok().flatten() == Some(crate::core::files::tree::Kind::File);
        if stale {
            let _ = dir.remove_tree(&entry);
        }
    }
}

/// Names the cause of a failed write.
fn write_error(dir: &Path, e: io::Error) -> StoreError {
    let dir = dir.to_path_buf();
    match e.raw_os_error() {
        Some(code)
            if code == rustix::io::Errno::NOSPC.raw_os_error()
                || code == rustix::io::Errno::DQUOT.raw_os_error() =>
        {
            StoreError::DiskFull { dir }
        }
        Some(code) if code == rustix::io::Errno::ROFS.raw_os_error() => {
            StoreError::ReadOnlyFs { dir }
        }
        _ => StoreError::Write { dir, source: e },
    }
}

/// The file's extended attributes (POSIX ACLs, SELinux labels...), to carry over.
fn read_attributes(path: &Path) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
    let mut names = vec![0u8; 64 * 1024];
    let len = match rustix::fs::llistxattr(path, &mut names[..]) {
        Ok(n) => n,
        // The file system has none.
        Err(e) if e == rustix::io::Errno::NOTSUP => return Ok(vec![]),
        Err(e) => {
            return Err(StoreError::AttributesNotKept {
                path: path.to_path_buf(),
                name: "(list)".into(),
                source: e.into(),
            });
        }
    };
    let mut out = Vec::new();
    for name in names[..len].split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        let mut value = vec![0u8; 64 * 1024];
        let n = rustix::fs::lgetxattr(path, name.as_str(), &mut value[..]).map_err(|e| {
            StoreError::AttributesNotKept {
                path: path.to_path_buf(),
                name: name.clone(),
                source: e.into(),
            }
        })?;
        value.truncate(n);
        out.push((name, value));
    }
    Ok(out)
}

/// `<file>.bak-YYYYMMDD-HHMMSS` beside the file (`-2`, `-3`... if taken), created new
/// (never over an existing name or through a link) with the original's bytes, mode
/// and owner.
fn create_backup(
    target: &Path,
    now: OffsetDateTime,
    bytes: &[u8],
    mode: u32,
    owner: (u32, u32),
) -> io::Result<PathBuf> {
    let base = backup_path(target, now);
    let mut candidate = base.clone();
    for n in 2.. {
        match write_new_file(&candidate, bytes, mode) {
            Ok(file) => {
                // Root keeps the original owner; others own their copy already.
                let _ = std::os::unix::fs::fchown(&file, Some(owner.0), Some(owner.1));
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                candidate = PathBuf::from(format!("{}-{n}", base.display()));
            }
            Err(e) => {
                let _ = fs::remove_file(&candidate);
                return Err(e);
            }
        }
    }
    unreachable!("the loop returns")
}

/// `<file>.bak-YYYYMMDD-HHMMSS` beside the file.
pub fn backup_path(target: &Path, now: OffsetDateTime) -> PathBuf {
    let stamp = now
        .format(format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_else(|_| "backup".into());
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".env".into());
    target.with_file_name(format!("{name}.bak-{stamp}"))
}

fn write_new_file(path: &Path, bytes: &[u8], mode: u32) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode & 0o777)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)?;
    f.write_all(bytes)?;
    f.set_permissions(Permissions::from_mode(mode & 0o777))?;
    f.sync_all()?;
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 01:02:03 UTC);

    fn file_with(text: &str, mode: u32) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        fs::write(&path, text).unwrap();
        fs::set_permissions(&path, Permissions::from_mode(mode)).unwrap();
        (dir, path)
    }

    #[test]
    fn write_replaces_content_keeps_mode_and_backs_up() {
        let (_dir, path) = file_with("A=1\n", 0o640);
        let file = EnvFile::read(&path).unwrap();
        let report = file.write("A=2\n", NOW).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "A=2\n");
        assert_eq!(
            report.backup.file_name().unwrap(),
            ".env.bak-20261129-010203"
        );
        assert_eq!(fs::read_to_string(&report.backup).unwrap(), "A=1\n");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o640);
        assert_eq!(mode(&report.backup), 0o640);
        // No temporary file is left behind (the lock lives under volumes/).
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n != "volumes")
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn copies_a_killed_write_left_are_swept_and_unsafe_values_refused() {
        let (dir, path) = file_with("A=1\nCERTBOT_DOMAIN=a.org\n", 0o600);
        let stale = dir.path().join("..env.dify-https-Ab12Cd");
        fs::write(&stale, "SECRET_KEY=copy\n").unwrap();
        let keep = dir.path().join(".env.local");
        fs::write(&keep, "mine").unwrap();
        let file = EnvFile::read(&path).unwrap();
        // Refused before anything: no lock taken, no backup, the copy still there.
        let err = file
            .write("A=1\nCERTBOT_DOMAIN='a.org\nX'\n", NOW)
            .unwrap_err();
        assert!(
            matches!(err, StoreError::UnsafeValue { ref key, .. } if key == "CERTBOT_DOMAIN"),
            "{err}"
        );
        assert!(stale.exists());
        file.write("A=2\nCERTBOT_DOMAIN=a.org\n", NOW).unwrap();
        assert!(!stale.exists(), "swept under the lock");
        assert!(keep.exists(), "only its own copies");
    }

    #[test]
    fn second_backup_in_the_same_second_gets_a_suffix() {
        let (_dir, path) = file_with("A=1\n", 0o600);
        EnvFile::read(&path).unwrap().write("A=2\n", NOW).unwrap();
        let second = EnvFile::read(&path).unwrap().write("A=3\n", NOW).unwrap();
        assert_eq!(
            second.backup.file_name().unwrap(),
            ".env.bak-20261129-010203-2"
        );
        assert_eq!(fs::read_to_string(second.backup).unwrap(), "A=2\n");
    }

    #[test]
    fn a_file_changed_since_reading_is_not_overwritten() {
        let (_dir, path) = file_with("A=1\n", 0o600);
        let file = EnvFile::read(&path).unwrap();
        fs::write(&path, "A=1\nB=someone else\n").unwrap();
        assert!(matches!(
            file.write("A=2\n", NOW),
            Err(StoreError::ChangedOnDisk { .. })
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "A=1\nB=someone else\n");
    }

    #[test]
    fn a_read_only_file_is_refused() {
        let (_dir, path) = file_with("A=1\n", 0o444);
        let err = EnvFile::read(&path)
            .unwrap()
            .write("A=2\n", NOW)
            .unwrap_err();
        assert!(err.to_string().contains("chmod u+w"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "A=1\n");
    }

    #[test]
    fn a_symlinked_env_is_refused_and_its_target_untouched() {
        let (dir, real) = file_with("A=1\n", 0o600);
        let link = dir.path().join("link.env");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let err = EnvFile::read(&link).unwrap_err();
        assert!(err.to_string().contains("is a symbolic link to"), "{err}");
        assert_eq!(fs::read_to_string(&real).unwrap(), "A=1\n");
    }

    #[test]
    fn a_file_replaced_by_a_link_after_reading_is_not_written() {
        let (dir, path) = file_with("A=1\n", 0o600);
        let file = EnvFile::read(&path).unwrap();
        let elsewhere = dir.path().join("elsewhere");
        fs::write(&elsewhere, "A=1\n").unwrap();
        fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
        assert!(file.write("A=2\n", NOW).is_err());
        assert_eq!(fs::read_to_string(&elsewhere).unwrap(), "A=1\n");
        assert!(
            fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn two_writers_of_one_read_never_both_succeed() {
        let (_dir, path) = file_with("A=1\n", 0o600);
        let first = EnvFile::read(&path).unwrap();
        let second = EnvFile::read(&path).unwrap();
        first.write("A=2\n", NOW).unwrap();
        assert!(matches!(
            second.write("A=3\n", NOW),
            Err(StoreError::ChangedOnDisk { .. })
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "A=2\n");
    }

    #[test]
    fn extended_attributes_are_kept() {
        let (_dir, path) = file_with("A=1\n", 0o640);
        let set = rustix::fs::setxattr(
            &path,
            "user.dify_https_test",
            b"kept",
            rustix::fs::XattrFlags::empty(),
        );
        if set.is_err() {
            eprintln!("SKIPPED extended_attributes_are_kept: this file system has no user xattrs");
            return;
        }
        EnvFile::read(&path).unwrap().write("A=2\n", NOW).unwrap();
        let mut value = [0u8; 16];
        let n = rustix::fs::getxattr(&path, "user.dify_https_test", &mut value[..]).unwrap();
        assert_eq!(&value[..n], b"kept");
    }

    #[test]
    fn non_utf8_is_refused_with_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        fs::write(&path, b"A=\xff\n").unwrap();
        assert!(
            EnvFile::read(&path)
                .unwrap_err()
                .to_string()
                .contains("iconv")
        );
    }
}
