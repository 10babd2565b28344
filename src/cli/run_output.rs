//! Running a plan from the command line: the executor works on a thread, this prints
//! its events as they arrive, and Ctrl-C (pressed twice) stops it.

use crate::tr;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::Failure;
use super::strings::run as S;
use crate::core::certificate::read_chain_file;
use crate::core::logs::{Level, LevelFilter};
use crate::core::run::recording::Recorder;
use crate::core::run::{
    Cancel, LineSource, RunContext, RunError, RunEvent, Step, StepOutcome, start_run,
};
use crate::core::schedule;

/// How much a run prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Every step, command, output line and log line, as they happen.
    Live,
    /// For schedules (cron mails every output): nothing when nothing changed and all
    /// is well; one summary line when the certificate was renewed; on a failure, a
    /// short report on stderr.
    Quiet,
}

/// Runs `steps`; prints progress on stdout. Exit code 0 done, 1 failed, 130 stopped.
pub fn execute(ctx: RunContext, steps: Vec<Step>) -> Result<ExitCode, Failure> {
    execute_with(ctx, steps, Output::Live)
}

/// [`execute`] with the given output.
pub fn execute_with(
    ctx: RunContext,
    steps: Vec<Step>,
    output: Output,
) -> Result<ExitCode, Failure> {
    let live = ctx.folder.live_dir(&ctx.domain).join("fullchain.pem");
    let fingerprint = || {
        read_chain_file(&live)
            .ok()
            .map(|c| (c.fingerprint_sha256, c.not_after))
    };
    let before = fingerprint();
    let mut recorder = recorder(&ctx)?;
    let folder = ctx.folder.clone();
    let compose = ctx.compose.clone();
    // Each Ctrl-C (SIGINT) sets `presses`: once warns, twice stops. SIGTERM (kill,
    // timeout, systemd), SIGHUP (the terminal or SSH session went away) and SIGQUIT
    // stop at once: nobody is there to press twice. Either way the run's process group
    // is ended and an HTTPS switch it made is undone.
    let presses = Arc::new(AtomicUsize::new(0));
    let stop_now = Arc::new(AtomicUsize::new(0));
    let listen = |sig, flag: &Arc<AtomicUsize>| {
        signal_hook::flag::register_usize(sig, Arc::clone(flag), 1)
            .map(|_| ())
            .map_err(|e| Failure::runtime(S::cannot_listen(&e)))
    };
    listen(signal_hook::consts::SIGINT, &presses)?;
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGQUIT,
    ] {
        listen(sig, &stop_now)?;
    }
    let cancel = Cancel::default();
    let run = start_run(ctx, steps, cancel.clone());
    // Quiet: the run's lines are kept, shown only when it fails.
    let mut out: Box<dyn Write> = match output {
        Output::Live => Box::new(io::stdout().lock()),
        Output::Quiet => Box::new(Vec::<u8>::new()),
    };
    let mut kept = Vec::new();
    let mut total = 0;
    let mut warned_at: Option<Instant> = None;
    let mut last_countdown = u64::MAX;
    // certbot's DEBUG records (HTTP dumps) stay in its log; `dify-https logs` shows them.
    let mut log_filter = LevelFilter::new(Level::Info);
    loop {
        let event = run.events.recv_timeout(Duration::from_millis(100));
        if let (Some(r), Ok(event)) = (recorder.as_mut(), &event) {
            r.record(event)
                .map_err(|e| Failure::runtime(S::cannot_record(&e)))?;
        }
        match event {
            Ok(RunEvent::Line {
                source: LineSource::Log,
                text,
            }) if !log_filter.keep(&text) => {}
            Ok(event) if output == Output::Quiet => {
                print_event(&mut kept, &event, &mut total, &mut last_countdown)
            }
            Ok(event) => print_event(&mut out, &event, &mut total, &mut last_countdown),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if stop_now.swap(0, Ordering::SeqCst) > 0 && !cancel.is_cancelled() {
            writeln!(out, "{}", S::stopping_signal()).ok();
            cancel.cancel();
        }
        // Ctrl-C once: warn; again within 5 s: stop the run.
        if presses.load(Ordering::SeqCst) > 0 {
            presses.store(0, Ordering::SeqCst);
            match warned_at {
                Some(t) if t.elapsed() < Duration::from_secs(5) => {
                    writeln!(out, "{}", S::stopping()).ok();
                    cancel.cancel();
                }
                _ => {
                    writeln!(out, "{}", S::press_again()).ok();
                    warned_at = Some(Instant::now());
                }
            }
        }
        out.flush().ok();
    }
    let result = run.wait();
    if output == Output::Quiet {
        let (code, mut run) = quiet_summary(&result, &kept, before, fingerprint());
        // What was last sent to the webhooks carries over.
        run.notified = schedule::last_run(&folder).and_then(|p| p.notified);
        // The outcome is on disk before anyone is told (status reads it); failing to
        // write it never fails the renewal itself.
        let keep = |run: &schedule::LastRun| {
            if let Err(e) = schedule::record(&folder, run) {
                eprintln!("{}", S::could_not_record_run(&e));
            }
        };
        keep(&run);
        let targets = schedule::notify::targets(&folder);
        if targets.is_empty() {
            return Ok(code);
        }
        // Then tell the webhooks, on a thread this one waits for with the signals
        // still heard: TERM (systemd's stop, a timeout) ends the wait at once.
        let (tx, rx) = mpsc::channel();
        let lang = crate::i18n::current();
        let mut told = run.clone();
        let notify_folder = folder.clone();
        std::thread::spawn(move || {
            crate::i18n::set_thread(lang);
            let report = status_for_notice(&notify_folder, compose);
            schedule::notify::after_run(
                &mut told,
                &report,
                &targets,
                &host_name(),
                time::OffsetDateTime::now_utc(),
                &super::remedies::words,
            );
            let _ = tx.send(told);
        });
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(told) => {
                    keep(&told);
                    return Ok(code);
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(code),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
            if stop_now.load(Ordering::SeqCst) > 0 || presses.load(Ordering::SeqCst) > 0 {
                run.notify_error = Some(tr!("notify-stopped-by-signal"));
                eprintln!("{}", tr!("notify-stopped-by-signal"));
                keep(&run);
                return Ok(ExitCode::from(143));
            }
        }
    }
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(RunError::Cancelled { step }) => {
            writeln!(out, "{}", S::stopped_during(&step.title())).ok();
            Ok(ExitCode::from(130))
        }
        Err(RunError::Failed { step, .. }) => Err(Failure::runtime(S::step_failed(&step.title()))),
        Err(RunError::Busy(why)) => Err(Failure::runtime(S::busy(&why))),
        Err(e @ RunError::Crashed) => Err(Failure::runtime(e.to_string())),
    }
}

/// A scheduled run that refuses to renew (`why`, on stderr): recorded as refused, and
/// told to the webhooks as the incident the status shows (once, then a daily reminder,
/// as any bad verdict). Exit 1.
pub fn quiet_refusal(
    folder: &crate::core::dify::DifyFolder,
    compose: Option<crate::core::compose::ComposeCommand>,
    why: String,
) -> ExitCode {
    eprintln!("{}", S::quiet_failure(&why));
    let mut run = schedule::LastRun {
        at: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        outcome: schedule::Outcome::Refused,
        message: why,
        notified: schedule::last_run(folder).and_then(|p| p.notified),
        notify_error: None,
        reminded: schedule::last_run(folder).and_then(|p| p.reminded),
    };
    let keep = |run: &schedule::LastRun| {
        if let Err(e) = schedule::record(folder, run) {
            eprintln!("{}", S::could_not_record_run(&e));
        }
    };
    keep(&run);
    let targets = schedule::notify::targets(folder);
    if !targets.is_empty() {
        let report = status_now(folder, compose);
        schedule::notify::after_run(
            &mut run,
            &report,
            &targets,
            &host_name(),
            time::OffsetDateTime::now_utc(),
            &super::remedies::words,
        );
        keep(&run);
    }
    ExitCode::from(1)
}

/// The status as `status` judges it now (compose asked when there is one).
pub fn status_now(
    folder: &crate::core::dify::DifyFolder,
    compose: Option<crate::core::compose::ComposeCommand>,
) -> crate::core::status::StatusReport {
    match compose {
        Some(c) => status_for_notice(folder, c),
        None => crate::core::status::build_report(
            folder,
            &crate::core::envfile::EnvFile::read(&folder.env_path())
                .map(|f| f.document().clone())
                .unwrap_or_else(|_| crate::core::envfile::EnvDocument::parse("")),
            &|k| std::env::var(k).ok(),
            time::OffsetDateTime::now_utc(),
            &crate::core::status::StatusOptions::default(),
        ),
    }
}

/// `DIFY_HTTPS_RECORD_RUN=<file>`: the run's events with their timing, as JSON lines
/// (the demo's runs were recorded this way from a real issuance).
fn recorder(ctx: &RunContext) -> Result<Option<Recorder>, Failure> {
    let Some(path) = std::env::var_os("DIFY_HTTPS_RECORD_RUN") else {
        return Ok(None);
    };
    Recorder::create(path.as_ref(), ctx.folder.root(), &ctx.domain)
        .map(Some)
        .map_err(|e| Failure::runtime(S::cannot_record_into(std::path::Path::new(&path), &e)))
}

/// The status after a scheduled run, as `status` would judge it (nginx probed, compose
/// asked), for the webhooks.
fn status_for_notice(
    folder: &crate::core::dify::DifyFolder,
    compose: crate::core::compose::ComposeCommand,
) -> crate::core::status::StatusReport {
    let doc = crate::core::envfile::EnvFile::read(&folder.env_path())
        .map(|f| f.document().clone())
        .unwrap_or_else(|_| crate::core::envfile::EnvDocument::parse(""));
    let options = crate::core::status::StatusOptions {
        compose: Some(compose),
        schedule_root: Some(std::path::PathBuf::from("/")),
        ..Default::default()
    };
    crate::core::status::build_report(
        folder,
        &doc,
        &|k| std::env::var(k).ok(),
        time::OffsetDateTime::now_utc(),
        &options,
    )
}

/// This host's name, for messages (the kernel's node name).
pub fn host_name() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}

/// What `--quiet` says at the end (nothing, one line, or a failure report on stderr),
/// and the record of the run.
fn quiet_summary(
    result: &Result<(), RunError>,
    kept: &[u8],
    before: Option<(String, time::OffsetDateTime)>,
    after: Option<(String, time::OffsetDateTime)>,
) -> (ExitCode, schedule::LastRun) {
    let at = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let record = |outcome, message: String| schedule::LastRun {
        at: at.clone(),
        outcome,
        message,
        notified: None,
        notify_error: None,
        reminded: None,
    };
    match result {
        Ok(()) => {
            if let Some((fp, expires)) = after
                && before.as_ref().map(|b| &b.0) != Some(&fp)
            {
                let message = S::renewed(&expires.date().to_string(), &fp[..23]);
                println!("{message}");
                return (
                    ExitCode::SUCCESS,
                    record(schedule::Outcome::Renewed, message),
                );
            }
            (
                ExitCode::SUCCESS,
                record(schedule::Outcome::NotDue, S::nothing_due()),
            )
        }
        Err(e) => {
            let what = match e {
                RunError::Failed { step, .. } => S::quiet_failed(&step.title()),
                RunError::Cancelled { step } => S::quiet_stopped(&step.title()),
                RunError::Busy(why) => why.clone(),
                RunError::Crashed => e.to_string(),
            };
            eprintln!("{}", S::quiet_failure(&what));
            let text = String::from_utf8_lossy(kept);
            let lines: Vec<&str> = text.lines().collect();
            for line in &lines[lines.len().saturating_sub(15)..] {
                eprintln!("{line}");
            }
            eprintln!("{}", S::more());
            (ExitCode::from(1), record(schedule::Outcome::Failed, what))
        }
    }
}

fn print_event(
    out: &mut impl Write,
    event: &RunEvent,
    total: &mut usize,
    last_countdown: &mut u64,
) {
    match event {
        RunEvent::Planned(steps) => {
            *total = steps.len();
            writeln!(out, "{}", tr!("cli-run-plan")).ok();
            for (i, s) in steps.iter().enumerate() {
                writeln!(out, "  {}. {}", i + 1, s.title()).ok();
            }
        }
        RunEvent::Started { index, step } => {
            writeln!(out, "[{}/{}] {}", index + 1, total, step.title()).ok();
        }
        RunEvent::Command(cmd) => {
            writeln!(out, "  $ {cmd}").ok();
        }
        RunEvent::Line { source, text } => {
            let mark = match source {
                LineSource::Compose => "  | ",
                LineSource::Log => "  log| ",
                LineSource::Note => &tr!("cli-run-note-mark"),
            };
            writeln!(out, "{mark}{text}").ok();
        }
        RunEvent::Countdown(left) => {
            if *left == 0 || *left / 30 != *last_countdown / 30 {
                writeln!(out, "{}", tr!("cli-run-countdown", left = *left)).ok();
            }
            *last_countdown = *left;
        }
        RunEvent::Finished {
            elapsed, outcome, ..
        } => {
            let secs = format!("{:.1}", elapsed.as_secs_f32());
            match outcome {
                StepOutcome::Succeeded { note: Some(note) } => {
                    writeln!(out, "{}", tr!("cli-run-done-note", secs, note)).ok()
                }
                StepOutcome::Succeeded { note: None } => {
                    writeln!(out, "{}", tr!("cli-run-done", secs)).ok()
                }
                StepOutcome::Skipped { why } => {
                    writeln!(out, "{}", tr!("cli-run-skipped", why)).ok()
                }
                StepOutcome::Cancelled => {
                    writeln!(out, "{}", tr!("cli-run-stopped-after", secs)).ok()
                }
                StepOutcome::Failed { error, diagnosis } => {
                    writeln!(out, "{}", tr!("cli-run-failed-after", secs, error)).ok();
                    if let Some(d) = diagnosis {
                        for line in &d.evidence {
                            writeln!(out, "    > {line}").ok();
                        }
                        writeln!(
                            out,
                            "{}",
                            tr!("cli-run-fix", fix = super::remedies::words(&d.fix))
                        )
                        .ok()
                    } else {
                        None
                    }
                }
            };
        }
    }
}
