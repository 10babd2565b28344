//! The command line's words for core's remedies: the command or flag that does it.
//! Also what `--json` and the webhooks carry as `hint`.

use crate::core::remedy::Remedy;

pub fn words(remedy: &Remedy) -> String {
    match remedy {
        Remedy::Renew => "run `dify-https renew` now".into(),
        Remedy::RenewAndAskWhy => {
            "run `dify-https renew` now and check why renewals did not run".into()
        }
        Remedy::RenewAndSchedule => "run `dify-https renew`, and schedule it".into(),
        Remedy::RenewToSeeWhy => {
            "`dify-https renew` shows why; `dify-https doctor` checks the rest".into()
        }
        Remedy::ForceRenew { first } => format!("{first}, then run `dify-https renew --force`"),
        Remedy::RenewThenDoctor => {
            "run `dify-https renew`; if it persists, `dify-https doctor`".into()
        }
        Remedy::ReloadNginx => {
            "run `docker compose exec nginx nginx -s reload` (or `dify-https renew`)".into()
        }
        Remedy::SetUp => "run `dify-https setup` (or the wizard: `dify-https`)".into(),
        Remedy::SetUpAgain { then } => format!("run `dify-https setup` again {then}"),
        Remedy::SetUpInProduction => {
            "run the setup in production mode (`dify-https setup --mode production`)".into()
        }
        Remedy::RemoveStoredOption => {
            "remove it from CERTBOT_OPTIONS (`dify-https setup` in production mode does)".into()
        }
        Remedy::SwitchHttpsOn => {
            "switch it on with `dify-https setup` in production mode (or the wizard)".into()
        }
        Remedy::InstallSchedule => {
            "`sudo dify-https schedule install` adds a twice-daily renewal".into()
        }
        Remedy::ReadLog => "see the output above; `dify-https logs` shows certbot's full log".into(),
        Remedy::NameCompose => {
            "install Docker's compose plugin or name yours with --compose".into()
        }
        Remedy::ProxyForwards80 => "publish nginx on 80, or make sure a proxy forwards port 80 to it (then pass --proxy-forwards-80)".into(),
        Remedy::UseStaging => {
            "fix the cause first and use staging mode (`--mode staging`) until it works".into()
        }
        Remedy::ReplaceStaging => "run the setup again and allow replacing the staging certificate (--replace-staging)".into(),
        Remedy::DockerAccess => "Your user may not use Docker: add it to the docker group (`sudo usermod -aG docker $USER`, then log in again), run dify-https with sudo, or pass --compose \"sudo docker compose\".".into(),
        Remedy::ReviewAgainstDisk => "Look at what changed, then run the setup again".into(),
        Remedy::Text(text) => text.clone(),
    }
}
