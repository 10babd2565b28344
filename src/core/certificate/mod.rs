//! Reading certificates: the files certbot leaves in `live/<domain>/`, and what a
//! server presents in a TLS handshake.

mod info;
mod key_match;

pub use info::{CertError, CertificateInfo, chain_info, fingerprint_sha256, read_chain_file};
pub use key_match::{
    KeyProblem, KeyUse, key_matches_certificate, live_key_problem, pair_key_problem,
};
