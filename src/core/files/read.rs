//! Opening and reading a file that must be a regular one, with a size bound.

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
    #[error("{path} does not exist")]
    Missing { path: PathBuf },
    #[error("cannot read {path}: permission denied (run as its owner or with sudo)")]
    PermissionDenied { path: PathBuf },
    #[error(
        "{path} is a symbolic link{}: dify-https does not read or write through links there. Replace the link with the file itself (`cp --remove-destination \"$(readlink -f {path})\" {path}`)",
        target.as_ref().map(|t| format!(" to {}", t.display())).unwrap_or_default()
    )]
    Symlink {
        path: PathBuf,
        target: Option<PathBuf>,
    },
    #[error(
        "{path} has {links} hard links: a write would change the other names too, or split them. Make it a file of its own (`cp {path} {path}.tmp && mv {path}.tmp {path}`)"
    )]
    HardLinked { path: PathBuf, links: u64 },
    #[error("{path} is {kind}, not a regular file: dify-https reads only regular files there")]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{path} is {size} bytes, more than the {limit} bytes such a file ever has: refused")]
    TooBig {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// What a file type is, in words ("a FIFO", "a device", ...).
pub fn kind_of(ft: FileType) -> &'static str {
    if ft.is_dir() {
        "a folder"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_fifo() {
        "a FIFO (named pipe)"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_block_device() || ft.is_char_device() {
        "a device"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "not a regular file"
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
