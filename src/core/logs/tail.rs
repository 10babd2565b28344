//! The last lines of a file, read backwards from its end in blocks, so a 1 GB log
//! costs a few reads, not a gigabyte.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

use super::sanitize::sanitize_line;
use crate::core::files::{Links, open_regular};

const BLOCK: u64 = 64 * 1024;

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
    if n == 0 || end == 0 {
        return Ok(vec![]);
    }
    let mut pos = end;
    let mut chunk: Vec<u8> = Vec::new();
    // Newlines seen; the file's own final newline does not start a line.
    let mut newlines = 0;
    let mut first = true;
    while pos > 0 && newlines <= n {
        let size = BLOCK.min(pos);
        pos -= size;
        let mut block = vec![0; size as usize];
        file.read_exact_at(&mut block, pos)?;
        let mut counted = block.iter().filter(|b| **b == b'\n').count();
        if first && block.last() == Some(&b'\n') {
            counted -= 1;
        }
        first = false;
        newlines += counted;
        block.extend_from_slice(&chunk);
        chunk = block;
    }
    let text = String::from_utf8_lossy(&chunk);
    let body = text.strip_suffix('\n').unwrap_or(&text);
    let lines: Vec<&str> = body.split('\n').collect();
    let start = lines.len().saturating_sub(n);
    Ok(lines[start..]
        .iter()
        .map(|l| sanitize_line(l.strip_suffix('\r').unwrap_or(l)))
        .collect())
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
    fn crlf_and_bad_bytes_and_escapes_are_cleaned() {
        let f = file(b"a\r\n\x1b[2Jb\xff\r\n");
        assert_eq!(last_lines(f.path(), 5).unwrap(), ["a", "b\u{fffd}"]);
    }
}
