//! `dify-https schedule [install|remove]`: the renewal schedule on this host (or under
//! `--root`), shown before anything is written, replaced rather than duplicated.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::{ScheduleAction, ScheduleArgs};
use super::prompt::approve;
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
                    if !(url.starts_with("https://") || url.starts_with("http://")) {
                        return Err(Failure::usage(format!(
                            "--notify {url}: a webhook URL starts with https:// (or http://)"
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
                    println!(
                        "Neither systemd nor cron runs here. Add this line to root's crontab (`sudo crontab -e`), without the leading \"root\":\n{}",
                        cron_line(&job, minute())
                    );
                    return Ok(ExitCode::SUCCESS);
                }
            };
            need_root(host)?;
            let job = job(folder, &project, compose, prometheus.clone())?;
            let code = install(&root, host, &job, kind, *yes)?;
            if !targets.is_empty() {
                notify::save_targets(folder, &targets)
                    .map_err(|e| Failure::runtime(format!("cannot keep the webhooks: {e}")))?;
                for t in &targets {
                    println!(
                        "Webhook ({:?}): {} — `dify-https schedule notify test` sends a test message",
                        t.format,
                        notify::redact(&t.url)
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
        return Err(Failure::usage(
            "the schedule is written under /etc, which needs root: run it with sudo (nothing was written)"
                .into(),
        ));
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
        .map_err(|e| Failure::runtime(format!("cannot tell where this binary is: {e}")))
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
    approve(question, yes, "nothing was changed")
}

fn install(root: &Path, host: bool, job: &Job, kind: Kind, yes: bool) -> Result<ExitCode, Failure> {
    let files = job.files(kind, minute());
    let mut out = std::io::stdout().lock();
    let previous = installed(root, &job.project);
    if let Some(p) = &previous {
        writeln!(
            out,
            "Replacing the schedule installed for project {}: {}",
            job.project,
            list(&p.files)
        )
        .ok();
    }
    for f in &files {
        writeln!(out, "==> {}\n{}", under(root, &f.path).display(), f.text).ok();
    }
    out.flush().ok();
    ask(yes, "Install this renewal schedule?")?;
    let done = schedule::install(root, host, job, kind, &files, &mut |args| {
        schedule::run_systemctl(args)
    })
    .map_err(|e| Failure::runtime(format!("cannot install the schedule: {e}")))?;
    writeln!(out, "{done}").ok();
    Ok(ExitCode::SUCCESS)
}

fn remove(root: &Path, host: bool, project: &str, yes: bool) -> Result<ExitCode, Failure> {
    let Some(found) = installed(root, project) else {
        println!("No renewal schedule is installed for project {project}: nothing to remove.");
        return Ok(ExitCode::SUCCESS);
    };
    println!("Removing {}", list(&found.files));
    ask(yes, "Remove this renewal schedule?")?;
    if host && found.kind == Kind::Systemd {
        for call in SystemdAction::Disable(unit_name(project)).calls() {
            schedule::run_systemctl(&call).map_err(|e| Failure::runtime(e.to_string()))?;
        }
    }
    let removed = remove_files(root, project)
        .map_err(|e| Failure::runtime(format!("cannot remove the schedule: {e}")))?;
    println!("Removed {}", list(&removed));
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
        None => println!(
            "No renewal schedule is installed for project {project}: nothing here renews the certificate. `sudo dify-https schedule install` adds one."
        ),
        Some(f) => {
            println!(
                "Kind          {}",
                match f.kind {
                    Kind::Systemd => "systemd timer",
                    Kind::Cron => "cron",
                }
            );
            println!("Files         {}", list(&f.files));
            println!("Runs          {}", f.command.unwrap_or_default());
            println!(
                "When          twice a day, after 0:00 and 12:00 ({})",
                match f.kind {
                    Kind::Systemd => "spread over an hour",
                    Kind::Cron => "at a fixed minute",
                }
            );
            if let Some(n) = next {
                println!("Next          {n}");
            }
            match last {
                Some(l) => println!("Last run      {} {:?}: {}", l.at, l.outcome, l.message),
                None => println!("Last run      none yet"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `schedule notify test`: one message to every webhook, each result said.
fn notify_test(folder: &DifyFolder) -> Result<ExitCode, Failure> {
    let targets = notify::targets(folder);
    if targets.is_empty() {
        return Err(Failure::usage(
            "no webhooks are configured: add them with `schedule install --notify URL`".into(),
        ));
    }
    let message = notify::Message {
        host: super::run_output::host_name(),
        domain: "(test)".into(),
        verdict: "OK".into(),
        days_left: None,
        reason: "a test message from `dify-https schedule notify test`: this webhook works".into(),
        status_json: serde_json::json!({"test": true}),
    };
    let mut failed = 0;
    for t in &targets {
        match notify::send(t, &message, std::time::Duration::from_secs(10)) {
            Ok(()) => println!("sent to {}", notify::redact(&t.url)),
            Err(e) => {
                failed += 1;
                eprintln!("not delivered to {}: {e}", notify::redact(&t.url));
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
