//! The steps of a run, in order.

use crate::core::setup::Mode;
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Step {
    /// Recreate nginx and certbot (or start the whole stack) with the new `.env`.
    BringUp,
    /// Wait for nginx, then fetch a token from the challenge folder through it.
    ChallengeSelfTest,
    /// A staging certificate must go before production can replace it.
    ReplaceStagingLineage,
    /// Dify's update script (`certonly` the first time, `renew` later), with its log.
    RequestCertificate,
    /// The files exist and name the domain (or: a dry run saved nothing).
    CheckCertificate,
    /// `NGINX_HTTPS_ENABLED=true` (and public URLs), then recreate nginx.
    SwitchHttps,
    /// `nginx -s reload`, when a renewal changed the certificate.
    ReloadNginx,
    /// nginx presents the certificate on the file over HTTPS.
    ConfirmHttps,
    /// `NGINX_HTTPS_ENABLED=false` (and the public URLs the switch upgraded), then
    /// recreate nginx: the way back (`https off`).
    SwitchHttpOnly,
    /// nginx answers plain HTTP again.
    ConfirmHttp,
    /// `compose up -d`: compose recreates the containers whose settings changed
    /// (after an `undo`), then nginx must answer.
    RecreateChanged,
    /// Recreate nginx alone with `.env` as it is (after `repair`), then it must answer.
    RecreateNginx,
    /// Put an imported certificate where nginx loads it; point `.env` at it and
    /// recreate nginx the first time, reload nginx when it replaces one.
    InstallCertificate,
}

impl Step {
    pub fn title(self) -> String {
        match self {
            Step::BringUp => tr!("core-step-start-nginx-and-certbot-with"),
            Step::ChallengeSelfTest => tr!("core-step-self-test-the-challenge-path"),
            Step::ReplaceStagingLineage => tr!("core-step-remove-the-staging-certificate"),
            Step::RequestCertificate => tr!("core-step-run-difys-certificate-script"),
            Step::CheckCertificate => tr!("core-step-check-the-certificate-files"),
            Step::SwitchHttps => tr!("core-step-switch-nginx-to-https"),
            Step::ReloadNginx => tr!("core-step-reload-nginx"),
            Step::ConfirmHttps => tr!("core-step-confirm-https-serves-the-new"),
            Step::SwitchHttpOnly => tr!("core-step-switch-nginx-back-to-plain"),
            Step::ConfirmHttp => tr!("core-step-confirm-nginx-answers-over-http"),
            Step::RecreateChanged => tr!("core-step-recreate-the-containers-whose-settings"),
            Step::RecreateNginx => tr!("run-step-recreate-nginx"),
            Step::InstallCertificate => tr!("run-step-install-certificate"),
        }
    }
}

/// The setup's steps. Staging and dry-run stop after checking the result; a staging
/// certificate in the way of production is removed first (`replace_staging`).
pub fn setup_steps(mode: Mode, replace_staging: bool) -> Vec<Step> {
    let mut steps = vec![Step::BringUp, Step::ChallengeSelfTest];
    if replace_staging {
        steps.push(Step::ReplaceStagingLineage);
    }
    steps.extend([Step::RequestCertificate, Step::CheckCertificate]);
    if mode == Mode::Production {
        steps.extend([Step::SwitchHttps, Step::ConfirmHttps]);
    }
    steps
}

/// `renew`: the script, the check, a reload only when the certificate changed, and the
/// confirmation (when HTTPS is on).
pub fn renew_steps(https_enabled: bool) -> Vec<Step> {
    let mut steps = vec![Step::RequestCertificate, Step::CheckCertificate];
    if https_enabled {
        steps.extend([Step::ReloadNginx, Step::ConfirmHttps]);
    }
    steps
}

/// `https off`: the way back to plain HTTP, confirmed.
pub fn https_off_steps() -> Vec<Step> {
    vec![Step::SwitchHttpOnly, Step::ConfirmHttp]
}

/// After a restore put a certificate in place: start what is not running, then the
/// same HTTPS switch and confirmation as the end of a setup.
pub fn restore_steps() -> Vec<Step> {
    vec![Step::BringUp, Step::SwitchHttps, Step::ConfirmHttps]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_production_switches_https() {
        assert_eq!(
            setup_steps(Mode::DryRun, false),
            [
                Step::BringUp,
                Step::ChallengeSelfTest,
                Step::RequestCertificate,
                Step::CheckCertificate
            ]
        );
        assert_eq!(setup_steps(Mode::Staging, false).len(), 4);
        assert_eq!(
            setup_steps(Mode::Production, true),
            [
                Step::BringUp,
                Step::ChallengeSelfTest,
                Step::ReplaceStagingLineage,
                Step::RequestCertificate,
                Step::CheckCertificate,
                Step::SwitchHttps,
                Step::ConfirmHttps
            ]
        );
        assert_eq!(
            renew_steps(false),
            [Step::RequestCertificate, Step::CheckCertificate]
        );
    }
}
