//! Reading what an admin downloaded from a CA: PEM certificates (the chain in the same
//! file or apart, `*_bundle.crt`/`*_bundle.pem` of the big clouds' "Nginx" downloads),
//! a private key in PKCS#8, PKCS#1 or SEC1, with or without a byte-order mark and CRLF
//! line ends. The key is held in memory only: no error, no `Debug` ever shows a byte
//! of it.

use std::fmt;

use rustls_pki_types::pem::{PemObject, SectionKind};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

/// Which of the files the user named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Input {
    Cert,
    Key,
    Chain,
}

/// Why the files cannot be imported as they are (before any check of the certificate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MaterialError {
    /// The file holds no PEM certificate at all (a DER file, a PKCS#12 bundle, text).
    NoCertificate { input: Input, looks_like: LooksLike },
    /// A PEM block could not be decoded.
    BrokenPem { input: Input },
    /// The key file holds no private key.
    NoKey { looks_like: LooksLike },
    /// More than one private key: which one is meant is not guessed.
    SeveralKeys,
    /// The key is encrypted (PKCS#8) and no passphrase was given: ask for it.
    EncryptedKey,
    /// The passphrase does not open the key.
    WrongPassphrase,
    /// The key is encrypted the old OpenSSL way (`Proc-Type: 4,ENCRYPTED`), which is
    /// not read here: `openssl pkey` converts it.
    LegacyEncryptedKey,
    /// The certificate file is a PKCS#12 (.pfx/.p12) bundle: its passphrase opens it.
    Pkcs12NeedsPassphrase,
    /// A PKCS#12 bundle encrypted or signed in a way not read here (old RC2-40 and MD5
    /// ones), or holding no key with its certificate: `openssl pkcs12` converts it.
    Pkcs12Unreadable,
    /// No key file was named (only a PKCS#12 bundle carries its own key).
    NoKeyFile,
}

/// What a file that is not the expected PEM seems to be, to word the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LooksLike {
    /// A PKCS#12 / PFX bundle (binary, starts as a DER SEQUENCE with a version 3).
    Pkcs12,
    /// A binary DER file.
    Der,
    /// Nothing known.
    Unknown,
}

/// A private key, kept in memory only.
pub struct SecretKey {
    der: PrivateKeyDer<'static>,
}

impl SecretKey {
    pub fn der(&self) -> &PrivateKeyDer<'static> {
        &self.der
    }

    /// The key as PEM in its own format (`PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE
    /// KEY`), LF line ends: what nginx is given.
    pub fn to_pem(&self) -> String {
        let (label, bytes) = match &self.der {
            PrivateKeyDer::Pkcs1(k) => ("RSA PRIVATE KEY", k.secret_pkcs1_der()),
            PrivateKeyDer::Sec1(k) => ("EC PRIVATE KEY", k.secret_sec1_der()),
            PrivateKeyDer::Pkcs8(k) => ("PRIVATE KEY", k.secret_pkcs8_der()),
            _ => ("PRIVATE KEY", &[][..]),
        };
        pem_block(label, bytes)
    }
}

impl Clone for SecretKey {
    fn clone(&self) -> SecretKey {
        SecretKey {
            der: self.der.clone_key(),
        }
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

/// The certificates of every file (in file order, repeats removed) and the key.
#[derive(Debug, Clone)]
pub struct Material {
    pub certificates: Vec<CertificateDer<'static>>,
    pub key: SecretKey,
    /// A file held a private key next to its certificates (the "combined" PEM some
    /// panels export): read, never copied into the certificate file.
    pub key_beside_certificates: bool,
    /// The key was encrypted and opened with the passphrase: nginx is given it
    /// decrypted (it cannot read an encrypted key).
    pub key_was_encrypted: bool,
}

/// Reads the files' bytes: `cert` (the certificate, maybe with its chain), `key`,
/// and `chain` when it comes apart.
pub fn read_material(
    cert: &[u8],
    key: &[u8],
    chain: Option<&[u8]>,
) -> Result<Material, MaterialError> {
    read_material_with(cert, key, chain, None)
}

/// [`read_material`], opening an encrypted PKCS#8 key with `passphrase`.
pub fn read_material_with(
    cert: &[u8],
    key: &[u8],
    chain: Option<&[u8]>,
    passphrase: Option<&str>,
) -> Result<Material, MaterialError> {
    if looks_like(without_bom(cert)) == LooksLike::Pkcs12 {
        return read_pkcs12(cert, chain, passphrase);
    }
    if key.is_empty() {
        return Err(MaterialError::NoKeyFile);
    }
    let mut certificates: Vec<CertificateDer<'static>> = Vec::new();
    let mut key_beside_certificates = false;
    for (input, bytes) in [(Input::Cert, Some(cert)), (Input::Chain, chain)] {
        let Some(bytes) = bytes else { continue };
        let (certs, keys) = sections(bytes, input)?;
        if certs.is_empty() {
            return Err(MaterialError::NoCertificate {
                input,
                looks_like: looks_like(bytes),
            });
        }
        key_beside_certificates |= keys > 0;
        for c in certs {
            if !certificates.contains(&c) {
                certificates.push(c);
            }
        }
    }
    let (key, key_was_encrypted) = read_key(key, passphrase)?;
    Ok(Material {
        certificates,
        key,
        key_beside_certificates,
        key_was_encrypted,
    })
}

/// The certificates of one file, and how many private keys it holds.
fn sections(
    bytes: &[u8],
    input: Input,
) -> Result<(Vec<CertificateDer<'static>>, usize), MaterialError> {
    let bytes = without_bom(bytes);
    let mut certs = Vec::new();
    let mut keys = 0;
    for item in <(SectionKind, Vec<u8>) as PemObject>::pem_slice_iter(bytes) {
        let (kind, der) = item.map_err(|_| MaterialError::BrokenPem { input })?;
        match kind {
            SectionKind::Certificate => certs.push(CertificateDer::from(der)),
            SectionKind::PrivateKey | SectionKind::RsaPrivateKey | SectionKind::EcPrivateKey => {
                keys += 1
            }
            _ => {}
        }
    }
    Ok((certs, keys))
}

fn read_key(bytes: &[u8], passphrase: Option<&str>) -> Result<(SecretKey, bool), MaterialError> {
    let bytes = without_bom(bytes);
    if contains(bytes, b"Proc-Type: 4,ENCRYPTED") {
        return Err(MaterialError::LegacyEncryptedKey);
    }
    if contains(bytes, b"-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        let Some(passphrase) = passphrase else {
            return Err(MaterialError::EncryptedKey);
        };
        return decrypt(bytes, passphrase).map(|k| (k, true));
    }
    let mut found: Vec<PrivateKeyDer<'static>> = Vec::new();
    for item in <(SectionKind, Vec<u8>) as PemObject>::pem_slice_iter(bytes) {
        // A parse error is dropped on purpose: it could quote the key.
        let Ok((kind, der)) = item else {
            return Err(MaterialError::NoKey {
                looks_like: LooksLike::Unknown,
            });
        };
        let key = match kind {
            SectionKind::PrivateKey => PrivateKeyDer::Pkcs8(der.into()),
            SectionKind::RsaPrivateKey => PrivateKeyDer::Pkcs1(der.into()),
            SectionKind::EcPrivateKey => PrivateKeyDer::Sec1(der.into()),
            _ => continue,
        };
        found.push(key);
    }
    match found.len() {
        0 => Err(MaterialError::NoKey {
            looks_like: looks_like(bytes),
        }),
        1 => Ok((
            SecretKey {
                der: found.remove(0),
            },
            false,
        )),
        _ => Err(MaterialError::SeveralKeys),
    }
}

/// A PKCS#12 bundle (what Windows and IIS export, and some CA portals): opened with
/// `passphrase`, its key and certificates read (a chain file adds to them). The key is
/// then stored decrypted, as for an encrypted key.
fn read_pkcs12(
    bundle: &[u8],
    chain: Option<&[u8]>,
    passphrase: Option<&str>,
) -> Result<Material, MaterialError> {
    let Some(passphrase) = passphrase else {
        return Err(MaterialError::Pkcs12NeedsPassphrase);
    };
    let store = p12_keystore::KeyStore::from_pkcs12(
        bundle,
        passphrase,
        p12_keystore::Pkcs12ImportPolicy::Strict,
    )
    .map_err(|e| match e {
        p12_keystore::error::Error::MacError(_) => MaterialError::WrongPassphrase,
        _ => MaterialError::Pkcs12Unreadable,
    })?;
    let (_, keychain) = store
        .private_key_chain()
        .ok_or(MaterialError::Pkcs12Unreadable)?;
    let mut certificates: Vec<CertificateDer<'static>> = keychain
        .certs()
        .iter()
        .map(|c| CertificateDer::from(c.as_der().to_vec()))
        .collect();
    if let Some(chain) = chain {
        let (more, _) = sections(chain, Input::Chain)?;
        for c in more {
            if !certificates.contains(&c) {
                certificates.push(c);
            }
        }
    }
    if certificates.is_empty() {
        return Err(MaterialError::Pkcs12Unreadable);
    }
    Ok(Material {
        certificates,
        key: SecretKey {
            der: PrivateKeyDer::Pkcs8(keychain.key().as_der().to_vec().into()),
        },
        key_beside_certificates: false,
        key_was_encrypted: true,
    })
}

/// Opens the one encrypted PKCS#8 key in `bytes` (PBES2: PBKDF2 or scrypt with AES).
/// No error carries a byte of it.
fn decrypt(bytes: &[u8], passphrase: &str) -> Result<SecretKey, MaterialError> {
    let blocks = pem::parse_many(bytes).map_err(|_| MaterialError::NoKey {
        looks_like: LooksLike::Unknown,
    })?;
    let mut found = blocks.iter().filter(|b| b.tag() == "ENCRYPTED PRIVATE KEY");
    let (Some(block), None) = (found.next(), found.next()) else {
        return Err(MaterialError::SeveralKeys);
    };
    let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(block.contents()).map_err(|_| {
        MaterialError::NoKey {
            looks_like: LooksLike::Unknown,
        }
    })?;
    let plain = info
        .decrypt(passphrase)
        .map_err(|_| MaterialError::WrongPassphrase)?;
    Ok(SecretKey {
        der: PrivateKeyDer::Pkcs8(plain.as_bytes().to_vec().into()),
    })
}

fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A PKCS#12 file is a DER SEQUENCE whose first element is the INTEGER 3.
fn looks_like(bytes: &[u8]) -> LooksLike {
    if bytes.first() != Some(&0x30) {
        return LooksLike::Unknown;
    }
    // Skip the SEQUENCE's length (short or long form).
    let Some(&len) = bytes.get(1) else {
        return LooksLike::Der;
    };
    let start = if len & 0x80 == 0 {
        2
    } else {
        2 + usize::from(len & 0x7f)
    };
    if bytes.get(start..start + 3) == Some(&[0x02, 0x01, 0x03]) {
        LooksLike::Pkcs12
    } else {
        LooksLike::Der
    }
}

/// `bytes` as a PEM block with `label`, 64 columns, LF line ends.
pub fn pem_block(label: &str, bytes: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, bytes),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> (String, rcgen::KeyPair) {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["dify.acmecorp.io".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        (cert.pem(), key)
    }

    #[test]
    fn pem_with_bom_and_crlf_reads_and_the_key_round_trips() {
        let (cert, key) = pair();
        let crlf = format!("\u{feff}{}", cert.replace('\n', "\r\n"));
        let key_pem = format!("\u{feff}{}", key.serialize_pem().replace('\n', "\r\n"));
        let m = read_material(crlf.as_bytes(), key_pem.as_bytes(), None).unwrap();
        assert_eq!(m.certificates.len(), 1);
        assert_eq!(m.key.to_pem(), key.serialize_pem().replace("\r\n", "\n"));
        assert!(!format!("{m:?}").contains("MII"), "no key bytes in Debug");
    }

    #[test]
    fn the_chain_file_adds_and_repeats_are_dropped() {
        let (cert, key) = pair();
        let (other, _) = pair();
        let bundle = format!("{cert}{other}");
        let m = read_material(
            bundle.as_bytes(),
            key.serialize_pem().as_bytes(),
            Some(other.as_bytes()),
        )
        .unwrap();
        assert_eq!(m.certificates.len(), 2);
    }

    #[test]
    fn what_is_not_a_usable_pair_is_named() {
        let (cert, key) = pair();
        let key_pem = key.serialize_pem();
        // A PKCS#12 bundle: its passphrase first; one that cannot be opened is said so.
        let pfx = b"\x30\x82\x01\x00\x02\x01\x03";
        assert_eq!(
            read_material(pfx, key_pem.as_bytes(), None).unwrap_err(),
            MaterialError::Pkcs12NeedsPassphrase
        );
        assert_eq!(
            read_material_with(pfx, b"", None, Some("x")).unwrap_err(),
            MaterialError::Pkcs12Unreadable
        );
        // A DER certificate is named as one.
        assert_eq!(
            read_material(b"\x30\x82\x01\x00\x30\x82", key_pem.as_bytes(), None).unwrap_err(),
            MaterialError::NoCertificate {
                input: Input::Cert,
                looks_like: LooksLike::Der
            }
        );
        assert_eq!(
            read_material(cert.as_bytes(), b"", None).unwrap_err(),
            MaterialError::NoKeyFile
        );
        assert!(matches!(
            read_material(cert.as_bytes(), cert.as_bytes(), None).unwrap_err(),
            MaterialError::NoKey { .. }
        ));
        let two = format!("{key_pem}{key_pem}");
        assert_eq!(
            read_material(cert.as_bytes(), two.as_bytes(), None).unwrap_err(),
            MaterialError::SeveralKeys
        );
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert_eq!(
            read_material(cert.as_bytes(), encrypted.as_bytes(), None).unwrap_err(),
            MaterialError::EncryptedKey
        );
        // A combined file (certificate and key) is read as both.
        let combined = format!("{cert}{key_pem}");
        let m = read_material(combined.as_bytes(), combined.as_bytes(), None).unwrap();
        assert!(m.key_beside_certificates);
    }

    /// A key encrypted as `openssl pkcs8 -topk8` writes it (PBES2: PBKDF2 with
    /// AES-256-CBC, and scrypt): opened with its passphrase, refused with another.
    #[test]
    fn an_encrypted_key_opens_with_its_passphrase_only() {
        let plain = include_str!("../../../tests/fixtures/keys/plain.pem");
        let (cert, _) = pair();
        for encrypted in [
            include_str!("../../../tests/fixtures/keys/encrypted.pem"),
            include_str!("../../../tests/fixtures/keys/encrypted-scrypt.pem"),
        ] {
            let m = read_material_with(
                cert.as_bytes(),
                encrypted.as_bytes(),
                None,
                Some("correct horse"),
            )
            .unwrap();
            assert!(m.key_was_encrypted);
            assert_eq!(m.key.to_pem(), plain);
            assert_eq!(
                read_material_with(cert.as_bytes(), encrypted.as_bytes(), None, Some("wrong"))
                    .unwrap_err(),
                MaterialError::WrongPassphrase
            );
            assert_eq!(
                read_material(cert.as_bytes(), encrypted.as_bytes(), None).unwrap_err(),
                MaterialError::EncryptedKey
            );
        }
    }

    #[test]
    fn pem_blocks_are_standard_base64() {
        assert_eq!(
            pem_block("X", b"hello world"),
            "-----BEGIN X-----\naGVsbG8gd29ybGQ=\n-----END X-----\n"
        );
    }
}
