//! `dify-https backup` and `dify-https restore`: the certificates and their settings
//! in one archive, and back, checked whole before anything is touched.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use time::OffsetDateTime;

use super::args::{BackupArgs, RestoreArgs};
use super::prompt::approve;
use super::strings::backup as S;
use super::{Failure, open_env, run_output};
use crate::core::backup::{
    BackupError, ConfState, apply, conf_state, create_backup, create_checked, default_archive_name,
    inspect, manifest_for,
};
use crate::core::compose::detect;
use crate::core::diff::{diff_lines, unified_text};
use crate::core::dify::{DifyFolder, nginx_start_problem};
use crate::core::envfile::ChangeSet;
use crate::core::logs::{sanitize_line, sanitize_text};
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
                why: S::not_a_certificate(),
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
        create_checked(folder, file.document(), &env_var, now, &out).map_err(|e| match e {
            BackupError::Exists { .. } | BackupError::Unexpected { .. } => {
                Failure::usage(e.to_string())
            }
            e => Failure::runtime(e.to_string()),
        })?;
    // Read again under the lock: it may have gone in between (the archive says so).
    let Some(cert) = report.manifest.certificate.as_ref() else {
        return Err(Failure::runtime(BackupError::NoDomain.to_string()));
    };
    println!("{}", S::wrote_archive(&report.path));
    // It holds private keys: where it landed in a git checkout (Dify's own folder is
    // one), said at once, so it is not committed by accident.
    if let Some(checkout) = git_checkout_of(&report.path) {
        println!("{}", S::inside_git_checkout(&checkout));
    }
    println!(
        "{}",
        S::archive_certificate(
            &report.manifest.domain,
            &cert.names.join(", "),
            cert.not_after.get(..10).unwrap_or(&cert.not_after),
            &cert.fingerprint_sha256
        )
    );
    println!(
        "{}",
        S::archive_entries(
            report.entries,
            &folder.certbot_conf_dir(),
            report.manifest.env.len()
        )
    );
    println!(
        "{}",
        S::on_the_new_server(
            &report
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        )
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
    let inspected = inspect(&archive).map_err(|e| Failure::usage(S::refused(&archive, &e)))?;
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
        .map_err(|e| Failure::usage(S::nothing_changed_because(&e)))?;
    let compose = if args.no_switch {
        None
    } else {
        Some(detect(compose).map_err(|e| Failure::usage(S::no_compose(&e)))?)
    };

    let m = &inspected.manifest;
    let c = &inspected.certificate;
    // What the archive says about itself is outside text: shown printable only.
    println!(
        "{}",
        S::restoring_from(
            &archive,
            &sanitize_line(&m.created),
            &sanitize_line(&m.tool_version)
        )
    );
    println!(
        "{}",
        S::restoring_certificate(
            &m.domain,
            &sanitize_line(&c.names.join(", ")),
            &sanitize_line(&c.issuer),
            &c.not_after.date().to_string(),
            &c.fingerprint_sha256
        )
    );
    let state = conf_state(&folder, &inspected);
    let conf = folder.certbot_conf_dir();
    let now = OffsetDateTime::now_utc();
    let saved_as: Option<PathBuf> = match &state {
        ConfState::Empty => {
            println!("{}", S::into_empty(&conf));
            None
        }
        ConfState::Same => {
            println!("{}", S::already_there(&conf));
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
                "{}",
                S::others_saved(&conf, &m.domain, fingerprint.as_deref(), &path)
            );
            Some(path)
        }
    };
    if changes.changes.is_empty() {
        println!("{}", S::env_already());
    } else {
        println!("{}", S::env_from_archive());
        print!(
            "{}",
            sanitize_text(&unified_text(&diff_lines(
                &doc.render(),
                &after.render(),
                1
            )))
        );
    }
    let question = S::restore_question(saved_as.is_some());
    approve(&question, args.yes, &S::nothing_changed())?;

    if let Some(path) = &saved_as {
        let existing = manifest_for(&folder, doc, &env_var, now);
        create_backup(&conf, &folder.nginx_dir().join("ssl"), existing, path)
            .map_err(|e| Failure::runtime(S::could_not_save(&e)))?;
        println!("{}", S::saved_to(path));
    }
    apply(&folder, &inspected)
        .map_err(|e| Failure::runtime(S::restore_failed(&conf, &e, saved_as.as_deref())))?;
    println!("{}", S::restored(inspected.items.len(), &conf));
    if !changes.changes.is_empty() {
        if let Some(p) = nginx_start_problem(&folder, &after) {
            return Err(Failure::runtime(S::nginx_would_not_start(&p.missing)));
        }
        let report = file
            .write(&after.render(), now)
            .map_err(|e| Failure::runtime(S::in_place_but(&e)))?;
        println!(
            "{}",
            super::strings::setup::wrote(&report.path, &report.backup)
        );
    }
    let Some(compose) = compose else {
        println!("{}", S::no_switch(folder.root()));
        return Ok(ExitCode::SUCCESS);
    };
    if approve(&S::switch_question(), args.yes, &S::https_as_it_was()).is_err() {
        println!("{}", S::not_switched());
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

/// The git checkout (a folder with `.git`) that holds `path`, if any.
fn git_checkout_of(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}
