//! Running the executor against the compose test double (tests/support/compose-double).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use dify_https::core::compose::{ComposeCommand, ComposeFlavor};
use dify_https::core::dify::DifyFolder;
use dify_https::core::run::{Cancel, Executor, RunContext, RunError, RunEvent, Step};
use time::OffsetDateTime;

use super::Fixture;

pub struct Double {
    pub folder: Fixture,
    state: tempfile::TempDir,
    scenario: tempfile::TempDir,
    pub v2: bool,
    /// certbot options for the run only (`--dry-run`).
    pub run_options: Vec<String>,
}

/// The compose test double's path.
pub fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/compose-double")
}

/// The real binary in English, for `folder`, with compose played by the double from
/// `scenario` (its calls are logged there too); add the command's own arguments.
pub fn command(folder: &Path, scenario: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dify-https"));
    cmd.env("DIFY_HTTPS_LANG", "en")
        .env("DOUBLE_STATE", scenario)
        .env("DOUBLE_SCENARIO", scenario)
        .env_remove("COMPOSE_PROFILES")
        .arg("--dir")
        .arg(folder)
        .arg("--compose")
        .arg(script());
    cmd
}

impl Double {
    pub fn new(env: &str) -> Double {
        let folder = Fixture::with(&[
            (".env", env),
            ("volumes/certbot/logs/.keep", ""),
            ("volumes/certbot/www/.keep", ""),
        ]);
        Double {
            folder,
            state: tempfile::tempdir().unwrap(),
            scenario: tempfile::tempdir().unwrap(),
            v2: true,
            run_options: vec![],
        }
    }

    /// Sets what the double does for a subcommand: `ext` is "out", "err", "code" or "sh".
    pub fn play(&self, sub: &str, ext: &str, content: &str) -> &Self {
        std::fs::write(self.scenario.path().join(format!("{sub}.{ext}")), content).unwrap();
        self
    }

    pub fn calls(&self) -> Vec<String> {
        std::fs::read_to_string(self.state.path().join("calls.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    pub fn log_path(&self) -> PathBuf {
        self.folder
            .path()
            .join("volumes/certbot/logs/letsencrypt.log")
    }

    fn context(&self, domain: &str) -> RunContext {
        let (program, args) = if self.v2 {
            (script().display().to_string(), vec!["compose".to_string()])
        } else {
            (script().display().to_string(), vec![])
        };
        RunContext {
            folder: DifyFolder::open(self.folder.path()).unwrap(),
            compose: ComposeCommand {
                program,
                args,
                flavor: if self.v2 {
                    ComposeFlavor::V2
                } else {
                    ComposeFlavor::V1
                },
            },
            domain: domain.to_string(),
            env: |_| None,
            nginx_wait: Duration::from_secs(1),
            upgrade_urls: true,
            now: OffsetDateTime::now_utc,
            compose_env: vec![
                (
                    "DOUBLE_STATE".into(),
                    self.state.path().display().to_string(),
                ),
                (
                    "DOUBLE_SCENARIO".into(),
                    self.scenario.path().display().to_string(),
                ),
            ],
            run_options: self.run_options.clone(),
            keep_backups: dify_https::core::envfile::history::DEFAULT_KEEP_BACKUPS,
            import: None,
        }
    }

    /// Runs `steps`; returns the result and every event.
    pub fn run(
        &self,
        domain: &str,
        steps: &[Step],
        cancel: Cancel,
    ) -> (Result<(), RunError>, Vec<RunEvent>) {
        let ctx = self.context(domain);
        let (tx, rx) = mpsc::channel();
        let result = std::thread::scope(|s| {
            let handle = s.spawn(|| Executor::new(&ctx, tx, cancel).run(steps));
            handle.join().unwrap()
        });
        (result, rx.try_iter().collect())
    }
}
