//! The words for an import's findings, shared by every front end (the CLI's refusals
//! and review, the TUI's, and `status` for an imported certificate): each finding is a
//! sentence, and a refusal has its fix.

use std::path::Path;

use crate::core::import::{ImportFinding, LooksLike, MaterialError};
use crate::tr;

fn date(t: time::OffsetDateTime) -> String {
    t.date().to_string()
}

/// What a finding says, and what to do about it (refusals have a fix).
pub fn finding(f: &ImportFinding) -> (String, Option<String>) {
    use ImportFinding::*;
    match f {
        KeyMatchesNone => (
            tr!("import-finding-key-mismatch"),
            Some(tr!("import-finding-key-mismatch-fix")),
        ),
        KeyUnsupported => (
            tr!("import-finding-key-unsupported"),
            Some(tr!("import-finding-key-unsupported-fix")),
        ),
        NoAlternativeNames { names } => (
            tr!(
                "import-finding-no-alternative-names",
                names = names.join(", ")
            ),
            Some(tr!("import-finding-no-alternative-names-fix")),
        ),
        NamesDoNotCover { domain, names } => (
            tr!(
                "import-finding-names-do-not-cover",
                names = names.join(", "),
                domain = domain.clone()
            ),
            Some(tr!(
                "import-finding-names-do-not-cover-fix",
                domain = domain.clone()
            )),
        ),
        Expired {
            subject,
            not_after,
            leaf,
        } => (
            if *leaf {
                tr!("import-finding-expired-leaf", date = date(*not_after))
            } else {
                tr!(
                    "import-finding-expired-chain",
                    subject = subject.clone(),
                    date = date(*not_after)
                )
            },
            Some(tr!("import-finding-expired-fix")),
        ),
        NotYetValid { not_before } => (
            tr!("import-finding-not-yet-valid", date = date(*not_before)),
            Some(tr!("import-finding-not-yet-valid-fix")),
        ),
        WeakKey { key_type } => (
            tr!("import-finding-weak-key", key = key_type.clone()),
            Some(tr!("import-finding-weak-key-fix")),
        ),
        WeakSignature { subject, algorithm } => (
            tr!(
                "import-finding-weak-signature",
                subject = subject.clone(),
                algorithm = algorithm.clone()
            ),
            Some(tr!("import-finding-weak-signature-fix")),
        ),
        NotForServers => (
            tr!("import-finding-not-for-servers"),
            Some(tr!("import-finding-not-for-servers-fix")),
        ),
        ChainIncomplete { top, issuer } => (
            tr!(
                "import-finding-chain-incomplete",
                top = top.clone(),
                issuer = issuer.clone()
            ),
            Some(tr!("import-finding-chain-incomplete-fix")),
        ),
        BrowsersRefuse { why } => (
            tr!("import-finding-browsers-refuse", why = why.clone()),
            Some(tr!("import-finding-browsers-refuse-fix")),
        ),
        PrivateRoot { root } => (
            tr!("import-finding-private-root", root = root.clone()),
            None,
        ),
        SelfSigned => (tr!("import-finding-self-signed"), None),
        EndsSoon { days, not_after } => (
            tr!(
                "import-finding-ends-soon",
                days = *days,
                date = date(*not_after)
            ),
            None,
        ),
        Reordered => (tr!("import-finding-reordered"), None),
        RootLeftOut { root } => (
            tr!("import-finding-root-left-out", root = root.clone()),
            None,
        ),
        Unrelated { count } => (tr!("import-finding-unrelated", count = *count), None),
        KeyBesideCertificates => (tr!("import-finding-key-beside-certificates"), None),
        KeyStoredDecrypted => (tr!("import-finding-key-stored-decrypted"), None),
    }
}

/// Why the files are not a certificate and key, naming the file.
pub fn material(e: &MaterialError, cert: &Path, key: &Path, chain: Option<&Path>) -> String {
    use crate::core::import::Input;
    let file = |input: Input| {
        match input {
            Input::Cert => cert,
            Input::Key => key,
            Input::Chain => chain.unwrap_or(cert),
        }
        .display()
        .to_string()
    };
    match e {
        MaterialError::NoCertificate { input, looks_like } => {
            let file = file(*input);
            match looks_like {
                LooksLike::Pkcs12 => tr!("import-material-no-pem-pkcs12", file),
                LooksLike::Der => tr!("import-material-no-pem-der", file),
                LooksLike::Unknown => tr!("import-material-no-pem", file),
            }
        }
        MaterialError::BrokenPem { input } => {
            tr!("import-material-broken-pem", file = file(*input))
        }
        MaterialError::NoKey {
            looks_like: LooksLike::Pkcs12,
        } => tr!("import-material-no-pem-pkcs12", file = file(Input::Key)),
        MaterialError::NoKey { .. } => tr!("import-material-no-key", file = file(Input::Key)),
        MaterialError::SeveralKeys => tr!("import-material-several-keys", file = file(Input::Key)),
        MaterialError::EncryptedKey => {
            tr!("import-material-encrypted-key", file = file(Input::Key))
        }
        MaterialError::WrongPassphrase => {
            tr!("import-material-wrong-passphrase", file = file(Input::Key))
        }
        MaterialError::LegacyEncryptedKey => {
            tr!(
                "import-material-legacy-encrypted-key",
                file = file(Input::Key)
            )
        }
        MaterialError::Pkcs12NeedsPassphrase => {
            tr!(
                "import-material-pkcs12-passphrase",
                file = file(Input::Cert)
            )
        }
        MaterialError::Pkcs12Unreadable => {
            tr!("import-material-no-pem-pkcs12", file = file(Input::Cert))
        }
        MaterialError::NoKeyFile => tr!("import-material-no-key-file"),
    }
}
