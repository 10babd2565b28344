//! A minimal HTTP/1.1 GET to the Docker Engine over its Unix socket: one request per
//! connection (`Connection: close`), Content-Length or chunked bodies, a size bound
//! and a deadline on every read and write.

use crate::tr;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The engine's answers here are a few kilobytes per container.
const MAX_BODY: usize = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{}", crate::tr!("core-engine-permission-denied-on-socket-add", socket = .socket.display().to_string()))]
    PermissionDenied { socket: PathBuf },
    #[error("{}", crate::tr!("core-engine-cannot-reach-the-docker-engine", socket = .socket.display().to_string(), why = .source.to_string()))]
    Unreachable { socket: PathBuf, source: io::Error },
    #[error("{}", crate::tr!("core-engine-the-docker-engine-answered-status", status = .status.to_string(), body = .body.to_string()))]
    Status { status: u16, body: String },
    #[error("{}", crate::tr!("core-engine-the-docker-engines-answer-could", why = .0.to_string()))]
    Malformed(String),
}

/// The engine's socket: `DOCKER_HOST` when it is `unix://…`, else
/// `/var/run/docker.sock`; `None` when `DOCKER_HOST` names another transport
/// (tcp://, ssh://: a remote engine is compose's to ask).
pub fn engine_socket(docker_host: Option<&str>) -> Option<PathBuf> {
    match docker_host.map(str::trim).filter(|h| !h.is_empty()) {
        None => Some(PathBuf::from("/var/run/docker.sock")),
        Some(h) => h.strip_prefix("unix://").map(PathBuf::from),
    }
}

/// GETs `path` (with its query) from the engine at `socket`; the body of a 2xx answer.
pub fn get(socket: &Path, path: &str, timeout: Duration) -> Result<Vec<u8>, EngineError> {
    let unreachable = |source: io::Error| {
        if source.kind() == io::ErrorKind::PermissionDenied {
            EngineError::PermissionDenied {
                socket: socket.to_path_buf(),
            }
        } else {
            EngineError::Unreachable {
                socket: socket.to_path_buf(),
                source,
            }
        }
    };
    let deadline = Instant::now() + timeout;
    let mut stream = UnixStream::connect(socket).map_err(unreachable)?;
    stream
        .set_write_timeout(Some(timeout))
        .map_err(unreachable)?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: dify-https\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).map_err(unreachable)?;
    read_response(BufReader::new(Deadline { stream, deadline }))
}

/// A socket whose reads all end by one wall-clock deadline: a server that sends one
/// byte a second cannot stretch a request past it.
struct Deadline {
    stream: UnixStream,
    deadline: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                tr!("core-engine-deadline"),
            ));
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// The longest status or header line read (the engine's are well under 1 KiB).
const MAX_LINE: u64 = 8 * 1024;

/// One line of at most [`MAX_LINE`] bytes into `line` (cleared first); 0 at the end.
fn read_line_bounded(r: &mut impl BufRead, line: &mut String) -> Result<usize, EngineError> {
    line.clear();
    let mut bytes = Vec::new();
    let n = r
        .take(MAX_LINE + 1)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| EngineError::Malformed(e.to_string()))?;
    if n as u64 > MAX_LINE {
        return Err(EngineError::Malformed(tr!("core-engine-line-too-long")));
    }
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(n)
}

/// Reads one HTTP/1.1 response; the body when the status is 2xx.
pub fn read_response(mut r: impl BufRead) -> Result<Vec<u8>, EngineError> {
    let bad = |why: &str| EngineError::Malformed(why.to_string());
    let io_err = |e: io::Error| EngineError::Malformed(e.to_string());
    let mut line = String::new();
    read_line_bounded(&mut r, &mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad(&tr!("core-engine-no-http-status-line")))?;
    let mut length: Option<usize> = None;
    let mut chunked = false;
    let mut headers = 0;
    loop {
        headers += 1;
        if headers > 100 {
            return Err(bad(&tr!("core-engine-line-too-long")));
        }
        if read_line_bounded(&mut r, &mut line)? == 0 {
            return Err(bad(&tr!("core-engine-the-headers-did-not-end")));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .parse()
                        .map_err(|_| bad(&tr!("core-engine-a-bad-content-length")))?,
                );
            } else if name.eq_ignore_ascii_case("transfer-encoding")
                && value.eq_ignore_ascii_case("chunked")
            {
                chunked = true;
            }
        }
    }
    let body = if chunked {
        read_chunked(&mut r)?
    } else if let Some(n) = length {
        if n > MAX_BODY {
            return Err(bad(&tr!("core-engine-the-answer-is-too-large")));
        }
        let mut body = vec![0; n];
        r.read_exact(&mut body).map_err(io_err)?;
        body
    } else {
        let mut body = Vec::new();
        r.take(MAX_BODY as u64 + 1)
            .read_to_end(&mut body)
            .map_err(io_err)?;
        if body.len() > MAX_BODY {
            return Err(bad(&tr!("core-engine-the-answer-is-too-large")));
        }
        body
    };
    if !(200..300).contains(&status) {
        return Err(EngineError::Status {
            status,
            body: String::from_utf8_lossy(&body)
                .trim()
                .chars()
                .take(200)
                .collect(),
        });
    }
    Ok(body)
}

fn read_chunked(r: &mut impl BufRead) -> Result<Vec<u8>, EngineError> {
    let bad = |why: &str| EngineError::Malformed(why.to_string());
    let io_err = |e: io::Error| EngineError::Malformed(e.to_string());
    let mut body = Vec::new();
    let mut line = String::new();
    loop {
        read_line_bounded(r, &mut line)?;
        let size_text = line.trim().split(';').next().unwrap_or_default();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| bad(&tr!("core-engine-a-bad-chunk-size")))?;
        if size == 0 {
            return Ok(body);
        }
        if body.len().checked_add(size).is_none_or(|n| n > MAX_BODY) {
            return Err(bad(&tr!("core-engine-the-answer-is-too-large")));
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..]).map_err(io_err)?;
        read_line_bounded(r, &mut line)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_socket_comes_from_docker_host_when_it_is_unix() {
        assert_eq!(engine_socket(None), Some("/var/run/docker.sock".into()));
        assert_eq!(engine_socket(Some("")), Some("/var/run/docker.sock".into()));
        assert_eq!(
            engine_socket(Some("unix:///run/user/1000/docker.sock")),
            Some("/run/user/1000/docker.sock".into())
        );
        assert_eq!(engine_socket(Some("tcp://10.0.0.2:2376")), None);
        assert_eq!(engine_socket(Some("ssh://me@host")), None);
    }

    #[test]
    fn bodies_are_read_by_length_by_chunks_and_to_the_end() {
        let by_length = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]";
        assert_eq!(read_response(&by_length[..]).unwrap(), b"[]");
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[{}\r\n1\r\n]\r\n0\r\n\r\n";
        assert_eq!(read_response(&chunked[..]).unwrap(), b"[{}]");
        let to_end = b"HTTP/1.0 200 OK\r\n\r\n[1]";
        assert_eq!(read_response(&to_end[..]).unwrap(), b"[1]");
        let error =
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 27\r\n\r\n{\"message\":\"page not found\"}";
        assert!(matches!(
            read_response(&error[..]),
            Err(EngineError::Status { status: 404, .. })
        ));
        for broken in [
            &b"garbage"[..],
            b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n[]",
        ] {
            assert!(matches!(
                read_response(broken),
                Err(EngineError::Malformed(_))
            ));
        }
    }

    #[test]
    fn hostile_answers_end_with_an_error_not_a_panic_or_a_hang() {
        let huge_chunk =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\nffffffffffffffff\r\n";
        assert!(matches!(
            read_response(&huge_chunk[..]),
            Err(EngineError::Malformed(_))
        ));
        let endless_header: Vec<u8> = b"HTTP/1.1 200 OK\r\nX: "
            .iter()
            .copied()
            .chain(std::iter::repeat_n(b'a', 1 << 20))
            .collect();
        assert!(matches!(
            read_response(&endless_header[..]),
            Err(EngineError::Malformed(_))
        ));
        let endless_status = vec![b'H'; 1 << 20];
        assert!(read_response(&endless_status[..]).is_err());
        let many_headers: Vec<u8> = b"HTTP/1.1 200 OK\r\n"
            .iter()
            .copied()
            .chain(b"X: y\r\n".repeat(100_000))
            .collect();
        assert!(read_response(&many_headers[..]).is_err());
    }

    #[test]
    fn a_dripping_engine_is_cut_off_at_the_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("engine.sock");
        let listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf);
            for b in b"HTTP/1.1 200 OK\r\n"
                .iter()
                .chain(std::iter::repeat(&b'X'))
            {
                if s.write_all(&[*b]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let start = Instant::now();
        let err = get(&sock, "/_ping", Duration::from_secs(1)).unwrap_err();
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        assert!(matches!(err, EngineError::Malformed(_)), "{err}");
    }

    #[test]
    fn a_missing_socket_is_unreachable() {
        let dir = tempfile::tempdir().unwrap();
        let err = get(
            &dir.path().join("none.sock"),
            "/_ping",
            Duration::from_secs(1),
        )
        .unwrap_err();
        assert!(matches!(err, EngineError::Unreachable { .. }), "{err}");
    }
}
