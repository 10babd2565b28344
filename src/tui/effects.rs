//! Carrying out effects. Each runs to completion and reports through `emit` (once,
//! or many times for a run); the runtime runs them on worker threads, tests inline.

use crate::tr;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use time::OffsetDateTime;

use super::app::{Applied, SUMMARY_KEYS, SchedulePlan};
use super::app::{FolderSummary, Preflight};
use super::msg::{Effect, Msg, RunSpec};
use super::run_state::RunEnd;
use super::strings;
use crate::core::applied::repair;
use crate::core::compose::project_name;
use crate::core::compose::{ComposeCommand, detect};
use crate::core::dify::DifyFolder;
use crate::core::doctor::{DoctorInput, Network, Resolver, run_checks};
use crate::core::envfile::{EnvDocument, EnvFile, StoreError};
use crate::core::logs::last_lines;
use crate::core::logs::sanitize_line;
use crate::core::remedy::Remedy;
use crate::core::run::{Cancel, RunContext, RunError, staging_certificate_in_the_way, start_run};
use crate::core::schedule;
use crate::core::setup::{EnvPlan, already_set_up, next_steps_after};
use crate::core::status::{StatusOptions, StatusReport, build_report};

/// What effects need from the outside world.
pub struct EffectContext {
    pub folder: DifyFolder,
    /// How the folder is named on screen.
    pub label: String,
    /// `--compose` / `DIFY_HTTPS_COMPOSE`.
    pub compose_override: Option<String>,
    pub now: fn() -> OffsetDateTime,
    /// The process environment, as compose would see it.
    pub env: fn(&str) -> Option<String>,
    /// How long nginx may take to answer after it was (re)created.
    pub nginx_wait: Duration,
    /// Added to every compose call (tests point a compose double at its scenario).
    pub compose_env: Vec<(String, String)>,
    /// The running run's stop switch.
    pub cancel: Mutex<Option<Cancel>>,
    /// DNS for the preflight checks (tests answer with a stub).
    pub resolver: Box<dyn Resolver + Send + Sync>,
    /// Connections to nginx's ports for the preflight checks (tests answer with a stub:
    /// what runs on this machine's port 80 never changes a test).
    pub network: Box<dyn Network + Send + Sync>,
    /// The compose command, found once (finding it runs `docker compose version`).
    pub compose_found: OnceLock<Result<ComposeCommand, String>>,
    /// Where the renewal schedule goes (`None`: this host, `/`; tests give a folder).
    pub schedule_root: Option<std::path::PathBuf>,
    /// `--demo`: runs play a recording, the dashboard reads only the folder; nothing is
    /// contacted and nothing outside the demo folder is touched.
    pub demo: bool,
}

impl EffectContext {
    /// The compose command: `--compose`, else the one found on this machine.
    fn compose(&self) -> Result<ComposeCommand, String> {
        self.compose_found
            .get_or_init(|| detect(self.compose_override.as_deref()).map_err(|e| e.to_string()))
            .clone()
    }

    /// `.env` as it is on disk now (empty when it cannot be read).
    fn current_env(&self) -> EnvDocument {
        EnvFile::read(&self.folder.env_path())
            .map(|f| f.document().clone())
            .unwrap_or_else(|_| EnvDocument::parse(""))
    }

    /// A message for the screen: the folder is named by its label, as everywhere else.
    fn shown(&self, text: String) -> String {
        let root = self.folder.root().display().to_string();
        text.replace(&root, &self.label)
    }
}

pub fn perform(effect: Effect, ctx: &EffectContext, emit: &mut dyn FnMut(Msg)) {
    match effect {
        Effect::PlanSchedule => emit(Msg::SchedulePlanned(plan_schedule(ctx).map(Box::new))),
        Effect::InstallSchedule(plan) => {
            let host = ctx.schedule_root.is_none();
            let root = ctx.schedule_root.clone().unwrap_or_else(|| "/".into());
            emit(Msg::ScheduleInstalled(
                schedule::install(&root, host, &plan.job, plan.kind, &plan.files, &mut |a| {
                    schedule::run_systemctl(a)
                })
                .map_err(|e| strings::cannot_install_schedule(&e.to_string())),
            ))
        }
        Effect::PlanRepair => emit(Msg::RepairPlanned(
            EnvFile::read(&ctx.folder.env_path())
                .map_err(|e| e.to_string())
                .and_then(|file| {
                    repair::plan(&ctx.folder, &file)
                        .map(Box::new)
                        .map_err(|r| strings::repair_refused(&r))
                })
                .map_err(|e| ctx.shown(e)),
        )),
        Effect::ApplyRepair(plan) => emit(Msg::RepairApplied(
            apply_repair(ctx, &plan).map_err(|e| ctx.shown(e)),
        )),
        Effect::CreateEnv => emit(Msg::EnvCreated(
            ctx.folder
                .create_env_from_example()
                .map_err(|e| strings::cannot_create_env(&e.to_string()))
                .and_then(|path| EnvFile::read(&path).map_err(|e| e.to_string()))
                .map(|file| {
                    (
                        folder_summary(&ctx.folder, ctx.label.clone(), Some(&file), &ctx.env),
                        file,
                    )
                })
                .map_err(|e| ctx.shown(e)),
        )),
        Effect::BuildPlan(request) => emit(Msg::PlanBuilt(
            EnvFile::read(&ctx.folder.env_path())
                .map_err(|e| e.to_string())
                .and_then(|file| {
                    let plan =
                        EnvPlan::build(&ctx.folder, &file, request).map_err(|e| e.to_string())?;
                    Ok((file, Box::new(plan)))
                })
                .map_err(|e| ctx.shown(e)),
        )),
        Effect::Apply(file, plan) => emit(Msg::Applied(
            apply(&file, &plan, ctx).map_err(|e| ctx.shown(e)),
        )),
        Effect::PrepareRun(_) if ctx.demo => emit(Msg::RunPrepared(demo_preflight())),
        Effect::PrepareRun(plan) => emit(Msg::RunPrepared(preflight(ctx, &plan))),
        Effect::StartRun(spec) => run(ctx, spec, emit),
        Effect::PlanImport {
            cert,
            key,
            chain,
            passphrase,
        } => emit(Msg::ImportPlanned(
            plan_import(
                ctx,
                &cert,
                key.as_ref(),
                chain.as_ref(),
                passphrase.as_ref().map(|p| p.0.as_str()),
            )
            .map_err(|mut refused| {
                refused.lines = refused.lines.into_iter().map(|l| ctx.shown(l)).collect();
                refused
            }),
        )),
        Effect::RefreshStatus => emit(Msg::StatusReady(Box::new(status_report(ctx)))),
        Effect::PlanRenewal => emit(Msg::RenewalPlanned(crate::core::run::plan_renewal_for(
            &ctx.folder,
            &ctx.current_env(),
            &ctx.env,
        ))),
        Effect::LoadLog => emit(Msg::LogLoaded(
            last_lines(&ctx.folder.letsencrypt_log(), LOG_SCREEN_LINES).map_err(|e| {
                ctx.shown(strings::cannot_read(
                    &ctx.folder.letsencrypt_log().display().to_string(),
                    &e.to_string(),
                ))
            }),
        )),
        Effect::CancelRun => {
            if let Some(cancel) = ctx.cancel.lock().expect("cancel lock").as_ref() {
                cancel.cancel();
            }
        }
    }
}

fn apply(file: &EnvFile, plan: &EnvPlan, ctx: &EffectContext) -> Result<Applied, String> {
    let (backup_name, owner_warning) = if plan.is_noop() {
        (None, None)
    } else {
        let report = plan.write(file, (ctx.now)()).map_err(|e| match e {
            StoreError::ChangedOnDisk { .. } => {
                format!(
                    "{e}. {}",
                    super::strings::remedy(&Remedy::ReviewAgainstDisk)
                )
            }
            e => e.to_string(),
        })?;
        let name = report
            .backup
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        (name, report.owner_warning)
    };
    Ok(Applied {
        backup_name,
        owner_warning,
        next_steps: next_steps_after(plan, ctx.compose().ok().as_ref(), &ctx.env)
            .map_err(|e| e.to_string())?,
    })
}

/// The doctor's checks and the staging check, before a run.
fn preflight(ctx: &EffectContext, plan: &EnvPlan) -> Preflight {
    let request = &plan.request;
    let doc = ctx.current_env();
    let input = DoctorInput {
        compose_env: ctx.compose_env.clone(),
        now: (ctx.now)().into(),
        network: ctx.network.as_ref(),
        ..DoctorInput::for_folder(
            &ctx.folder,
            &doc,
            &ctx.env,
            ctx.compose(),
            ctx.resolver.as_ref(),
        )
    };
    Preflight {
        already: already_set_up(&ctx.folder, plan, (ctx.now)()),
        checks: run_checks(&input)
            .into_iter()
            .map(|mut c| {
                c.message = ctx.shown(c.message);
                c.remedy = c.remedy.map(|r| match r {
                    Remedy::Text(h) => Remedy::Text(ctx.shown(h)),
                    r => r,
                });
                c
            })
            .collect(),
        staging_issuer: staging_certificate_in_the_way(&ctx.folder, request).map(|c| c.issuer),
    }
}

/// The demo checks nothing on this machine: its checklist says what a real run checks.
fn demo_preflight() -> Preflight {
    Preflight {
        already: None,
        checks: vec![crate::core::doctor::Check {
            id: "demo",
            status: crate::core::doctor::CheckStatus::Ok,
            message: strings::demo_checks(),
            remedy: None,
        }],
        staging_issuer: None,
    }
}

/// Writes a reviewed repair (refused when `.env` changed since the review), then asks
/// compose what nginx needs: the steps that follow, and what to say.
fn apply_repair(
    ctx: &EffectContext,
    plan: &repair::RepairPlan,
) -> Result<(String, Vec<crate::core::run::Step>), String> {
    let file = EnvFile::read(&ctx.folder.env_path()).map_err(|e| e.to_string())?;
    if file.original_text() != plan.before {
        return Err(strings::repair_stale());
    }
    let report = repair::write(plan, &file, (ctx.now)()).map_err(|e| e.to_string())?;
    let backup = report
        .backup
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nginx = match ctx.compose() {
        Ok(compose) => {
            let after = EnvDocument::parse(&plan.after);
            let profiles =
                crate::core::compose::profiles_with_certbot(&after, &ctx.env).unwrap_or_default();
            repair::nginx_after_repair(&compose, &ctx.folder, &profiles, &ctx.compose_env, plan)
        }
        Err(_) => repair::NginxAfterRepair::NotRunning,
    };
    let steps = repair::steps_after(plan, nginx);
    Ok((strings::repair_written(&backup, !steps.is_empty()), steps))
}

/// Lines the log screen shows.
const LOG_SCREEN_LINES: usize = 1000;

/// The schedule `s` would install here, or why it cannot be done from this session.
fn plan_schedule(ctx: &EffectContext) -> Result<SchedulePlan, String> {
    let host = ctx.schedule_root.is_none();
    if host && !rustix::process::geteuid().is_root() {
        return Err(strings::schedule_needs_root());
    }
    let kind = schedule::default_kind(host).ok_or(strings::no_scheduler())?;
    let doc = ctx.current_env();
    let project = project_name(&ctx.folder, &doc, &ctx.env);
    let job =
        schedule::Job::for_folder(&ctx.folder, &project, ctx.compose_override.as_deref(), None)
            .map_err(|e| strings::binary_not_found(&e.to_string()))?;
    let minute = (std::process::id() % 60) as u8;
    Ok(SchedulePlan {
        files: job.files(kind, minute).map_err(|e| e.to_string())?,
        job,
        kind,
    })
}

/// Whether the folder holds a certificate for its domain (read from disk only).
pub fn certificate_on_disk(ctx: &EffectContext) -> bool {
    let doc = ctx.current_env();
    let options = StatusOptions {
        probe_served: false,
        ..StatusOptions::default()
    };
    build_report(&ctx.folder, &doc, &ctx.env, (ctx.now)(), &options)
        .certificate
        .is_some()
}

/// The dashboard's report for the folder as it is now.
pub fn status_report(ctx: &EffectContext) -> StatusReport {
    let doc = ctx.current_env();
    if ctx.demo {
        // The folder as the demo run left it: no compose, no probe, no DNS.
        let options = StatusOptions {
            probe_served: false,
            schedule_root: ctx.schedule_root.clone(),
            ..StatusOptions::default()
        };
        return build_report(&ctx.folder, &doc, &ctx.env, (ctx.now)(), &options);
    }
    let options = StatusOptions {
        compose: ctx.compose().ok(),
        compose_env: ctx.compose_env.clone(),
        schedule_root: Some(ctx.schedule_root.clone().unwrap_or_else(|| "/".into())),
        ..StatusOptions::default()
    };
    build_report(&ctx.folder, &doc, &ctx.env, (ctx.now)(), &options)
}

fn run(ctx: &EffectContext, spec: RunSpec, emit: &mut dyn FnMut(Msg)) {
    if ctx.demo {
        return play_demo(ctx, spec, emit);
    }
    let compose = match ctx.compose() {
        Ok(c) => c,
        Err(e) => return emit(Msg::RunEnded(RunEnd::NotStarted(e.to_string()))),
    };
    let run_ctx = RunContext {
        env: ctx.env,
        nginx_wait: ctx.nginx_wait,
        now: ctx.now,
        compose_env: ctx.compose_env.clone(),
        ..RunContext::new(ctx.folder.clone(), compose, spec.domain.clone())
            .for_setup(spec.mode, spec.upgrade_urls)
    };
    let mut run_ctx = run_ctx;
    let mut steps = spec.steps;
    if let Some(import) = spec.import {
        // A stopped stack is left stopped: its next start loads the files.
        let stack_running = crate::core::compose::stack_runs(
            &run_ctx.compose,
            ctx.folder.root(),
            &ctx.current_env(),
            &ctx.env,
            &ctx.compose_env,
        );
        run_ctx.import = Some(crate::core::run::ImportRun {
            job: import.0,
            stack_running,
        });
        // The steps `dify-https import` runs, for the stack as it is.
        steps = crate::core::import::import_steps(stack_running);
    }
    let cancel = Cancel::default();
    *ctx.cancel.lock().expect("cancel lock") = Some(cancel.clone());
    let run = start_run(run_ctx, steps, cancel);
    for event in run.events.iter() {
        emit(Msg::Run(event));
    }
    let result = run.wait();
    *ctx.cancel.lock().expect("cancel lock") = None;
    emit(Msg::RunEnded(run_end(result)));
}

/// Reads the files named on the import screen and checks them as `dify-https import`
/// does (the same plan); a refusal comes back as the lines to show.
fn plan_import(
    ctx: &EffectContext,
    cert: &super::msg::ImportSource,
    key: Option<&super::msg::ImportSource>,
    chain: Option<&super::msg::ImportSource>,
    passphrase: Option<&str>,
) -> Result<Box<crate::core::import::ImportPlan>, super::msg::ImportRefused> {
    use super::msg::ImportRefused;
    let refused = |lines: Vec<String>| ImportRefused {
        lines,
        needs_passphrase: false,
    };
    use super::msg::ImportSource;
    use crate::core::files::{Links, SMALL_FILE_LIMIT, read_bounded};
    use crate::core::import::{ImportInput, ImportRefusal, MaterialError, Weight};
    use crate::i18n::import_words;
    let read = |source: &ImportSource| match source {
        ImportSource::Path(path) => read_bounded(path, SMALL_FILE_LIMIT, Links::Follow)
            .map_err(|e| refused(vec![e.to_string()])),
        ImportSource::Pasted(text) => Ok(text.clone().into_bytes()),
    };
    // How a source is named in words: its path, or what was pasted.
    let named = |source: Option<&ImportSource>| match source {
        Some(ImportSource::Path(p)) => p.clone(),
        _ => std::path::PathBuf::from(strings::import::pasted_text()),
    };
    let cert_bytes = read(cert)?;
    // A .pfx/.p12 bundle carries its key: the key field may stay empty then.
    let key_bytes = key.map(read).transpose()?.unwrap_or_default();
    let chain_bytes = chain.map(read).transpose()?;
    let (cert, key, chain) = (
        named(Some(cert)),
        named(key.or(Some(cert))),
        chain.map(|c| named(Some(c))),
    );
    let (cert, key, chain) = (cert.as_path(), key.as_path(), chain.as_deref());
    let file = EnvFile::read(&ctx.folder.env_path()).map_err(|e| refused(vec![e.to_string()]))?;
    let input = ImportInput {
        cert: &cert_bytes,
        key: &key_bytes,
        chain: chain_bytes.as_deref(),
        domain: None,
        upgrade_urls: true,
        passphrase,
    };
    crate::core::import::plan(&ctx.folder, file.document(), &input, (ctx.now)())
        .map(Box::new)
        .map_err(|refusal| match refusal {
            ImportRefusal::Material(e) => ImportRefused {
                lines: vec![import_words::material(&e, cert, key, chain)],
                needs_passphrase: matches!(
                    e,
                    MaterialError::EncryptedKey
                        | MaterialError::WrongPassphrase
                        | MaterialError::Pkcs12NeedsPassphrase
                ),
            },
            ImportRefusal::NoDomain { names } => {
                refused(vec![strings::import_no_domain(&names.join(", "))])
            }
            ImportRefusal::BadDomain(why) | ImportRefusal::Env(why) => refused(vec![why]),
            ImportRefusal::Checks(checked) => {
                let mut lines = Vec::new();
                for f in checked
                    .findings
                    .iter()
                    .filter(|f| f.weight() == Weight::Refusal)
                {
                    let (what, fix) = import_words::finding(f);
                    lines.push(what);
                    lines.extend(fix);
                }
                refused(lines)
            }
        })
}

fn run_end(result: Result<(), RunError>) -> RunEnd {
    match result {
        Ok(()) => RunEnd::Succeeded,
        Err(RunError::Failed { step, .. }) => RunEnd::Failed { step },
        Err(RunError::Cancelled { step }) => RunEnd::Cancelled { step },
        Err(RunError::Busy(why)) => RunEnd::NotStarted(why),
        Err(e @ RunError::Crashed) => RunEnd::NotStarted(e.to_string()),
    }
}

/// The demo's run: a recording plays through the same messages a run sends.
fn play_demo(ctx: &EffectContext, spec: RunSpec, emit: &mut dyn FnMut(Msg)) {
    use crate::demo::playback::{DemoRun, Playback, play};
    let cancel = Cancel::default();
    *ctx.cancel.lock().expect("cancel lock") = Some(cancel.clone());
    let playback = if spec.play_failure {
        Playback::ChallengeFails
    } else {
        Playback::Works
    };
    let run = DemoRun {
        folder: &ctx.folder,
        domain: &spec.domain,
        upgrade_urls: spec.upgrade_urls,
        now: (ctx.now)(),
    };
    let result = play(playback, &run, &spec.steps, &cancel, &mut |event| {
        emit(Msg::Run(event))
    });
    *ctx.cancel.lock().expect("cancel lock") = None;
    emit(Msg::RunEnded(run_end(result)));
}

/// What the first screen shows about `folder`, read from disk. `vars` is the
/// environment compose would see (it may name the project).
pub fn folder_summary(
    folder: &DifyFolder,
    label: String,
    env: Option<&EnvFile>,
    vars: &dyn Fn(&str) -> Option<String>,
) -> FolderSummary {
    let doc = env.map(EnvFile::document);
    let mut notes = Vec::new();
    if let Some(doc) = doc {
        for (key, lines) in doc.duplicates() {
            if SUMMARY_KEYS.contains(&key.as_str())
                || key.starts_with("NGINX_")
                || key.starts_with("CERTBOT_")
            {
                let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                notes.push(tr!(
                    "tui-effects-key-is-set-on-lines",
                    key,
                    lines = (lines.join(", ")).to_string()
                ));
            }
        }
        for (line, why) in doc.invalid_lines() {
            notes.push(tr!("tui-effects-env-line-line-why", line, why));
        }
    }
    for s in folder.stray_certbot_values() {
        notes.push(tr!(
            "tui-effects-in-never-reaches-the-certbot",
            key = (s.key).to_string(),
            value = (s.value).to_string(),
            file = (s.file.display()).to_string()
        ));
    }
    FolderSummary {
        label,
        compose_file: folder
            .compose_file()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        env_status: folder.env_status(),
        env_lines: env.map_or(0, |f| f.original_text().lines().count()),
        layout: doc.map(|d| folder.layout(d)),
        current: SUMMARY_KEYS
            .iter()
            .map(|k| {
                (
                    k.to_string(),
                    doc.and_then(|d| d.literal(k)).map(sanitize_line),
                )
            })
            .collect(),
        // What the file says is shown, never obeyed by the terminal.
        notes: notes.iter().map(|n| sanitize_line(n)).collect(),
        project: project_name(folder, doc.unwrap_or(&EnvDocument::parse("")), vars),
    }
}
