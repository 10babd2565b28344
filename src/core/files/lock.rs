//! One dify-https at a time per Dify folder for what must not interleave: a `.env`
//! read-check-write, and runs (a renewal and a setup never overlap). An advisory
//! `flock` on a file in `volumes/certbot/`; re-entrant within one process, so a run
//! that holds it can still write `.env`.

use crate::tr;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use rustix::fs::{FlockOperation, OFlags, flock};

/// Locks held by this process: path -> (file, holders).
fn held() -> &'static Mutex<HashMap<PathBuf, (File, usize)>> {
    static HELD: OnceLock<Mutex<HashMap<PathBuf, (File, usize)>>> = OnceLock::new();
    HELD.get_or_init(|| Mutex::new(HashMap::new()))
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}", crate::tr!("core-lock-busy", holder = .holder.clone()))]
    Busy { holder: String },
    #[error("{}", crate::tr!("core-lock-io", path = .path.display(), why = .source.to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Held until dropped.
#[derive(Debug)]
pub struct FolderLock {
    path: PathBuf,
}

impl FolderLock {
    /// Takes the lock at `path` for `what` (shown to whoever waits), waiting up to `wait`.
    pub fn acquire(path: &Path, what: &str, wait: Duration) -> Result<FolderLock, LockError> {
        let mut map = held().lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, n)) = map.get_mut(path) {
            *n += 1;
            return Ok(FolderLock {
                path: path.to_path_buf(),
            });
        }
        let io = |source| LockError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o644)
            .custom_flags((OFlags::NOFOLLOW | OFlags::CLOEXEC).bits() as i32)
            .open(path)
            .map_err(io)?;
        let deadline = Instant::now() + wait;
        loop {
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => break,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                Err(_) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = holder.trim();
                    return Err(LockError::Busy {
                        holder: if holder.is_empty() {
                            tr!("core-lock-its-lock-file-is-held")
                        } else {
                            holder.to_string()
                        },
                    });
                }
            }
        }
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "pid {}: {what}", std::process::id());
        map.insert(path.to_path_buf(), (file, 1));
        Ok(FolderLock {
            path: path.to_path_buf(),
        })
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        let mut map = held().lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, n)) = map.get_mut(&self.path) {
            *n -= 1;
            if *n == 0 {
                // Closing the file releases the flock.
                if let Some((file, _)) = map.remove(&self.path) {
                    let _ = file.set_len(0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re_entrant_here_exclusive_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("volumes/certbot/.dify-https.lock");
        let a = FolderLock::acquire(&path, "setup", Duration::ZERO).unwrap();
        let b = FolderLock::acquire(&path, "write .env", Duration::ZERO).unwrap();
        // Another open file description (as another process would have) cannot take it.
        let other = File::open(&path).unwrap();
        assert!(flock(&other, FlockOperation::NonBlockingLockExclusive).is_err());
        assert!(std::fs::read_to_string(&path).unwrap().contains(": setup"));
        drop(a);
        assert!(
            flock(&other, FlockOperation::NonBlockingLockExclusive).is_err(),
            "still held by b"
        );
        drop(b);
        assert!(flock(&other, FlockOperation::NonBlockingLockExclusive).is_ok());
    }
}
