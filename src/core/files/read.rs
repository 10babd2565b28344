//! Opening and reading a file that must be a regular one, with a size bound.

use crate::tr;
use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::OFlags;

/// Whether a symbolic link at the path itself may be followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Refuse a link (and a hard-linked file): what dify-https writes, such as `.env`.
    Refuse,
    /// Follow links (certbot's `live/*.pem` are links into `archive/`).
    Follow,
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}", crate::tr!("core-file-path-does-not-exist", path = .path.display().to_string()))]
    Missing { path: PathBuf },
    #[error("{}", crate::tr!("core-file-cannot-read-path-permission-denied", path = .path.display().to_string()))]
    PermissionDenied { path: PathBuf },
    #[error(
        "{path} is a symbolic link{}: dify-https does not read or write through links there. Replace the link with the file itself (`cp --remove-destination \"$(readlink -f {path})\" {path}`)",
        target.as_ref().map(|t| tr!("core-file-to", t = (t.display()).to_string())).unwrap_or_default()
    )]
    Symlink {
        path: PathBuf,
        target: Option<PathBuf>,
    },
    #[error("{}", crate::tr!("core-file-path-has-links-hard-links", path = .path.display().to_string(), links = .links.to_string(), path2 = .path.display().to_string(), path2 = .path.display().to_string(), path2 = .path.display().to_string(), path2 = .path.display().to_string()))]
    HardLinked { path: PathBuf, links: u64 },
    #[error("{}", crate::tr!("core-file-path-is-kind-not-a", path = .path.display().to_string(), kind = .kind.to_string()))]
    NotRegular { path: PathBuf, kind: String },
    #[error("{}", crate::tr!("core-file-path-is-size-bytes-more", path = .path.display().to_string(), size = .size.to_string(), limit = .limit.to_string()))]
    TooBig {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}", crate::tr!("core-file-cannot-read-path-source", path = .path.display().to_string(), why = .source.to_string()))]
    Io { path: PathBuf, source: io::Error },
}

/// What a file type is, in words ("a FIFO", "a device", ...).
pub fn kind_of(ft: FileType) -> String {
    if ft.is_dir() {
        tr!("core-file-a-folder")
    } else if ft.is_symlink() {
        tr!("core-file-a-symbolic-link")
    } else if ft.is_fifo() {
        tr!("core-file-a-fifo-named-pipe")
    } else if ft.is_socket() {
        tr!("core-file-a-socket")
    } else if ft.is_block_device() || ft.is_char_device() {
        tr!("core-file-a-device")
    } else if ft.is_file() {
        tr!("core-file-a-regular-file")
    } else {
        tr!("core-file-not-a-regular-file")
    }
}

fn io_error(path: &Path, source: io::Error) -> FileError {
    match source.kind() {
        io::ErrorKind::NotFound => FileError::Missing {
            path: path.to_path_buf(),
        },
        io::ErrorKind::PermissionDenied => FileError::PermissionDenied {
            path: path.to_path_buf(),
        },
        _ => FileError::Io {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Opens `path` for reading if it is a regular file within `limit` bytes. Never
/// blocks on a FIFO (it is opened non-blocking and refused).
pub fn open_regular(path: &Path, limit: u64, links: Links) -> Result<File, FileError> {
    let mut flags = OFlags::NONBLOCK | OFlags::NOCTTY;
    if links == Links::Refuse {
        flags |= OFlags::NOFOLLOW;
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(|e| {
            // O_NOFOLLOW on a link: ELOOP.
            if links == Links::Refuse
                && e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
            {
                FileError::Symlink {
                    path: path.to_path_buf(),
                    target: std::fs::read_link(path).ok(),
                }
            } else {
                io_error(path, e)
            }
        })?;
    let meta = file.metadata().map_err(|e| io_error(path, e))?;
    if !meta.file_type().is_file() {
        return Err(FileError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(meta.file_type()),
        });
    }
    if links == Links::Refuse && meta.nlink() > 1 {
        return Err(FileError::HardLinked {
            path: path.to_path_buf(),
            links: meta.nlink(),
        });
    }
    if meta.len() > limit {
        return Err(FileError::TooBig {
            path: path.to_path_buf(),
            size: meta.len(),
            limit,
        });
    }
    Ok(file)
}

/// Reads `path` whole if it is a regular file of at most `limit` bytes (a file that
/// grows past the limit while being read is refused too).
pub fn read_bounded(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, FileError> {
    let file = open_regular(path, limit, links)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooBig {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "A=1\n").unwrap();
        assert_eq!(read_bounded(&file, 10, Links::Refuse).unwrap(), b"A=1\n");
        assert!(matches!(
            read_bounded(&file, 3, Links::Refuse),
            Err(FileError::TooBig { .. })
        ));

        let link = dir.path().join("link");
        symlink(&file, &link).unwrap();
        let err = read_bounded(&link, 10, Links::Refuse).unwrap_err();
        assert!(matches!(err, FileError::Symlink { .. }), "{err}");
        assert!(err.to_string().contains("is a symbolic link to"), "{err}");
        assert_eq!(read_bounded(&link, 10, Links::Follow).unwrap(), b"A=1\n");

        let hard = dir.path().join("hard");
        std::fs::hard_link(&file, &hard).unwrap();
        assert!(matches!(
            read_bounded(&hard, 10, Links::Refuse),
            Err(FileError::HardLinked { links: 2, .. })
        ));

        let fifo = dir.path().join("fifo");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        let err = read_bounded(&fifo, 10, Links::Follow).unwrap_err();
        assert!(err.to_string().contains("is a FIFO"), "{err}");

        let err = read_bounded(Path::new("/dev/zero"), 10, Links::Follow).unwrap_err();
        assert!(err.to_string().contains("is a device"), "{err}");
        let err = read_bounded(dir.path(), 10, Links::Follow).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
        assert!(matches!(
            read_bounded(&dir.path().join("nope"), 10, Links::Follow),
            Err(FileError::Missing { .. })
        ));
    }
}
