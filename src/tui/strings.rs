//! The TUI's words for what core reports as facts and typed remedies: where the command
//! line names a command or a flag, the screen names a key.

use crate::core::remedy::Remedy;
use crate::core::run::RenewalRefused;

/// Why `r` renews nothing, with the key that helps.
pub fn renewal_refused(refused: &RenewalRefused) -> String {
    match refused {
        RenewalRefused::NoDomain => {
            "CERTBOT_DOMAIN is not set in .env: press w to set one up".into()
        }
        RenewalRefused::NoCertificate { .. } => {
            "There is no certificate to renew yet: press w to set one up".into()
        }
        RenewalRefused::UnsafeValue { .. } => refused.to_string(),
    }
}

/// A remedy as the dashboard and the checklist say it: the key when one does it here,
/// else what to run after leaving.
pub fn remedy(remedy: &Remedy) -> String {
    match remedy {
        Remedy::Renew => "press r to renew now".into(),
        Remedy::RenewAndAskWhy => {
            "press r to renew now, then check why renewals did not run".into()
        }
        Remedy::RenewAndSchedule => "press r to renew, and s to schedule it".into(),
        Remedy::RenewToSeeWhy => "press r: the renewal shows why".into(),
        Remedy::ForceRenew { first } => {
            format!("{first}, then quit and run `dify-https renew --force`")
        }
        Remedy::RenewThenDoctor => {
            "press r to renew; if it persists, quit and run `dify-https doctor`".into()
        }
        Remedy::ReloadNginx => "press r: a renewal reloads nginx".into(),
        Remedy::SetUp => "press w to set it up".into(),
        Remedy::SetUpAgain { then } => format!("press w to set it up again {then}"),
        Remedy::SetUpInProduction => "press w and choose production mode".into(),
        Remedy::RemoveStoredOption => {
            "remove it from CERTBOT_OPTIONS (press w: production mode does)".into()
        }
        Remedy::SwitchHttpsOn => "press h to switch HTTPS on".into(),
        Remedy::InstallSchedule => "press s to install a twice-daily renewal".into(),
        Remedy::ReadLog => "see the output above (v shows all of certbot's log; l on the dashboard)".into(),
        Remedy::NameCompose => {
            "install Docker's compose plugin, or start dify-https with --compose".into()
        }
        Remedy::ProxyForwards80 => {
            "publish nginx on 80, or make sure a proxy forwards port 80 to it".into()
        }
        Remedy::UseStaging => "fix the cause first and choose staging mode until it works".into(),
        Remedy::ReplaceStaging => "quit, start dify-https again and answer y when it offers to replace the staging certificate".into(),
        Remedy::DockerAccess => "Your user may not use Docker: add it to the docker group (`sudo usermod -aG docker $USER`, then log in again), or start dify-https with sudo".into(),
        Remedy::ReviewAgainstDisk => {
            "Press Esc, then Enter, to review the change against .env as it is now".into()
        }
        Remedy::Text(text) => text.clone(),
    }
}
