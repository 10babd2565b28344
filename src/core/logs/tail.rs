//! The last lines of a file, read backwards from its end in blocks, so a 1 GB log
//! costs a few reads, not a gigabyte.

use crate::tr;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

use super::sanitize::{is_plain, sanitize_line};
use crate::core::files::{Links, open_regular};

const BLOCK: u64 = 256 * 1024;

/// Longer lines are cut to this many bytes (with a marker): a log line is never a
/// screenful, and a file with no newline at all must not become one huge string.
pub const MAX_LINE: usize = 16 * 1024;

/// The last `n` lines of `path` (lossy UTF-8, sanitized). A missing final newline
/// still counts the last line.
pub fn last_lines(path: &Path, n: usize) -> io::Result<Vec<String>> {
    let file = open_regular(path, u64::MAX, Links::Follow).map_err(io::Error::other)?;
    let len = file.metadata()?.len();
    last_lines_before(&file, len, n)
}

/// The last `n` lines of `file` that end before byte `end`. Reads by position, so the
/// file's own offset (a follower's) does not move.
pub fn last_lines_before(file: &File, end: u64, n: usize) -> io::Result<Vec<String>> {
    let mut lines = Vec::with_capacity(n.min(1 << 20));
    each_last_line(file, end, n, |line| lines.push(line.to_string()))?;
    Ok(lines)
}

/// Calls `each` with the last `n` lines of `file` before byte `end`, oldest first
/// (cleaned, each cut at [`MAX_LINE`]). Linear in what it reads: newlines are
/// counted backwards block by block (no copying), then the lines are read forwards
/// once; nothing is allocated per clean line.
pub fn each_last_line(
    file: &File,
    end: u64,
    n: usize,
    mut each: impl FnMut(&str),
) -> io::Result<()> {
    if n == 0 || end == 0 {
        return Ok(());
    }
    // The file's own final newline does not start a line.
    let mut last = end;
    let mut tail = [0u8; 1];
    file.read_exact_at(&mut tail, end - 1)?;
    if tail[0] == b'\n' {
        last -= 1;
    }
    // Backwards: where the n-th newline from the end is (the lines start after it).
    let mut start = 0;
    let mut pos = last;
    let mut newlines = 0;
    let mut block = vec![0u8; BLOCK as usize];
    'scan: while pos > 0 {
        let size = BLOCK.min(pos);
        pos -= size;
        let buf = &mut block[..size as usize];
        file.read_exact_at(buf, pos)?;
        for i in memchr::memrchr_iter(b'\n', buf) {
            newlines += 1;
            if newlines == n {
                start = pos + i as u64 + 1;
                break 'scan;
            }
        }
    }
    // Forwards: the lines themselves. A line within one block is handed over in
    // place; one that spans blocks (or is cut) is gathered in `line`.
    let mut line: Vec<u8> = Vec::new();
    let mut cut = false;
    let mut at = start;
    while at < last {
        let size = BLOCK.min(last - at) as usize;
        let buf = &mut block[..size];
        file.read_exact_at(buf, at)?;
        at += size as u64;
        let mut rest = &buf[..];
        loop {
            let (piece, done) = match memchr::memchr(b'\n', rest) {
                Some(i) => (&rest[..i], true),
                None => (rest, false),
            };
            if done && line.is_empty() && piece.len() <= MAX_LINE {
                emit(piece, false, &mut each);
            } else {
                let room = MAX_LINE.saturating_sub(line.len());
                line.extend_from_slice(&piece[..piece.len().min(room)]);
                cut |= piece.len() > room;
                if done {
                    emit(&line, std::mem::take(&mut cut), &mut each);
                    line.clear();
                }
            }
            if !done {
                break;
            }
            rest = &rest[piece.len() + 1..];
        }
    }
    emit(&line, cut, &mut each);
    Ok(())
}

/// One line as text: CR dropped, cleaned (a copy only when there is something to
/// clean), a cut one marked.
fn emit(bytes: &[u8], cut: bool, each: &mut impl FnMut(&str)) {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let clean: std::borrow::Cow<str> = match std::str::from_utf8(bytes) {
        Ok(s) if is_plain(s) => s.into(),
        _ => sanitize_line(&String::from_utf8_lossy(bytes)).into(),
    };
    if cut {
        each(&tr!("core-log-clean-line-cut", clean));
    } else {
        each(&clean);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(content: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content).unwrap();
        f
    }

    #[test]
    fn last_lines_of_small_files() {
        let f = file(b"one\ntwo\nthree\n");
        assert_eq!(last_lines(f.path(), 2).unwrap(), ["two", "three"]);
        assert_eq!(last_lines(f.path(), 10).unwrap(), ["one", "two", "three"]);
        assert!(last_lines(f.path(), 0).unwrap().is_empty());
        let open = file(b"one\ntwo");
        assert_eq!(last_lines(open.path(), 1).unwrap(), ["two"]);
        assert!(last_lines(file(b"").path(), 3).unwrap().is_empty());
    }

    #[test]
    fn lines_spanning_block_boundaries_are_whole() {
        let mut content = Vec::new();
        for i in 0..50_000 {
            writeln!(content, "line {i} {}", "x".repeat(i % 97)).unwrap();
        }
        let f = file(&content);
        let got = last_lines(f.path(), 3000).unwrap();
        assert_eq!(got.len(), 3000);
        for (k, line) in got.iter().enumerate() {
            let i = 47_000 + k;
            assert_eq!(line, &format!("line {i} {}", "x".repeat(i % 97)));
        }
    }

    #[test]
    fn a_file_without_newlines_is_one_cut_line() {
        let f = file(&vec![b'x'; 3 * MAX_LINE + 7]);
        let got = last_lines(f.path(), 5).unwrap();
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with(&"x".repeat(MAX_LINE)));
        assert!(got[0].ends_with(" [...line cut]"));
        let mut two = vec![b'y'; 2 * BLOCK as usize];
        two.extend_from_slice(b"\nlast\n");
        let got = last_lines(file(&two).path(), 5).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], "last");
    }

    #[test]
    fn crlf_and_bad_bytes_and_escapes_are_cleaned() {
        let f = file(b"a\r\n\x1b[2Jb\xff\r\n");
        assert_eq!(last_lines(f.path(), 5).unwrap(), ["a", "b\u{fffd}"]);
    }
}
