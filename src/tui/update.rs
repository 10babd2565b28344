//! `update(app, msg)`: the only place the wizard's state changes. It does no I/O:
//! work that touches the outside world is returned as effects.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::backend::crossterm::EventHandler;

use super::app::{App, Banner, Dialog, Screen};
use super::keys::{self, Action};
use super::msg::{Effect, Msg, RunSpec, Waiting};
use super::run_state::RunState;
use super::strings;
use crate::core::dify::EnvStatus;
use crate::core::doctor::CheckStatus;
use crate::core::run::setup_steps;
use crate::core::setup::UrlVerdict;
use crate::core::setup::{Field, Mode, validate};

/// How many lines PgUp/PgDn move the review.
const PAGE: usize = 10;

/// Handles `msg`, which arrived at `now`: the one way state changes. Time comes with
/// every message, so what is due (the dashboard's refresh) is asked for whichever
/// message comes first after it is due, and the effects are never lost.
#[must_use = "the effects must be performed"]
pub fn update(app: &mut App, msg: Msg, now: std::time::Instant) -> Vec<Effect> {
    app.now = now;
    let mut effects = handle(app, msg);
    if !app.should_quit {
        effects.extend(on_tick(app));
    }
    effects
}

fn handle(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) if key.kind != KeyEventKind::Release => on_key(app, key),
        Msg::Paste(text) => {
            on_paste(app, &text);
            vec![]
        }
        Msg::Key(_) => vec![],
        Msg::Resize(w, h) => {
            app.viewport = (w, h);
            vec![]
        }
        Msg::Terminate => {
            app.should_quit = true;
            // The runtime stops a run in progress before leaving.
            vec![]
        }
        Msg::EnvCreated(result) => {
            app.busy = None;
            match result {
                Ok((summary, file)) => {
                    let viewport = app.viewport;
                    *app = App::new(summary, Some(file.document()), app.theme, app.demo);
                    app.viewport = viewport;
                    app.banner = Some(Banner {
                        error: false,
                        note: false,
                        text: strings::env_created(),
                    });
                }
                Err(e) => show_error(app, e),
            }
            vec![]
        }
        Msg::PlanBuilt(result) => {
            app.busy = None;
            match result {
                Ok((file, plan)) => {
                    app.plan = Some((file, plan));
                    go(app, Screen::Review);
                }
                Err(e) => show_error(app, e),
            }
            vec![]
        }
        // What is due is asked for after every message (see `update`).
        Msg::Tick => vec![],
        Msg::StatusReady(report) => {
            app.refreshing = false;
            app.status = Some(*report);
            vec![]
        }
        Msg::LogLoaded(Ok(lines)) => {
            app.refreshing = false;
            app.log_lines = lines;
            vec![]
        }
        Msg::LogLoaded(Err(e)) => {
            app.refreshing = false;
            app.log_lines.clear();
            show_error(app, e);
            vec![]
        }
        Msg::RunPrepared(preflight) => {
            app.busy = None;
            // A finished install with nothing changed: nothing to run (a renewal when due).
            if let Some(done) = preflight.already.clone() {
                app.preflight = Some(preflight);
                if done.renewal_due {
                    app.busy = Some(strings::busy_checking_certificate());
                    return vec![Effect::PlanRenewal];
                }
                app.banner = Some(Banner {
                    error: false,
                    note: false,
                    text: strings::already_set_up(&done.domain, &done.expires.date().to_string()),
                });
                return vec![];
            }
            app.preflight = Some(preflight);
            go(app, Screen::Checks);
            vec![]
        }
        Msg::Run(event) => {
            let now = app.now;
            if let Some(run) = app.run.as_mut() {
                run.apply(event, now);
            }
            vec![]
        }
        Msg::RunEnded(end) => {
            if let Some(run) = app.run.as_mut() {
                run.ended = Some(end);
                run.stopping = false;
            }
            if app.dialog == Some(Dialog::ConfirmStopRun) {
                app.dialog = None;
            }
            vec![]
        }
        Msg::RenewalPlanned(result) => {
            app.busy = None;
            // Compose would act on another install's containers: only after a yes (the
            // dashboard's report holds what the engine says about the project).
            let other = app
                .status
                .as_ref()
                .map(|r| r.project.clone())
                .filter(|p| !p.other_folders.is_empty());
            match (result, other) {
                (Ok(renewal), Some(project)) => {
                    app.dialog = Some(Dialog::ConfirmOtherInstall {
                        project: project.name,
                        other_folders: project.other_folders,
                        renewal,
                    });
                    vec![]
                }
                (Ok(renewal), None) => start_renewal(app, renewal),
                (Err(refused), _) => {
                    show_error(app, strings::renewal_refused(&refused));
                    vec![]
                }
            }
        }
        Msg::SchedulePlanned(result) => {
            app.busy = None;
            match result {
                Ok(plan) => app.dialog = Some(Dialog::ConfirmSchedule(plan)),
                Err(e) => show_error(app, e),
            }
            vec![]
        }
        Msg::ScheduleInstalled(result) => {
            match result {
                Ok(done) => {
                    app.banner = Some(Banner {
                        error: false,
                        note: false,
                        text: done,
                    })
                }
                Err(e) => show_error(app, e),
            }
            // The dashboard shows it at its next refresh.
            refresh(app, Effect::RefreshStatus)
        }
        Msg::RepairPlanned(result) => {
            app.busy = None;
            match result {
                Ok(plan) => app.dialog = Some(Dialog::ConfirmRepair(plan)),
                Err(e) => show_error(app, e),
            }
            vec![]
        }
        Msg::RepairApplied(result) => {
            app.busy = None;
            match result {
                Ok((said, steps)) => {
                    app.banner = Some(Banner {
                        error: false,
                        note: false,
                        text: said,
                    });
                    if !steps.is_empty()
                        && let Some(domain) = app.status.as_ref().and_then(|r| r.domain.clone())
                    {
                        let spec = RunSpec {
                            domain: domain.clone(),
                            mode: Mode::Production,
                            upgrade_urls: false,
                            steps,
                            play_failure: false,
                            import: None,
                        };
                        app.run = Some(RunState::new(domain, Mode::Production));
                        go(app, Screen::Run);
                        return vec![Effect::StartRun(spec)];
                    }
                }
                Err(e) => show_error(app, e),
            }
            refresh(app, Effect::RefreshStatus)
        }
        Msg::ImportPlanned(result) => {
            app.busy = None;
            app.scroll = 0;
            match result {
                Ok(plan) => {
                    app.import.refused.clear();
                    app.import.plan = Some(plan);
                }
                Err(refused) => {
                    app.import.refused = refused.lines;
                    if refused.needs_passphrase {
                        app.import.needs_passphrase = true;
                        app.import.focus = super::app::ImportField::Passphrase;
                        app.import.passphrase = Default::default();
                    }
                }
            }
            vec![]
        }
        Msg::Crashed(waiting, why) => {
            match waiting {
                Waiting::Refresh => app.refreshing = false,
                Waiting::Busy => app.busy = None,
                Waiting::Run | Waiting::Nothing => {}
            }
            show_error(app, strings::effect_crashed(&why));
            vec![]
        }
        Msg::Applied(result) => {
            app.busy = None;
            match result {
                Ok(applied) => {
                    app.applied = Some(applied);
                    go(app, Screen::Applied);
                }
                Err(e) => show_error(app, e),
            }
            vec![]
        }
    }
}

fn is_ctrl_c(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C'))
}

/// An error line under the current step.
fn show_error(app: &mut App, text: impl Into<String>) {
    app.banner = Some(Banner {
        error: true,
        note: false,
        text: text.into(),
    });
}

/// What a key would do outside the demo, said instead of doing it.
fn demo_note(app: &mut App, text: &str) {
    app.banner = Some(Banner {
        error: false,
        note: true,
        text: text.into(),
    });
}

/// Quit now, or ask first when typed answers would be lost.
fn request_quit(app: &mut App) {
    if app.screen == Screen::Applied && !app.demo {
        // .env is written but nothing was run: say so before leaving.
        app.dialog = Some(Dialog::ConfirmQuitBeforeRun);
    } else if app.has_unsaved_answers() {
        app.dialog = Some(Dialog::ConfirmQuit);
    } else {
        app.should_quit = true;
    }
}

/// y/Y answers yes, n/N/Esc no; other keys (Enter too: a reflex, never the
/// destructive choice) leave the question open.
fn answer(key: &KeyEvent) -> Option<bool> {
    match key.code {
        KeyCode::Char('y') | KeyCode::Char('Y') => Some(true),
        KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(false),
        _ => None,
    }
}

fn on_dialog_key(app: &mut App, key: KeyEvent, dialog: Dialog) -> Vec<Effect> {
    let yes = match (answer(&key), &dialog) {
        (Some(yes), _) => yes,
        // Ctrl-C again confirms quitting and stopping, never deleting a certificate.
        (None, Dialog::ConfirmQuit | Dialog::ConfirmQuitBeforeRun | Dialog::ConfirmStopRun)
            if is_ctrl_c(&key) =>
        {
            true
        }
        (None, _) => return vec![],
    };
    app.dialog = None;
    match (dialog, yes) {
        (Dialog::ConfirmQuit | Dialog::ConfirmQuitBeforeRun, true) => app.should_quit = true,
        (Dialog::ConfirmStopRun, true) => {
            if let Some(run) = app.run.as_mut() {
                run.stopping = true;
            }
            return vec![Effect::CancelRun];
        }
        (Dialog::ConfirmReplaceStaging(_), true) => return start_run(app, true),
        (Dialog::ConfirmOverride(_), true) => return proceed_to_run(app),
        (Dialog::ConfirmSchedule(plan), true) => return vec![Effect::InstallSchedule(plan)],
        (Dialog::ConfirmRepair(plan), true) => {
            app.busy = Some(strings::busy_writing_env());
            return vec![Effect::ApplyRepair(plan)];
        }
        (Dialog::ConfirmOtherInstall { renewal, .. }, true) => {
            return start_renewal(app, renewal);
        }
        (Dialog::ConfirmReplaceStaging(_), false) => {
            show_error(app, strings::staging_not_replaced());
        }
        (_, false) => {}
    }
    vec![]
}

/// Shows the run screen and starts the run for the applied answers.
fn start_run(app: &mut App, replace_staging: bool) -> Vec<Effect> {
    app.busy = None;
    let Some((_, plan)) = &app.plan else {
        return vec![];
    };
    let request = &plan.request;
    let spec = RunSpec {
        domain: request.domain.clone(),
        mode: request.mode,
        upgrade_urls: request.upgrade_urls,
        steps: setup_steps(request.mode, replace_staging),
        play_failure: false,
        import: None,
    };
    app.run = Some(RunState::new(spec.domain.clone(), spec.mode));
    go(app, Screen::Run);
    vec![Effect::StartRun(spec)]
}

/// After the checks: ask about a staging certificate in the way, or start.
fn proceed_to_run(app: &mut App) -> Vec<Effect> {
    match app
        .preflight
        .as_ref()
        .and_then(|p| p.staging_issuer.clone())
    {
        Some(issuer) => {
            app.dialog = Some(Dialog::ConfirmReplaceStaging(issuer));
            vec![]
        }
        None => start_run(app, false),
    }
}

/// `s`: work out the renewal schedule, to show it before a yes.
fn plan_schedule(app: &mut App) -> Vec<Effect> {
    if app.demo {
        demo_note(app, &strings::demo_schedule());
        return vec![];
    }
    app.busy = Some(strings::busy_planning_schedule());
    vec![Effect::PlanSchedule]
}

/// `r` on the dashboard: whether the folder may renew is worked out by the rule
/// `dify-https renew` follows (see `Msg::RenewalPlanned`).
fn start_renew(app: &mut App) -> Vec<Effect> {
    app.busy = Some(strings::busy_checking_certificate());
    vec![Effect::PlanRenewal]
}

/// The last steps of a setup (the HTTPS switch and its confirmation) for the
/// certificate already on disk: what continues a setup that was stopped before them.
fn switch_https_on(app: &mut App) -> Vec<Effect> {
    let Some(report) = &app.status else {
        return vec![];
    };
    let Some(domain) = report.domain.clone() else {
        return vec![];
    };
    if !report.project.other_folders.is_empty() {
        show_error(app, strings::not_switched_other_install());
        return vec![];
    }
    let spec = RunSpec {
        domain: domain.clone(),
        mode: Mode::Production,
        upgrade_urls: true,
        steps: vec![
            crate::core::run::Step::SwitchHttps,
            crate::core::run::Step::ConfirmHttps,
        ],
        play_failure: false,
        import: None,
    };
    app.run = Some(RunState::new(domain, Mode::Production));
    go(app, Screen::Run);
    vec![Effect::StartRun(spec)]
}

/// Enter on the import screen: the next field; on the last (the chain, which may stay
/// empty, or the key's passphrase once asked for) the check.
fn import_next(app: &mut App) -> Vec<Effect> {
    use super::app::ImportField;
    use super::msg::ImportSource;
    let source = |field: ImportField| {
        if let Some(text) = app.import.pasted(field) {
            return Some(ImportSource::Pasted(text.clone()));
        }
        let input = match field {
            ImportField::Cert => &app.import.cert,
            ImportField::Key => &app.import.key,
            _ => &app.import.chain,
        };
        let v = input.value().trim();
        (!v.is_empty()).then(|| ImportSource::Path(std::path::PathBuf::from(v)))
    };
    let (cert, key, chain) = (
        source(ImportField::Cert),
        source(ImportField::Key),
        source(ImportField::Chain),
    );
    if !app.import.on_last() {
        app.import.focus = app.import.moved(1);
        return vec![];
    }
    let passphrase = app
        .import
        .needs_passphrase
        .then(|| super::msg::Passphrase(app.import.passphrase.value().to_string()));
    match cert {
        Some(cert) => {
            app.import.refused.clear();
            app.busy = Some(strings::busy_checking_import());
            vec![Effect::PlanImport {
                cert,
                // None for a .pfx/.p12 bundle (it carries its key); else the check says
                // the key file is missing.
                key,
                chain,
                passphrase,
            }]
        }
        None => {
            app.import.refused = vec![strings::import_enter_files()];
            app.import.focus = ImportField::Cert;
            vec![]
        }
    }
}

/// Enter on the checked import: the run that installs it (then confirms what nginx
/// serves), as `dify-https import` runs it.
fn start_import(app: &mut App) -> Vec<Effect> {
    let Some(plan) = app.import.plan.take() else {
        return vec![];
    };
    // The passphrase and pasted keys did their work: not kept.
    app.import.passphrase = Default::default();
    app.import.pasted = Default::default();
    let mut steps = vec![crate::core::run::Step::InstallCertificate];
    steps.push(crate::core::run::Step::ConfirmHttps);
    let spec = RunSpec {
        domain: plan.domain.clone(),
        mode: Mode::Production,
        upgrade_urls: true,
        steps,
        play_failure: false,
        import: Some(super::msg::ImportToRun(plan.job.clone())),
    };
    let mut run = RunState::new(plan.domain.clone(), Mode::Production);
    run.renew = true;
    run.import = true;
    app.run = Some(run);
    go(app, Screen::Run);
    vec![Effect::StartRun(spec)]
}

/// The run screen for a renewal (the dashboard's `r`, or a finished install whose
/// renewal is due).
fn start_renewal(app: &mut App, plan: crate::core::run::RenewalPlan) -> Vec<Effect> {
    let spec = RunSpec {
        domain: plan.domain.clone(),
        mode: Mode::Production,
        upgrade_urls: false,
        steps: plan.steps,
        play_failure: false,
        import: None,
    };
    let mut run = RunState::new(plan.domain, Mode::Production);
    run.renew = true;
    app.run = Some(run);
    go(app, Screen::Run);
    vec![Effect::StartRun(spec)]
}

/// How often the dashboard asks for a fresh report, and the log screen rereads the log.
const REFRESH: std::time::Duration = std::time::Duration::from_secs(5);

/// Asks for a fresh report (or log) now; the next is due a refresh interval later.
fn refresh(app: &mut App, effect: Effect) -> Vec<Effect> {
    app.status_asked = Some(app.now);
    app.refreshing = true;
    vec![effect]
}

fn on_tick(app: &mut App) -> Vec<Effect> {
    // One refresh at a time: with a wedged Docker daemon the first never answers, and
    // asking again every 5 s would only pile up waiting queries.
    let due = !app.refreshing
        && app
            .status_asked
            .is_none_or(|t| app.now.saturating_duration_since(t) >= REFRESH);
    match app.screen {
        Screen::Dashboard if due => refresh(app, Effect::RefreshStatus),
        Screen::Logs if due => refresh(app, Effect::LoadLog),
        _ => vec![],
    }
}

/// Scrolls the log to `back` lines above the newest; at 0 it follows new lines again.
fn scroll_log(run: &mut RunState, back: usize) {
    run.scroll_back = back;
    run.follow = back == 0;
}

fn go(app: &mut App, screen: Screen) {
    app.screen = screen;
    app.scroll = 0;
    app.banner = None;
}

/// The input and the error line of a text field.
fn field_mut(app: &mut App, field: Field) -> (&mut tui_input::Input, &mut Option<String>) {
    match field {
        Field::Domain => (&mut app.domain, &mut app.errors.domain),
        Field::Email => (&mut app.email, &mut app.errors.email),
        Field::Options => (&mut app.options, &mut app.errors.options),
    }
}

/// Passes a key to a text field; an edit clears the field's error.
fn type_into(app: &mut App, key: KeyEvent, field: Field) {
    let (input, error) = field_mut(app, field);
    if input
        .handle_event(&Event::Key(key))
        .is_some_and(|c| c.value)
    {
        *error = None;
    }
}

/// A paste: on the import screen a PEM block is kept as the field's content; anywhere
/// else (and a path on the import screen) its first line is typed into the field.
fn on_paste(app: &mut App, text: &str) {
    if app.dialog.is_some() || app.busy.is_some() {
        return;
    }
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let type_line = |input: &mut tui_input::Input| {
        for c in line.chars() {
            input.handle(tui_input::InputRequest::InsertChar(c));
        }
    };
    match app.screen {
        Screen::Import if app.import.plan.is_none() => {
            let focus = app.import.focus;
            if text.contains("-----BEGIN ") && focus != super::app::ImportField::Passphrase {
                app.import.set_pasted(focus, Some(text.to_string()));
                *app.import.input_mut(focus) = tui_input::Input::default();
            } else {
                app.import.set_pasted(focus, None);
                type_line(app.import.input_mut(focus));
            }
        }
        Screen::Domain => type_line(&mut app.domain),
        Screen::Email => type_line(&mut app.email),
        Screen::Mode => type_line(&mut app.options),
        _ => {}
    }
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if let Some(dialog) = app.dialog.clone() {
        return on_dialog_key(app, key, dialog);
    }
    // The key overlay closes with any key.
    if app.keys_shown {
        app.keys_shown = false;
        return vec![];
    }
    let action = keys::action_for(app, &key);
    // While work is in progress only quitting is taken (the run screen is always live).
    if app.busy.is_some() && app.screen != Screen::Run && action != Some(Action::Quit) {
        return vec![];
    }
    match action {
        Some(action) => act(app, action),
        // On the fields a key that does nothing else is typed.
        None => {
            match app.screen {
                Screen::Domain => type_into(app, key, Field::Domain),
                Screen::Email => type_into(app, key, Field::Email),
                Screen::Mode => type_into(app, key, Field::Options),
                Screen::Import if app.import.plan.is_none() => {
                    let focus = app.import.focus;
                    let _ = app.import.input_mut(focus).handle_event(&Event::Key(key));
                }
                _ => {}
            }
            vec![]
        }
    }
}

/// Does what a key of the table stands for.
fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => request_quit(app),
        Action::Leave => app.should_quit = true,
        Action::ShowKeys => app.keys_shown = true,
        Action::ScrollUp
        | Action::ScrollDown
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => scroll(app, action),
        Action::Start if app.folder.env_status == EnvStatus::Present => go(app, Screen::Domain),
        Action::Start => {}
        Action::UseSettings => {
            if let Ok(request) = app.answers().check() {
                app.busy = Some(strings::busy_preparing());
                return vec![Effect::BuildPlan(request)];
            }
        }
        Action::CreateEnv => {
            app.busy = Some(strings::busy_creating_env());
            return vec![Effect::CreateEnv];
        }
        Action::BackToDashboard => {
            go(app, Screen::Dashboard);
            return refresh(app, Effect::RefreshStatus);
        }
        Action::Next => return next(app),
        Action::Back => back(app),
        Action::ModeUp | Action::ModeDown => {
            let index = Mode::ALL.iter().position(|m| *m == app.mode).unwrap_or(0);
            app.mode = if action == Action::ModeUp {
                Mode::ALL[index.saturating_sub(1)]
            } else {
                Mode::ALL[(index + 1).min(Mode::ALL.len() - 1)]
            };
        }
        Action::Apply => {
            if let Some((file, plan)) = app.plan.clone() {
                app.banner = None;
                app.busy = Some(strings::busy_writing_env());
                return vec![Effect::Apply(file, plan)];
            }
        }
        Action::ToggleUrlUpgrade => toggle_url_upgrade(app),
        Action::RunNow => {
            if let Some((_, plan)) = &app.plan {
                app.busy = Some(strings::busy_preflight());
                return vec![Effect::PrepareRun(plan.clone())];
            }
        }
        // The demo plays its recorded failure straight away (no checks to pass).
        Action::PlayFailure => {
            let mut effects = start_run(app, false);
            for effect in &mut effects {
                if let Effect::StartRun(spec) = effect {
                    spec.play_failure = true;
                }
            }
            return effects;
        }
        Action::RunChecked => {
            let failed = failed_checks(app);
            if failed == 0 {
                return proceed_to_run(app);
            }
            show_error(app, strings::checks_failed(failed));
        }
        Action::CheckAgain => {
            if let Some((_, plan)) = &app.plan {
                app.busy = Some(strings::busy_checking());
                return vec![Effect::PrepareRun(plan.clone())];
            }
        }
        Action::RunAnyway => app.dialog = Some(Dialog::ConfirmOverride(failed_checks(app))),
        Action::StopRun => {
            if app
                .run
                .as_ref()
                .is_some_and(|r| r.is_running() && !r.stopping)
            {
                app.dialog = Some(Dialog::ConfirmStopRun);
            }
        }
        Action::LogUp
        | Action::LogDown
        | Action::LogPageUp
        | Action::LogPageDown
        | Action::LogOldest
        | Action::LogFollow
        | Action::ToggleDetails => {
            if let Some(run) = app.run.as_mut() {
                scroll_run_log(run, action);
            }
        }
        Action::Retry => return retry(app),
        Action::Schedule => return plan_schedule(app),
        Action::HttpsOn => return switch_https_on(app),
        Action::OpenImport if app.demo => demo_note(app, &strings::demo_import()),
        Action::OpenImport => {
            app.import = super::app::ImportForm {
                back_to: Some(app.screen),
                ..Default::default()
            };
            go(app, Screen::Import);
        }
        Action::FieldDown => app.import.focus = app.import.moved(1),
        Action::FieldUp => app.import.focus = app.import.moved(-1),
        Action::ImportNow => return start_import(app),
        Action::Repair if app.demo => demo_note(app, &strings::demo_repair()),
        Action::Repair => {
            app.busy = Some(strings::busy_planning_repair());
            return vec![Effect::PlanRepair];
        }
        Action::Renew if app.demo => demo_note(app, &strings::demo_renew()),
        Action::Renew => return start_renew(app),
        Action::OpenLog => {
            // The newest lines first in view: the scroll clamps to the end.
            go(app, Screen::Logs);
            app.scroll = usize::MAX;
            return refresh(app, Effect::LoadLog);
        }
        Action::OpenWizard => go(app, Screen::Folder),
    }
    vec![]
}

fn failed_checks(app: &App) -> usize {
    app.preflight.as_ref().map_or(0, |p| {
        p.checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count()
    })
}

/// Scrolls the screen's content within the bounds the last render recorded.
fn scroll(app: &mut App, action: Action) {
    let max = app.scroll_max.get();
    let now = app.scroll.min(max);
    app.scroll = match action {
        Action::ScrollUp => now.saturating_sub(1),
        Action::ScrollDown => (now + 1).min(max),
        Action::PageUp => now.saturating_sub(PAGE),
        Action::PageDown => (now + PAGE).min(max),
        Action::Top => 0,
        _ => max,
    };
}

/// The run log: scrolled by shown lines; at 0 it follows new lines again.
fn scroll_run_log(run: &mut RunState, action: Action) {
    let newest = run.shown_len().saturating_sub(1);
    let back = match action {
        Action::LogUp => run.scroll_back.saturating_add(1).min(newest),
        Action::LogDown => run.scroll_back.saturating_sub(1),
        Action::LogPageUp => run.scroll_back.saturating_add(PAGE).min(newest),
        Action::LogPageDown => run.scroll_back.saturating_sub(PAGE),
        Action::LogOldest => newest,
        // The shown lines change with the details: follow the newest again.
        Action::ToggleDetails => {
            run.verbose = !run.verbose;
            0
        }
        _ => 0,
    };
    scroll_log(run, back);
}

/// After a failure (fixed meanwhile) or a stop: the run again from the step that did
/// not finish.
fn retry(app: &mut App) -> Vec<Effect> {
    let Some(run) = app.run.as_ref().filter(|r| r.can_retry()) else {
        return vec![];
    };
    let spec = RunSpec {
        domain: run.domain.clone(),
        mode: run.mode,
        upgrade_urls: app
            .plan
            .as_ref()
            .is_some_and(|(_, p)| p.request.upgrade_urls),
        steps: run.steps_to_retry(),
        play_failure: false,
        import: None,
    };
    let mut again = RunState::new(run.domain.clone(), run.mode);
    again.renew = run.renew;
    again.import = run.import;
    app.run = Some(again);
    app.banner = None;
    vec![Effect::StartRun(spec)]
}

/// Esc on the fields, the mode, the review and the checklist: one screen back.
fn back(app: &mut App) {
    match app.screen {
        Screen::Domain => go(app, Screen::Folder),
        Screen::Email => go(app, Screen::Domain),
        Screen::Mode => go(app, Screen::Email),
        Screen::Review => {
            app.plan = None;
            go(app, Screen::Mode);
        }
        Screen::Checks => go(app, Screen::Applied),
        Screen::Import if app.import.plan.is_some() => {
            app.import.plan = None;
            app.scroll = 0;
        }
        Screen::Import => {
            let to = app.import.back_to.unwrap_or(Screen::Folder);
            go(app, to);
        }
        _ => {}
    }
}

/// Enter on a field (checked, then on) or on the mode (the change is prepared).
fn next(app: &mut App) -> Vec<Effect> {
    if app.screen == Screen::Import {
        return import_next(app);
    }
    let field = match app.screen {
        Screen::Domain => Field::Domain,
        Screen::Email => Field::Email,
        Screen::Mode => return review(app),
        _ => return vec![],
    };
    let next = if field == Field::Domain {
        Screen::Email
    } else {
        Screen::Mode
    };
    // Internal names are for a private CA, named with --server at the Mode step
    // (after these): accepted here, judged with the options at the Mode step, which
    // sends the user back with the reason if --server is missing.
    let internal = validate::is_internal_name(app.domain.value().trim());
    let scope = match (field, internal) {
        (Field::Domain, _) | (_, true) => validate::Scope::CustomCa,
        _ => validate::Scope::of_options(app.options.value()),
    };
    let (input, error) = field_mut(app, field);
    let checked = match field {
        Field::Domain => validate::domain(input.value(), scope),
        _ => validate::email(input.value(), scope),
    };
    match checked {
        Ok(_) => {
            *error = None;
            go(app, next);
        }
        Err(e) => *error = Some(e),
    }
    vec![]
}

/// The answers checked together, then the change prepared for the Review; a field
/// that needs fixing is shown with the reason.
fn review(app: &mut App) -> Vec<Effect> {
    match app.answers().check() {
        Ok(request) => {
            app.errors = Default::default();
            app.busy = Some(strings::busy_preparing());
            vec![Effect::BuildPlan(request)]
        }
        Err(errors) => {
            app.errors = Default::default();
            for (field, message) in errors {
                match field {
                    Field::Domain => app.errors.domain = Some(message),
                    Field::Email => app.errors.email = Some(message),
                    Field::Options => app.errors.options = Some(message),
                }
            }
            // Send the user to the first field that needs fixing.
            if app.errors.domain.is_some() {
                app.screen = Screen::Domain;
            } else if app.errors.email.is_some() {
                app.screen = Screen::Email;
            }
            vec![]
        }
    }
}

/// `u` on the Review: the public URLs' upgrade on or off, said either way.
fn toggle_url_upgrade(app: &mut App) {
    if let Some((_, plan)) = &mut app.plan {
        let upgrades = plan
            .urls
            .iter()
            .filter(|f| matches!(f.verdict, UrlVerdict::Upgrade(_)))
            .count();
        // Say what the key did, also when there is nothing for it to do.
        let text = if upgrades == 0 {
            strings::no_url_to_upgrade(&plan.request.domain)
        } else {
            plan.request.upgrade_urls = !plan.request.upgrade_urls;
            plan.on_https = plan.request.https_changes(&plan.after_document());
            strings::urls_upgraded(upgrades, plan.request.upgrade_urls, &plan.request.domain)
        };
        app.banner = Some(Banner {
            error: false,
            note: upgrades == 0,
            text,
        });
    }
}
