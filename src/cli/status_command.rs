//! `dify-https status`: the report as text, JSON, a monitoring check, and a
//! Prometheus textfile.

use crate::tr;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use time::OffsetDateTime;

use super::Failure;
use super::args::StatusArgs;
use super::strings;
use crate::core::compose::detect;
use crate::core::dify::DifyFolder;
use crate::core::envfile::EnvFile;
use crate::core::logs::{sanitize_line, sanitize_text};
use crate::core::status::{
    StatusOptions, Verdict, build_report, prometheus_text, unknown_prometheus_text,
};

pub fn run(
    folder: &DifyFolder,
    compose: Option<&str>,
    args: &StatusArgs,
) -> Result<ExitCode, Failure> {
    // On a terminal, with nothing asked for but the status: the dashboard.
    let plain = !(args.json || args.check || args.prometheus.is_some());
    if plain && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return crate::tui::run(
            folder.clone(),
            compose.map(str::to_string),
            false,
            crate::tui::Start::Dashboard,
            None,
        )
        .map_err(|e| Failure::runtime(format!("{e:#}")));
    }
    if args.crit_days > args.warn_days {
        let why = tr!(
            "cli-status-crit-days-must-not-be",
            crit_days = (args.crit_days).to_string(),
            warn_days = (args.warn_days).to_string()
        );
        return match unknown(args, &why) {
            Err(_) => Err(Failure::usage(why)),
            answered => answered,
        };
    }
    let file = match EnvFile::read(&folder.env_path()) {
        Ok(f) => f,
        // The same fix the doctor gives for a folder without `.env`.
        Err(_) if folder.env_status() != crate::core::dify::EnvStatus::Present => {
            return unknown(args, &strings::no_env(folder.root(), false));
        }
        Err(e) => return unknown(args, &e.to_string()),
    };
    let options = StatusOptions {
        warn_days: args.warn_days,
        crit_days: args.crit_days,
        probe_served: !args.no_probe,
        timeout: Duration::from_secs(3),
        // Asking compose is a probe too; without a compose command it is skipped.
        compose: if args.no_probe {
            None
        } else {
            detect(compose).ok()
        },
        compose_env: vec![],
        schedule_root: Some(
            args.schedule_root
                .clone()
                .unwrap_or_else(|| std::path::PathBuf::from("/")),
        ),
    };
    let report = build_report(
        folder,
        file.document(),
        &|k| std::env::var(k).ok(),
        OffsetDateTime::now_utc(),
        &options,
    );
    if let Some(path) = &args.prometheus
        && let Err(e) = write_atomically(path, &prometheus_text(&report))
    {
        let why = strings::cannot_write(path, &e);
        // The monitoring contract: one line, 0-3.
        return if args.check {
            println!("{}", strings::unknown_line(&why));
            Ok(ExitCode::from(Verdict::Unknown.exit_code()))
        } else {
            Err(Failure::usage(why))
        };
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::to_string_pretty(&report.to_json(&super::remedies::words))
            .map_err(|e| Failure::runtime(e.to_string()))?;
        writeln!(out, "{json}").ok();
    } else if args.check {
        writeln!(out, "{}", sanitize_line(&report.summary())).ok();
    } else {
        write!(out, "{}", sanitize_text(&strings::status_text(&report))).ok();
    }
    Ok(if args.check {
        ExitCode::from(report.verdict.exit_code())
    } else {
        ExitCode::SUCCESS
    })
}

/// No report can be made (the folder is missing, not Dify's, `.env` unreadable): for
/// monitoring, one `UNKNOWN` line and exit 3, and a textfile that says unknown.
pub fn unknown(args: &StatusArgs, why: &str) -> Result<ExitCode, Failure> {
    if let Some(path) = &args.prometheus {
        write_atomically(path, &unknown_prometheus_text())
            .map_err(|e| Failure::runtime(strings::cannot_write(path, &e)))?;
    }
    if args.check {
        // One line, whatever the reason says.
        println!(
            "{}",
            strings::unknown_line(&sanitize_line(why.lines().next().unwrap_or(why)))
        );
        return Ok(ExitCode::from(Verdict::Unknown.exit_code()));
    }
    if args.json {
        // JSON consumers always get JSON: the verdict, and why there is no report.
        let doc = serde_json::json!({
            "verdict": "unknown",
            "reason": why,
            "findings": [],
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    Err(Failure::runtime(why.to_string()))
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename,
/// so a collector never reads half a file.
pub(super) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Only a regular file (replaced) or a new one in an existing folder: never a link,
    // a FIFO or a device.
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(std::io::Error::other(strings::not_a_regular_file(
                &crate::core::files::kind_of(meta.file_type()),
            )));
        }
        Ok(meta) if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 => {
            return Err(std::io::Error::other(strings::hard_linked()));
        }
        _ => {}
    }
    if !dir.is_dir() {
        return Err(std::io::Error::other(strings::no_such_folder(dir)));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".dify-https-")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    use std::os::unix::fs::PermissionsExt;
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
