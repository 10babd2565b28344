//! Certificates made at test time with rcgen: a CA and leaves with chosen names,
//! validity and issuer.

use rcgen::{CertificateParams, DnType, IsCa, Issuer, KeyPair, SanType};
use time::{Duration, OffsetDateTime};

pub struct TestCa {
    issuer: Issuer<'static, KeyPair>,
    pub pem: String,
}

impl TestCa {
    /// A CA whose subject common name is `cn` (e.g. "(STAGING) Pretend Pear X1").
    pub fn new(cn: &str) -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, cn);
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        TestCa {
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// An intermediate CA signed by this one, whose subject common name is `cn`.
    pub fn intermediate(&self, cn: &str) -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, cn);
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        TestCa {
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A leaf for `names`, valid from `not_before` to `not_after` (relative to now).
    /// Returns (certificate PEM, key PEM, DER).
    pub fn leaf(
        &self,
        names: &[&str],
        not_before: Duration,
        not_after: Duration,
    ) -> (String, String, Vec<u8>) {
        let mut params =
            CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .unwrap();
        params.distinguished_name.push(DnType::CommonName, names[0]);
        params.subject_alt_names = names
            .iter()
            .map(|n| SanType::DnsName((*n).try_into().unwrap()))
            .collect();
        let now = OffsetDateTime::now_utc();
        params.not_before = now + not_before;
        params.not_after = now + not_after;
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        (cert.pem(), key.serialize_pem(), cert.der().to_vec())
    }

    /// A leaf valid from `not_before` to `not_after` (absolute times).
    pub fn leaf_between(
        &self,
        names: &[&str],
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> (String, String, Vec<u8>) {
        let now = OffsetDateTime::now_utc();
        self.leaf(names, not_before - now, not_after - now)
    }

    /// A leaf valid for `days` more days (negative: expired), issued a week before.
    pub fn leaf_for_days(&self, names: &[&str], days: i64) -> (String, String, Vec<u8>) {
        self.leaf(
            names,
            Duration::days(days.min(0) - 7),
            Duration::days(days) + Duration::hours(1),
        )
    }
}

/// `key_pem` encrypted with `passphrase` as `openssl pkcs8 -topk8 -v2 aes-256-cbc`
/// writes it (PEM "ENCRYPTED PRIVATE KEY").
pub fn encrypted_key(key_pem: &str, passphrase: &str) -> Vec<u8> {
    use std::io::Write;
    let mut child = std::process::Command::new("openssl")
        .args(["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout"])
        .arg(format!("pass:{passphrase}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("openssl (.ci/run installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(key_pem.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "openssl pkcs8 failed");
    out.stdout
}
