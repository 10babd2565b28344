//! The one way dify-https creates, replaces and removes files and folders: through a
//! handle on a directory, one path component at a time, never following a link.
//!
//! A path checked as text can still lead elsewhere on disk (a link planted in one of
//! its folders, or made by an earlier entry of the same archive). Every operation here
//! works relative to an open directory (`openat`, `mkdirat`, `symlinkat`, `renameat`)
//! and opens each component with `O_NOFOLLOW`, so a link anywhere below the starting
//! folder makes the operation fail instead of writing through it. Modes are set on the
//! open file (`fchmod`), whatever the umask or the input said.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use rustix::fs::{AtFlags, FileType, Mode, OFlags, RenameFlags};

/// An open directory, reached without following a link below its base.
#[derive(Debug)]
pub struct Dir {
    fd: OwnedFd,
    path: PathBuf,
}

/// What is at a name inside a [`Dir`] (a link is reported as one, not followed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dir,
    File,
    Link,
    Other,
}

fn errno(e: rustix::io::Errno) -> io::Error {
    io::Error::from(e)
}

/// `name` as one plain path component (no `/`, not `.` or `..`, no NUL), or an error.
fn component(name: &OsStr) -> io::Result<&OsStr> {
    let bytes = name.as_bytes();
    if bytes.is_empty()
        || bytes == b"."
        || bytes == b".."
        || bytes.contains(&b'/')
        || bytes.contains(&0)
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{:?} is not a plain file name", name),
        ));
    }
    Ok(name)
}

/// The plain components of a relative path (`.` parts dropped); an absolute path or
/// one with `..` is refused.
pub fn plain_components(rel: &Path) -> io::Result<Vec<&OsStr>> {
    rel.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::Normal(n) => component(n),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} leaves its folder", rel.display()),
            )),
        })
        .collect()
}

const DIR_FLAGS: OFlags = OFlags::DIRECTORY
    .union(OFlags::NOFOLLOW)
    .union(OFlags::RDONLY)
    .union(OFlags::CLOEXEC);

impl Dir {
    /// Opens `base` (a folder the user named: links in it are theirs and followed),
    /// then each component of `rel` without following links. With `create`, missing
    /// components are made with that mode.
    pub fn open(base: &Path, rel: &Path, create: Option<u32>) -> io::Result<Dir> {
        let fd = rustix::fs::open(
            base,
            OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(errno)?;
        let mut dir = Dir {
            fd,
            path: base.to_path_buf(),
        };
        for name in plain_components(rel)? {
            dir = dir.subdir(name, create)?;
        }
        Ok(dir)
    }

    /// The path this handle was reached by (for messages only: operations use the handle).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder `name` inside this one, not through a link; made with `create`'s mode
    /// when missing.
    pub fn subdir(&self, name: impl AsRef<OsStr>, create: Option<u32>) -> io::Result<Dir> {
        let name = component(name.as_ref())?;
        let open = || rustix::fs::openat(&self.fd, name, DIR_FLAGS, Mode::empty());
        let fd = match open() {
            Err(rustix::io::Errno::NOENT) if create.is_some() => {
                let mode = create.unwrap_or(0o755);
                match rustix::fs::mkdirat(&self.fd, name, Mode::from_raw_mode(mode)) {
                    Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                    Err(e) => return Err(errno(e)),
                }
                let fd = open().map_err(|e| self.link_error(name, e))?;
                rustix::fs::fchmod(&fd, Mode::from_raw_mode(mode)).map_err(errno)?;
                fd
            }
            r => r.map_err(|e| self.link_error(name, e))?,
        };
        Ok(Dir {
            fd,
            path: self.path.join(name),
        })
    }

    /// ELOOP/ENOTDIR on a no-follow open: say it is a link (or not a folder), by path.
    fn link_error(&self, name: &OsStr, e: rustix::io::Errno) -> io::Error {
        let at = self.path.join(name);
        match e {
            rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR => io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is a link or not a folder: nothing is written through it",
                    at.display()
                ),
            ),
            e => io::Error::new(io::Error::from(e).kind(), format!("{}: {e}", at.display())),
        }
    }

    /// Gives this folder exactly `mode`.
    pub fn set_mode(&self, mode: u32) -> io::Result<()> {
        rustix::fs::fchmod(&self.fd, Mode::from_raw_mode(mode)).map_err(errno)
    }

    /// Another handle on this same folder.
    pub fn try_clone(&self) -> io::Result<Dir> {
        Ok(Dir {
            fd: self.fd.try_clone()?,
            path: self.path.clone(),
        })
    }

    /// Makes the folder `name` (it must not exist) with exactly `mode`.
    pub fn create_dir(&self, name: impl AsRef<OsStr>, mode: u32) -> io::Result<Dir> {
        let name = component(name.as_ref())?;
        rustix::fs::mkdirat(&self.fd, name, Mode::from_raw_mode(mode)).map_err(errno)?;
        let dir = self.subdir(name, None)?;
        rustix::fs::fchmod(&dir.fd, Mode::from_raw_mode(mode)).map_err(errno)?;
        Ok(dir)
    }

    /// Makes the file `name` (it must not exist) with `bytes` and exactly `mode`, synced.
    pub fn create_file(&self, name: impl AsRef<OsStr>, bytes: &[u8], mode: u32) -> io::Result<()> {
        let name = component(name.as_ref())?;
        let fd = rustix::fs::openat(
            &self.fd,
            name,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(mode),
        )
        .map_err(errno)?;
        rustix::fs::fchmod(&fd, Mode::from_raw_mode(mode)).map_err(errno)?;
        let mut file = File::from(fd);
        file.write_all(bytes)?;
        file.sync_all()
    }

    /// Makes the link `name` → `target` (the target is not checked or followed here).
    pub fn symlink(&self, name: impl AsRef<OsStr>, target: &Path) -> io::Result<()> {
        let name = component(name.as_ref())?;
        rustix::fs::symlinkat(target, &self.fd, name).map_err(errno)
    }

    /// Replaces (or makes) the file `name` with `bytes` and `mode` in one step: a
    /// temporary file beside it, synced, renamed over it. A link at `name` is replaced,
    /// never written through.
    pub fn write_atomic(&self, name: impl AsRef<OsStr>, bytes: &[u8], mode: u32) -> io::Result<()> {
        let name = component(name.as_ref())?;
        let tmp = self.temp_name(name);
        self.create_file(&tmp, bytes, mode)?;
        let renamed = rustix::fs::renameat(&self.fd, tmp.as_os_str(), &self.fd, name);
        if let Err(e) = renamed {
            let _ = rustix::fs::unlinkat(&self.fd, tmp.as_os_str(), AtFlags::empty());
            return Err(errno(e));
        }
        self.sync()
    }

    fn temp_name(&self, name: &OsStr) -> PathBuf {
        let mut bytes = [0u8; 6];
        let _ = getrandom_bytes(&mut bytes);
        let tag: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        PathBuf::from(format!(".{}.dify-https-{tag}", name.to_string_lossy()))
    }

    /// What is at `name` (not following a link), or `None`.
    pub fn kind(&self, name: impl AsRef<OsStr>) -> io::Result<Option<Kind>> {
        let name = component(name.as_ref())?;
        match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => Ok(Some(match FileType::from_raw_mode(st.st_mode) {
                FileType::Directory => Kind::Dir,
                FileType::RegularFile => Kind::File,
                FileType::Symlink => Kind::Link,
                _ => Kind::Other,
            })),
            Err(rustix::io::Errno::NOENT) => Ok(None),
            Err(e) => Err(errno(e)),
        }
    }

    /// Reads the regular file `name` (not through a link), at most `limit` bytes.
    pub fn read_file(&self, name: impl AsRef<OsStr>, limit: u64) -> io::Result<Vec<u8>> {
        let name = component(name.as_ref())?;
        let fd = rustix::fs::openat(
            &self.fd,
            name,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| self.link_error(name, e))?;
        let st = rustix::fs::fstat(&fd).map_err(errno)?;
        if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a regular file", self.path.join(name).display()),
            ));
        }
        let mut bytes = Vec::new();
        File::from(fd).take(limit + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{} is larger than expected", self.path.join(name).display()),
            ));
        }
        Ok(bytes)
    }

    /// The names in this folder.
    pub fn names(&self) -> io::Result<Vec<std::ffi::OsString>> {
        let fd = rustix::fs::openat(&self.fd, ".", DIR_FLAGS, Mode::empty()).map_err(errno)?;
        let mut names = Vec::new();
        for entry in rustix::fs::Dir::read_from(&fd).map_err(errno)? {
            let entry = entry.map_err(errno)?;
            let name = entry.file_name().to_bytes();
            if name != b"." && name != b".." {
                names.push(OsStr::from_bytes(name).to_os_string());
            }
        }
        Ok(names)
    }

    /// Renames `from` to `to` inside this folder, refusing to replace anything.
    pub fn rename_new(
        &self,
        from: impl AsRef<OsStr>,
        to: &Dir,
        name: impl AsRef<OsStr>,
    ) -> io::Result<()> {
        let (from, name) = (component(from.as_ref())?, component(name.as_ref())?);
        rustix::fs::renameat_with(&self.fd, from, &to.fd, name, RenameFlags::NOREPLACE)
            .map_err(errno)
    }

    /// Gives `name` (never followed if a link) to `uid`:`gid`.
    pub fn chown(&self, name: impl AsRef<OsStr>, uid: u32, gid: u32) -> io::Result<()> {
        let name = component(name.as_ref())?;
        let (uid, gid) = (
            rustix::fs::Uid::from_raw(uid),
            rustix::fs::Gid::from_raw(gid),
        );
        rustix::fs::chownat(
            &self.fd,
            name,
            Some(uid),
            Some(gid),
            AtFlags::SYMLINK_NOFOLLOW,
        )
        .map_err(errno)
    }

    /// Swaps `a` here with `b` in `other` in one step (both must exist): whoever looks
    /// sees the one or the other, never neither.
    pub fn exchange(
        &self,
        a: impl AsRef<OsStr>,
        other: &Dir,
        b: impl AsRef<OsStr>,
    ) -> io::Result<()> {
        let (a, b) = (component(a.as_ref())?, component(b.as_ref())?);
        rustix::fs::renameat_with(&self.fd, a, &other.fd, b, RenameFlags::EXCHANGE).map_err(errno)
    }

    /// Removes `name` and, if it is a real folder, everything in it; links are removed,
    /// never followed. Missing is fine.
    pub fn remove_tree(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        let name = component(name.as_ref())?;
        match self.kind(name)? {
            None => Ok(()),
            Some(Kind::Dir) => {
                let sub = self.subdir(name, None)?;
                for child in sub.names()? {
                    sub.remove_tree(&child)?;
                }
                drop(sub);
                rustix::fs::unlinkat(&self.fd, name, AtFlags::REMOVEDIR).map_err(errno)
            }
            Some(_) => rustix::fs::unlinkat(&self.fd, name, AtFlags::empty()).map_err(errno),
        }
    }

    /// Flushes the folder's own entries (names added, renamed, removed) to disk.
    pub fn sync(&self) -> io::Result<()> {
        rustix::fs::fsync(self.fd.as_fd()).map_err(errno)
    }
}

/// Random bytes for temporary names (the kernel's; zeros if it cannot say).
fn getrandom_bytes(buf: &mut [u8]) -> io::Result<()> {
    let mut f = File::open("/dev/urandom")?;
    f.read_exact(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    #[test]
    fn nothing_is_created_through_a_link() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("a")).unwrap();
        symlink(outside.path(), root.path().join("a/out")).unwrap();
        // A path through the link is refused, and nothing appears outside.
        let err = Dir::open(root.path(), Path::new("a/out/x"), Some(0o755)).unwrap_err();
        assert!(err.to_string().contains("is a link"), "{err}");
        let a = Dir::open(root.path(), Path::new("a"), None).unwrap();
        assert!(a.create_file("out", b"x", 0o644).is_err());
        assert!(a.subdir("out", None).is_err());
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        // `..` and `/` never pass as names.
        assert!(a.create_file("../x", b"x", 0o644).is_err());
        assert!(a.create_file("..", b"x", 0o644).is_err());
        assert!(Dir::open(root.path(), Path::new("../x"), Some(0o755)).is_err());
        assert!(Dir::open(root.path(), Path::new("/etc"), None).is_err());
    }

    #[test]
    fn modes_are_exactly_as_asked_and_replacing_is_atomic() {
        let root = tempfile::tempdir().unwrap();
        let d = Dir::open(root.path(), Path::new("x/y"), Some(0o700)).unwrap();
        let mode = |p: &Path| std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&root.path().join("x/y")), 0o700);
        d.create_file("k", b"key", 0o600).unwrap();
        assert_eq!(mode(&root.path().join("x/y/k")), 0o600);
        assert!(
            d.create_file("k", b"again", 0o600).is_err(),
            "never replaces"
        );
        // A link where the file goes is replaced, not followed.
        let outside = root.path().join("outside");
        std::fs::write(&outside, "keep").unwrap();
        symlink(&outside, root.path().join("x/y/state")).unwrap();
        d.write_atomic("state", b"new", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(
            std::fs::read(root.path().join("x/y/state")).unwrap(),
            b"new"
        );
        assert_eq!(mode(&root.path().join("x/y/state")), 0o600);
        assert_eq!(d.names().unwrap().len(), 2, "no temporary file left");
    }

    #[test]
    fn exchange_and_remove_tree() {
        let root = tempfile::tempdir().unwrap();
        let d = Dir::open(root.path(), Path::new("."), None).unwrap();
        d.create_dir("a", 0o755)
            .unwrap()
            .create_file("f", b"a", 0o644)
            .unwrap();
        d.create_dir("b", 0o755)
            .unwrap()
            .create_file("f", b"b", 0o644)
            .unwrap();
        d.exchange("a", &d, "b").unwrap();
        assert_eq!(std::fs::read(root.path().join("a/f")).unwrap(), b"b");
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("keep"), "k").unwrap();
        symlink(outside.path(), root.path().join("a/link")).unwrap();
        d.remove_tree("a").unwrap();
        assert!(!root.path().join("a").exists());
        assert!(
            outside.path().join("keep").exists(),
            "a link is removed, not followed"
        );
    }
}
