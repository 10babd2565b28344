//! Reading `.env` and writing it back safely: the new text goes to a temporary
//! file in the same folder (fsynced, with the old file's mode and owner), a
//! timestamped backup of the old bytes is kept, and the rename only happens if
//! nobody changed the file since it was read.

use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::macros::format_description;

use super::document::EnvDocument;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error(
        "{path} is not UTF-8 text; dify-https edits it only as text (convert it with `iconv -t UTF-8` first)"
    )]
    NotUtf8 { path: PathBuf },
    #[error("{path} changed on disk since dify-https read it; nothing was written")]
    ChangedOnDisk { path: PathBuf },
    #[error(
        "{path} is read-only (mode {mode:o}); nothing was written. Make it writable (`chmod u+w {path}`) or run as its owner"
    )]
    ReadOnly { path: PathBuf, mode: u32 },
    #[error("cannot write in {dir}: {source}. Run as the folder's owner or with sudo")]
    Write { dir: PathBuf, source: io::Error },
}

/// What a write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub path: PathBuf,
    pub backup: PathBuf,
    /// Set when the new file could not be given the old owner (not running as root).
    pub owner_warning: Option<String>,
}

/// A `.env` file as read from disk, with the bytes it had then.
#[derive(Debug, Clone)]
pub struct EnvFile {
    path: PathBuf,
    original: String,
    document: EnvDocument,
}

impl EnvFile {
    pub fn read(path: &Path) -> Result<EnvFile, StoreError> {
        let bytes = fs::read(path).map_err(|source| StoreError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let original = String::from_utf8(bytes).map_err(|_| StoreError::NotUtf8 {
            path: path.to_path_buf(),
        })?;
        let document = EnvDocument::parse(&original);
        Ok(EnvFile {
            path: path.to_path_buf(),
            original,
            document,
        })
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
    pub fn write(&self, new_text: &str, now: OffsetDateTime) -> Result<WriteReport, StoreError> {
        // Write through a symlink to the file it names, as an editor would.
        let target = fs::canonicalize(&self.path).map_err(|source| StoreError::Read {
            path: self.path.clone(),
            source,
        })?;
        let meta = fs::metadata(&target).map_err(|source| StoreError::Read {
            path: self.path.clone(),
            source,
        })?;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o200 == 0 {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                mode,
            });
        }
        self.ensure_unchanged(&target)?;
        let dir = target.parent().unwrap_or(Path::new(".")).to_path_buf();
        let write_err = |source: io::Error| StoreError::Write {
            dir: dir.clone(),
            source,
        };

        let backup = backup_path(&target, now);
        write_new_file(&backup, self.original.as_bytes(), mode).map_err(write_err)?;

        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ".env".into());
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{file_name}.dify-https-"))
            .tempfile_in(&dir)
            .map_err(write_err)?;
        tmp.write_all(new_text.as_bytes()).map_err(write_err)?;
        tmp.as_file()
            .set_permissions(Permissions::from_mode(mode))
            .map_err(write_err)?;
        let owner = (meta.uid(), meta.gid());
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
                Err(e) => Some(format!(
                    "could not keep the owner (uid {}, gid {}) of {}: {e}",
                    owner.0,
                    owner.1,
                    self.path.display()
                )),
            };
        tmp.as_file().sync_all().map_err(write_err)?;
        // Last look just before the rename, to keep the window for a lost edit small.
        self.ensure_unchanged(&target)?;
        tmp.persist(&target).map_err(|e| write_err(e.error))?;
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(WriteReport {
            path: self.path.clone(),
            backup,
            owner_warning,
        })
    }

    fn ensure_unchanged(&self, target: &Path) -> Result<(), StoreError> {
        let now = fs::read(target).map_err(|source| StoreError::Read {
            path: self.path.clone(),
            source,
        })?;
        if now != self.original.as_bytes() {
            return Err(StoreError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        Ok(())
    }
}

/// `<file>.bak-YYYYMMDD-HHMMSS` beside the file; `-2`, `-3`... if taken.
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
    let base = target.with_file_name(format!("{name}.bak-{stamp}"));
    let mut candidate = base.clone();
    let mut n = 2;
    while candidate.symlink_metadata().is_ok() {
        candidate = PathBuf::from(format!("{}-{n}", base.display()));
        n += 1;
    }
    candidate
}

fn write_new_file(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode & 0o777)
        .open(path)?;
    f.write_all(bytes)?;
    f.set_permissions(Permissions::from_mode(mode & 0o777))?;
    f.sync_all()
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
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
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
    fn a_symlinked_env_is_written_through() {
        let (dir, real) = file_with("A=1\n", 0o600);
        let link = dir.path().join("link.env");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        EnvFile::read(&link).unwrap().write("A=2\n", NOW).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "A=2\n");
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
