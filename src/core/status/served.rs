//! What nginx actually serves: the presented chain (whatever it is), whether it is the
//! certificate on disk, and whether browsers would trust it (webpki roots).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::{ServerName, UnixTime};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::core::certificate::CertificateInfo;
use crate::core::probe::fetch_presented_chain;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServedCertificate {
    pub names: Vec<String>,
    pub issuer: String,
    pub not_after: String,
    pub fingerprint_sha256: String,
    /// Whether it is the certificate in `live/<domain>/` (`None` when there is none).
    pub matches_disk: Option<bool>,
    /// Whether it validates for the domain against the webpki (browser) roots.
    pub trusted: bool,
    pub trust_error: Option<String>,
    /// What browsers refuse in it whatever the root (a key such as RSA 1024 or P-521,
    /// a SHA-1 signature), in words; `null` when nothing.
    pub browser_refusal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Served {
    /// `127.0.0.1:443` or the domain.
    pub target: String,
    pub certificate: Option<ServedCertificate>,
    pub error: Option<String>,
}

/// Handshakes with `addr` for `domain` (SNI) and describes what it presents.
pub fn probe_served(
    target: String,
    addr: SocketAddr,
    domain: &str,
    disk_fingerprint: Option<&str>,
    now: OffsetDateTime,
    timeout: Duration,
) -> Served {
    let presented = match fetch_presented_chain(addr, domain, timeout) {
        Ok(p) => p,
        Err(e) => {
            return Served {
                target,
                certificate: None,
                error: Some(e.to_string()),
            };
        }
    };
    let leaf = &presented.chain[0];
    let info = match CertificateInfo::from_der(leaf, presented.chain.len(), &target) {
        Ok(info) => info,
        Err(e) => {
            return Served {
                target,
                certificate: None,
                error: Some(e.to_string()),
            };
        }
    };
    let trust = trust(&presented.chain, domain, now);
    Served {
        target,
        certificate: Some(ServedCertificate {
            names: info.names.clone(),
            issuer: info.issuer.clone(),
            not_after: info.not_after.format(&Rfc3339).unwrap_or_default(),
            matches_disk: disk_fingerprint.map(|fp| fp == info.fingerprint_sha256),
            fingerprint_sha256: info.fingerprint_sha256,
            trusted: trust.is_ok(),
            trust_error: trust.err(),
            browser_refusal: crate::core::import::browser_refusal(leaf)
                .map(|f| crate::i18n::import_words::finding(&f).0),
        }),
        error: None,
    }
}

fn trust(
    chain: &[rustls::pki_types::CertificateDer<'static>],
    domain: &str,
    now: OffsetDateTime,
) -> Result<(), String> {
    let roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
        .build()
        .map_err(|e| e.to_string())?;
    let name = ServerName::try_from(domain.to_string()).map_err(|e| e.to_string())?;
    let at = UnixTime::since_unix_epoch(Duration::from_secs(now.unix_timestamp().max(0) as u64));
    verifier
        .verify_server_cert(&chain[0], &chain[1..], &name, &[], at)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
