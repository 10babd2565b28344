//! The command line's words for core's remedies: the command or flag that does it.
//! Also what `--json` (always in English) and the webhooks carry as `hint`.

use crate::core::remedy::Remedy;
use crate::tr;

pub fn words(remedy: &Remedy) -> String {
    match remedy {
        Remedy::Renew => tr!("cli-remedy-renew"),
        Remedy::RenewAndAskWhy => tr!("cli-remedy-renew-and-ask-why"),
        Remedy::RenewAndSchedule => tr!("cli-remedy-renew-and-schedule"),
        Remedy::RenewToSeeWhy => tr!("cli-remedy-renew-to-see-why"),
        Remedy::ForceRenew { first } => tr!("cli-remedy-force-renew", first),
        Remedy::RenewThenDoctor => tr!("cli-remedy-renew-then-doctor"),
        Remedy::ReloadNginx => tr!("cli-remedy-reload-nginx"),
        Remedy::SetUp => tr!("cli-remedy-set-up"),
        Remedy::SetUpAgain { then } => tr!("cli-remedy-set-up-again", then),
        Remedy::SetUpInProduction => tr!("cli-remedy-set-up-in-production"),
        Remedy::RemoveStoredOption => tr!("cli-remedy-remove-stored-option"),
        Remedy::SwitchHttpsOn => tr!("cli-remedy-switch-https-on"),
        Remedy::InstallSchedule => tr!("cli-remedy-install-schedule"),
        Remedy::ReadLog => tr!("cli-remedy-read-log"),
        Remedy::NameCompose => tr!("cli-remedy-name-compose"),
        Remedy::ProxyForwards80 => tr!("cli-remedy-proxy-forwards-80"),
        Remedy::UseStaging => tr!("cli-remedy-use-staging"),
        Remedy::ReplaceStaging => tr!("cli-remedy-replace-staging"),
        Remedy::DockerAccess => tr!("cli-remedy-docker-access"),
        Remedy::ReviewAgainstDisk => tr!("cli-remedy-review-against-disk"),
        Remedy::Repair => tr!("cli-remedy-repair"),
        Remedy::ReplaceCertificate => tr!("cli-remedy-replace-certificate"),
        Remedy::InstallReminders => tr!("cli-remedy-install-reminders"),
        Remedy::Text(text) => text.clone(),
    }
}
