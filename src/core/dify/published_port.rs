//! Where nginx is published on this host: `EXPOSE_NGINX_PORT` and `EXPOSE_NGINX_SSL_PORT`
//! are the host side of Dify's `"${EXPOSE_NGINX_PORT:-80}:${NGINX_PORT:-80}"`, so
//! compose takes a port or `IP:port` (published on that address only).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// One of nginx's two published ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NginxPort {
    Http,
    Https,
}

impl NginxPort {
    pub fn key(self) -> &'static str {
        match self {
            NginxPort::Http => "EXPOSE_NGINX_PORT",
            NginxPort::Https => "EXPOSE_NGINX_SSL_PORT",
        }
    }

    /// Dify's compose default when the key is unset or empty.
    pub fn default_port(self) -> u16 {
        match self {
            NginxPort::Http => 80,
            NginxPort::Https => 443,
        }
    }

    /// Reads the key's resolved `value` (None: not set).
    pub fn parse(self, value: Option<&str>) -> Result<PublishedPort, PortError> {
        let text = value.map(str::trim).unwrap_or_default();
        let error = || PortError {
            key: self.key(),
            value: text.to_string(),
        };
        if text.is_empty() {
            return Ok(PublishedPort {
                ip: None,
                port: self.default_port(),
            });
        }
        let (ip, port) = match text.parse::<u16>() {
            Ok(port) => (None, port),
            Err(_) => {
                let addr: SocketAddr = text.parse().map_err(|_| error())?;
                (Some(addr.ip()), addr.port())
            }
        };
        if port == 0 {
            return Err(error());
        }
        Ok(PublishedPort { ip, port })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedPort {
    /// The host address it is published on; None: all of them.
    pub ip: Option<IpAddr>,
    pub port: u16,
}

impl PublishedPort {
    /// Where this host reaches it: its own address, else loopback.
    pub fn local_addr(self) -> SocketAddr {
        match self.ip {
            Some(ip) if !ip.is_unspecified() => SocketAddr::new(ip, self.port),
            _ => SocketAddr::from((Ipv4Addr::LOCALHOST, self.port)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::tr!("core-port-key-value-in-env-is", key = .key.to_string(), value = .value.to_string()))]
pub struct PortError {
    pub key: &'static str,
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_addresses_and_defaults() {
        let http = |v: Option<&str>| NginxPort::Http.parse(v).map(PublishedPort::local_addr);
        assert_eq!(http(None).unwrap().to_string(), "127.0.0.1:80");
        assert_eq!(http(Some(" ")).unwrap().to_string(), "127.0.0.1:80");
        assert_eq!(http(Some("8080")).unwrap().to_string(), "127.0.0.1:8080");
        assert_eq!(
            http(Some("127.0.0.2:8080")).unwrap().to_string(),
            "127.0.0.2:8080"
        );
        assert_eq!(
            http(Some("0.0.0.0:81")).unwrap().to_string(),
            "127.0.0.1:81"
        );
        assert_eq!(http(Some("[::1]:8443")).unwrap().to_string(), "[::1]:8443");
        assert_eq!(
            NginxPort::Https.parse(None).unwrap(),
            PublishedPort {
                ip: None,
                port: 443
            }
        );
    }

    #[test]
    fn what_compose_would_not_publish_is_an_error_naming_the_key() {
        for bad in ["eighty", "0", "70000", "80-81", "host:80"] {
            let e = NginxPort::Https.parse(Some(bad)).unwrap_err();
            assert_eq!(e.key, "EXPOSE_NGINX_SSL_PORT");
            assert!(
                e.to_string()
                    .starts_with(&format!("EXPOSE_NGINX_SSL_PORT={bad} in .env")),
                "{e}"
            );
        }
    }
}
