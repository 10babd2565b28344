//! `dify-https backup` and `dify-https restore`: the certificates and their settings
//! in one archive, and back, checked whole before anything is touched.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use time::OffsetDateTime;

use super::args::{BackupArgs, RestoreArgs};
use super::prompt::approve;
use super::{Failure, open_env, run_output};
use crate::core::backup::{
    BackupError, ConfState, apply, conf_state, create_backup, default_archive_name, inspect,
    manifest_for,
};
use crate::core::compose::detect;
use crate::core::diff::{diff_lines, unified_text};
use crate::core::dify::{DifyFolder, nginx_start_problem};
use crate::core::envfile::ChangeSet;
use crate::core::logs::sanitize_text;
use crate::core::run::{RunContext, restore_steps};

fn env_var(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

pub fn backup(folder: &DifyFolder, cwd: &Path, args: &BackupArgs) -> Result<ExitCode, Failure> {
    let file = open_env(folder, false, false)?;
    let now = OffsetDateTime::now_utc();
    let manifest = manifest_for(folder, file.document(), &env_var, now);
    if manifest.domain.is_empty() {
        return Err(Failure::usage(BackupError::NoDomain.to_string()));
    }
    if manifest.certificate.is_none() {
        let path = folder.live_dir(&manifest.domain).join("fullchain.pem");
        return Err(Failure::usage(
            BackupError::NoCertificate {
                path,
                why: "missing or not a certificate".into(),
            }
            .to_string(),
        ));
    }
    let out = match &args.out {
        Some(p) if p.is_absolute() => p.clone(),
        Some(p) => cwd.join(p),
        None => cwd.join(default_archive_name(&manifest.domain, now)),
    };
    let report =
        create_backup(&folder.certbot_conf_dir(), manifest, &out).map_err(|e| match e {
            BackupError::Exists { .. } | BackupError::Unexpected { .. } => {
                Failure::usage(e.to_string())
            }
            e => Failure::runtime(e.to_string()),
        })?;
    let cert = report.manifest.certificate.as_ref().expect("checked above");
    println!(
        "Wrote {} (mode 0600: it holds the private keys; keep it as safe as the server)",
        report.path.display()
    );
    println!(
        "  {} ({}), expires {}, SHA-256 {}",
        report.manifest.domain,
        cert.names.join(", "),
        cert.not_after.get(..10).unwrap_or(&cert.not_after),
        cert.fingerprint_sha256
    );
    println!(
        "  {} entries of {}, and {} .env settings",
        report.entries,
        folder.certbot_conf_dir().display(),
        report.manifest.env.len()
    );
    println!(
        "On the new server: `dify-https restore {}` in Dify's docker/ folder.",
        report
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn restore(
    folder: DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    cwd: &Path,
    args: &RestoreArgs,
) -> Result<ExitCode, Failure> {
    let archive = if args.file.is_absolute() {
        args.file.clone()
    } else {
        cwd.join(&args.file)
    };
    // Every check of the archive comes first: a refusal touches nothing.
    let inspected = inspect(&archive).map_err(|e| {
        Failure::usage(format!(
            "{} refused: {e}. Nothing was changed",
            archive.display()
        ))
    })?;
    let file = open_env(&folder, args.yes, true)?.keeping_backups(keep_backups);
    let doc = file.document();
    let mut changes = ChangeSet::default();
    for (key, value) in &inspected.manifest.env {
        // HTTPS goes on through the switch below, once the files are in place.
        if key != "NGINX_HTTPS_ENABLED" && doc.literal(key) != Some(value.as_str()) {
            changes.push(key.clone(), value.clone());
        }
    }
    let after = doc
        .with_changes(&changes)
        .map_err(|e| Failure::usage(format!("{e}. Nothing was changed")))?;
    let compose = if args.no_switch {
        None
    } else {
        Some(detect(compose).map_err(|e| {
            Failure::usage(format!(
                "{e}. Nothing was changed (restore with --no-switch to put the files in place without compose)"
            ))
        })?)
    };

    let m = &inspected.manifest;
    let c = &inspected.certificate;
    println!(
        "Restoring from {} (written {} by dify-https {}):",
        archive.display(),
        m.created,
        m.tool_version
    );
    println!(
        "  {} ({}), issued by {}, expires {}, SHA-256 {}",
        m.domain,
        c.names.join(", "),
        sanitize_text(&c.issuer),
        c.not_after.date(),
        c.fingerprint_sha256
    );
    let state = conf_state(&folder, &inspected);
    let conf = folder.certbot_conf_dir();
    let now = OffsetDateTime::now_utc();
    let saved_as: Option<PathBuf> = match &state {
        ConfState::Empty => {
            println!("  into {} (empty now)", conf.display());
            None
        }
        ConfState::Same => {
            println!(
                "  this certificate is already in {}: the files are put back as in the archive",
                conf.display()
            );
            None
        }
        ConfState::Different { fingerprint } => {
            let name = default_archive_name(
                &format!(
                    "{}-before-restore",
                    doc.literal("CERTBOT_DOMAIN").unwrap_or("conf")
                ),
                now,
            );
            let path = unused(&conf.parent().unwrap_or(&conf).join(name));
            println!(
                "  {} holds other certificates{}: they are saved to {} first, then replaced",
                conf.display(),
                fingerprint
                    .as_ref()
                    .map(|f| format!(" ({} has SHA-256 {f})", m.domain))
                    .unwrap_or_default(),
                path.display()
            );
            Some(path)
        }
    };
    if changes.changes.is_empty() {
        println!("  .env already has the archive's settings");
    } else {
        println!("  .env settings from the archive:");
        print!(
            "{}",
            sanitize_text(&unified_text(&diff_lines(
                &doc.render(),
                &after.render(),
                1
            )))
        );
    }
    let question = if saved_as.is_some() {
        "Replace the certificates here with the archive's (after saving them) and write .env?"
    } else {
        "Put the archive's certificates in place and write .env?"
    };
    approve(question, args.yes, "nothing was changed")?;

    if let Some(path) = &saved_as {
        let existing = manifest_for(&folder, doc, &env_var, now);
        create_backup(&conf, existing, path).map_err(|e| {
            Failure::runtime(format!(
                "could not save the certificates there now ({e}); nothing was replaced"
            ))
        })?;
        println!("Saved what was there to {} (mode 0600)", path.display());
    }
    apply(&folder, &inspected).map_err(|e| {
        Failure::runtime(format!(
            "restoring into {} failed: {e}{}",
            conf.display(),
            saved_as
                .as_ref()
                .map(|p| format!(". What was there is in {}", p.display()))
                .unwrap_or_default()
        ))
    })?;
    println!(
        "Restored {} entries into {}",
        inspected.items.len(),
        conf.display()
    );
    if !changes.changes.is_empty() {
        if let Some(p) = nginx_start_problem(&folder, &after) {
            return Err(Failure::runtime(format!(
                "the certificates are in place, but with the archive's settings nginx would not find {}; .env is unchanged",
                p.missing.display()
            )));
        }
        let report = file
            .write(&after.render(), now)
            .map_err(|e| Failure::runtime(format!("the certificates are in place, but {e}")))?;
        println!(
            "Wrote {} (backup: {})",
            report.path.display(),
            report.backup.display()
        );
    }
    let Some(compose) = compose else {
        println!(
            "HTTPS left as it is (--no-switch). Switch it on later with h on the dashboard (`dify-https --dir {}`), which runs the setup's last steps for this certificate.",
            folder.root().display()
        );
        return Ok(ExitCode::SUCCESS);
    };
    if approve(
        "Switch nginx to HTTPS with the restored certificate now?",
        args.yes,
        "HTTPS is as it was",
    )
    .is_err()
    {
        println!("HTTPS not switched. Do it later with the wizard (`dify-https`).");
        return Ok(ExitCode::SUCCESS);
    }
    let mut ctx = RunContext::new(folder, compose, m.domain.clone());
    ctx.upgrade_urls = true;
    ctx.keep_backups = keep_backups;
    run_output::execute(ctx, restore_steps())
}

/// `path`, or `path` with `-2`, `-3`... before `.tar.gz` when that name is taken.
fn unused(path: &Path) -> PathBuf {
    let text = path.display().to_string();
    let stem = text.strip_suffix(".tar.gz").unwrap_or(&text);
    std::iter::once(path.to_path_buf())
        .chain((2..).map(|n| PathBuf::from(format!("{stem}-{n}.tar.gz"))))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .expect("some name is free")
}
