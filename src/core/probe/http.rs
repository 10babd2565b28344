//! A minimal HTTP/1.0 GET over a TCP socket: enough to ask nginx for one small file
//! with a chosen Host header, with hard timeouts.

use crate::tr;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

/// Responses larger than this are cut (a challenge file is a few dozen bytes).
const MAX_BODY: u64 = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

/// GET `path` from `addr` with `Host: host`.
pub fn http_get(
    addr: SocketAddr,
    host: &str,
    path: &str,
    timeout: Duration,
) -> io::Result<HttpResponse> {
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    // One write: a server may answer and close after the first segment it reads.
    let request = format!(
        "GET {path} HTTP/1.0\r\nHost: {host}\r\nUser-Agent: dify-https\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.take(MAX_BODY + 8 * 1024).read_to_end(&mut raw)?;
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                tr!("core-probe-no-http-response-header"),
            )
        })?;
    let head = String::from_utf8_lossy(&raw[..head_end]);
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, tr!("core-probe-no-http-status"))
        })?;
    Ok(HttpResponse {
        status,
        body: raw[head_end + 4..].to_vec(),
    })
}

/// Waits until `addr` answers HTTP at all (any status), polling until `timeout` or
/// until `stop` says to give up (a run stopped with Ctrl-C).
pub fn wait_until_answering(addr: SocketAddr, timeout: Duration, stop: &dyn Fn() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if http_get(addr, "localhost", "/", Duration::from_secs(2)).is_ok() {
            return true;
        }
        if Instant::now() >= deadline || stop() {
            return false;
        }
        thread::sleep(Duration::from_millis(250));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// Serves one request with `response`, returning the request it received.
    fn serve_once(response: &'static [u8]) -> (SocketAddr, thread::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let handle = thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 1024];
            let n = s.read(&mut buf).unwrap();
            s.write_all(response).unwrap();
            String::from_utf8_lossy(&buf[..n]).into_owned()
        });
        (addr, handle)
    }

    #[test]
    fn sends_the_host_and_reads_status_and_body() {
        let (addr, server) = serve_once(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        let r = http_get(
            addr,
            "dify.acmecorp.io",
            "/.well-known/acme-challenge/t",
            Duration::from_secs(5),
        )
        .unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, b"hello".as_slice()));
        let request = server.join().unwrap();
        assert!(request.starts_with("GET /.well-known/acme-challenge/t HTTP/1.0\r\n"));
        assert!(request.contains("\r\nHost: dify.acmecorp.io\r\n"));
    }

    #[test]
    fn garbage_and_closed_ports_are_errors() {
        let (addr, _server) = serve_once(b"not http at all");
        assert!(http_get(addr, "x", "/", Duration::from_secs(5)).is_err());
        let closed = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        assert!(http_get(closed, "x", "/", Duration::from_secs(1)).is_err());
        assert!(!wait_until_answering(
            closed,
            Duration::from_millis(300),
            &|| false
        ));
        // A stop ends the wait at once, long before its minute.
        let started = Instant::now();
        assert!(!wait_until_answering(
            closed,
            Duration::from_secs(60),
            &|| true
        ));
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}
