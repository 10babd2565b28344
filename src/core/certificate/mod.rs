//! Reading certificates: the files certbot leaves in `live/<domain>/`, and what a
//! server presents in a TLS handshake.

mod info;

pub use info::{CertError, CertificateInfo, fingerprint_sha256, read_chain_file};
