//! Following a log file as it grows, across rotation: certbot renames
//! `letsencrypt.log` to `letsencrypt.log.1` at every start and opens a new file. The
//! follower finishes reading the old file, then continues with the new one from its start.

use crate::core::files::{Links, open_regular};
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::sanitize::{is_plain, sanitize_line};
use super::tail::{each_last_line, last_lines_before};

/// At most this much is read per poll, so a huge burst never lands in memory at once.
const MAX_READ: usize = 8 * 1024 * 1024;
/// A line longer than this is cut and shown in pieces.
const MAX_LINE: usize = 64 * 1024;

pub struct LogFollower {
    path: PathBuf,
    open: Option<(File, u64)>,
    /// Where following started in the file first opened (its end, for `from_end`).
    start: u64,
    /// Bytes after the last newline, waiting for the rest of their line.
    partial: Vec<u8>,
}

impl LogFollower {
    /// Follows `path` from its current end: only lines written from now on.
    pub fn from_end(path: &Path) -> LogFollower {
        let mut start = 0;
        let open = open_regular(path, u64::MAX, Links::Follow)
            .ok()
            .and_then(|mut f| {
                start = f.seek(SeekFrom::End(0)).ok()?;
                let ino = f.metadata().ok()?.ino();
                Some((f, ino))
            });
        LogFollower {
            path: path.to_path_buf(),
            open,
            start,
            partial: Vec::new(),
        }
    }

    /// Follows `path` from its first byte (or from its creation, if it does not exist yet).
    pub fn from_start(path: &Path) -> LogFollower {
        LogFollower {
            path: path.to_path_buf(),
            open: None,
            start: 0,
            partial: Vec::new(),
        }
    }

    /// The last `n` lines written before following started: with [`LogFollower::from_end`],
    /// `tail -n N -f` without a gap or a repeat between the two. `None` if the file did
    /// not exist then.
    pub fn history(&self, n: usize) -> Option<io::Result<Vec<String>>> {
        let (file, _) = self.open.as_ref()?;
        Some(last_lines_before(file, self.start, n))
    }

    /// [`LogFollower::history`] line by line, without collecting them.
    pub fn each_history_line(&self, n: usize, each: impl FnMut(&str)) -> Option<io::Result<()>> {
        let (file, _) = self.open.as_ref()?;
        Some(each_last_line(file, self.start, n, each))
    }

    /// New complete lines since the last poll (sanitized). Never blocks.
    pub fn poll(&mut self) -> io::Result<Vec<String>> {
        let mut lines = Vec::new();
        let current = fs::metadata(&self.path).ok().map(|m| m.ino());
        let rotated = match (&self.open, current) {
            (Some((_, ino)), Some(now)) => *ino != now,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if rotated {
            // Lines written to the old file just before the rename come first.
            if let Some((mut old, old_ino)) = self.open.take() {
                self.read_into(&mut old, &mut lines, usize::MAX)?;
                self.flush_partial(&mut lines);
                // Rotated twice between two polls (certbot started twice): the file
                // in between is `<log>.1` now, and was never read.
                let between = rotated_name(&self.path, 1);
                if let Ok(mut mid) = open_regular(&between, u64::MAX, Links::Follow)
                    && let Ok(meta) = mid.metadata()
                    && meta.ino() != old_ino
                    && Some(meta.ino()) != current
                {
                    self.read_into(&mut mid, &mut lines, usize::MAX)?;
                }
            }
            self.flush_partial(&mut lines);
        }
        if self.open.is_none()
            && current.is_some()
            && let Ok(f) = open_regular(&self.path, u64::MAX, Links::Follow)
        {
            let ino = f.metadata()?.ino();
            self.open = Some((f, ino));
        }
        if let Some((mut file, ino)) = self.open.take() {
            // Truncated in place (copytruncate): start over.
            let pos = file.stream_position()?;
            if file.metadata()?.len() < pos {
                file.seek(SeekFrom::Start(0))?;
                self.partial.clear();
            }
            self.read_into(&mut file, &mut lines, MAX_READ)?;
            self.open = Some((file, ino));
        }
        Ok(lines)
    }

    fn read_into(
        &mut self,
        file: &mut File,
        lines: &mut Vec<String>,
        limit: usize,
    ) -> io::Result<()> {
        let mut buf = vec![0u8; 64 * 1024];
        let mut total = 0;
        while total < limit {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            total += n;
            let mut rest = &buf[..n];
            while let Some(i) = rest.iter().position(|&b| b == b'\n') {
                self.append(&rest[..i], lines);
                self.emit(lines);
                rest = &rest[i + 1..];
            }
            self.append(rest, lines);
        }
        Ok(())
    }

    /// Adds bytes to the line being read; an overlong line is cut into pieces.
    fn append(&mut self, mut bytes: &[u8], lines: &mut Vec<String>) {
        while self.partial.len() + bytes.len() >= MAX_LINE {
            let take = MAX_LINE - self.partial.len();
            self.partial.extend_from_slice(&bytes[..take]);
            self.emit(lines);
            bytes = &bytes[take..];
        }
        self.partial.extend_from_slice(bytes);
    }

    fn emit(&mut self, lines: &mut Vec<String>) {
        if self.partial.last() == Some(&b'\r') {
            self.partial.pop();
        }
        let line = match String::from_utf8(std::mem::take(&mut self.partial)) {
            // Most lines are clean UTF-8 with nothing to strip: no copy then.
            Ok(text) if is_plain(&text) => text,
            Ok(text) => sanitize_line(&text),
            Err(e) => sanitize_line(&String::from_utf8_lossy(e.as_bytes())),
        };
        lines.push(line);
    }

    /// A last line without its newline, at the end of a rotated file.
    fn flush_partial(&mut self, lines: &mut Vec<String>) {
        if !self.partial.is_empty() {
            self.emit(lines);
        }
    }
}

/// `letsencrypt.log.1` beside `letsencrypt.log`.
fn rotated_name(path: &Path, n: usize) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{n}"));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn append(path: &Path, text: &str) {
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }

    #[test]
    fn follows_growth_and_partial_lines() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("letsencrypt.log");
        append(&log, "old line\n");
        let mut f = LogFollower::from_end(&log);
        assert!(f.poll().unwrap().is_empty());
        append(&log, "new 1\nnew ");
        assert_eq!(f.poll().unwrap(), ["new 1"]);
        append(&log, "2\n");
        assert_eq!(f.poll().unwrap(), ["new 2"]);
    }

    #[test]
    fn a_double_rotation_between_polls_loses_no_line() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("letsencrypt.log");
        let rotate = || {
            let _ = fs::rename(
                dir.path().join("letsencrypt.log.1"),
                dir.path().join("letsencrypt.log.2"),
            );
            fs::rename(&log, dir.path().join("letsencrypt.log.1")).unwrap();
        };
        append(&log, "run 1 start\n");
        let mut f = LogFollower::from_end(&log);
        append(&log, "run 1 end\n");
        rotate();
        append(&log, "run 2 whole\n");
        rotate();
        append(&log, "run 3 start\n");
        assert_eq!(
            f.poll().unwrap(),
            ["run 1 end", "run 2 whole", "run 3 start"]
        );
    }

    #[test]
    fn truncation_never_splices_half_lines() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("letsencrypt.log");
        append(&log, "");
        let mut f = LogFollower::from_end(&log);
        append(&log, "complete\nhalf of a li");
        assert_eq!(f.poll().unwrap(), ["complete"]);
        fs::write(&log, "").unwrap();
        append(&log, "new\n");
        assert_eq!(f.poll().unwrap(), ["new"]);
    }

    #[test]
    fn history_and_following_meet_without_gap_or_repeat() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("letsencrypt.log");
        append(&log, "a\nb\nc\n");
        let mut f = LogFollower::from_end(&log);
        append(&log, "d\n");
        assert_eq!(f.history(2).unwrap().unwrap(), ["b", "c"]);
        assert_eq!(f.poll().unwrap(), ["d"]);
        assert!(
            LogFollower::from_end(&dir.path().join("none"))
                .history(2)
                .is_none()
        );
    }

    #[test]
    fn follows_certbot_rotation_to_the_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("letsencrypt.log");
        append(&log, "run 1 start\n");
        let mut f = LogFollower::from_start(&log);
        assert_eq!(f.poll().unwrap(), ["run 1 start"]);
        append(&log, "run 1 end\nrun 1 tail");
        // certbot starts again: rotate, then write the new file.
        fs::rename(&log, dir.path().join("letsencrypt.log.1")).unwrap();
        append(&log, "run 2 start\n");
        assert_eq!(
            f.poll().unwrap(),
            ["run 1 end", "run 1 tail", "run 2 start"]
        );
        append(&log, "run 2 more\n");
        assert_eq!(f.poll().unwrap(), ["run 2 more"]);
    }

    #[test]
    fn waits_for_a_file_that_does_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("letsencrypt.log");
        let mut f = LogFollower::from_end(&log);
        assert!(f.poll().unwrap().is_empty());
        append(&log, "first\n");
        assert_eq!(f.poll().unwrap(), ["first"]);
    }

    #[test]
    fn overlong_lines_come_in_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("letsencrypt.log");
        append(&log, &format!("{}\nshort\n", "x".repeat(MAX_LINE + 10)));
        let got = LogFollower::from_start(&log).poll().unwrap();
        assert_eq!(
            got.iter().map(String::len).collect::<Vec<_>>(),
            [MAX_LINE, 10, 5]
        );
    }

    #[test]
    fn truncation_starts_over() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("letsencrypt.log");
        append(&log, "aaaaaaaaaa\n");
        let mut f = LogFollower::from_start(&log);
        f.poll().unwrap();
        fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&log)
            .unwrap();
        append(&log, "b\n");
        assert_eq!(f.poll().unwrap(), ["b"]);
    }
}
