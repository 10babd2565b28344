//! What matters about a certificate: its names, issuer, validity, key and fingerprint,
//! and whether it comes from a test CA (staging, Pebble) that browsers do not trust.

use std::path::{Path, PathBuf};

use ::time::OffsetDateTime;
use rustls_pki_types::CertificateDer;

use crate::core::logs::sanitize_line;
use rustls_pki_types::pem::PemObject;
use x509_parser::prelude::{FromDer, GeneralName, X509Certificate};

/// Issuer name fragments of CAs whose certificates browsers do not trust.
/// The `--demo`'s own CA (see `demo::playback`) is one too: no browser trusts it.
const TEST_ISSUERS: [&str; 5] = [
    "(STAGING)",
    "Fake LE",
    "Pebble",
    "pebble",
    "dify-https demo CA",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The subject's common name and DNS subject-alternative names, without repeats.
    pub names: Vec<String>,
    pub issuer: String,
    /// Hex, colon-separated, as `openssl x509 -serial` shows it (without `serial=`).
    pub serial: String,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// e.g. "RSA 2048", "ECDSA P-256".
    pub key_type: String,
    /// SHA-256 of the DER encoding, upper-case hex with colons (as openssl prints it).
    pub fingerprint_sha256: String,
    /// Certificates in the file (leaf plus intermediates).
    pub chain_len: usize,
    /// Issued by a test CA (Let's Encrypt staging, Pebble): not trusted by browsers.
    pub staging: bool,
    /// The file's first certificate is a CA, the leaf comes later: clients that take
    /// the first one as the server's fail.
    pub leaf_not_first: bool,
    /// The chain file also holds a private key (never read further, never shown).
    pub holds_private_key: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum CertError {
    #[error("{}", crate::tr!("core-file-path-does-not-exist", path = .path.display().to_string()))]
    Missing { path: PathBuf },
    #[error("{}", crate::tr!("core-cert-cannot-read-path-permission-denied", path = .path.display().to_string()))]
    PermissionDenied { path: PathBuf },
    #[error("{}", crate::tr!("core-cert-cannot-read-path-source", path = .path.display().to_string(), why = .source.to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Unreadable(String),
    #[error("{}", crate::tr!("core-cert-what-holds-no-pem-certificate", what = .what.to_string()))]
    NoCertificate { what: String },
    #[error("{}", crate::tr!("core-cert-what-is-not-a-valid", what = .what.to_string(), why = .why.to_string()))]
    Invalid { what: String, why: String },
}

/// SHA-256 of `der`, as upper-case hex pairs joined by colons.
pub fn fingerprint_sha256(der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    digest
        .as_ref()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Reads a PEM chain file such as `live/<domain>/fullchain.pem` (symlinks followed).
pub fn read_chain_file(path: &Path) -> Result<CertificateInfo, CertError> {
    use crate::core::files::{FileError, Links, SMALL_FILE_LIMIT, read_bounded};
    let bytes = read_bounded(path, SMALL_FILE_LIMIT, Links::Follow).map_err(|e| match e {
        FileError::Missing { .. } => CertError::Missing {
            path: path.to_path_buf(),
        },
        FileError::PermissionDenied { .. } => CertError::PermissionDenied {
            path: path.to_path_buf(),
        },
        other => CertError::Unreadable(other.to_string()),
    })?;
    chain_info(&bytes, &path.display().to_string())
}

/// Reads a PEM chain from `bytes`; `what` names it in errors.
pub fn chain_info(bytes: &[u8], what: &str) -> Result<CertificateInfo, CertError> {
    let what = what.to_string();
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| CertError::Invalid {
            what: what.clone(),
            why: e.to_string(),
        })?;
    if chain.is_empty() {
        return Err(CertError::NoCertificate { what });
    }
    // The leaf is the certificate that is not a CA, wherever it stands; first is
    // where nginx (and every client) expects it.
    let leaf_at = chain.iter().position(|der| !is_ca(der)).unwrap_or(0);
    let mut info = CertificateInfo::from_der(&chain[leaf_at], chain.len(), &what)?;
    info.leaf_not_first = leaf_at != 0;
    // Only the marker is looked for: the key itself is never decoded, kept or shown.
    info.holds_private_key = bytes
        .windows(b"PRIVATE KEY-----".len())
        .any(|w| w == b"PRIVATE KEY-----");
    Ok(info)
}

/// Whether `der` is a CA certificate (basicConstraints CA:true).
fn is_ca(der: &[u8]) -> bool {
    X509Certificate::from_der(der)
        .ok()
        .and_then(|(_, c)| c.basic_constraints().ok().flatten().map(|b| b.value.ca))
        .unwrap_or(false)
}

impl CertificateInfo {
    /// Reads the leaf certificate `der` of a chain of `chain_len`; `what` names it in errors.
    pub fn from_der(
        der: &[u8],
        chain_len: usize,
        what: &str,
    ) -> Result<CertificateInfo, CertError> {
        let invalid = |why: String| CertError::Invalid {
            what: what.to_string(),
            why,
        };
        let (_, cert) = X509Certificate::from_der(der).map_err(|e| invalid(e.to_string()))?;
        let mut names: Vec<String> = Vec::new();
        // Names and issuer come from whoever made the certificate: cleaned of
        // terminal escapes and reordering controls before anything shows them.
        let mut add = |n: &str| {
            let n = sanitize_line(&n.to_ascii_lowercase());
            if !names.contains(&n) {
                names.push(n);
            }
        };
        for cn in cert.subject().iter_common_name() {
            if let Ok(s) = cn.as_str() {
                add(s);
            }
        }
        if let Ok(Some(san)) = cert.subject_alternative_name() {
            for name in &san.value.general_names {
                match name {
                    GeneralName::DNSName(d) => add(d),
                    // IP address SANs (Let's Encrypt issues them since 2026 with its
                    // short-lived profile): shown and matched as addresses.
                    GeneralName::IPAddress(bytes) => {
                        let ip = match bytes.len() {
                            4 => <[u8; 4]>::try_from(*bytes).ok().map(std::net::IpAddr::from),
                            16 => <[u8; 16]>::try_from(*bytes)
                                .ok()
                                .map(std::net::IpAddr::from),
                            _ => None,
                        };
                        if let Some(ip) = ip {
                            add(&ip.to_string());
                        }
                    }
                    _ => {}
                }
            }
        }
        let issuer = sanitize_line(&cert.issuer().to_string());
        let staging = TEST_ISSUERS.iter().any(|t| issuer.contains(t));
        Ok(CertificateInfo {
            names,
            // DER pads a serial whose high bit is set with a 00 byte; openssl prints
            // the number without it.
            serial: {
                let raw = cert.raw_serial();
                let start = raw
                    .iter()
                    .position(|b| *b != 0)
                    .unwrap_or(raw.len().saturating_sub(1));
                &raw[start..]
            }
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":"),
            not_before: cert.validity().not_before.to_datetime(),
            not_after: cert.validity().not_after.to_datetime(),
            key_type: key_type(&cert),
            fingerprint_sha256: fingerprint_sha256(der),
            chain_len,
            staging,
            leaf_not_first: false,
            holds_private_key: false,
            issuer,
        })
    }

    /// Whether the certificate is valid for `domain` (exact name or a matching wildcard).
    pub fn covers(&self, domain: &str) -> bool {
        // An address is compared as an address (`::1` and `0:0::1` are one).
        let domain = match domain.trim_matches(['[', ']']).parse::<std::net::IpAddr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => domain.to_ascii_lowercase(),
        };
        self.names.iter().any(|n| {
            n == &domain
                || n.strip_prefix("*.").is_some_and(|suffix| {
                    domain
                        .split_once('.')
                        .is_some_and(|(_, rest)| rest == suffix)
                })
        })
    }

    /// When certbot renews it: `renew_before` expiry when the lineage's renewal conf
    /// sets it, else certbot's default (since 4.0): when a third of the lifetime is
    /// left (30 days of a 90-day certificate), or half of it under 10 days.
    pub fn renewal_due_at(&self, renew_before: Option<::time::Duration>) -> OffsetDateTime {
        let lifetime = self.not_after - self.not_before;
        let default = if lifetime < ::time::Duration::days(10) {
            lifetime / 2
        } else {
            lifetime / 3
        };
        self.not_after - renew_before.unwrap_or(default)
    }

    /// Whole days from `now` until expiry (negative once expired).
    pub fn days_left(&self, now: OffsetDateTime) -> i64 {
        (self.not_after - now).whole_days()
    }
}

fn key_type(cert: &X509Certificate<'_>) -> String {
    match cert.public_key().parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(rsa)) => format!("RSA {}", rsa.key_size()),
        Ok(x509_parser::public_key::PublicKey::EC(ec)) => match ec.key_size() {
            256 => "ECDSA P-256".into(),
            384 => "ECDSA P-384".into(),
            // x509-parser counts the point's bytes: 66 of them (528 bits) for P-521.
            521 | 528 => "ECDSA P-521".into(),
            n => format!("ECDSA {n}-bit"),
        },
        Ok(_) | Err(_) => cert.public_key().algorithm.algorithm.to_id_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_address_names_are_read_and_matched() {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["dify.acmecorp.io".into()]).unwrap();
        params
            .subject_alt_names
            .push(rcgen::SanType::IpAddress("203.0.113.7".parse().unwrap()));
        params
            .subject_alt_names
            .push(rcgen::SanType::IpAddress("2001:db8::7".parse().unwrap()));
        let pem = params.self_signed(&key).unwrap().pem();
        let info = chain_info(pem.as_bytes(), "test").unwrap();
        assert!(
            info.names.contains(&"203.0.113.7".to_string()),
            "{:?}",
            info.names
        );
        assert!(
            info.names.contains(&"2001:db8::7".to_string()),
            "{:?}",
            info.names
        );
        assert!(info.covers("203.0.113.7"));
        assert!(info.covers("[2001:0db8:0::7]"));
        assert!(!info.covers("203.0.113.8"));
        assert!(info.covers("DIFY.acmecorp.io"));
    }
}
