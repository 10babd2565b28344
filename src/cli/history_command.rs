//! `dify-https history` and `dify-https undo`: the `.env` backups every write leaves,
//! and putting one back through the same diff, conflict check and atomic write.

use crate::tr;
use std::io::Write;
use std::process::ExitCode;

use time::OffsetDateTime;

use super::args::{HistoryArgs, UndoArgs};
use super::prompt::approve;
use super::strings::history as S;
use super::{Failure, open_env, run_output};
use crate::core::compose::{detect, profiles_with_certbot};
use crate::core::diff::{diff_lines, unified_text};
use crate::core::dify::{DifyFolder, nginx_start_problem};
use crate::core::envfile::EnvDocument;
use crate::core::envfile::history::{
    Backup, KeyDifferences, find_backup, list_backups, read_backup,
};
use crate::core::logs::sanitize_text;
use crate::core::run::{RunContext, Step};

pub fn history(folder: &DifyFolder, args: &HistoryArgs) -> Result<ExitCode, Failure> {
    let file = open_env(folder, false, false)?;
    let backups = list_backups(file.path());
    let rows: Vec<(Backup, Result<KeyDifferences, String>)> = backups
        .into_iter()
        .map(|b| {
            let diff = read_backup(&b.path)
                .map(|text| KeyDifferences::between(&EnvDocument::parse(&text), file.document()))
                .map_err(|e| e.to_string());
            (b, diff)
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if args.json {
        let items: Vec<serde_json::Value> = rows
            .iter()
            .map(|(b, d)| {
                serde_json::json!({
                    "name": b.name(),
                    "path": b.path,
                    "taken": stamp(b.taken),
                    "differs_in": d.as_ref().map(KeyDifferences::keys).ok(),
                    "error": d.as_ref().err(),
                })
            })
            .collect();
        let doc = serde_json::json!({ "env": file.path(), "backups": items });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        )
        .ok();
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        writeln!(out, "{}", S::no_backups_yet(file.path())).ok();
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}", S::backups_of(file.path())).ok();
    let width = rows.iter().map(|(b, _)| b.name().len()).max().unwrap_or(0);
    for (b, d) in &rows {
        let what = match d {
            Ok(d) if d.is_empty() => S::same_as_now().to_string(),
            Ok(d) => S::differs_in(&d.keys().join(", ")),
            Err(e) => S::unreadable(e),
        };
        writeln!(
            out,
            "  {:width$}  {}  {}",
            b.name(),
            stamp(b.taken),
            sanitize_text(&what)
        )
        .ok();
    }
    writeln!(out, "{}", S::put_one_back()).ok();
    Ok(ExitCode::SUCCESS)
}

fn stamp(t: OffsetDateTime) -> String {
    t.format(time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second] UTC"
    ))
    .unwrap_or_default()
}

pub fn undo(
    folder: DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    args: &UndoArgs,
) -> Result<ExitCode, Failure> {
    let file = open_env(&folder, false, false)?.keeping_backups(keep_backups);
    // The last change was an imported certificate replaced in place (no `.env` write
    // since): undo puts the previous one back.
    if args.backup.is_none()
        && let Some(at) = crate::core::import::replaced_at(&folder)
        && list_backups(file.path())
            .first()
            .is_none_or(|newest| newest.taken <= at)
    {
        return super::import_command::undo_replacement(
            folder,
            compose,
            keep_backups,
            args.yes,
            at,
        );
    }
    let backup = match &args.backup {
        Some(name) => find_backup(file.path(), name)
            .ok_or_else(|| Failure::usage(S::not_a_backup(name, file.path())))?,
        None => list_backups(file.path())
            .into_iter()
            .next()
            .ok_or_else(|| Failure::usage(S::nothing_to_put_back(file.path())))?,
    };
    let text = read_backup(&backup.path).map_err(|e| Failure::usage(e.to_string()))?;
    let restored = EnvDocument::parse(&text);
    let differences = KeyDifferences::between(&restored, file.document());
    if text == file.original_text() {
        println!("{}", S::already_same(file.path(), &backup.name()));
        return Ok(ExitCode::SUCCESS);
    }
    // Never a .env that Dify's nginx cannot start with.
    if let Some(p) = nginx_start_problem(&folder, &restored) {
        return Err(Failure::usage(S::nginx_would_not_start(
            &backup.name(),
            &p.missing,
        )));
    }
    println!(
        "{}",
        S::putting_back(&backup.name(), &stamp(backup.taken), file.path())
    );
    if differences.is_empty() {
        println!("{}", S::only_layout());
    } else {
        println!("{}", S::keys_that_change(&differences.keys().join(", ")));
    }
    print!(
        "{}",
        sanitize_text(&unified_text(&diff_lines(file.original_text(), &text, 1)))
    );
    approve(&S::put_back_question(), args.yes, &S::env_unchanged())?;
    let report = file
        .write(&text, OffsetDateTime::now_utc())
        .map_err(|e| Failure::runtime(e.to_string()))?;
    println!(
        "{}",
        S::wrote(
            &report.path,
            &report
                .backup
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        )
    );
    if let Some(w) = report.owner_warning {
        eprintln!("{}", super::strings::setup::warning(&w));
    }
    if differences.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let services = services_reading(&differences.keys());
    println!("{}", S::must_be_recreated(&services));
    let compose = match detect(compose) {
        Ok(c) => c,
        Err(e) => {
            println!("{}", S::recreate_by_hand(folder.root(), &e));
            return Ok(ExitCode::SUCCESS);
        }
    };
    // A stack that is not running is left so: its next start reads the file (a
    // recreate here would start, and pull, everything).
    let profiles = profiles_with_certbot(&restored, &|k| std::env::var(k).ok()).unwrap_or_default();
    let running = crate::core::compose::running_services(&compose, folder.root(), &profiles, &[])
        // When compose cannot say, the recreate is tried (and says why it fails).
        .map_or(true, |s| !s.is_empty());
    if !running {
        println!("{}", tr!("cli-stack-not-running"));
        return Ok(ExitCode::SUCCESS);
    }
    if args.no_recreate
        || approve(&S::recreate_question(), args.yes, &S::nothing_recreated()).is_err()
    {
        println!(
            "{}",
            S::not_recreated(
                &compose
                    .invocation(folder.root(), &profiles, &["up", "-d"])
                    .display()
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    let domain = restored
        .resolve("CERTBOT_DOMAIN", &|k| std::env::var(k).ok())
        .ok()
        .flatten()
        .unwrap_or_default();
    let mut ctx = RunContext::new(folder, compose, domain);
    ctx.keep_backups = keep_backups;
    run_output::execute(ctx, vec![Step::RecreateChanged])
}

/// Which of Dify's containers read `keys`, in words.
fn services_reading(keys: &[String]) -> String {
    let mut services: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !services.contains(&s) {
            services.push(s);
        }
    };
    for key in keys {
        if key.starts_with("NGINX_") || key.starts_with("EXPOSE_NGINX_") {
            add("nginx".into());
        } else if key.starts_with("CERTBOT_") {
            add("certbot".into());
        } else {
            add(S::other_services());
        }
    }
    services.join(", ")
}
