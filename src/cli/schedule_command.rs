//! `dify-https schedule [install|remove]`: the renewal schedule on this host (or under
//! `--root`), shown before anything is written, replaced rather than duplicated.

use crate::tr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::{ScheduleAction, ScheduleArgs};
use super::prompt::approve;
use super::strings::schedule as S;
use super::{Failure, open_env};
use crate::core::compose::project_name;
use crate::core::dify::DifyFolder;
use crate::core::schedule::{
    self, Job, Kind, SystemdAction, cron_line, installed, notify, remove_files, under, unit_name,
};

pub fn run(
    folder: &DifyFolder,
    compose: Option<&str>,
    args: &ScheduleArgs,
) -> Result<ExitCode, Failure> {
    let file = open_env(folder, false, false)?;
    let project = project_name(folder, file.document(), &|k| std::env::var(k).ok());
    let host = args.root.is_none();
    let root = args.root.clone().unwrap_or_else(|| PathBuf::from("/"));
    match &args.action {
        None => show(folder, &root, host, &project, args.json),
        Some(ScheduleAction::Notify { .. }) => notify_test(folder),
        Some(ScheduleAction::Install {
            systemd,
            cron,
            prometheus,
            notify,
            notify_format,
            yes,
        }) => {
            // Every refusal before anything is written.
            let format: Option<notify::Format> = notify_format
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(Failure::usage)?;
            let targets: Vec<notify::Target> = notify
                .iter()
                .map(|url| {
                    // Refused here, at once, not at the first failed renewal. The URL
                    // itself is never repeated (it carries the webhook's token).
                    if let Err(why) = crate::core::net::WebUrl::parse(url) {
                        return Err(Failure::usage(tr!(
                            "cli-schedule-notify-url-refused",
                            why = why.to_string()
                        )));
                    }
                    Ok(notify::Target {
                        url: url.clone(),
                        format: format.unwrap_or_else(|| notify::Format::for_url(url)),
                    })
                })
                .collect::<Result<_, _>>()?;
            let kind = match (*systemd, *cron, schedule::default_kind(host)) {
                (true, _, _) => Kind::Systemd,
                (_, true, _) => Kind::Cron,
                (_, _, Some(kind)) => kind,
                (_, _, None) => {
                    let job = job(folder, &project, compose, prometheus.clone())?;
                    let line =
                        cron_line(&job, minute()).map_err(|e| Failure::usage(e.to_string()))?;
                    println!("{}", S::no_scheduler(&line));
                    return Ok(ExitCode::SUCCESS);
                }
            };
            need_root(host)?;
            let job = job(folder, &project, compose, prometheus.clone())?;
            let code = install(&root, host, &job, kind, *yes)?;
            if !targets.is_empty() {
                notify::save_targets(folder, &targets)
                    .map_err(|e| Failure::runtime(S::cannot_keep_webhooks(&e)))?;
                for t in &targets {
                    println!(
                        "{}",
                        S::webhook(&format!("{:?}", t.format), &notify::redact(&t.url))
                    );
                }
            }
            Ok(code)
        }
        Some(ScheduleAction::Remove { yes }) => {
            need_root(host)?;
            remove(&root, host, &project, *yes)
        }
    }
}

/// Writing under /etc needs root; nothing is written otherwise.
fn need_root(host: bool) -> Result<(), Failure> {
    if host && !rustix::process::geteuid().is_root() {
        return Err(Failure::usage(S::needs_root()));
    }
    Ok(())
}

/// What a scheduled run runs: this binary, this folder (both absolute).
fn job(
    folder: &DifyFolder,
    project: &str,
    compose: Option<&str>,
    prometheus: Option<PathBuf>,
) -> Result<Job, Failure> {
    Job::for_folder(folder, project, compose, prometheus)
        .map_err(|e| Failure::runtime(S::binary_not_found(&e)))
}

/// A minute of the hour, different from host to host (as certbot's packaging spreads
/// its cron runs), so not every install asks Let's Encrypt at :00.
fn minute() -> u8 {
    use ring::rand::{SecureRandom, SystemRandom};
    let mut b = [0u8; 1];
    let _ = SystemRandom::new().fill(&mut b);
    b[0] % 60
}

/// The user's yes (`--yes` gives it without asking).
fn ask(yes: bool, question: &str) -> Result<(), Failure> {
    approve(question, yes, &S::nothing_changed())
}

fn install(root: &Path, host: bool, job: &Job, kind: Kind, yes: bool) -> Result<ExitCode, Failure> {
    // Every refusal (a value the files cannot carry, a file dify-https did not write in
    // the way) before anything is shown as to be written.
    let files = job
        .files(kind, minute())
        .map_err(|e| Failure::usage(e.to_string()))?;
    if let Some(path) = schedule::foreign_files(root, &files).into_iter().next() {
        return Err(Failure::usage(
            schedule::ScheduleRefused::Foreign { path }.to_string(),
        ));
    }
    let mut out = std::io::stdout().lock();
    let previous = installed(root, &job.project);
    if let Some(p) = &previous {
        writeln!(out, "{}", S::replacing(&job.project, &list(&p.files))).ok();
    }
    for f in &files {
        writeln!(out, "==> {}\n{}", under(root, &f.path).display(), f.text).ok();
    }
    out.flush().ok();
    ask(yes, &S::install_question())?;
    let done = schedule::install(root, host, job, kind, &files, &mut |args| {
        schedule::run_systemctl(args)
    })
    .map_err(|e| Failure::runtime(S::cannot_install(&e)))?;
    writeln!(out, "{done}").ok();
    Ok(ExitCode::SUCCESS)
}

fn remove(root: &Path, host: bool, project: &str, yes: bool) -> Result<ExitCode, Failure> {
    let Some(found) = installed(root, project) else {
        println!("{}", S::nothing_to_remove(project));
        let foreign: Vec<PathBuf> = schedule::all_paths(project)
            .into_iter()
            .map(|(_, p)| p)
            .filter(|p| std::fs::symlink_metadata(under(root, p)).is_ok())
            .collect();
        if !foreign.is_empty() {
            println!("{}", S::left_foreign(&list(&foreign)));
        }
        return Ok(ExitCode::SUCCESS);
    };
    println!("{}", S::removing(&list(&found.files)));
    ask(yes, &S::remove_question())?;
    if host && found.kind == Kind::Systemd {
        for call in SystemdAction::Disable(unit_name(project)).calls() {
            schedule::run_systemctl(&call).map_err(|e| Failure::runtime(e.to_string()))?;
        }
    }
    let (removed, left) =
        remove_files(root, project).map_err(|e| Failure::runtime(S::cannot_remove(&e)))?;
    println!("{}", S::removed(&list(&removed)));
    if !left.is_empty() {
        println!("{}", S::left_foreign(&list(&left)));
    }
    Ok(ExitCode::SUCCESS)
}

fn show(
    folder: &DifyFolder,
    root: &Path,
    host: bool,
    project: &str,
    json: bool,
) -> Result<ExitCode, Failure> {
    let found = installed(root, project);
    let next = found
        .as_ref()
        .filter(|f| host && f.kind == Kind::Systemd)
        .and_then(|_| schedule::next_elapse(project));
    let last = schedule::last_run(folder);
    if json {
        let doc = serde_json::json!({
            "project": project,
            "schedule": found.as_ref().map(|f| serde_json::json!({
                "kind": f.kind,
                "command": f.command,
                "files": f.files,
                "next": next,
                "last": last,
            })),
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    match found {
        None => println!("{}", S::none_installed(project)),
        Some(f) => {
            let systemd = f.kind == Kind::Systemd;
            println!("{}", S::kind(systemd));
            println!("{}", S::files(&list(&f.files)));
            println!("{}", S::runs(&f.command.unwrap_or_default()));
            println!("{}", S::when(systemd));
            if let Some(n) = next {
                println!("{}", S::next(&n));
            }
            println!(
                "{}",
                S::last_run(
                    last.map(|l| (l.at, format!("{:?}", l.outcome), l.message))
                        .as_ref()
                        .map(|(a, o, m)| (a.as_str(), o.as_str(), m.as_str()))
                )
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `schedule notify test`: one message to every webhook, each result said.
fn notify_test(folder: &DifyFolder) -> Result<ExitCode, Failure> {
    let targets = notify::targets(folder);
    if targets.is_empty() {
        return Err(Failure::usage(S::no_webhooks()));
    }
    let message = notify::Message {
        host: super::run_output::host_name(),
        domain: "(test)".into(),
        verdict: "OK".into(),
        days_left: None,
        reason: S::test_message(),
        status_json: serde_json::json!({"test": true}),
    };
    let mut failed = 0;
    for t in &targets {
        match notify::send(t, &message, notify::PER_DELIVERY) {
            Ok(()) => println!("{}", S::sent_to(&notify::redact(&t.url))),
            Err(e) => {
                failed += 1;
                eprintln!("{}", S::not_delivered(&notify::redact(&t.url), &e));
            }
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
