//! Whether a certificate someone brings can serve the domain as browsers judge it:
//! the key is its own, the names cover the domain, every certificate of the chain is
//! in date, signed and sized as browsers accept, and the chain is complete and in
//! order. Pure: the files' contents, the domain and the clock in, typed findings out
//! (each front end words them).

use std::sync::Arc;
use std::time::Duration;

use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, GeneralName, X509Certificate};

use super::material::Material;
use crate::core::certificate::CertificateInfo;
use crate::core::logs::sanitize_line;

/// How much a finding weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// Worth knowing; nothing to do.
    Note,
    /// Imported only with a yes: visitors may see a warning.
    Warning,
    /// Never imported: nginx or browsers would fail.
    Refusal,
}

/// What the check found; each has a stable code (`code()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportFinding {
    /// The key belongs to none of the certificates.
    KeyMatchesNone,
    /// The key is of a kind browsers cannot use (P-521, DSA, …).
    KeyUnsupported,
    /// The certificate has no subject-alternative names (browsers ignore the CN).
    NoAlternativeNames { names: Vec<String> },
    /// Its names do not cover the domain.
    NamesDoNotCover { domain: String, names: Vec<String> },
    /// A certificate of the chain has expired (`leaf`: the server's own).
    Expired {
        subject: String,
        not_after: OffsetDateTime,
        leaf: bool,
    },
    /// The certificate is not valid yet.
    NotYetValid { not_before: OffsetDateTime },
    /// A key browsers refuse (RSA under 2048 bits, P-521, Ed25519 for a server).
    WeakKey { key_type: String },
    /// A signature browsers refuse (SHA-1, MD5).
    WeakSignature { subject: String, algorithm: String },
    /// The certificate says it is not for TLS servers (extended key usage).
    NotForServers,
    /// The chain stops at `top`, issued by `issuer`, which is not in the files.
    ChainIncomplete { top: String, issuer: String },
    /// Anything else the browser rules refuse.
    BrowsersRefuse { why: String },
    /// The chain ends at a root browsers do not ship (a private CA).
    PrivateRoot { root: String },
    /// The certificate signed itself: every browser warns.
    SelfSigned,
    /// Fewer than 30 days left.
    EndsSoon {
        days: i64,
        not_after: OffsetDateTime,
    },
    /// The files had the chain out of order: it is put in order.
    Reordered,
    /// The files hold the root: it is left out (browsers use their own copy).
    RootLeftOut { root: String },
    /// Certificates that are not part of this chain: left out.
    Unrelated { count: usize },
    /// The certificate file also held the private key: only the certificates are
    /// copied to the certificate file.
    KeyBesideCertificates,
    /// The key was encrypted: it is stored decrypted (nginx cannot read it otherwise).
    KeyStoredDecrypted,
}

impl ImportFinding {
    pub fn weight(&self) -> Weight {
        use ImportFinding::*;
        match self {
            KeyMatchesNone
            | KeyUnsupported
            | NoAlternativeNames { .. }
            | NamesDoNotCover { .. }
            | Expired { .. }
            | NotYetValid { .. }
            | WeakKey { .. }
            | WeakSignature { .. }
            | NotForServers
            | ChainIncomplete { .. }
            | BrowsersRefuse { .. } => Weight::Refusal,
            PrivateRoot { .. } | SelfSigned | EndsSoon { .. } | KeyStoredDecrypted => {
                Weight::Warning
            }
            Reordered | RootLeftOut { .. } | Unrelated { .. } | KeyBesideCertificates => {
                Weight::Note
            }
        }
    }

    /// The stable code (machine output, the catalogs' ids).
    pub fn code(&self) -> &'static str {
        use ImportFinding::*;
        match self {
            KeyMatchesNone => "import-key-mismatch",
            KeyUnsupported => "import-key-unsupported",
            NoAlternativeNames { .. } => "import-no-alternative-names",
            NamesDoNotCover { .. } => "import-names-do-not-cover",
            Expired { .. } => "import-expired",
            NotYetValid { .. } => "import-not-yet-valid",
            WeakKey { .. } => "import-weak-key",
            WeakSignature { .. } => "import-weak-signature",
            NotForServers => "import-not-for-servers",
            ChainIncomplete { .. } => "import-chain-incomplete",
            BrowsersRefuse { .. } => "import-browsers-refuse",
            PrivateRoot { .. } => "import-private-root",
            SelfSigned => "import-self-signed",
            EndsSoon { .. } => "import-ends-soon",
            Reordered => "import-reordered",
            RootLeftOut { .. } => "import-root-left-out",
            Unrelated { .. } => "import-unrelated",
            KeyBesideCertificates => "import-key-beside-certificates",
            KeyStoredDecrypted => "import-key-stored-decrypted",
        }
    }
}

/// A certificate checked: the chain as nginx will serve it (leaf first, no root) and
/// what was found.
#[derive(Debug, Clone)]
pub struct Checked {
    pub chain: Vec<CertificateDer<'static>>,
    /// The leaf, read (`None` when no certificate matches the key).
    pub leaf: Option<CertificateInfo>,
    pub findings: Vec<ImportFinding>,
    /// The private root the chain was judged by (not served; kept beside the pair so
    /// `status` judges the chain by it too).
    pub private_root: Option<CertificateDer<'static>>,
}

impl Checked {
    /// The refusals, if any: nothing may be written then.
    pub fn refusals(&self) -> impl Iterator<Item = &ImportFinding> {
        self.findings
            .iter()
            .filter(|f| f.weight() == Weight::Refusal)
    }

    pub fn refused(&self) -> bool {
        self.refusals().next().is_some()
    }

    pub fn warnings(&self) -> impl Iterator<Item = &ImportFinding> {
        self.findings
            .iter()
            .filter(|f| f.weight() == Weight::Warning)
    }

    /// The private root as PEM (kept beside the pair, never served).
    pub fn private_root_pem(&self) -> Option<String> {
        self.private_root
            .as_ref()
            .map(|r| super::material::pem_block("CERTIFICATE", r.as_ref()))
    }

    /// The chain as PEM text, LF line ends: the certificate file nginx loads.
    pub fn chain_pem(&self) -> String {
        self.chain
            .iter()
            .map(|c| super::material::pem_block("CERTIFICATE", c.as_ref()))
            .collect()
    }
}

/// Which of `material`'s certificates the key belongs to (by public key), or why none.
fn leaf_index(material: &Material) -> Result<usize, ImportFinding> {
    let signer = rustls::crypto::ring::sign::any_supported_type(material.key.der())
        .map_err(|_| ImportFinding::KeyUnsupported)?;
    let public = signer.public_key().ok_or(ImportFinding::KeyUnsupported)?;
    material
        .certificates
        .iter()
        .position(|der| {
            X509Certificate::from_der(der).is_ok_and(|(_, c)| c.public_key().raw == public.as_ref())
        })
        .ok_or(ImportFinding::KeyMatchesNone)
}

/// The names of the certificate the key belongs to (none when it belongs to none): what
/// an import offers as the domain when nothing else names one, without checking it.
pub fn leaf_names(material: &Material) -> Vec<String> {
    leaf_index(material)
        .ok()
        .and_then(|i| CertificateInfo::from_der(&material.certificates[i], 1, "certificate").ok())
        .map(|info| info.names)
        .unwrap_or_default()
}

/// Days before expiry under which an import is warned about.
pub const ENDS_SOON_DAYS: i64 = 30;

/// Checks `material` for `domain` at `now`.
pub fn check(material: &Material, domain: &str, now: OffsetDateTime) -> Checked {
    let mut findings = Vec::new();
    if material.key_beside_certificates {
        findings.push(ImportFinding::KeyBesideCertificates);
    }
    if material.key_was_encrypted {
        findings.push(ImportFinding::KeyStoredDecrypted);
    }
    let parsed: Vec<(usize, X509Certificate<'_>)> = material
        .certificates
        .iter()
        .enumerate()
        .filter_map(|(i, der)| X509Certificate::from_der(der).ok().map(|(_, c)| (i, c)))
        .collect();
    // The leaf: the certificate whose public key is the key's.
    let leaf_at = leaf_index(material).and_then(|i| {
        parsed
            .iter()
            .position(|(k, _)| *k == i)
            .ok_or(ImportFinding::KeyMatchesNone)
    });
    let leaf_at = match leaf_at {
        Ok(at) => at,
        Err(finding) => {
            findings.push(finding);
            return Checked {
                chain: vec![],
                leaf: None,
                findings,
                private_root: None,
            };
        }
    };

    // The chain from the leaf up, by issuer name (each certificate once).
    let mut order = vec![leaf_at];
    let mut root: Option<usize> = None;
    while order.len() < 10 {
        let (_, cur) = &parsed[*order.last().expect("one at least")];
        if cur.issuer().as_raw() == cur.subject().as_raw() {
            break;
        }
        let Some(next) = (0..parsed.len()).find(|&j| {
            !order.contains(&j) && parsed[j].1.subject().as_raw() == cur.issuer().as_raw()
        }) else {
            break;
        };
        order.push(next);
    }
    if order.len() > 1 {
        let (_, top) = &parsed[*order.last().expect("one at least")];
        if top.issuer().as_raw() == top.subject().as_raw() {
            root = order.pop();
        }
    }
    let positions: Vec<usize> = order.iter().map(|&k| parsed[k].0).collect();
    if positions.windows(2).any(|w| w[0] > w[1]) || positions[0] != 0 {
        findings.push(ImportFinding::Reordered);
    }
    if let Some(r) = root {
        findings.push(ImportFinding::RootLeftOut {
            root: subject(&parsed[r].1),
        });
    }
    let used = order.len() + usize::from(root.is_some());
    if parsed.len() > used {
        findings.push(ImportFinding::Unrelated {
            count: parsed.len() - used,
        });
    }
    let chain: Vec<CertificateDer<'static>> = order
        .iter()
        .map(|&k| material.certificates[parsed[k].0].clone())
        .collect();
    let leaf_der = &chain[0];
    let leaf = &parsed[leaf_at].1;
    let info = CertificateInfo::from_der(leaf_der, chain.len(), "certificate").ok();

    // The names, as browsers read them: subject-alternative names only.
    let names = alternative_names(leaf);
    if names.is_empty() {
        findings.push(ImportFinding::NoAlternativeNames {
            names: info.as_ref().map(|i| i.names.clone()).unwrap_or_default(),
        });
    } else if !covers(&names, domain) {
        findings.push(ImportFinding::NamesDoNotCover {
            domain: domain.to_string(),
            names: names.clone(),
        });
    }
    // Dates of every certificate served.
    for (n, &k) in order.iter().enumerate() {
        let c = &parsed[k].1;
        let not_after = c.validity().not_after.to_datetime();
        if not_after <= now {
            findings.push(ImportFinding::Expired {
                subject: subject(c),
                not_after,
                leaf: n == 0,
            });
        }
    }
    let not_before = leaf.validity().not_before.to_datetime();
    if not_before > now {
        findings.push(ImportFinding::NotYetValid { not_before });
    }
    // Keys and signatures.
    if let Some(weak) = weak_key(leaf) {
        findings.push(ImportFinding::WeakKey { key_type: weak });
    }
    for &k in &order {
        let c = &parsed[k].1;
        if let Some(algorithm) = weak_signature(c) {
            findings.push(ImportFinding::WeakSignature {
                subject: subject(c),
                algorithm,
            });
        }
    }
    if let Ok(Some(eku)) = leaf.extended_key_usage()
        && !eku.value.server_auth
        && !eku.value.any
    {
        findings.push(ImportFinding::NotForServers);
    }
    let not_after = leaf.validity().not_after.to_datetime();
    let days = (not_after - now).whole_days();
    if not_after > now && days < ENDS_SOON_DAYS {
        findings.push(ImportFinding::EndsSoon { days, not_after });
    }

    // The chain, by the browsers' own rules (rustls' webpki), when nothing above
    // already refuses it (its first error would repeat one of them).
    let refused = findings.iter().any(|f| f.weight() == Weight::Refusal);
    let mut private_root = None;
    let self_signed = leaf.issuer().as_raw() == leaf.subject().as_raw();
    if !refused && self_signed {
        findings.push(ImportFinding::SelfSigned);
    } else if !refused && !names.is_empty() {
        let name = domain_for_check(domain, &names);
        match verify(&chain, &name, now, None) {
            Ok(()) => {}
            Err(rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer)) => {
                let private = root.map(|r| material.certificates[parsed[r].0].clone());
                match private
                    .as_ref()
                    .map(|r| verify(&chain, &name, now, Some(r)))
                {
                    Some(Ok(())) => {
                        findings.push(ImportFinding::PrivateRoot {
                            root: subject(&parsed[root.expect("checked")].1),
                        });
                        private_root = private;
                    }
                    Some(Err(e)) => {
                        findings.push(ImportFinding::BrowsersRefuse { why: e.to_string() })
                    }
                    None => {
                        let top = &parsed[*order.last().expect("one at least")].1;
                        findings.push(ImportFinding::ChainIncomplete {
                            top: subject(top),
                            issuer: sanitize_line(&top.issuer().to_string()),
                        });
                    }
                }
            }
            Err(e) => findings.push(ImportFinding::BrowsersRefuse { why: e.to_string() }),
        }
    }
    Checked {
        chain,
        leaf: info,
        findings,
        private_root,
    }
}

/// The name webpki checks: the domain, or (for an address or an odd name it cannot
/// take) the certificate's first name, whose match was checked above.
fn domain_for_check(domain: &str, names: &[String]) -> ServerName<'static> {
    ServerName::try_from(domain.trim_matches(['[', ']']).to_string())
        .or_else(|_| {
            ServerName::try_from(
                names
                    .first()
                    .map(|n| n.replace("*.", "a."))
                    .unwrap_or_default(),
            )
        })
        .unwrap_or_else(|_| ServerName::try_from("invalid.invalid").expect("a valid name"))
}

fn verify(
    chain: &[CertificateDer<'static>],
    name: &ServerName<'static>,
    now: OffsetDateTime,
    private_root: Option<&CertificateDer<'static>>,
) -> Result<(), rustls::Error> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(root) = private_root {
        roots.add(root.clone())?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
        .build()
        .map_err(|e| rustls::Error::General(e.to_string()))?;
    let at = UnixTime::since_unix_epoch(Duration::from_secs(now.unix_timestamp().max(0) as u64));
    verifier
        .verify_server_cert(&chain[0], &chain[1..], name, &[], at)
        .map(|_| ())
}

fn subject(c: &X509Certificate<'_>) -> String {
    sanitize_line(&c.subject().to_string())
}

/// The DNS and IP subject-alternative names, lower-case.
fn alternative_names(c: &X509Certificate<'_>) -> Vec<String> {
    let mut names = Vec::new();
    if let Ok(Some(san)) = c.subject_alternative_name() {
        for name in &san.value.general_names {
            let n = match name {
                GeneralName::DNSName(d) => sanitize_line(&d.to_ascii_lowercase()),
                GeneralName::IPAddress(b) => match b.len() {
                    4 => <[u8; 4]>::try_from(*b)
                        .map(|a| std::net::IpAddr::from(a).to_string())
                        .unwrap_or_default(),
                    16 => <[u8; 16]>::try_from(*b)
                        .map(|a| std::net::IpAddr::from(a).to_string())
                        .unwrap_or_default(),
                    _ => continue,
                },
                _ => continue,
            };
            if !n.is_empty() && !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// Whether `names` cover `domain` as browsers match: exactly, or by a wildcard that
/// stands for the whole leftmost label (`*.example.com` covers `a.example.com`, not
/// `example.com` nor `a.b.example.com`).
pub fn covers(names: &[String], domain: &str) -> bool {
    let domain = match domain.trim_matches(['[', ']']).parse::<std::net::IpAddr>() {
        Ok(ip) => return names.iter().any(|n| n == &ip.to_string()),
        Err(_) => domain.trim_end_matches('.').to_ascii_lowercase(),
    };
    names.iter().any(|n| {
        n == &domain
            || n.strip_prefix("*.").is_some_and(|suffix| {
                suffix.contains('.')
                    && domain
                        .split_once('.')
                        .is_some_and(|(label, rest)| !label.is_empty() && rest == suffix)
            })
    })
}

/// What browsers refuse in the certificate `der` itself (its key, its signature), in
/// words for a finding: what `status` says of a served certificate, by the same rules an
/// import is checked with.
pub fn browser_refusal(der: &[u8]) -> Option<ImportFinding> {
    let (_, c) = X509Certificate::from_der(der).ok()?;
    if let Some(key_type) = weak_key(&c) {
        return Some(ImportFinding::WeakKey { key_type });
    }
    weak_signature(&c).map(|algorithm| ImportFinding::WeakSignature {
        subject: subject(&c),
        algorithm,
    })
}

/// The leaf's key, when browsers refuse it.
fn weak_key(c: &X509Certificate<'_>) -> Option<String> {
    use x509_parser::public_key::PublicKey;
    match c.public_key().parsed() {
        Ok(PublicKey::RSA(rsa)) if rsa.key_size() < 2048 => Some(format!("RSA {}", rsa.key_size())),
        Ok(PublicKey::RSA(_)) => None,
        Ok(PublicKey::EC(ec)) => match ec.key_size() {
            256 | 384 => None,
            521 | 528 => Some("ECDSA P-521".into()),
            n => Some(format!("ECDSA {n}-bit")),
        },
        _ => {
            let oid = c.public_key().algorithm.algorithm.to_id_string();
            Some(match oid.as_str() {
                "1.3.101.112" => "Ed25519".into(),
                "1.3.101.113" => "Ed448".into(),
                "1.2.840.10040.4.1" => "DSA".into(),
                other => other.to_string(),
            })
        }
    }
}

/// A signature algorithm browsers refuse.
fn weak_signature(c: &X509Certificate<'_>) -> Option<String> {
    let oid = c.signature_algorithm.algorithm.to_id_string();
    let name = match oid.as_str() {
        "1.2.840.113549.1.1.5" => "SHA-1 with RSA",
        "1.2.840.113549.1.1.4" => "MD5 with RSA",
        "1.2.840.10045.4.1" => "ECDSA with SHA-1",
        "1.2.840.10040.4.3" => "DSA with SHA-1",
        _ => return None,
    };
    Some(name.into())
}

#[cfg(test)]
mod tests {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
        KeyPair, SanType,
    };
    use time::Duration;

    use super::*;
    use crate::core::import::read_material;

    const DOMAIN: &str = "dify.acmecorp.io";

    struct Ca {
        issuer: Issuer<'static, KeyPair>,
        pem: String,
    }

    fn ca(cn: &str, parent: Option<&Ca>, days: i64) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, cn);
        let now = OffsetDateTime::now_utc();
        params.not_before = now - Duration::days(30);
        params.not_after = now + Duration::days(days);
        let key = KeyPair::generate().unwrap();
        let cert = match parent {
            None => params.self_signed(&key).unwrap(),
            Some(p) => params.signed_by(&key, &p.issuer).unwrap(),
        };
        Ca {
            pem: cert.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A leaf (PEM, key PEM) for `names` signed by `by`, with `edit` applied.
    fn leaf(
        by: &Ca,
        names: &[&str],
        edit: impl FnOnce(&mut CertificateParams),
    ) -> (String, String) {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, names[0]);
        params.subject_alt_names = names
            .iter()
            .map(|n| SanType::DnsName((*n).try_into().unwrap()))
            .collect();
        let now = OffsetDateTime::now_utc();
        params.not_before = now - Duration::days(1);
        params.not_after = now + Duration::days(90);
        edit(&mut params);
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &by.issuer).unwrap();
        (cert.pem(), key.serialize_pem())
    }

    fn judged(cert: &str, key: &str, chain: Option<&str>) -> Checked {
        let m = read_material(cert.as_bytes(), key.as_bytes(), chain.map(str::as_bytes)).unwrap();
        check(&m, DOMAIN, OffsetDateTime::now_utc())
    }

    fn codes(c: &Checked) -> Vec<&'static str> {
        c.findings.iter().map(ImportFinding::code).collect()
    }

    #[test]
    fn a_complete_private_chain_is_put_in_order_and_warned_as_private() {
        let root = ca("Acme Root", None, 3650);
        let inter = ca("Acme Issuing CA", Some(&root), 1825);
        let (cert, key) = leaf(&inter, &[DOMAIN], |_| {});
        // A bundle as some panels export it: intermediate first, root, then the leaf.
        let bundle = format!("{}{}{}", inter.pem, root.pem, cert);
        let c = judged(&bundle, &key, None);
        assert!(!c.refused(), "{:?}", c.findings);
        assert_eq!(
            codes(&c),
            [
                "import-reordered",
                "import-root-left-out",
                "import-private-root"
            ]
        );
        assert_eq!(c.chain.len(), 2, "leaf and intermediate, no root");
        assert_eq!(c.leaf.as_ref().unwrap().names, [DOMAIN]);
        let pem = c.chain_pem();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert_eq!(pem.matches("BEGIN CERTIFICATE").count(), 2);
        // The same with the chain apart, in order: nothing reordered.
        let apart = judged(&cert, &key, Some(&format!("{}{}", inter.pem, root.pem)));
        assert_eq!(
            codes(&apart),
            ["import-root-left-out", "import-private-root"]
        );
    }

    #[test]
    fn a_missing_intermediate_is_refused_with_who_issued_the_top() {
        let root = ca("Acme Root", None, 3650);
        let inter = ca("Acme Issuing CA", Some(&root), 1825);
        let (cert, key) = leaf(&inter, &[DOMAIN], |_| {});
        let c = judged(&cert, &key, None);
        assert!(c.refused());
        match &c.findings[..] {
            [ImportFinding::ChainIncomplete { top, issuer }] => {
                assert!(top.contains(DOMAIN), "{top}");
                assert!(issuer.contains("Acme Issuing CA"), "{issuer}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_key_must_be_the_certificates_own() {
        let root = ca("Acme Root", None, 3650);
        let (cert, _) = leaf(&root, &[DOMAIN], |_| {});
        let (_, other_key) = leaf(&root, &[DOMAIN], |_| {});
        let c = judged(&cert, &other_key, Some(&root.pem));
        assert_eq!(codes(&c), ["import-key-mismatch"]);
        assert!(c.refused());
    }

    #[test]
    fn names_are_matched_as_browsers_match_them() {
        let root = ca("Acme Root", None, 3650);
        let (cert, key) = leaf(&root, &["other.acmecorp.io"], |_| {});
        let c = judged(&cert, &key, Some(&root.pem));
        assert!(codes(&c).contains(&"import-names-do-not-cover"));
        let (wild, key) = leaf(&root, &["*.acmecorp.io"], |_| {});
        assert!(!judged(&wild, &key, Some(&root.pem)).refused());
        let names = vec!["*.acmecorp.io".to_string()];
        assert!(covers(&names, "dify.acmecorp.io"));
        assert!(covers(&names, "DIFY.acmecorp.io."));
        assert!(!covers(&names, "acmecorp.io"));
        assert!(!covers(&names, "a.dify.acmecorp.io"));
        assert!(!covers(&["*.io".to_string()], "acmecorp.io"));
        // The common name alone does not count.
        let (cn_only, key) = leaf(&root, &[DOMAIN], |p| p.subject_alt_names.clear());
        assert_eq!(
            codes(&judged(&cn_only, &key, Some(&root.pem))),
            ["import-root-left-out", "import-no-alternative-names"]
        );
    }

    #[test]
    fn dates_of_every_certificate_count() {
        let root = ca("Acme Root", None, 3650);
        let now = OffsetDateTime::now_utc();
        let (expired, key) = leaf(&root, &[DOMAIN], |p| {
            p.not_before = now - Duration::days(100);
            p.not_after = now - Duration::days(10);
        });
        let c = judged(&expired, &key, Some(&root.pem));
        assert!(matches!(
            c.findings.last(),
            Some(ImportFinding::Expired { leaf: true, .. })
        ));
        let (later, key) = leaf(&root, &[DOMAIN], |p| p.not_before = now + Duration::days(2));
        assert!(codes(&judged(&later, &key, Some(&root.pem))).contains(&"import-not-yet-valid"));
        let (soon, key) = leaf(&root, &[DOMAIN], |p| p.not_after = now + Duration::days(6));
        let c = judged(&soon, &key, Some(&root.pem));
        assert!(!c.refused());
        assert!(
            c.findings
                .iter()
                .any(|f| matches!(f, ImportFinding::EndsSoon { days: 5..=6, .. })),
            "{:?}",
            c.findings
        );
        // An expired intermediate.
        let old = ca("Old Issuing CA", Some(&root), -1);
        let (cert, key) = leaf(&old, &[DOMAIN], |_| {});
        let c = judged(&cert, &key, Some(&format!("{}{}", old.pem, root.pem)));
        assert!(
            c.findings
                .iter()
                .any(|f| matches!(f, ImportFinding::Expired { leaf: false, .. })),
            "{:?}",
            c.findings
        );
    }

    #[test]
    fn usages_and_keys_browsers_refuse_are_refused() {
        let root = ca("Acme Root", None, 3650);
        let (client, key) = leaf(&root, &[DOMAIN], |p| {
            p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth]
        });
        assert!(codes(&judged(&client, &key, Some(&root.pem))).contains(&"import-not-for-servers"));
        // An Ed25519 server certificate: nginx serves it, browsers cannot use it.
        let mut params = CertificateParams::new(vec![DOMAIN.to_string()]).unwrap();
        params.distinguished_name.push(DnType::CommonName, DOMAIN);
        let ed = KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
        let cert = params.signed_by(&ed, &root.issuer).unwrap();
        let c = judged(&cert.pem(), &ed.serialize_pem(), Some(&root.pem));
        assert!(
            c.findings.contains(&ImportFinding::WeakKey {
                key_type: "Ed25519".into()
            }),
            "{:?}",
            c.findings
        );
    }

    #[test]
    fn a_self_signed_certificate_is_a_warning() {
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec![DOMAIN.to_string()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let c = judged(&cert.pem(), &key.serialize_pem(), None);
        assert_eq!(codes(&c), ["import-self-signed"]);
        assert_eq!(c.chain.len(), 1);
    }
}
