//! A URL dify-https will send to: parsed (the `url` crate, WHATWG rules), checked
//! for what cannot work before it is stored, and shown without its secrets.

use std::fmt;

/// A checked `http`/`https` URL with a host.
#[derive(Clone, PartialEq, Eq)]
pub struct WebUrl(::url::Url);

/// Why a URL is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlRefused {
    #[error("{}", crate::tr!("net-url-control-character", code = format!("{:04X}", .0)))]
    ControlCharacter(u32),
    #[error("{}", crate::tr!("net-url-scheme"))]
    Scheme,
    #[error("{}", crate::tr!("net-url-no-host"))]
    NoHost,
    #[error("{}", crate::tr!("net-url-unreadable", why = .0.to_string()))]
    Unreadable(String),
}

impl WebUrl {
    /// Checks `text`: no control character or space (the parser would drop a newline
    /// silently; sent raw, it writes a header line), `http` or `https`, a host, a port
    /// that exists.
    pub fn parse(text: &str) -> Result<WebUrl, UrlRefused> {
        if let Some(c) = text.chars().find(|c| c.is_control() || c.is_whitespace()) {
            return Err(UrlRefused::ControlCharacter(c as u32));
        }
        let url = ::url::Url::parse(text).map_err(|e| UrlRefused::Unreadable(e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(UrlRefused::Scheme);
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(UrlRefused::NoHost);
        }
        Ok(WebUrl(url))
    }

    /// The whole URL, secrets included: only for sending.
    pub fn as_secret_str(&self) -> &str {
        self.0.as_str()
    }

    /// The host, as written in the URL (an IPv6 literal in brackets).
    pub fn host(&self) -> String {
        match self.0.host() {
            Some(::url::Host::Ipv6(a)) => format!("[{a}]"),
            Some(h) => h.to_string(),
            None => String::new(),
        }
    }

    /// What may be shown or logged: scheme, host and port. No user, password, path or
    /// query (webhook URLs carry their token in one of them).
    pub fn redacted(&self) -> String {
        let port = self.0.port().map(|p| format!(":{p}")).unwrap_or_default();
        format!("{}://{}{port}/…", self.0.scheme(), self.host())
    }
}

/// Shown, a URL is always redacted.
impl fmt::Display for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for WebUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WebUrl({})", self.redacted())
    }
}

/// A URL as it may be shown: redacted when it parses, a placeholder when it does not.
pub fn redact(text: &str) -> String {
    WebUrl::parse(text)
        .map(|u| u.redacted())
        .unwrap_or_else(|_| "(a webhook)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_cannot_work_is_refused_at_once() {
        for bad in [
            "https://hooks.slack.com/x\r\nX-Evil: 1",
            "https://hooks.slack.com/x\n",
            "ftp://example.net/x",
            "https://",
            "http://host:99999/x",
            "hooks.slack.com/x",
            "https://a b/x",
        ] {
            assert!(WebUrl::parse(bad).is_err(), "{bad:?}");
        }
        let v6 = WebUrl::parse("http://[::1]:8080/hook?token=s3cret").unwrap();
        assert_eq!(v6.host(), "[::1]");
        assert_eq!(v6.redacted(), "http://[::1]:8080/…");
    }

    #[test]
    fn secrets_never_show() {
        let u = WebUrl::parse("https://user:pa55@hooks.example.net:8443/services/T/B/tok?key=k3y")
            .unwrap();
        for shown in [
            u.redacted(),
            u.to_string(),
            format!("{u:?}"),
            redact(u.as_secret_str()),
        ] {
            for secret in ["user", "pa55", "services", "tok", "k3y"] {
                assert!(!shown.contains(secret), "{shown}");
            }
        }
        assert_eq!(u.redacted(), "https://hooks.example.net:8443/…");
    }
}
