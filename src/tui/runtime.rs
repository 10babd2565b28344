//! The event loop: reads keys and signals on their own threads, runs effects on
//! worker threads, and draws after every message. The terminal is restored on every
//! way out: normal quit, error, panic (ratatui's hook), SIGTERM, SIGHUP, SIGINT.

use crate::tr;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use super::app::App;
use super::effects::{EffectContext, perform};
use super::msg::{Effect, Msg, Waiting};
use super::run_state::RunEnd;
use super::strings;
use super::update::update;
use super::view;
use std::panic::AssertUnwindSafe;

/// Restores the terminal when dropped, whatever path leaves the loop.
struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        // The terminal may be gone (SSH link dropped): nothing more to do then.
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableBracketedPaste
        );
        ratatui::restore();
    }
}

/// How the loop ended.
pub enum Exit {
    Quit,
    Signal,
}

pub fn run_loop(mut app: App, ctx: EffectContext) -> anyhow::Result<(Exit, App)> {
    if !std::io::stdout().is_terminal() {
        bail!(super::strings::needs_a_terminal());
    }
    let (tx, rx) = mpsc::channel::<Msg>();
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .context(tr!("tui-runtime-cannot-listen-for-signals"))?;
    let signal_handle = signals.handle();
    spawn_signal_reader(signals, tx.clone());

    let mut terminal =
        ratatui::try_init().context(tr!("tui-runtime-cannot-set-up-the-terminal"))?;
    // ratatui's hook restores the terminal on a panic; a worker's panic is caught and
    // reported on screen instead, so the screen stays as it is for those.
    let restore_on_panic = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(WORKER_PREFIX));
        if !worker {
            restore_on_panic(info);
        }
    }));
    let guard = RestoreOnDrop;
    // A paste arrives whole (a PEM block pasted on the import screen, a domain into its
    // field), not as keys that would press Enter at each line end.
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    );
    spawn_input_reader(tx.clone());
    let size = terminal.size()?;
    app.viewport = (size.width, size.height);

    let ctx = Arc::new(ctx);
    let workers = Workers::start(&ctx, &tx);
    // What is due at once (the dashboard's first report) is asked for before the first draw.
    for effect in update(&mut app, Msg::Tick, Instant::now()) {
        workers.send(effect, &ctx);
    }
    let mut exit = Exit::Quit;
    while !app.should_quit {
        terminal.draw(|frame| view::render(&app, frame))?;
        // While a run goes, time passes on screen (elapsed times, spinner).
        let msg = if let Some(tick) = app.tick_interval() {
            match rx.recv_timeout(tick) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) => Msg::Tick,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        } else {
            let Ok(msg) = rx.recv() else { break };
            msg
        };
        if matches!(msg, Msg::Terminate) {
            exit = Exit::Signal;
            // A run in progress is stopped, not abandoned: its child processes go too.
            if let Some(cancel) = ctx.cancel.lock().expect("cancel lock").as_ref() {
                cancel.cancel();
            }
        }
        // The runtime is where time comes from: each message is handled at the instant
        // it is taken, so a run's steps start at the right time.
        for effect in update(&mut app, msg, Instant::now()) {
            workers.send(effect, &ctx);
        }
    }
    drop(guard);
    signal_handle.close();
    // Leaving never waits for a status refresh or a compose query (a wedged Docker
    // daemon would hold it forever): they are stopped. A run was stopped above or
    // ended before quitting was allowed.
    if let Some(cancel) = ctx.cancel.lock().expect("cancel lock").as_ref() {
        cancel.cancel();
    }
    crate::core::compose::stop_queries();
    // A stopped run undoes its HTTPS switch before it ends: give it that time, bounded.
    workers.wait_for_run(RUN_STOP_WAIT);
    // A write that started finishes before we exit: it is atomic, but a temp file
    // would be left behind if the process died mid-way.
    workers.wait_for_writes();
    Ok((exit, app))
}

/// The name of the worker threads (their panics are caught and reported).
const WORKER_PREFIX: &str = "dify-https-";

/// How long leaving waits for a stopped run to undo what it did.
const RUN_STOP_WAIT: Duration = Duration::from_secs(30);

/// One long-lived worker per kind of job: a second job of a kind waits for the first
/// (the dashboard does not ask for a refresh while one is in flight, see `update`).
struct Workers {
    status: Sender<Effect>,
    run: Sender<Effect>,
    files: Sender<Effect>,
    /// Held while the files worker writes (`.env`, the schedule).
    writing: Arc<Mutex<()>>,
    /// Set while a run goes.
    running: Arc<AtomicBool>,
}

impl Workers {
    fn start(ctx: &Arc<EffectContext>, tx: &Sender<Msg>) -> Workers {
        let writing = Arc::new(Mutex::new(()));
        let running = Arc::new(AtomicBool::new(false));
        let lane =
            |name: &str, writing: Option<Arc<Mutex<()>>>, running: Option<Arc<AtomicBool>>| {
                let (effects, jobs) = mpsc::channel::<Effect>();
                let (ctx, tx) = (Arc::clone(ctx), tx.clone());
                let lang = crate::i18n::current();
                thread::Builder::new()
                    .name(format!("{WORKER_PREFIX}{name}"))
                    .spawn(move || {
                        crate::i18n::set_thread(lang);
                        for effect in jobs {
                            let _held = writing
                                .as_ref()
                                .filter(|_| effect.writes())
                                .map(|w| w.lock().expect("write lock"));
                            let waiting = effect.waiting();
                            let run = waiting == Waiting::Run;
                            if let (true, Some(r)) = (run, &running) {
                                r.store(true, Ordering::SeqCst);
                            }
                            // A bug in one job must not take its worker (and every later
                            // job of its kind) down, nor leave the screen waiting for an
                            // answer that never comes: every effect ends with a message.
                            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
                                perform(effect, &ctx, &mut |m| {
                                    let _ = tx.send(m);
                                })
                            }));
                            if let Err(panic) = outcome {
                                let why = panic
                                    .downcast_ref::<&str>()
                                    .map(|s| s.to_string())
                                    .or_else(|| panic.downcast_ref::<String>().cloned())
                                    .unwrap_or_default();
                                let _ = tx.send(if run {
                                    Msg::RunEnded(RunEnd::NotStarted(strings::run_crashed(&why)))
                                } else {
                                    Msg::Crashed(waiting, why)
                                });
                            }
                            if let Some(r) = &running {
                                r.store(false, Ordering::SeqCst);
                            }
                        }
                    })
                    .expect("a worker thread");
                effects
            };
        Workers {
            status: lane("status", None, None),
            run: lane("run", None, Some(Arc::clone(&running))),
            files: lane("files", Some(Arc::clone(&writing)), None),
            writing,
            running,
        }
    }

    fn send(&self, effect: Effect, ctx: &EffectContext) {
        let lane = match effect {
            // Only sets the run's stop switch: at once, whatever the run worker does.
            Effect::CancelRun => return perform(effect, ctx, &mut |_| {}),
            // Reading and checking files: nothing is written.
            Effect::RefreshStatus
            | Effect::LoadLog
            | Effect::PlanRenewal
            | Effect::PlanImport { .. } => &self.status,
            Effect::PrepareRun(_) | Effect::StartRun(_) => &self.run,
            Effect::CreateEnv
            | Effect::BuildPlan(_)
            | Effect::Apply(..)
            | Effect::PlanSchedule
            | Effect::InstallSchedule(_)
            | Effect::PlanRepair
            | Effect::ApplyRepair(_) => &self.files,
        };
        let _ = lane.send(effect);
    }

    /// Returns once no run goes, or after `limit`.
    fn wait_for_run(&self, limit: Duration) {
        let until = Instant::now() + limit;
        while self.running.load(Ordering::SeqCst) && Instant::now() < until {
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Returns once no write is in progress.
    fn wait_for_writes(&self) {
        drop(self.writing.lock());
    }
}

fn spawn_input_reader(tx: Sender<Msg>) {
    thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(_) => continue,
                // The terminal is gone: leave as on a hang-up.
                Err(_) => Msg::Terminate,
            };
            let stop = matches!(msg, Msg::Terminate);
            if tx.send(msg).is_err() || stop {
                return;
            }
        }
    });
}

fn spawn_signal_reader(mut signals: Signals, tx: Sender<Msg>) {
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Msg::Terminate);
        }
    });
}
