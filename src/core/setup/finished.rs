//! A setup whose answers are already in place on a finished install: nothing to
//! write, nothing to recreate (a forced nginx recreate costs ~11 s of downtime with
//! Dify's nginx), only a renewal when one is due.

use time::OffsetDateTime;

use super::env_plan::EnvPlan;
use super::mode::Mode;
use crate::core::certificate::read_chain_file;
use crate::core::dify::DifyFolder;
use crate::core::run::uses_custom_ca;
use crate::core::status::read_renewal_conf;

/// The install already has what the plan asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadySetUp {
    pub domain: String,
    pub expires: OffsetDateTime,
    /// certbot would renew it now.
    pub renewal_due: bool,
    /// HTTPS is on (production), so a renewal reloads and confirms nginx.
    pub https_enabled: bool,
}

/// `Some` when `plan` changes nothing and the result it would run for exists: a
/// production certificate served with HTTPS on, or a staging one for a staging setup.
/// A dry run always runs (the rehearsal is the point).
pub fn already_set_up(
    folder: &DifyFolder,
    plan: &EnvPlan,
    now: OffsetDateTime,
) -> Option<AlreadySetUp> {
    let request = &plan.request;
    if !plan.is_noop() || request.mode == Mode::DryRun {
        return None;
    }
    let domain = &request.domain;
    let cert = read_chain_file(&folder.live_dir(domain).join("fullchain.pem")).ok()?;
    if !cert.covers(domain) || !folder.live_dir(domain).join("privkey.pem").exists() {
        return None;
    }
    let doc = plan.after_document();
    let https_enabled = doc.literal("NGINX_HTTPS_ENABLED") == Some("true");
    let finished = match request.mode {
        Mode::Production => {
            https_enabled && (!cert.staging || uses_custom_ca(&request.extra_options))
        }
        Mode::Staging => cert.staging,
        Mode::DryRun => false,
    };
    if !finished {
        return None;
    }
    let renew_before =
        read_renewal_conf(&folder.renewal_conf(domain)).and_then(|c| c.renew_before());
    Some(AlreadySetUp {
        domain: domain.clone(),
        expires: cert.not_after,
        renewal_due: now >= cert.renewal_due_at(renew_before),
        https_enabled,
    })
}
