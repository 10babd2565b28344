//! Certificate status: what is on disk, what nginx serves, what `.env` says, and a
//! verdict (ok / warning / critical / unknown) for people and for monitoring.

mod gather;
mod history;
mod prometheus;
mod report;
mod served;
mod verdict;

pub use gather::{ScheduleFacts, StatusFacts, gather};
pub use history::{
    Attempt, AttemptOutcome, RenewalConf, failed_runs_since, last_attempt, read_renewal_conf,
};
pub use prometheus::{prometheus_text, unknown_prometheus_text};
pub use report::{
    CertificateStatus, Container, ContainerState, Finding, Severity, StatusOptions, StatusReport,
    build_report, judge,
};
pub use served::{Served, ServedCertificate, probe_served};
pub use verdict::Verdict;
