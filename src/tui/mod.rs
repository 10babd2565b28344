//! The interactive front end: state + messages + render, over the core.
//!
//! * [`app`]: the state; [`msg`]: messages and effects;
//! * [`update`]: the pure state transition;
//! * [`effects`]: carrying out effects (file writes, compose detection);
//! * [`view`]: drawing the state; [`runtime`]: the terminal and event loop.

pub mod app;
pub mod effects;
pub mod keys;
pub mod msg;
pub mod run_state;
mod runtime;
pub mod strings;
pub mod summary;
pub mod theme;
pub mod update;
pub mod view;

use std::process::ExitCode;

use time::OffsetDateTime;

use crate::core::dify::{DifyFolder, EnvStatus};
use crate::core::envfile::EnvFile;
use app::App;
use effects::EffectContext;
use theme::Theme;

/// Where the TUI opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The dashboard when a certificate exists, else the wizard.
    Auto,
    /// The dashboard, certificate or not (`dify-https status` on a terminal).
    Dashboard,
}

/// The first screen for a folder with a `.env`: the dashboard when a certificate exists
/// (or when asked for), else the wizard. Only the folder is read here: the dashboard's
/// report (compose, the served certificate) comes from its worker, so a stuck Docker
/// daemon never holds the first screen.
pub fn open_on(app: App, ctx: &EffectContext, start: Start) -> App {
    if start == Start::Dashboard || effects::certificate_on_disk(ctx) {
        app.with_dashboard()
    } else {
        app
    }
}

/// Opens the TUI on `folder`.
pub fn run(
    folder: DifyFolder,
    compose_override: Option<String>,
    demo: bool,
    start: Start,
    note: Option<String>,
) -> anyhow::Result<ExitCode> {
    let label = folder.root().display().to_string();
    let env = match folder.env_status() {
        EnvStatus::Present => Some(EnvFile::read(&folder.env_path())?),
        _ => None,
    };
    let summary = effects::folder_summary(&folder, label.clone(), env.as_ref(), &|k| {
        std::env::var(k).ok()
    });
    let theme = Theme::from_env(&|k| std::env::var(k).ok());
    let mut app = App::new(summary, env.as_ref().map(EnvFile::document), theme, demo);
    // The demo's schedule goes into its own temporary folder, never under /etc.
    let demo_schedule_root = demo.then(|| {
        let root = folder.root();
        root.parent().unwrap_or(root).join("schedule-root")
    });
    let ctx = EffectContext {
        folder,
        label: label.clone(),
        compose_override,
        now: OffsetDateTime::now_utc,
        env: |k| std::env::var(k).ok(),
        nginx_wait: std::time::Duration::from_secs(60),
        compose_env: vec![],
        cancel: std::sync::Mutex::new(None),
        resolver: Box::new(crate::core::doctor::SystemResolver),
        network: Box::new(crate::core::doctor::HostNetwork),
        compose_found: std::sync::OnceLock::new(),
        schedule_root: demo_schedule_root,
        demo,
    };
    if env.is_some() {
        app = open_on(app, &ctx, start);
    }
    // Why the language asked for is not spoken (LANG=C), where it can be read.
    if let Some(text) = note {
        app.banner = Some(app::Banner {
            error: false,
            note: true,
            text,
        });
    }
    let folder_for_summary = ctx.folder.clone();
    let (exit, app) = runtime::run_loop(app, ctx)?;
    // The alternate screen is gone: what happened stays in the normal terminal.
    for line in summary::exit_summary(&app, &folder_for_summary) {
        println!("{}", crate::core::logs::sanitize_line(&line));
    }
    if demo {
        eprintln!("{}", strings::demo_folder_kept(&label));
    }
    Ok(match exit {
        runtime::Exit::Quit => ExitCode::SUCCESS,
        runtime::Exit::Signal => ExitCode::from(130),
    })
}
