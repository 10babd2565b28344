//! `repair`, decided once for both front ends: what it would put back (a plan the user
//! reviews), the write, and whether the running nginx needs recreating afterwards.

use time::OffsetDateTime;

use super::{Drift, KeyDrift, drift_of};
use crate::core::compose::{
    ComposeCommand, service_env, services_with_containers, services_with_status,
};
use crate::core::dify::{DifyFolder, nginx_start_problem};
use crate::core::envfile::{ChangeSet, EnvFile, StoreError, WriteReport};

/// What a repair would put back, reviewed before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairPlan {
    /// The keys gone or changed, with what dify-https had written.
    pub keys: Vec<KeyDrift>,
    pub changes: ChangeSet,
    /// `.env` now, and as the repair leaves it.
    pub before: String,
    pub after: String,
    /// When the record was written (RFC 3339).
    pub recorded_at: String,
    /// Whether HTTPS is on after the repair.
    pub https: bool,
    pub domain: String,
}

/// Why there is nothing to repair, or it cannot be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepairRefused {
    /// No record: dify-https never applied HTTPS here.
    NoRecord,
    /// `.env` has the keys as applied (Dify's files may have changed: listed).
    NothingDrifted { changed_files: Vec<String> },
    /// Even with the keys back, nginx could not start (the certificate is gone too).
    NginxWouldNotStart { missing: std::path::PathBuf },
    /// The change could not be made to this `.env`.
    Env(String),
}

/// The repair `.env` (read as `file`) needs, or why there is none.
pub fn plan(folder: &DifyFolder, file: &EnvFile) -> Result<RepairPlan, RepairRefused> {
    let doc = file.document();
    let Some((record, drift)) = drift_of(folder, doc) else {
        return Err(if super::read(folder.root()).is_some() {
            RepairRefused::NothingDrifted {
                changed_files: vec![],
            }
        } else {
            RepairRefused::NoRecord
        });
    };
    let Drift {
        keys,
        changed_files,
        ..
    } = drift.clone();
    if keys.is_empty() {
        return Err(RepairRefused::NothingDrifted { changed_files });
    }
    let changes = drift.repair_changes();
    let after = doc
        .with_changes(&changes)
        .map_err(|e| RepairRefused::Env(e.to_string()))?;
    // Every refusal before the write: nginx must be able to start with the result.
    if let Some(p) = nginx_start_problem(folder, &after) {
        return Err(RepairRefused::NginxWouldNotStart { missing: p.missing });
    }
    Ok(RepairPlan {
        keys,
        changes,
        before: doc.render(),
        after: after.render(),
        recorded_at: record.at,
        https: after.literal("NGINX_HTTPS_ENABLED") == Some("true"),
        domain: after
            .literal("CERTBOT_DOMAIN")
            .unwrap_or_default()
            .to_string(),
    })
}

/// Writes the reviewed plan (the usual write: backup, lock, value gate, refused if
/// `.env` changed since it was read).
pub fn write(
    plan: &RepairPlan,
    file: &EnvFile,
    now: OffsetDateTime,
) -> Result<WriteReport, StoreError> {
    file.write(&plan.after, now)
}

/// What the running nginx needs after the repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NginxAfterRepair {
    /// Not running (nor crash-looping): its next start reads the repaired file.
    NotRunning,
    /// It already runs with the repaired values: nothing to recreate.
    AlreadyRight,
    /// It runs (or crash-loops) with other values: recreate it.
    Recreate,
}

/// Asks compose whether nginx runs and with which of the repaired values. Only what
/// nginx reads counts (its `NGINX_*` settings and `CERTBOT_DOMAIN`, the folder it loads
/// the certificate from); `CERTBOT_EMAIL` and `CERTBOT_OPTIONS` are certbot's.
pub fn nginx_after_repair(
    compose: &ComposeCommand,
    folder: &DifyFolder,
    profiles: &[String],
    extra_env: &[(String, String)],
    plan: &RepairPlan,
) -> NginxAfterRepair {
    let has_nginx = |services: &[String]| services.iter().any(|l| l.trim() == "nginx");
    let running = services_with_status(compose, folder.root(), profiles, extra_env, "running")
        .unwrap_or_default();
    if !has_nginx(&running) {
        // A container of nginx in any other state (crash-looping, exited, created) while
        // the rest of the stack runs: the upgrade's `up -d` left it so. Recreate it.
        let any = services_with_containers(compose, folder.root(), profiles, extra_env)
            .unwrap_or_default();
        return if has_nginx(&any) && !running.is_empty() {
            NginxAfterRepair::Recreate
        } else {
            NginxAfterRepair::NotRunning
        };
    }
    let stale = plan
        .keys
        .iter()
        .filter(|k| k.key.starts_with("NGINX_") || k.key == "CERTBOT_DOMAIN")
        .any(|k| {
            service_env(compose, folder.root(), profiles, extra_env, "nginx", &k.key).as_deref()
                != Some(k.recorded.as_str())
        });
    if stale {
        NginxAfterRepair::Recreate
    } else {
        NginxAfterRepair::AlreadyRight
    }
}

/// The steps that follow the write: nginx recreated when needed, then what it serves
/// confirmed. Empty when nginx does not run.
pub fn steps_after(plan: &RepairPlan, nginx: NginxAfterRepair) -> Vec<crate::core::run::Step> {
    use crate::core::run::Step;
    let confirm = if plan.https {
        Step::ConfirmHttps
    } else {
        Step::ConfirmHttp
    };
    match nginx {
        NginxAfterRepair::NotRunning => vec![],
        NginxAfterRepair::AlreadyRight => vec![confirm],
        NginxAfterRepair::Recreate => vec![Step::RecreateNginx, confirm],
    }
}
