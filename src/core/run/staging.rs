//! A staging certificate in the way of production: certbot pins a lineage to the
//! server it came from, so Dify's script would keep renewing the staging one.

use crate::core::certificate::{CertificateInfo, read_chain_file};
use crate::core::dify::DifyFolder;
use crate::core::setup::{Mode, SetupRequest};

/// Whether certbot `options` name their own ACME directory (`--server`: an internal or
/// test CA). Then the user chose the issuer, and "staging" does not apply.
pub fn uses_custom_ca(options: &str) -> bool {
    options
        .split_whitespace()
        .any(|o| o == "--server" || o.starts_with("--server="))
}

/// The ACME directory named with `--server` in certbot `options`, if any.
pub fn custom_acme_server(options: &str) -> Option<String> {
    let mut words = options.split_whitespace();
    while let Some(w) = words.next() {
        if let Some(url) = w.strip_prefix("--server=") {
            return Some(url.to_string());
        }
        if w == "--server" {
            return words.next().map(str::to_string);
        }
    }
    None
}

/// The staging certificate a production run for `request` would have to delete first.
pub fn staging_certificate_in_the_way(
    folder: &DifyFolder,
    request: &SetupRequest,
) -> Option<CertificateInfo> {
    if request.mode != Mode::Production || uses_custom_ca(&request.extra_options) {
        return None;
    }
    let existing = read_chain_file(&folder.live_dir(&request.domain).join("fullchain.pem")).ok()?;
    existing.staging.then_some(existing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_directories_are_recognised() {
        assert!(uses_custom_ca(
            "--key-type ecdsa --server https://ca.internal/acme/directory"
        ));
        assert!(uses_custom_ca("--server=https://ca.internal/dir"));
        assert!(!uses_custom_ca("--key-type ecdsa --serverless"));
    }
}
