//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::setup::Mode;

#[derive(Debug, Parser)]
#[command(
    name = "dify-https",
    version,
    about = "Take a self-hosted Dify install from plain HTTP to a Let's Encrypt certificate, and keep watch over it.",
    long_about = "Take a self-hosted Dify install from plain HTTP to a Let's Encrypt certificate, and keep watch over it.\n\nWith no command it opens the interactive wizard in Dify's docker/ folder."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Dify's docker/ folder [default: the current folder, or ./docker from a Dify checkout]
    #[arg(long, global = true, value_name = "PATH")]
    pub dir: Option<PathBuf>,

    /// The compose command, e.g. "sudo docker compose" or "podman compose" [default: docker compose, else docker-compose]
    #[arg(long, global = true, value_name = "CMD", env = "DIFY_HTTPS_COMPOSE")]
    pub compose: Option<String>,

    /// Open the wizard on a copy of a sample Dify folder (no Dify install needed)
    #[arg(long, conflicts_with = "dir")]
    pub demo: bool,

    /// How many .env backups (.env.bak-*) to keep after each write, newest first
    #[arg(
        long,
        global = true,
        value_name = "N",
        default_value_t = crate::core::envfile::history::DEFAULT_KEEP_BACKUPS,
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..),
        env = "DIFY_HTTPS_KEEP_BACKUPS"
    )]
    pub keep_backups: usize,

    /// The language to speak: en or zh-CN [default: from the locale: LC_ALL, LC_MESSAGES, LANG]
    #[arg(
        long,
        global = true,
        value_name = "LANG",
        env = "DIFY_HTTPS_LANG",
        value_parser = crate::i18n::parse_language
    )]
    pub lang: Option<crate::i18n::Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the HTTPS settings into .env without the TUI (for scripts)
    Setup(SetupArgs),
    /// Print the end of certbot's letsencrypt.log (volumes/certbot/logs)
    Logs(LogsArgs),
    /// Renew the certificate with Dify's script, and reload nginx if it changed (for cron)
    Renew(RenewArgs),
    /// Certificate status: on disk, as nginx serves it, and what .env says
    Status(StatusArgs),
    /// Preflight checks: what would make issuance fail, before Let's Encrypt is asked
    Doctor(DoctorArgs),
    /// The renewal schedule: show it, install it (systemd timer or cron), remove it
    Schedule(ScheduleArgs),
    /// Switch HTTPS on or off (`https off`: the emergency way back to plain HTTP)
    Https(HttpsArgs),
    /// The .env backups every write leaves, newest first, and the keys each differs in
    History(HistoryArgs),
    /// Put a .env backup back (the newest unless named); the current file is backed up first
    Undo(UndoArgs),
    /// Save the certificates (volumes/certbot/conf) and their settings in one archive
    Backup(BackupArgs),
    /// Put the certificates of a backup archive in place, then switch HTTPS on
    Restore(RestoreArgs),
    /// Put back the .env keys HTTPS needs, as dify-https last applied them (after Dify's
    /// env sync, a checkout or a hand edit removed or changed them)
    Repair(RepairArgs),
    /// Install a certificate you already have (bought, a company CA's, a cloud's free
    /// one) where Dify's nginx loads it, checked first as browsers would
    Import(ImportArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell) to stdout
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout, e.g. `dify-https man | man -l -`
    Man,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    #[command(subcommand)]
    pub action: Option<ScheduleAction>,

    /// Put every path under DIR (for packaging and tests): nothing of the host is
    /// touched, and systemctl is not called
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Print what is installed as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleAction {
    /// Install a twice-daily `renew --quiet` (systemd timer where systemd runs, else cron)
    Install {
        /// A systemd service and timer in /etc/systemd/system/
        #[arg(long, conflicts_with = "cron")]
        systemd: bool,
        /// An entry in /etc/cron.d/
        #[arg(long)]
        cron: bool,
        /// Each run also writes this node_exporter textfile
        #[arg(long, value_name = "FILE")]
        prometheus: Option<PathBuf>,
        /// Tell this webhook when a renewal fails or the verdict turns bad (and once
        /// when fine again); repeatable. Kept root-only beside the certificates
        #[arg(long, value_name = "URL")]
        notify: Vec<String>,
        /// The webhooks' format: slack, feishu, dingtalk, wecom, ntfy or json
        /// [default: from each URL's host]
        #[arg(long, value_name = "FORMAT")]
        notify_format: Option<String>,
        /// Write without asking
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// The webhooks: `notify test` sends a test message to each
    Notify {
        #[command(subcommand)]
        action: NotifyAction,
    },
    /// Remove exactly what `schedule install` wrote (and disable the timer)
    Remove {
        /// Remove without asking
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum NotifyAction {
    /// Send a test message to every configured webhook
    Test,
}

#[derive(Debug, Args)]
pub struct RenewArgs {
    /// Run even though the compose project's containers are (also) another folder's
    #[arg(long)]
    pub other_install_ok: bool,

    /// Renew now even if certbot finds it not due (this run only: never stored in
    /// CERTBOT_OPTIONS, where it would re-issue on every renewal)
    #[arg(long)]
    pub force: bool,

    /// For schedules: print nothing when nothing was due and all is well, one line
    /// after a renewal, and a short report on stderr when it failed (exit 1)
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// After the run, write the status as a Prometheus textfile here (what a schedule
    /// installed with `--prometheus` runs)
    #[arg(long, value_name = "FILE")]
    pub prometheus: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print {"checks": [{"id","status","message","hint"}], "verdict"} as JSON
    #[arg(long)]
    pub json: bool,

    /// A proxy forwards port 80 to nginx, so EXPOSE_NGINX_PORT need not be 80
    #[arg(long)]
    pub proxy_forwards_80: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print the report as JSON (schema in the README)
    #[arg(long)]
    pub json: bool,

    /// Monitoring-plugin mode: one summary line, exit 0 ok, 1 warning, 2 critical, 3 unknown
    #[arg(long)]
    pub check: bool,

    /// Fewer days left than this is a warning
    #[arg(long, default_value_t = 30, value_name = "DAYS")]
    pub warn_days: i64,

    /// Fewer days left than this is critical
    #[arg(long, default_value_t = 7, value_name = "DAYS")]
    pub crit_days: i64,

    /// Also write a node_exporter textfile-collector file (atomically)
    #[arg(long, value_name = "FILE")]
    pub prometheus: Option<PathBuf>,

    /// Do not connect to nginx or the domain (disk and .env only)
    #[arg(long)]
    pub no_probe: bool,

    /// Where the renewal schedule is looked for (as `schedule --root`; for tests)
    #[arg(long, value_name = "DIR", hide = true)]
    pub schedule_root: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// How many lines from the end
    #[arg(short = 'n', long, default_value_t = 50)]
    pub lines: usize,

    /// Keep printing new lines as certbot writes them (across its log rotation) until Ctrl-C
    #[arg(short, long)]
    pub follow: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// A real, trusted certificate
    Production,
    /// Let's Encrypt's staging server: an untrusted test certificate
    Staging,
    /// A rehearsal against staging that saves nothing
    DryRun,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Production => Mode::Production,
            ModeArg::Staging => Mode::Staging,
            ModeArg::DryRun => Mode::DryRun,
        }
    }
}

#[derive(Debug, Args)]
pub struct SetupArgs {
    /// The public domain Dify is reached at, e.g. dify.acmecorp.io [default: CERTBOT_DOMAIN in .env]
    #[arg(long)]
    pub domain: Option<String>,

    /// Email for the Let's Encrypt account [default: CERTBOT_EMAIL in .env]
    #[arg(long)]
    pub email: Option<String>,

    #[arg(long, value_enum, default_value_t = ModeArg::Production)]
    pub mode: ModeArg,

    /// Extra certbot options, e.g. "--key-type ecdsa"
    #[arg(
        long,
        value_name = "OPTIONS",
        default_value = "",
        allow_hyphen_values = true
    )]
    pub certbot_options: String,

    /// Stop after writing .env (print the remaining steps instead of running them)
    #[arg(long)]
    pub env_only: bool,

    /// Apply without asking (and create .env from .env.example if it is missing)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Leave public URLs such as CONSOLE_WEB_URL=http://<domain> as they are at the HTTPS switch
    #[arg(long)]
    pub keep_public_urls: bool,

    /// Allow deleting an existing staging certificate so production can replace it
    #[arg(long)]
    pub replace_staging: bool,

    /// Run even though the compose project's containers are (also) another folder's
    #[arg(long)]
    pub other_install_ok: bool,
}

#[derive(Debug, Args)]
pub struct HttpsArgs {
    #[command(subcommand)]
    pub action: HttpsAction,
}

#[derive(Debug, Subcommand)]
pub enum HttpsAction {
    /// NGINX_HTTPS_ENABLED=true for the certificate already on disk (and public URLs
    /// naming http://<domain> made https://), nginx recreated, the served certificate
    /// confirmed: the last steps of a setup, e.g. after `restore --no-switch`.
    On {
        /// Leave the public URLs (CONSOLE_WEB_URL, ...) as they are
        #[arg(long)]
        keep_public_urls: bool,
        /// Go ahead without asking
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// NGINX_HTTPS_ENABLED=false (and the public URLs the switch made https:// plain
    /// again), nginx recreated, confirmed answering over HTTP. The certificate stays.
    Off {
        /// Leave the public URLs (CONSOLE_WEB_URL, ...) as they are
        #[arg(long)]
        keep_public_urls: bool,
        /// Go ahead without asking
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Machine-readable output
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The backup to put back (a name from `history`); the newest when not given
    pub backup: Option<String>,
    /// Go ahead without asking (and recreate the containers the change touches)
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Put the file back only; recreate the containers later yourself
    #[arg(long)]
    pub no_recreate: bool,
}

#[derive(Debug, Args)]
pub struct RepairArgs {
    /// Go ahead without asking (and recreate nginx when it runs with other settings)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the archive (default: dify-https-backup-<domain>-<time>.tar.gz here)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// An archive written by `dify-https backup`
    pub file: PathBuf,
    /// Go ahead without asking (replace a different certificate after backing it up,
    /// write .env, switch HTTPS on)
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Put the certificates and .env settings in place, but leave HTTPS as it is
    #[arg(long)]
    pub no_switch: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The certificate (PEM; its chain may follow it in the same file, as in the
    /// "Nginx" downloads' *_bundle.crt / *_bundle.pem), or a .pfx/.p12 bundle
    #[arg(long, value_name = "FILE")]
    pub cert: PathBuf,
    /// Its private key (PEM: PKCS#8, PKCS#1 or SEC1; an encrypted one asks for its
    /// passphrase). Not needed when --cert is a .pfx/.p12 bundle, which carries its key
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// The intermediate certificates, when your CA gave them in a file of their own
    #[arg(long, value_name = "FILE")]
    pub chain: Option<PathBuf>,
    /// The passphrase of an encrypted key, on the file's first line (for scripts; at a
    /// terminal it is asked for). The key is then stored decrypted: nginx cannot read it
    /// otherwise
    #[arg(long, value_name = "FILE")]
    pub key_passphrase_file: Option<PathBuf>,
    /// The domain it serves [default: CERTBOT_DOMAIN or NGINX_SERVER_NAME in .env, else
    /// the certificate's only name]
    #[arg(long, value_name = "NAME")]
    pub domain: Option<String>,
    /// Leave the public URLs (CONSOLE_API_URL, APP_WEB_URL, ...) as they are instead of
    /// making those that name the domain https://
    #[arg(long)]
    pub keep_public_urls: bool,
    /// Import without asking (warnings included; refusals never pass)
    #[arg(long, short = 'y')]
    pub yes: bool,
}
