//! Preflight checks: what would make issuance fail, found before Let's Encrypt is asked
//! (each failed attempt counts toward its rate limits). Each check says ok, warn or
//! fail, in one line, with what to do when it is not ok.

mod checks;
mod dns;
mod gather;
mod judge;

pub use checks::{Check, CheckStatus, DoctorInput, checks_json, run_checks, verdict};
pub use dns::{Resolver, SystemResolver, local_addresses};
pub use gather::{DoctorFacts, HostNetwork, Network, gather};
pub use judge::judge;
