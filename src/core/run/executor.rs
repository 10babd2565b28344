//! Carries out a run's steps in order, reporting each as it goes. A failed step stops
//! the run; if HTTPS had been switched on by then, the switch is undone so `.env` and
//! nginx are left as they were (HTTPS off, nginx up).

use crate::tr;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use time::OffsetDateTime;

use super::classify::{Diagnosis, FailureClass, diagnose};
use super::events::{LineSource, RunEvent, StepOutcome};
use super::https_switch::write_https_switch_to;
use super::staging::uses_custom_ca;
use super::steps::Step;
use crate::core::certificate::{CertificateInfo, fingerprint_sha256, read_chain_file};
use crate::core::compose::{ComposeCommand, active_services, profiles_with_certbot, service_env};
use crate::core::dify::{DifyFolder, NginxPort, PublishedPort, update_script_args};
use crate::core::envfile::history::DEFAULT_KEEP_BACKUPS;
use crate::core::envfile::{ChangeSet, EnvDocument, EnvFile, folder_lock_path};
use crate::core::files::FolderLock;
use crate::core::logs::{LogFollower, sanitize_line};
use crate::core::probe::{
    ChallengeCause, ChallengeOutcome, ChallengeTarget, challenge_cause, challenge_self_test,
    fetch_presented_chain, wait_until_answering,
};
use crate::core::process::{Invocation, spawn};
use crate::core::remedy::Remedy;
use crate::core::setup::{DEFERRED_DOMAIN_KEYS, Mode, https_off_changes};

/// How long compose waits for nginx and certbot to stop before killing them on a
/// recreate: not at all. Dify runs both under `sh -c`, whose PID 1 ignores SIGTERM, so
/// compose's default 10 s was pure downtime, and neither needs a graceful drain (a
/// recreate cuts nginx's connections either way; certbot idles between runs, and a
/// run holds the folder lock).
pub const STOP_SECONDS: &str = "0";

/// Recreates nginx alone with the short stop timeout.
pub const RECREATE_NGINX: &[&str] = &[
    "up",
    "-d",
    "--no-deps",
    "--force-recreate",
    "-t",
    STOP_SECONDS,
    "nginx",
];

/// What a run needs to know.
pub struct RunContext {
    pub folder: DifyFolder,
    pub compose: ComposeCommand,
    pub domain: String,
    /// The environment compose runs in (it overrides `.env`).
    pub env: fn(&str) -> Option<String>,
    /// How long nginx may take to answer after it was (re)created.
    pub nginx_wait: Duration,
    /// Upgrade public URLs naming `http://<domain>` at the HTTPS switch.
    pub upgrade_urls: bool,
    pub now: fn() -> OffsetDateTime,
    /// Environment added to every compose call (e.g. `DOCKER_HOST`; the tests point
    /// their compose double at its scenario this way).
    pub compose_env: Vec<(String, String)>,
    /// certbot options for this run only (`--dry-run`, `--force-renewal`): added to the
    /// stored `CERTBOT_OPTIONS` in the certbot container (`compose run -e`), never
    /// written to `.env`, so later renewals do not inherit them.
    pub run_options: Vec<String>,
    /// How many `.env` backups a write in this run leaves.
    pub keep_backups: usize,
    /// The certificate an `import` installs ([`Step::InstallCertificate`]).
    pub import: Option<ImportRun>,
}

/// What [`Step::InstallCertificate`] installs, and whether the stack runs (a stopped
/// stack is left stopped: its next start loads the files).
#[derive(Debug, Clone)]
pub struct ImportRun {
    pub job: crate::core::import::ImportJob,
    pub stack_running: bool,
}

impl RunContext {
    /// A run in `folder` for `domain`, with the process environment, the real clock,
    /// a minute for nginx to answer, and nothing run-only.
    pub fn new(folder: DifyFolder, compose: ComposeCommand, domain: String) -> RunContext {
        RunContext {
            folder,
            compose,
            domain,
            env: |k| std::env::var(k).ok(),
            nginx_wait: Duration::from_secs(60),
            upgrade_urls: false,
            now: OffsetDateTime::now_utc,
            compose_env: vec![],
            run_options: vec![],
            keep_backups: DEFAULT_KEEP_BACKUPS,
            import: None,
        }
    }

    /// A setup run in `mode`: its run-only certbot options (`--dry-run`), and whether
    /// the HTTPS switch upgrades the public URLs (what the Review showed).
    pub fn for_setup(mut self, mode: Mode, upgrade_urls: bool) -> RunContext {
        self.run_options = mode.run_options();
        self.upgrade_urls = upgrade_urls;
        self
    }

    /// Whether this run is a rehearsal that saves nothing.
    pub fn dry_run(&self) -> bool {
        self.run_options
            .iter()
            .any(|o| o == Mode::DryRun.run_flag().unwrap_or_default())
    }
}

/// Stops a run from another thread (Ctrl-C): the running command's process group is
/// signalled and the run ends with [`RunError::Cancelled`].
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    #[error("{step:?} failed: {error}")]
    Failed {
        step: Step,
        error: String,
        diagnosis: Option<Diagnosis>,
    },
    #[error("stopped during {step:?}")]
    Cancelled { step: Step },
    /// Another run (or `.env` write) holds the folder: nothing was started.
    #[error("{0}")]
    Busy(String),
    /// The run's thread ended without a result (a bug).
    #[error("{}", crate::tr!("core-run-crashed"))]
    Crashed,
}

/// A run going on its own thread: its events as they happen, then how it ended.
pub struct RunningRun {
    pub events: mpsc::Receiver<RunEvent>,
    worker: thread::JoinHandle<Result<(), RunError>>,
}

impl RunningRun {
    /// How the run ended (after its last event).
    pub fn wait(self) -> Result<(), RunError> {
        self.worker.join().unwrap_or(Err(RunError::Crashed))
    }
}

/// Starts `steps` for `ctx` on their own thread: how the command line and the
/// terminal UI both run them (each shows the events and words the end its own way).
pub fn start_run(ctx: RunContext, steps: Vec<Step>, cancel: Cancel) -> RunningRun {
    let (tx, events) = mpsc::channel();
    let lang = crate::i18n::current();
    let worker = thread::Builder::new()
        .name("dify-https-executor".into())
        .spawn(move || {
            crate::i18n::set_thread(lang);
            Executor::new(&ctx, tx, cancel).run(&steps)
        })
        .expect("a thread for the run");
    RunningRun { events, worker }
}

/// Why a step did not succeed.
struct StepError {
    error: String,
    diagnosis: Option<Diagnosis>,
    cancelled: bool,
}

impl StepError {
    fn new(error: impl Into<String>) -> StepError {
        StepError {
            error: error.into(),
            diagnosis: None,
            cancelled: false,
        }
    }

    fn cancelled() -> StepError {
        StepError {
            error: "stopped".into(),
            diagnosis: None,
            cancelled: true,
        }
    }

    /// A failure whose cause is known without reading output: its fix is typed.
    fn with_fix(error: impl Into<String>, class: FailureClass, fix: Remedy) -> StepError {
        StepError {
            error: error.into(),
            diagnosis: Some(Diagnosis {
                class,
                evidence: vec![],
                fix,
            }),
            cancelled: false,
        }
    }

    fn diagnosed(error: impl Into<String>, lines: &[String], domain: &str) -> StepError {
        StepError {
            error: error.into(),
            diagnosis: Some(diagnose(lines, domain)),
            cancelled: false,
        }
    }
}

/// How a step that did not fail ended: done (with a note to show), or skipped (why).
enum Finish {
    Note(Option<String>),
    Skipped(String),
}

/// The values the HTTPS switch replaced, to put back if the run fails after it.
struct Switched {
    previous: ChangeSet,
    /// Which way the switch went: `true` on, `false` off (`https off`).
    on: bool,
}

pub struct Executor<'a> {
    ctx: &'a RunContext,
    events: Sender<RunEvent>,
    cancel: Cancel,
    fingerprint_before: Option<String>,
    certificate: Option<CertificateInfo>,
    switched: Option<Switched>,
}

impl<'a> Executor<'a> {
    pub fn new(ctx: &'a RunContext, events: Sender<RunEvent>, cancel: Cancel) -> Executor<'a> {
        Executor {
            ctx,
            events,
            cancel,
            fingerprint_before: None,
            certificate: None,
            switched: None,
        }
    }

    fn emit(&self, event: RunEvent) {
        let _ = self.events.send(event);
    }

    /// A line of dify-https's own (what it wrote or undid), between command output.
    fn note(&self, text: impl Into<String>) {
        self.emit(RunEvent::Line {
            source: LineSource::Note,
            text: text.into(),
        });
    }

    /// Runs `steps` in order; stops at the first failure (undoing an HTTPS switch).
    /// Holds the folder lock throughout: two runs (a schedule's renewal, a manual
    /// `renew`, the wizard's run, the dashboard's `r`) never overlap.
    pub fn run(&mut self, steps: &[Step]) -> Result<(), RunError> {
        let what = if steps.first() == Some(&Step::RequestCertificate) {
            tr!("core-run-a-renewal")
        } else {
            tr!("core-run-a-setup-run")
        };
        let _lock = FolderLock::acquire(
            &folder_lock_path(&self.ctx.folder.env_path()),
            &what,
            Duration::ZERO,
        )
        .map_err(|e| RunError::Busy(e.to_string()))?;
        self.emit(RunEvent::Planned(steps.to_vec()));
        for (index, &step) in steps.iter().enumerate() {
            self.emit(RunEvent::Started { index, step });
            let started = Instant::now();
            let result = if self.cancel.is_cancelled() {
                Err(StepError::cancelled())
            } else {
                self.step(step)
            };
            let outcome = match &result {
                Ok(Finish::Note(note)) => StepOutcome::Succeeded { note: note.clone() },
                Ok(Finish::Skipped(why)) => StepOutcome::Skipped { why: why.clone() },
                Err(e) if e.cancelled => StepOutcome::Cancelled,
                Err(e) => StepOutcome::Failed {
                    error: e.error.clone(),
                    diagnosis: e.diagnosis.clone(),
                },
            };
            self.emit(RunEvent::Finished {
                index,
                step,
                elapsed: started.elapsed(),
                outcome,
            });
            if let Err(e) = result {
                self.undo_switch();
                return Err(if e.cancelled {
                    RunError::Cancelled { step }
                } else {
                    RunError::Failed {
                        step,
                        error: e.error,
                        diagnosis: e.diagnosis,
                    }
                });
            }
        }
        Ok(())
    }

    fn step(&mut self, step: Step) -> Result<Finish, StepError> {
        match step {
            Step::BringUp => self.bring_up(),
            Step::ChallengeSelfTest => self.challenge_self_test(),
            Step::ReplaceStagingLineage => self.replace_staging_lineage(),
            Step::RequestCertificate => self.request_certificate(),
            Step::CheckCertificate => self.check_certificate(),
            Step::SwitchHttps => self.switch_https(),
            Step::ReloadNginx => self.reload_nginx(),
            Step::ConfirmHttps => self.confirm_https(),
            Step::SwitchHttpOnly => self.switch_http_only(),
            Step::ConfirmHttp => self.confirm_http(),
            Step::RecreateChanged => self.recreate_changed(),
            Step::RecreateNginx => self.recreate_nginx(),
            Step::InstallCertificate => self.install_certificate(),
        }
    }

    // ---- helpers -------------------------------------------------------------

    fn read_env(&self) -> Result<EnvFile, StepError> {
        EnvFile::read(&self.ctx.folder.env_path())
            .map(|f| f.keeping_backups(self.ctx.keep_backups))
            .map_err(|e| StepError::new(e.to_string()))
    }

    fn resolved(&self, doc: &EnvDocument, key: &str) -> Option<String> {
        doc.resolve(key, &self.ctx.env).ok().flatten()
    }

    /// Where this host reaches nginx's published `which` port.
    fn nginx_addr(&self, doc: &EnvDocument, which: NginxPort) -> Result<SocketAddr, StepError> {
        which
            .parse(self.resolved(doc, which.key()).as_deref())
            .map(PublishedPort::local_addr)
            .map_err(|e| StepError::new(e.to_string()))
    }

    fn live_file(&self, name: &str) -> PathBuf {
        self.ctx.folder.live_dir(&self.ctx.domain).join(name)
    }

    /// The profiles every compose call enables, from `.env` as it is now.
    fn profiles(&self) -> Result<Vec<String>, StepError> {
        profiles_with_certbot(self.read_env()?.document(), &self.ctx.env)
            .map_err(|e| StepError::new(e.to_string()))
    }

    /// Runs `compose <args>` to the end, streaming its output (and certbot's log when
    /// `follow_log`). Returns whether it succeeded and every line seen.
    fn compose(&self, args: &[&str], follow_log: bool) -> Result<(bool, Vec<String>), StepError> {
        let profiles = self.profiles()?;
        let mut inv = self
            .ctx
            .compose
            .invocation(self.ctx.folder.root(), &profiles, args);
        inv.env.extend(self.ctx.compose_env.iter().cloned());
        self.run_streaming(&inv, follow_log)
    }

    /// What the running container of `service` has for `name` (None: cannot tell).
    fn service_env(&self, service: &str, name: &str) -> Option<String> {
        let profiles = self.profiles().ok()?;
        service_env(
            &self.ctx.compose,
            self.ctx.folder.root(),
            &profiles,
            &self.ctx.compose_env,
            service,
            name,
        )
    }

    fn run_streaming(
        &self,
        inv: &Invocation,
        follow_log: bool,
    ) -> Result<(bool, Vec<String>), StepError> {
        self.emit(RunEvent::Command(inv.display()));
        let mut follower =
            follow_log.then(|| LogFollower::from_end(&self.ctx.folder.letsencrypt_log()));
        let (tx, rx) = mpsc::channel();
        let running = spawn(inv, tx).map_err(|e| {
            StepError::with_fix(
                tr!(
                    "core-run-cannot-run-e",
                    program = (inv.program).to_string(),
                    e = e.to_string()
                ),
                FailureClass::ComposeMissing,
                Remedy::NameCompose,
            )
        })?;
        let mut lines = Vec::new();
        let mut delay_until: Option<Instant> = None;
        let mut last_countdown = Instant::now();
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(line) => {
                    let text = sanitize_line(&line.text);
                    self.emit(RunEvent::Line {
                        source: LineSource::Compose,
                        text: text.clone(),
                    });
                    lines.push(text);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if let Some(f) = follower.as_mut() {
                for text in f.poll().unwrap_or_default() {
                    if let Some(secs) = random_delay(&text) {
                        delay_until = Some(Instant::now() + Duration::from_secs(secs));
                    }
                    self.emit(RunEvent::Line {
                        source: LineSource::Log,
                        text: text.clone(),
                    });
                    lines.push(text);
                }
            }
            if let Some(until) = delay_until
                && last_countdown.elapsed() >= Duration::from_secs(1)
            {
                let left = until.saturating_duration_since(Instant::now()).as_secs();
                self.emit(RunEvent::Countdown(left));
                last_countdown = Instant::now();
                if left == 0 {
                    delay_until = None;
                }
            }
            if self.cancel.is_cancelled() {
                let _ = running.cancel(Duration::from_secs(5));
                return Err(StepError::cancelled());
            }
        }
        let status = running.wait().map_err(|e| StepError::new(e.to_string()))?;
        if let Some(f) = follower.as_mut() {
            for text in f.poll().unwrap_or_default() {
                self.emit(RunEvent::Line {
                    source: LineSource::Log,
                    text: text.clone(),
                });
                lines.push(text);
            }
        }
        Ok((status.success(), lines))
    }

    /// Runs a compose command that must succeed; a failure is diagnosed from its output.
    fn compose_ok(
        &self,
        args: &[&str],
        what: &str,
        follow_log: bool,
    ) -> Result<Vec<String>, StepError> {
        let (ok, lines) = self.compose(args, follow_log)?;
        if ok {
            Ok(lines)
        } else {
            Err(StepError::diagnosed(
                tr!("core-run-what-failed", what),
                &lines,
                &self.ctx.domain,
            ))
        }
    }

    /// Recreates what `changes` to `.env` (as it was: `before`) touch: nginx alone when
    /// only nginx reads the keys that really change, else the other services first and
    /// nginx last. One rule for the HTTPS switch, its undo and `https off`.
    fn recreate_after(
        &mut self,
        before: &EnvDocument,
        changes: &ChangeSet,
    ) -> Result<(), StepError> {
        let beyond_nginx = changes.changes.iter().any(|c| {
            before.literal(&c.key) != Some(c.value.as_str())
                // HTTPS and the domain keys are nginx's alone (certbot runs in a
                // fresh `run --rm` container each time).
                && c.key != "NGINX_HTTPS_ENABLED"
                && c.key != "NGINX_SSL_CERT_FILENAME"
                && c.key != "NGINX_SSL_CERT_KEY_FILENAME"
                && !DEFERRED_DOMAIN_KEYS.contains(&c.key.as_str())
        });
        if beyond_nginx {
            self.recreate_others_then_nginx()
        } else {
            self.compose_ok(RECREATE_NGINX, "compose up nginx", false)
                .map(|_| ())
        }
    }

    /// After `.env` changed for more than nginx: the other services compose runs
    /// (`config --services`, the profiles honoured) are brought up to date first,
    /// with their own graceful stop (a worker finishing its task) while nginx still
    /// answers; then nginx is recreated with the short stop timeout, last, so it
    /// resolves the recreated upstreams' new addresses. Port 80 is down only for
    /// nginx's own restart.
    fn recreate_others_then_nginx(&mut self) -> Result<(), StepError> {
        let profiles = self.profiles()?;
        let services = active_services(
            &self.ctx.compose,
            self.ctx.folder.root(),
            &profiles,
            &self.ctx.compose_env,
        )
        .map_err(|lines| {
            StepError::diagnosed(
                tr!("core-run-compose-config-failed"),
                &lines,
                &self.ctx.domain,
            )
        })?;
        let others: Vec<&str> = services
            .iter()
            .map(String::as_str)
            .filter(|s| !matches!(*s, "nginx" | "certbot"))
            .collect();
        if !others.is_empty() {
            let mut args = vec!["up", "-d", "--no-deps"];
            args.extend(&others);
            self.compose_ok(&args, "compose up", false)?;
        }
        self.compose_ok(RECREATE_NGINX, "compose up nginx", false)?;
        Ok(())
    }

    /// nginx's last lines (`compose logs`), the evidence when it does not answer as it should.
    fn nginx_log_lines(&self) -> Result<Vec<String>, StepError> {
        let (_, lines) = self.compose(&["logs", "--no-color", "--tail", "30", "nginx"], false)?;
        Ok(lines)
    }

    /// Waits for nginx on the HTTP port; if it never answers, its own log says why.
    fn wait_for_nginx(&self, doc: &EnvDocument) -> Result<(), StepError> {
        let addr = self.nginx_addr(doc, NginxPort::Http)?;
        if wait_until_answering(addr, self.ctx.nginx_wait, &|| self.cancel.is_cancelled()) {
            return Ok(());
        }
        if self.cancel.is_cancelled() {
            return Err(StepError::cancelled());
        }
        let lines = self.nginx_log_lines()?;
        Err(StepError::diagnosed(
            tr!(
                "core-run-nginx-does-not-answer-on",
                addr = addr.to_string(),
                as_secs = (self.ctx.nginx_wait.as_secs()).to_string()
            ),
            &lines,
            &self.ctx.domain,
        ))
    }

    // ---- steps ---------------------------------------------------------------

    fn bring_up(&mut self) -> Result<Finish, StepError> {
        let ps = self.compose_ok(
            &["ps", "--services", "--filter", "status=running"],
            "compose ps",
            false,
        )?;
        let running = ps.iter().any(|l| l.trim() == "nginx");
        if running {
            let nginx_and_certbot = [RECREATE_NGINX, &["certbot"]].concat();
            self.compose_ok(&nginx_and_certbot, "compose up", false)?;
            Ok(Finish::Note(Some(tr!(
                "core-run-the-stack-was-running-recreated"
            ))))
        } else {
            self.compose_ok(&["up", "-d"], "compose up", false)?;
            Ok(Finish::Note(Some(tr!(
                "core-run-started-the-whole-stack-nginx"
            ))))
        }
    }

    fn challenge_self_test(&mut self) -> Result<Finish, StepError> {
        let doc = self.read_env()?.document().clone();
        self.wait_for_nginx(&doc)?;
        let addr = self.nginx_addr(&doc, NginxPort::Http)?;
        let domain = self.ctx.domain.clone();
        let targets = [
            ChallengeTarget::Local {
                addr,
                host: domain.clone(),
            },
            ChallengeTarget::Domain {
                domain: domain.clone(),
                port: 80,
            },
        ];
        let www = self.ctx.folder.certbot_www_dir();
        let checks = challenge_self_test(&www, &targets, Duration::from_secs(5)).map_err(|e| {
            StepError::new(tr!(
                "core-run-cannot-write-a-test-token",
                www = (www.display()).to_string(),
                e = e.to_string()
            ))
        })?;
        let mut notes = Vec::new();
        let custom_ca = crate::core::run::uses_custom_ca(
            &self.resolved(&doc, "CERTBOT_OPTIONS").unwrap_or_default(),
        );
        for check in checks {
            let at = check.target.describe();
            match (&check.target, check.outcome) {
                (_, ChallengeOutcome::Served) => notes.push(tr!("core-run-served-by-at", at)),
                (ChallengeTarget::Local { .. }, ChallengeOutcome::Wrong { status, body }) => {
                    let answer = if status == 404 {
                        "404".to_string()
                    } else {
                        tr!(
                            "core-run-status-with-something-else",
                            status,
                            body = (shorten(&body)).to_string()
                        )
                    };
                    // nginx was (re)created with this .env in the step before: what it
                    // really has tells a setting overridden elsewhere from a broken mount.
                    let running = self.service_env("nginx", "NGINX_ENABLE_CERTBOT_CHALLENGE");
                    let env_on = self
                        .resolved(&doc, "NGINX_ENABLE_CERTBOT_CHALLENGE")
                        .as_deref()
                        == Some("true");
                    let why = match challenge_cause(env_on, running.as_deref()) {
                        ChallengeCause::NginxHasOtherValue { running } => {
                            tr!("core-run-nginx-runs-with-nginx-enable", running)
                        }
                        ChallengeCause::LocationMissing => {
                            tr!("core-run-nginx-has-nginx-enable-certbot").to_string()
                        }
                        ChallengeCause::NotAsked => {
                            tr!("core-run-nginx-does-not-serve-well").to_string()
                        }
                    };
                    return Err(StepError::new(tr!(
                        "core-run-at-answered-answer-for-the",
                        at,
                        answer,
                        why
                    )));
                }
                (ChallengeTarget::Local { .. }, ChallengeOutcome::Unreachable(why)) => {
                    return Err(StepError::new(tr!(
                        "core-run-nginx-did-not-answer-at",
                        at,
                        why
                    )));
                }
                (ChallengeTarget::Domain { .. }, ChallengeOutcome::Wrong { status, .. }) => {
                    return Err(StepError::new(tr!(
                        "core-run-at-answered-status-instead-of",
                        at,
                        status
                    )));
                }
                (ChallengeTarget::Domain { .. }, ChallengeOutcome::Unreachable(why)) => {
                    notes.push(tr!("core-run-could-not-check-at-from", at, why));
                }
                // No DNS at all: the same failure the doctor reports, before Let's
                // Encrypt is asked (a failed validation counts toward its limit). A
                // private ACME server (`--server`) may resolve names its own way.
                (ChallengeTarget::Domain { .. }, ChallengeOutcome::NoAddress(why)) if custom_ca => {
                    notes.push(tr!("core-run-could-not-check-at-from", at, why));
                }
                (ChallengeTarget::Domain { domain, .. }, ChallengeOutcome::NoAddress(why)) => {
                    return Err(StepError::with_fix(
                        why,
                        FailureClass::Dns,
                        Remedy::text(tr!(
                            "core-doctor-create-an-a-and-or",
                            domain = domain.clone()
                        )),
                    ));
                }
                (ChallengeTarget::Local { .. }, ChallengeOutcome::NoAddress(why)) => {
                    return Err(StepError::new(why));
                }
            }
        }
        Ok(Finish::Note(Some(notes.join("; "))))
    }

    fn replace_staging_lineage(&mut self) -> Result<Finish, StepError> {
        let domain = self.ctx.domain.clone();
        self.compose_ok(
            &[
                "run",
                "--rm",
                "-T",
                "certbot",
                "certbot",
                "delete",
                "--cert-name",
                &domain,
                "--non-interactive",
            ],
            "certbot delete",
            true,
        )?;
        Ok(Finish::Note(Some(tr!(
            "core-run-deleted-the-staging-lineage-domain",
            domain
        ))))
    }

    fn request_certificate(&mut self) -> Result<Finish, StepError> {
        self.fingerprint_before = read_chain_file(&self.live_file("fullchain.pem"))
            .ok()
            .map(|c| c.fingerprint_sha256);
        let doc = self.read_env()?.document().clone();
        // The same arguments the Applied screen shows for doing it by hand.
        let args = update_script_args(
            self.resolved(&doc, "CERTBOT_DOMAIN").as_deref(),
            &self.ctx.domain,
            &self.resolved(&doc, "CERTBOT_OPTIONS").unwrap_or_default(),
            &self.ctx.run_options,
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.compose_ok(&args, &tr!("core-run-difys-certificate-script"), true)?;
        Ok(Finish::Note(None))
    }

    fn check_certificate(&mut self) -> Result<Finish, StepError> {
        let doc = self.read_env()?.document().clone();
        let options = self.resolved(&doc, "CERTBOT_OPTIONS").unwrap_or_default();
        let (stored_mode, _) = Mode::from_options(&options);
        let mode = if self.ctx.dry_run() {
            Mode::DryRun
        } else {
            stored_mode
        };
        let domain = &self.ctx.domain;
        if mode == Mode::DryRun {
            return Ok(Finish::Note(Some(tr!(
                "core-run-dry-run-lets-encrypts-staging"
            ))));
        }
        let cert = read_chain_file(&self.live_file("fullchain.pem"))
            .map_err(|e| StepError::new(e.to_string()))?;
        if !self.live_file("privkey.pem").exists() {
            return Err(StepError::new(tr!(
                "core-run-is-missing",
                pem = (self.live_file("privkey.pem").display()).to_string()
            )));
        }
        if !cert.covers(domain) {
            return Err(StepError::new(tr!(
                "core-run-the-certificate-in-live-domain",
                domain,
                names = (cert.names.join(", ")).to_string()
            )));
        }
        let now = (self.ctx.now)();
        let summary = tr!(
            "core-run-certificate-for-domain-expires-days",
            domain,
            date = (cert.not_after.date()).to_string(),
            now = (cert.days_left(now)).to_string(),
            issuer = (cert.issuer).to_string()
        );
        // With its own ACME directory (`--server`: an internal CA, a test CA) the user
        // chose the issuer; "staging" is only Let's Encrypt's test CA in the way.
        let custom_ca = uses_custom_ca(&options);
        let note = match (mode, cert.staging && !custom_ca) {
            (Mode::Production, true) => {
                return Err(StepError::with_fix(
                    tr!("core-run-live-domain-still-holds-a", domain),
                    FailureClass::StagingInTheWay,
                    Remedy::ReplaceStaging,
                ));
            }
            (Mode::Staging, _) => tr!("core-run-summary-a-staging-certificate-is", summary),
            _ => summary,
        };
        self.certificate = Some(cert);
        Ok(Finish::Note(Some(note)))
    }

    fn switch_https(&mut self) -> Result<Finish, StepError> {
        let file = self.read_env()?;
        // A run that got the certificate from certbot (its check passed) switches nginx
        // to the lineage's files, whatever names an imported certificate left in `.env`.
        let got_one = self.certificate.is_some() && self.ctx.import.is_none();
        let written = write_https_switch_to(
            &file,
            &self.ctx.folder,
            &self.ctx.domain,
            self.ctx.upgrade_urls,
            got_one,
            (self.ctx.now)(),
        )
        .map_err(StepError::new)?;
        self.switched = Some(Switched {
            previous: written.previous.clone(),
            on: true,
        });
        self.note(written.note());
        self.recreate_after(&written.before, &written.changes)?;
        self.wait_for_nginx(&written.after)?;
        Ok(Finish::Note(Some(written.keys())))
    }

    fn reload_nginx(&mut self) -> Result<Finish, StepError> {
        let after = self
            .certificate
            .as_ref()
            .map(|c| c.fingerprint_sha256.clone());
        if after.is_some() && after == self.fingerprint_before {
            return Ok(Finish::Skipped(tr!(
                "core-run-the-certificate-did-not-change"
            )));
        }
        self.compose_ok(
            &["exec", "-T", "nginx", "nginx", "-s", "reload"],
            "nginx reload",
            false,
        )?;
        Ok(Finish::Note(None))
    }

    /// What a confirmed HTTPS step says: a new certificate served, or, when this run
    /// changed nothing (a renewal that was not due), the same one and when it is due.
    fn confirmed_note(&self, addr: std::net::SocketAddr, got: &str) -> String {
        if self.fingerprint_before.as_deref() != Some(got) {
            return tr!(
                "core-run-https-addr-presents-the-new",
                addr = addr.to_string(),
                got = got[..23].to_string()
            );
        }
        let renew_before =
            crate::core::status::read_renewal_conf(&self.ctx.folder.renewal_conf(&self.ctx.domain))
                .and_then(|r| r.renew_before());
        let due = self
            .certificate
            .as_ref()
            .map(|c| c.renewal_due_at(renew_before).date().to_string())
            .unwrap_or_default();
        tr!(
            "run-note-https-unchanged",
            addr = addr.to_string(),
            got = got[..23].to_string(),
            due
        )
    }

    fn confirm_https(&mut self) -> Result<Finish, StepError> {
        let doc = self.read_env()?.document().clone();
        let addr = self.nginx_addr(&doc, NginxPort::Https)?;
        let expected = match &self.certificate {
            Some(c) => c.fingerprint_sha256.clone(),
            None => {
                // The pair nginx loads with .env as it is: the lineage's, or an
                // imported one in nginx/ssl.
                let values = doc.resolve_all(&self.ctx.env).unwrap_or_default();
                let files = crate::core::dify::served_files(&self.ctx.folder, &values);
                let chain = match files.source {
                    crate::core::dify::Source::Imported => files.cert,
                    crate::core::dify::Source::Letsencrypt => self.live_file("fullchain.pem"),
                };
                read_chain_file(&chain)
                    .map_err(|e| StepError::new(e.to_string()))?
                    .fingerprint_sha256
            }
        };
        // nginx reloads asynchronously, and after a reload its old workers still answer
        // some connections (with the old certificate) while they finish: only several
        // matching handshakes in a row show the change has really taken.
        const IN_A_ROW: usize = 3;
        let deadline = Instant::now() + self.ctx.nginx_wait;
        let mut last = String::new();
        let mut matches = 0;
        while Instant::now() < deadline {
            match fetch_presented_chain(addr, &self.ctx.domain, Duration::from_secs(3)) {
                Ok(p) => {
                    let got = fingerprint_sha256(&p.chain[0]);
                    if got == expected {
                        matches += 1;
                        if matches >= IN_A_ROW {
                            return Ok(Finish::Note(Some(self.confirmed_note(addr, &got))));
                        }
                    } else {
                        matches = 0;
                        last = tr!(
                            "core-run-nginx-presents-another-certificate-sha",
                            got = got[..23].to_string(),
                            expected = expected[..23].to_string()
                        );
                    }
                }
                Err(e) => {
                    matches = 0;
                    last = tr!(
                        "core-run-no-tls-answer-on-addr",
                        addr = addr.to_string(),
                        e = e.to_string()
                    )
                }
            }
            if self.cancel.is_cancelled() {
                return Err(StepError::cancelled());
            }
            thread::sleep(Duration::from_millis(200));
        }
        let lines = self.nginx_log_lines()?;
        Err(StepError::diagnosed(last, &lines, &self.ctx.domain))
    }

    fn install_certificate(&mut self) -> Result<Finish, StepError> {
        use crate::core::import::{Replacing, import_changes, swap_previous, write_files};
        let run = self
            .ctx
            .import
            .as_ref()
            .ok_or_else(|| StepError::new("no certificate to install"))?;
        let file = self.read_env()?;
        let before = file.document().clone();
        let changes = import_changes(&before, &self.ctx.domain, self.ctx.upgrade_urls);
        let after = before
            .with_changes(&changes)
            .map_err(|e| StepError::new(e.to_string()))?;
        let installed =
            write_files(&self.ctx.folder, &run.job).map_err(|e| StepError::new(e.to_string()))?;
        self.certificate = Some(run.job.leaf.clone());
        if installed == Replacing::Another {
            self.note(tr!("run-note-import-previous-kept"));
        }
        let env_changes = after.render() != before.render();
        if env_changes {
            // The files are there now: nginx must be able to start with the result.
            if let Some(p) = crate::core::dify::nginx_start_problem(&self.ctx.folder, &after) {
                return Err(StepError::new(tr!(
                    "core-switch-not-switching-https-on-nginx",
                    missing = p.missing.display().to_string()
                )));
            }
            let report = file
                .write(&after.render(), (self.ctx.now)())
                .map_err(|e| StepError::new(e.to_string()))?;
            let mut previous = ChangeSet::default();
            for c in &changes.changes {
                previous.push(
                    c.key.clone(),
                    before.literal(&c.key).unwrap_or("").to_string(),
                );
            }
            self.switched = Some(Switched { previous, on: true });
            let keys: Vec<String> = changes
                .changes
                .iter()
                .filter(|c| before.literal(&c.key) != Some(c.value.as_str()))
                .map(|c| format!("{}={}", c.key, c.value))
                .collect();
            self.note(tr!(
                "core-run-wrote-backup",
                keys = keys.join(", "),
                backup = report.backup.display().to_string()
            ));
        }
        if !run.stack_running {
            return Ok(Finish::Note(Some(tr!("run-note-import-stack-stopped"))));
        }
        if env_changes {
            self.recreate_after(&before, &changes)?;
            self.wait_for_nginx(&after)?;
            return Ok(Finish::Note(None));
        }
        if installed == Replacing::Same {
            return Ok(Finish::Skipped(tr!("run-note-import-same")));
        }
        // The same file names: a reload serves the new pair, no connection dropped.
        if let Err(e) = self.compose_ok(
            &["exec", "-T", "nginx", "nginx", "-s", "reload"],
            "nginx reload",
            false,
        ) {
            if installed == Replacing::Another && swap_previous(&self.ctx.folder).is_ok() {
                self.note(tr!("run-note-import-put-back"));
            }
            return Err(e);
        }
        Ok(Finish::Note(None))
    }

    fn switch_http_only(&mut self) -> Result<Finish, StepError> {
        let file = self.read_env()?;
        let doc = file.document();
        // The same function whose result the review showed.
        let changes = https_off_changes(doc, &self.ctx.domain, self.ctx.upgrade_urls);
        let after = doc
            .with_changes(&changes)
            .map_err(|e| StepError::new(e.to_string()))?;
        let written = changes
            .changes
            .iter()
            .any(|c| doc.literal(&c.key) != Some(&c.value));
        let keys: Vec<String> = changes
            .changes
            .iter()
            .map(|c| format!("{}={}", c.key, c.value))
            .collect();
        if written {
            let report = file
                .write(&after.render(), (self.ctx.now)())
                .map_err(|e| StepError::new(e.to_string()))?;
            // Stopped or failed from here on: `.env` goes back as it was, so it never
            // says "off" while nginx still runs as the interrupted `up` left it.
            let mut previous = ChangeSet::default();
            for c in &changes.changes {
                if let Some(old) = doc.literal(&c.key)
                    && old != c.value
                {
                    previous.push(c.key.clone(), old);
                }
            }
            self.switched = Some(Switched {
                previous,
                on: false,
            });
            self.note(tr!(
                "core-run-wrote-backup",
                keys = (keys.join(", ")).to_string(),
                backup = (report.backup.display()).to_string()
            ));
        }
        self.recreate_after(doc, &changes)?;
        Ok(Finish::Note(Some(keys.join(", "))))
    }

    fn confirm_http(&mut self) -> Result<Finish, StepError> {
        let doc = self.read_env()?.document().clone();
        self.wait_for_nginx(&doc)?;
        let addr = self.nginx_addr(&doc, NginxPort::Http)?;
        Ok(Finish::Note(Some(tr!(
            "core-run-http-addr-answers",
            addr = addr.to_string()
        ))))
    }

    fn recreate_nginx(&mut self) -> Result<Finish, StepError> {
        self.compose_ok(RECREATE_NGINX, "compose up nginx", false)?;
        let doc = self.read_env()?.document().clone();
        self.wait_for_nginx(&doc)?;
        Ok(Finish::Note(None))
    }

    fn recreate_changed(&mut self) -> Result<Finish, StepError> {
        self.recreate_others_then_nginx()?;
        let doc = self.read_env()?.document().clone();
        self.wait_for_nginx(&doc)?;
        Ok(Finish::Note(Some(tr!(
            "core-run-compose-recreated-what-the-changed"
        ))))
    }

    /// Puts back what the HTTPS switch changed and recreates nginx, after a failure.
    fn undo_switch(&mut self) {
        let Some(switched) = self.switched.take() else {
            return;
        };
        let restored = self.read_env().ok().and_then(|file| {
            let after = file.document().with_changes(&switched.previous).ok()?;
            file.write(&after.render(), (self.ctx.now)()).ok()?;
            Some(file.document().clone())
        });
        match (restored, switched.on) {
            (Some(before), on) => {
                self.note(if on {
                    tr!("core-run-https-switched-back-off-env")
                } else {
                    tr!("run-note-https-off-undone")
                });
                let _ = self.recreate_after(&before, &switched.previous);
            }
            (None, true) => self.note(tr!("core-run-could-not-switch-https-back")),
            (None, false) => self.note(tr!("run-note-https-off-not-undone")),
        }
    }
}

/// The first 80 characters of a one-line rendering of `text`.
fn shorten(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(80) {
        Some((i, _)) => format!("{}...", &one_line[..i]),
        None => one_line,
    }
}

/// certbot's "random delay of N seconds" before a non-interactive renewal.
fn random_delay(line: &str) -> Option<u64> {
    let at = line.find("random delay of ")?;
    line[at + "random delay of ".len()..]
        .split_whitespace()
        .next()?
        .parse::<f64>()
        .ok()
        .map(|s| s.ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::random_delay;

    #[test]
    fn certbots_random_delay_is_read() {
        assert_eq!(
            random_delay(
                "2026-11-29 01:00:00,000:INFO:certbot._internal.main:Non-interactive renewal: random delay of 113.2 seconds"
            ),
            Some(114)
        );
        assert_eq!(random_delay("nothing here"), None);
    }
}
