//! Whether a private key belongs to a certificate: their public keys (the
//! certificate's SubjectPublicKeyInfo and the one derived from the key) are compared.
//! The key is parsed in memory only; no error ever carries any of its bytes.

use rustls::crypto::ring::sign::any_supported_type;
use rustls::sign::CertifiedKey;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyProblem {
    #[error("{}", crate::tr!("core-key-holds-no-certificate"))]
    NoCertificate,
    #[error("{}", crate::tr!("core-key-holds-no-private-key-this"))]
    NoKey,
    #[error("{}", crate::tr!("core-key-the-private-key-is-of"))]
    Unsupported,
    #[error("{}", crate::tr!("core-key-the-private-key-does-not"))]
    Mismatch,
}

/// `Ok` when the key in `key_pem` is the private half of the first certificate in
/// `chain_pem`.
pub fn key_matches_certificate(chain_pem: &[u8], key_pem: &[u8]) -> Result<(), KeyProblem> {
    let leaf = CertificateDer::pem_slice_iter(chain_pem)
        .next()
        .and_then(Result::ok)
        .ok_or(KeyProblem::NoCertificate)?;
    // The parse error is dropped on purpose: it could quote the input.
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|_| KeyProblem::NoKey)?;
    let signer = any_supported_type(&key).map_err(|_| KeyProblem::Unsupported)?;
    CertifiedKey::new(vec![leaf], signer)
        .keys_match()
        .map_err(|e| match e {
            rustls::Error::InconsistentKeys(rustls::InconsistentKeys::KeyMismatch) => {
                KeyProblem::Mismatch
            }
            _ => KeyProblem::Unsupported,
        })
}

/// Why the key in `live/` could not serve the certificate there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyUse {
    /// `privkey.pem` is missing, a dangling link, or cannot be read.
    Unreadable(String),
    /// It is not the certificate's key (or not a key at all).
    Wrong(KeyProblem),
}

/// Whether the key in the lineage folder `live` can serve the certificate there
/// (`None`: it can, or there is no certificate to judge it by).
pub fn live_key_problem(live: &std::path::Path) -> Option<KeyUse> {
    pair_key_problem(&live.join("fullchain.pem"), &live.join("privkey.pem"))
}

/// Whether the key file `key` can serve the chain file `chain` (`None`: it can, or there
/// is no chain to judge it by).
pub fn pair_key_problem(chain: &std::path::Path, key: &std::path::Path) -> Option<KeyUse> {
    use crate::core::files::{Links, SMALL_FILE_LIMIT, read_bounded};
    let chain = read_bounded(chain, SMALL_FILE_LIMIT, Links::Follow).ok()?;
    let key = match read_bounded(key, SMALL_FILE_LIMIT, Links::Follow) {
        Ok(k) => k,
        Err(e) => return Some(KeyUse::Unreadable(e.to_string())),
    };
    // A key this build cannot load (RSA under 2048 bits, P-521) is not one nginx
    // cannot use: nginx (OpenSSL) serves it. What browsers say of it is judged from the
    // certificate; here only a key that is missing, unreadable or not its own counts.
    key_matches_certificate(&chain, &key)
        .err()
        .filter(|p| *p != KeyProblem::Unsupported)
        .map(KeyUse::Wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> (String, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["dify.acmecorp.io".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        (cert.pem(), key.serialize_pem())
    }

    #[test]
    fn a_key_matches_only_its_own_certificate() {
        let (cert, key) = pair();
        let (other_cert, other_key) = pair();
        assert_eq!(
            key_matches_certificate(cert.as_bytes(), key.as_bytes()),
            Ok(())
        );
        assert_eq!(
            key_matches_certificate(cert.as_bytes(), other_key.as_bytes()),
            Err(KeyProblem::Mismatch)
        );
        assert_eq!(
            key_matches_certificate(other_cert.as_bytes(), b"not a key"),
            Err(KeyProblem::NoKey)
        );
        assert_eq!(
            key_matches_certificate(b"", key.as_bytes()),
            Err(KeyProblem::NoCertificate)
        );
    }
}
