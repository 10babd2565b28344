//! Looking the domain up, behind a trait so tests can answer for DNS.

use std::io;
use std::net::{IpAddr, ToSocketAddrs};

/// Resolves a name to its A/AAAA addresses.
pub trait Resolver {
    /// `Ok(vec![])` when the name has no address records; `Err` when it does not exist.
    fn lookup(&self, name: &str) -> io::Result<Vec<IpAddr>>;
}

/// The system resolver (what certbot and browsers on this host use).
pub struct SystemResolver;

impl Resolver for SystemResolver {
    fn lookup(&self, name: &str) -> io::Result<Vec<IpAddr>> {
        let mut addrs: Vec<IpAddr> = (name, 80).to_socket_addrs()?.map(|a| a.ip()).collect();
        addrs.sort();
        addrs.dedup();
        Ok(addrs)
    }
}

/// This host's interface addresses, loopback excluded.
pub fn local_addresses() -> Vec<IpAddr> {
    if_addrs::get_if_addrs()
        .map(|list| {
            list.into_iter()
                .map(|i| i.ip())
                .filter(|ip| !ip.is_loopback())
                .collect()
        })
        .unwrap_or_default()
}
