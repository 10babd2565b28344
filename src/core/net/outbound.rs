//! The one outbound HTTP client (ureq, rustls with ring): every request has one
//! wall-clock deadline covering resolving, connecting, TLS, sending and the answer's
//! status line; `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` and `NO_PROXY` are honoured; the
//! body of the answer is never read.

use std::time::Duration;

use super::WebUrl;

/// Why a request did not get a 2xx answer. Never holds the URL (it may carry secrets).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutboundError {
    #[error("{}", crate::tr!("net-outbound-status", status = *.0))]
    Status(u16),
    #[error("{}", crate::tr!("net-outbound-deadline", secs = .0.as_secs()))]
    Deadline(Duration),
    #[error("{}", crate::tr!("net-outbound-failed", why = .0.to_string()))]
    Failed(String),
}

/// POSTs `body` to `url` and waits at most `deadline` in all for the status line.
pub fn post(
    url: &WebUrl,
    body: &[u8],
    content_type: &str,
    deadline: Duration,
) -> Result<(), OutboundError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(deadline))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("dify-https/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let response = agent
        .post(url.as_secret_str())
        .header("Content-Type", content_type)
        .send(body)
        .map_err(|e| match e {
            ureq::Error::Timeout(_) => OutboundError::Deadline(deadline),
            // ureq's own words can quote the URL: keep only what kind of failure it was.
            e => OutboundError::Failed(scrub(&e.to_string(), url)),
        })?;
    let status = response.status().as_u16();
    // The body is dropped unread: a server that drips it cannot hold the run.
    drop(response);
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(OutboundError::Status(status))
    }
}

/// `text` without the URL or its parts that may be secret.
fn scrub(text: &str, url: &WebUrl) -> String {
    let secret = url.as_secret_str();
    let mut out = text.replace(secret, &url.redacted());
    if let Ok(parsed) = ::url::Url::parse(secret) {
        for part in [
            parsed.path(),
            parsed.query().unwrap_or(""),
            parsed.username(),
            parsed.password().unwrap_or(""),
        ] {
            if part.len() > 1 {
                out = out.replace(part, "…");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::time::Instant;

    /// A server that answers the status line, then drips a body forever.
    fn dripping_server() -> (u16, std::thread::JoinHandle<()>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let handle = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
            for _ in 0..20 {
                if s.write_all(b"x").is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        });
        (port, handle)
    }

    /// A server that drips its status line one byte at a time.
    fn slow_header_server() -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            for b in b"HTTP/1.1 200 OK\r\nX-Slow: "
                .iter()
                .chain(std::iter::repeat_n(&b'a', 100))
            {
                if s.write_all(&[*b]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        port
    }

    #[test]
    fn the_answer_body_is_never_waited_for() {
        let (port, _h) = dripping_server();
        let url = WebUrl::parse(&format!("http://127.0.0.1:{port}/hook")).unwrap();
        let start = Instant::now();
        post(&url, b"{}", "application/json", Duration::from_secs(3)).unwrap();
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn one_deadline_for_the_whole_request() {
        let port = slow_header_server();
        let url = WebUrl::parse(&format!("http://127.0.0.1:{port}/hook?token=s3cret")).unwrap();
        let start = Instant::now();
        let err = post(&url, b"{}", "application/json", Duration::from_secs(1)).unwrap_err();
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        assert!(!err.to_string().contains("s3cret"), "{err}");
    }

    #[test]
    fn a_refused_connection_says_so_without_the_secret() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let url = WebUrl::parse(&format!("http://u:pw@127.0.0.1:{port}/T/s3cret")).unwrap();
        let err = post(&url, b"{}", "application/json", Duration::from_secs(2)).unwrap_err();
        let text = err.to_string();
        assert!(!text.contains("s3cret") && !text.contains("pw"), "{text}");
    }
}
