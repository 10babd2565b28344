//! The wizard's whole state. Rendering reads it; only `update` changes it.

use crate::core::setup::AlreadySetUp;
use std::time::Instant;

use tui_input::Input;

use super::theme::Theme;
use crate::core::dify::{EnvStatus, Layout};
use crate::core::envfile::{EnvDocument, EnvFile};
use crate::core::setup::{Answers, EnvPlan, Mode, NextStep};

use super::run_state::RunState;
use crate::core::doctor::Check;
use crate::core::status::StatusReport;

/// The screens: the wizard's steps in order, then the run, the dashboard and the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Folder,
    Domain,
    Email,
    Mode,
    Review,
    /// The change is written; what comes next.
    Applied,
    /// Preflight checks before the run (shown under "Run" in the trail).
    Checks,
    /// The steps run, with live output.
    Run,
    /// Certificate status, when one exists (not part of the wizard's trail).
    Dashboard,
    /// The end of certbot's log, from the dashboard.
    Logs,
    /// A certificate the admin already has: its files, then what the check found
    /// (from the first screen or the dashboard; not part of the wizard's trail).
    Import,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Folder,
        Screen::Domain,
        Screen::Email,
        Screen::Mode,
        Screen::Review,
        Screen::Applied,
        Screen::Run,
    ];

    pub fn title(self) -> String {
        crate::tui::strings::screen_title(self)
    }

    /// The step of the trail this one belongs to (the checks are part of the run).
    pub fn trail(self) -> Screen {
        if self == Screen::Checks {
            Screen::Run
        } else {
            self
        }
    }

    pub fn number(self) -> usize {
        Screen::ALL
            .iter()
            .position(|s| *s == self.trail())
            .unwrap_or(0)
            + 1
    }
}

/// What the first screen shows about the Dify folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderSummary {
    /// How the folder is named on screen.
    pub label: String,
    pub compose_file: String,
    pub env_status: EnvStatus,
    pub env_lines: usize,
    pub layout: Option<Layout>,
    /// Current values of the keys the setup touches or depends on.
    pub current: Vec<(String, Option<String>)>,
    /// Things to know about the folder (stray values, duplicates, broken lines).
    pub notes: Vec<String>,
    /// The compose project the folder is (as compose names it).
    pub project: String,
}

/// The keys shown on the folder screen.
pub const SUMMARY_KEYS: [&str; 6] = [
    "CERTBOT_DOMAIN",
    "CERTBOT_EMAIL",
    "CERTBOT_OPTIONS",
    "NGINX_ENABLE_CERTBOT_CHALLENGE",
    "NGINX_HTTPS_ENABLED",
    "EXPOSE_NGINX_PORT",
];

/// Validation messages shown under each field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    pub domain: Option<String>,
    pub email: Option<String>,
    pub options: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    ConfirmQuit,
    /// Quit the Applied screen without running what was written?
    ConfirmQuitBeforeRun,
    /// Stop the run (the running command and everything it started)?
    ConfirmStopRun,
    /// A staging certificate (issuer named) must be deleted before production.
    ConfirmReplaceStaging(String),
    /// Run although this many preflight checks failed?
    ConfirmOverride(usize),
    /// Install this renewal schedule (its files shown)?
    ConfirmSchedule(Box<SchedulePlan>),
    /// Put back these `.env` keys, as dify-https applied them?
    ConfirmRepair(Box<crate::core::applied::repair::RepairPlan>),
    /// Renew although the compose project's containers are (also) another folder's?
    ConfirmOtherInstall {
        project: String,
        other_folders: Vec<String>,
        renewal: crate::core::run::RenewalPlan,
    },
}

/// A one-line message at the bottom of the body: an error from an effect, or news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub error: bool,
    /// News that is neither done nor wrong (a key that has nothing to do, the demo's
    /// limits): no ✓.
    pub note: bool,
    pub text: String,
}

#[derive(Debug)]
pub struct App {
    pub screen: Screen,
    pub folder: FolderSummary,
    pub demo: bool,
    pub domain: Input,
    pub email: Input,
    pub options: Input,
    pub mode: Mode,
    pub initial: Answers,
    pub errors: FieldErrors,
    /// The reviewed plan and the `.env` it was built from.
    pub plan: Option<(EnvFile, Box<EnvPlan>)>,
    /// First row shown on scrollable steps (folder, review, done); reset on each step.
    pub scroll: usize,
    pub applied: Option<Applied>,
    pub dialog: Option<Dialog>,
    /// Work in progress (an effect is running); keys other than quit wait.
    pub busy: Option<String>,
    pub banner: Option<Banner>,
    pub should_quit: bool,
    pub theme: Theme,
    /// The terminal's size (columns, rows), for scrolling limits.
    pub viewport: (u16, u16),
    /// The furthest the screen's content scrolls, as the last render found it (the
    /// view records it; `update` scrolls within it without building the content).
    pub scroll_max: std::cell::Cell<usize>,
    /// The `?` overlay listing every key of the screen.
    pub keys_shown: bool,
    /// The run started from the Applied step.
    pub run: Option<RunState>,
    /// The latest tick: elapsed times are measured against it.
    pub now: Instant,
    /// The dashboard's report, and when it was last asked for.
    pub status: Option<StatusReport>,
    pub status_asked: Option<Instant>,
    /// A refresh (report or log) was asked for and has not arrived: none is asked again.
    pub refreshing: bool,
    /// The log screen's lines (the end of letsencrypt.log).
    pub log_lines: Vec<String>,
    /// The preflight checks before a run.
    pub preflight: Option<Preflight>,
    /// The import screen's files and what their check found.
    pub import: ImportForm,
}

/// Which file of the import screen has the cursor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImportField {
    #[default]
    Cert,
    Key,
    Chain,
    /// Shown once the key turned out to be encrypted.
    Passphrase,
}

/// The import screen: the files (paths), the cursor, and the check's answer.
#[derive(Default)]
pub struct ImportForm {
    pub cert: Input,
    pub key: Input,
    pub chain: Input,
    /// The key's passphrase (asked for once the key turns out to be encrypted; shown
    /// masked, never kept after the import).
    pub passphrase: Input,
    pub needs_passphrase: bool,
    /// PEM text pasted into the certificate, key or chain field (used instead of a
    /// path; shown as what it holds, never as its text).
    pub pasted: [Option<String>; 3],
    pub focus: ImportField,
    /// Why the files were refused, a line each (a finding, then its fix).
    pub refused: Vec<String>,
    /// The checked import, shown for a yes (`Enter` installs it).
    pub plan: Option<Box<crate::core::import::ImportPlan>>,
    /// Where `Esc` goes back to (the first screen, or the dashboard).
    pub back_to: Option<Screen>,
}

/// Never the passphrase or a pasted key's text: only what is there.
impl std::fmt::Debug for ImportForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportForm")
            .field("cert", &self.cert.value())
            .field("key", &self.key.value())
            .field("chain", &self.chain.value())
            .field("passphrase", &"(not shown)")
            .field("needs_passphrase", &self.needs_passphrase)
            .field(
                "pasted",
                &self.pasted.iter().map(Option::is_some).collect::<Vec<_>>(),
            )
            .field("focus", &self.focus)
            .field("refused", &self.refused)
            .field("plan", &self.plan)
            .field("back_to", &self.back_to)
            .finish()
    }
}

impl ImportForm {
    pub fn input_mut(&mut self, field: ImportField) -> &mut Input {
        match field {
            ImportField::Cert => &mut self.cert,
            ImportField::Key => &mut self.key,
            ImportField::Chain => &mut self.chain,
            ImportField::Passphrase => &mut self.passphrase,
        }
    }

    /// The fields shown, in order.
    pub fn fields(&self) -> Vec<ImportField> {
        let mut all = vec![ImportField::Cert, ImportField::Key, ImportField::Chain];
        if self.needs_passphrase {
            all.push(ImportField::Passphrase);
        }
        all
    }

    /// The field after (`step` 1) or before (`step` -1) the focused one, round.
    pub fn moved(&self, step: isize) -> ImportField {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = fields.len() as isize;
        fields[((at + step).rem_euclid(n)) as usize]
    }

    /// The pasted PEM of `field` (certificate, key, chain), if any.
    pub fn pasted(&self, field: ImportField) -> Option<&String> {
        match field {
            ImportField::Cert => self.pasted[0].as_ref(),
            ImportField::Key => self.pasted[1].as_ref(),
            ImportField::Chain => self.pasted[2].as_ref(),
            ImportField::Passphrase => None,
        }
    }

    /// Keeps `text` as the pasted content of `field` (`None` clears it).
    pub fn set_pasted(&mut self, field: ImportField, text: Option<String>) {
        let at = match field {
            ImportField::Cert => 0,
            ImportField::Key => 1,
            ImportField::Chain => 2,
            ImportField::Passphrase => return,
        };
        self.pasted[at] = text;
    }

    /// Whether the focused field is the last one shown (Enter checks there).
    pub fn on_last(&self) -> bool {
        self.fields().last() == Some(&self.focus)
    }
}

/// What the preflight found: the checklist, and a staging certificate in the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preflight {
    pub checks: Vec<Check>,
    pub staging_issuer: Option<String>,
    /// The reviewed plan changed nothing and the install is finished.
    pub already: Option<AlreadySetUp>,
}

impl App {
    pub fn new(folder: FolderSummary, env: Option<&EnvDocument>, theme: Theme, demo: bool) -> App {
        let initial = env.map(Answers::from_env).unwrap_or_default();
        App {
            screen: Screen::Folder,
            folder,
            demo,
            domain: Input::new(initial.domain.clone()),
            email: Input::new(initial.email.clone()),
            options: Input::new(initial.extra_options.clone()),
            mode: initial.mode,
            initial,
            errors: FieldErrors::default(),
            plan: None,
            scroll: 0,
            applied: None,
            dialog: None,
            busy: None,
            banner: None,
            should_quit: false,
            theme,
            viewport: (80, 24),
            scroll_max: std::cell::Cell::new(0),
            keys_shown: false,
            run: None,
            now: Instant::now(),
            status: None,
            status_asked: None,
            refreshing: false,
            log_lines: Vec::new(),
            preflight: None,
            import: ImportForm::default(),
        }
    }

    /// The answers as typed so far.
    pub fn answers(&self) -> Answers {
        Answers {
            domain: self.domain.value().to_string(),
            email: self.email.value().to_string(),
            mode: self.mode,
            extra_options: self.options.value().to_string(),
        }
    }

    /// Opens on the dashboard with `report` (a certificate exists).
    /// On the dashboard; its first report is asked for with the first message.
    pub fn with_dashboard(mut self) -> App {
        self.screen = Screen::Dashboard;
        self
    }

    /// How often time should pass on screen: quickly during a run, every second on the
    /// dashboard and log (they refresh themselves), not at all otherwise.
    pub fn tick_interval(&self) -> Option<std::time::Duration> {
        match self.screen {
            Screen::Run if self.run.as_ref().is_some_and(RunState::is_running) => {
                Some(std::time::Duration::from_millis(250))
            }
            Screen::Dashboard | Screen::Logs => Some(std::time::Duration::from_secs(1)),
            _ => None,
        }
    }

    /// Whether a step of the wizard's trail is shown (the dashboard and log are not).
    pub fn in_wizard(&self) -> bool {
        !matches!(
            self.screen,
            Screen::Dashboard | Screen::Logs | Screen::Import
        ) && !self.renewing()
    }

    /// `.env` already holds answers that pass every check (a returning user): the
    /// Folder screen offers to go straight to the Review with them.
    pub fn settings_ready(&self) -> bool {
        self.folder.env_status == EnvStatus::Present
            && !self.initial.domain.is_empty()
            && self.answers().check().is_ok()
    }

    /// The dashboard's report shows a trusted certificate waiting with HTTPS off (an
    /// interrupted setup, or `https off` earlier): `h` finishes the setup's last steps.
    /// Whether a finding on the dashboard says `repair` fixes it (then `p` does).
    pub fn repair_offered(&self) -> bool {
        self.status.as_ref().is_some_and(|r| {
            r.findings
                .iter()
                .any(|f| f.remedy == Some(crate::core::remedy::Remedy::Repair))
        })
    }

    /// nginx serves an imported certificate: nobody renews it (`i` replaces it).
    pub fn serves_imported(&self) -> bool {
        self.status.as_ref().is_some_and(|r| {
            r.certificate
                .as_ref()
                .is_some_and(|c| c.source == crate::core::dify::Source::Imported)
        })
    }

    pub fn https_can_go_on(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(certificate_waits_for_https)
    }

    /// On the run screen for a renewal (the dashboard's `r`), not a setup's run.
    pub fn renewing(&self) -> bool {
        self.screen == Screen::Run && self.run.as_ref().is_some_and(|r| r.renew)
    }

    /// Typed answers that are not written yet (quitting would lose them).
    pub fn has_unsaved_answers(&self) -> bool {
        let pending_plan = self.plan.as_ref().is_some_and(|(_, p)| !p.is_noop());
        self.applied.is_none() && (self.answers() != self.initial || pending_plan)
    }
}

/// A trusted, unexpired certificate on disk while HTTPS is off.
pub fn certificate_waits_for_https(r: &StatusReport) -> bool {
    !r.https_enabled
        && r.domain.is_some()
        && r.certificate
            .as_ref()
            .is_some_and(|c| !c.staging && !c.expired)
}

/// A finished write: where the old file went, and what is left to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// File name of the backup, in the Dify folder.
    pub backup_name: Option<String>,
    pub owner_warning: Option<String>,
    pub next_steps: Vec<NextStep>,
}

/// A renewal schedule, worked out and shown before it is installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchedulePlan {
    pub job: crate::core::schedule::Job,
    pub kind: crate::core::schedule::Kind,
    pub files: Vec<crate::core::schedule::ScheduleFile>,
}
