//! The event loop: reads keys and signals on their own threads, runs effects on
//! worker threads, and draws after every message. The terminal is restored on every
//! way out: normal quit, error, panic (ratatui's hook), SIGTERM, SIGHUP, SIGINT.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::Instant;

use anyhow::{Context, bail};
use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use super::app::App;
use super::effects::{EffectContext, perform};
use super::msg::Msg;
use super::update::update;
use super::view;

/// Restores the terminal when dropped, whatever path leaves the loop.
struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        // The terminal may be gone (SSH link dropped): nothing more to do then.
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
        bail!(
            "the wizard needs a terminal; for scripts use `dify-https setup --domain ... --email ... --env-only`"
        );
    }
    let (tx, rx) = mpsc::channel::<Msg>();
    let signals =
        Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]).context("cannot listen for signals")?;
    let signal_handle = signals.handle();
    spawn_signal_reader(signals, tx.clone());

    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let guard = RestoreOnDrop;
    spawn_input_reader(tx.clone());
    let size = terminal.size()?;
    app.viewport = (size.width, size.height);

    let ctx = Arc::new(ctx);
    let mut workers = Vec::new();
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
            let (tx, ctx) = (tx.clone(), Arc::clone(&ctx));
            workers.push(thread::spawn(move || {
                perform(effect, &ctx, &mut |m| {
                    let _ = tx.send(m);
                });
            }));
        }
    }
    drop(guard);
    signal_handle.close();
    // A write that started finishes before we exit: it is atomic, but a temp file
    // would be left behind if the process died mid-way.
    for w in workers {
        let _ = w.join();
    }
    Ok((exit, app))
}

fn spawn_input_reader(tx: Sender<Msg>) {
    thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
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
