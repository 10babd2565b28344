//! What a user can do about a finding, a failed check or a failed step, as a fact.
//! Core never names a command, a flag or a key: each front end says a remedy in its
//! own words (`cli::remedies`: the command or flag; `tui::strings`: the key that does
//! it, or what to run after leaving).

/// A remedy.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Remedy {
    /// Renew now.
    Renew,
    /// Renew now, and find out why the renewals did not run.
    RenewAndAskWhy,
    /// Renew, and install the schedule so it keeps happening.
    RenewAndSchedule,
    /// A renewal shows why the last one failed; the doctor checks the rest.
    RenewToSeeWhy,
    /// Renew even though certbot thinks nothing is due, after `first` (a clock to fix,
    /// a file to repair).
    ForceRenew { first: String },
    /// Renew; if that does not help, run the doctor.
    RenewThenDoctor,
    /// Reload nginx, or renew (which reloads it).
    ReloadNginx,
    /// Set HTTPS, the domain, the email up (the wizard, or `setup`).
    SetUp,
    /// Set up again, with `then` to say what that changes.
    SetUpAgain { then: String },
    /// Set up in production mode (replaces a test certificate, removes run-only options).
    SetUpInProduction,
    /// Remove a run-only option stored in `CERTBOT_OPTIONS` (the setup does).
    RemoveStoredOption,
    /// Switch HTTPS on for the certificate on disk.
    SwitchHttpsOn,
    /// Install the twice-daily renewal schedule.
    InstallSchedule,
    /// Install the schedule for its reminders (an imported certificate nobody renews).
    InstallReminders,
    /// Read certbot's log.
    ReadLog,
    /// Name the compose command to use.
    NameCompose,
    /// A proxy forwards port 80 to nginx: say so.
    ProxyForwards80,
    /// Use staging mode until it works (Let's Encrypt's failed-validation limit).
    UseStaging,
    /// Run the setup again, allowing the staging certificate in the way to be deleted.
    ReplaceStaging,
    /// This user may not use Docker.
    DockerAccess,
    /// `.env` changed since it was read: look again, then apply the change to the
    /// file as it is now.
    ReviewAgainstDisk,
    /// Put back the `.env` keys HTTPS needs, as dify-https last applied them.
    Repair,
    /// Import a new certificate in place of the imported one (nobody renews it).
    ReplaceCertificate,
    /// Anything else: the same words for every front end.
    Text(String),
}

impl Remedy {
    pub fn text(words: impl Into<String>) -> Remedy {
        Remedy::Text(words.into())
    }
}

/// Plain words: the same for every front end.
impl From<&str> for Remedy {
    fn from(words: &str) -> Remedy {
        Remedy::text(words)
    }
}

impl From<String> for Remedy {
    fn from(words: String) -> Remedy {
        Remedy::Text(words)
    }
}
