//! `dify-https repair`: puts back exactly the `.env` keys HTTPS needs, as dify-https
//! last applied them (see `core::applied`), reviewed as a diff, through the usual
//! write (backup, lock, value gate) and the nginx-start rule; then nginx is recreated
//! only when it runs with other settings, and what it serves is confirmed.

use std::process::ExitCode;

use time::OffsetDateTime;

use super::args::RepairArgs;
use super::prompt::approve;
use super::{Failure, open_env, run_output};
use crate::core::applied::drift_of;
use crate::core::compose::{detect, profiles_with_certbot, service_env, services_with_status};
use crate::core::diff::{diff_lines, unified_text};
use crate::core::dify::{DifyFolder, nginx_start_problem};
use crate::core::logs::{sanitize_line, sanitize_text};
use crate::core::run::{RunContext, Step};
use crate::tr;

pub fn run(
    folder: DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    args: &RepairArgs,
) -> Result<ExitCode, Failure> {
    let file = open_env(&folder, false, false)?.keeping_backups(keep_backups);
    let doc = file.document();
    let Some((record, drift)) = drift_of(&folder, doc) else {
        let said = if crate::core::applied::read(folder.root()).is_some() {
            tr!("cli-repair-nothing-drifted")
        } else {
            tr!("cli-repair-no-record")
        };
        println!("{said}");
        return Ok(ExitCode::SUCCESS);
    };
    if drift.keys.is_empty() {
        println!("{}", tr!("cli-repair-keys-as-applied"));
        for f in &drift.changed_files {
            println!("{}", tr!("cli-repair-file-changed", file = f.clone()));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let changes = drift.repair_changes();
    let after = doc
        .with_changes(&changes)
        .map_err(|e| Failure::usage(e.to_string()))?;
    // Every refusal before the write: nginx must be able to start with the result.
    if let Some(p) = nginx_start_problem(&folder, &after) {
        return Err(Failure::usage(tr!(
            "cli-repair-nginx-would-not-start",
            missing = p.missing.display().to_string()
        )));
    }
    println!(
        "{}",
        tr!(
            "cli-repair-putting-back",
            env = file.path().display().to_string(),
            at = record.at.clone()
        )
    );
    for k in &drift.keys {
        let now = k.now.clone().unwrap_or_else(|| tr!("cli-not-set"));
        println!(
            "{}",
            super::strings::setup::key_changed(&k.key, &sanitize_line(&now), &k.recorded)
        );
    }
    print!(
        "{}",
        sanitize_text(&unified_text(&diff_lines(
            &doc.render(),
            &after.render(),
            1
        )))
    );
    approve(
        &tr!("cli-repair-question"),
        args.yes,
        &tr!("cli-env-unchanged"),
    )?;
    let report = file
        .write(&after.render(), OffsetDateTime::now_utc())
        .map_err(|e| Failure::runtime(e.to_string()))?;
    println!(
        "{}",
        super::strings::setup::wrote(&report.path, &report.backup)
    );

    // nginx: recreated only when it runs with other values than the repaired ones;
    // a stack that is not running is left so (its next start reads the repaired file).
    let env = |k: &str| std::env::var(k).ok();
    let Ok(compose) = detect(compose) else {
        println!("{}", tr!("cli-repair-recreate-by-hand"));
        return Ok(ExitCode::SUCCESS);
    };
    let profiles = profiles_with_certbot(&after, &env).unwrap_or_default();
    // Running, or crash-looping (restart: always keeps what it was created with).
    let running = ["running", "restarting"].iter().any(|status| {
        services_with_status(&compose, folder.root(), &profiles, &[], status)
            .is_ok_and(|s| s.iter().any(|l| l.trim() == "nginx"))
    });
    if !running {
        println!("{}", tr!("cli-repair-not-running"));
        return Ok(ExitCode::SUCCESS);
    }
    // Only what nginx reads (its NGINX_* settings and CERTBOT_DOMAIN, the folder it
    // loads the certificate from); CERTBOT_EMAIL and CERTBOT_OPTIONS are certbot's.
    let stale = drift
        .keys
        .iter()
        .filter(|k| k.key.starts_with("NGINX_") || k.key == "CERTBOT_DOMAIN")
        .any(|k| {
            service_env(&compose, folder.root(), &profiles, &[], "nginx", &k.key).as_deref()
                != Some(k.recorded.as_str())
        });
    let https = after.literal("NGINX_HTTPS_ENABLED") == Some("true");
    let mut steps = Vec::new();
    if stale {
        steps.push(Step::RecreateNginx);
    } else {
        println!("{}", tr!("cli-repair-nginx-already"));
    }
    steps.push(if https {
        Step::ConfirmHttps
    } else {
        Step::ConfirmHttp
    });
    let domain = after
        .literal("CERTBOT_DOMAIN")
        .unwrap_or_default()
        .to_string();
    let mut ctx = RunContext::new(folder, compose, domain);
    ctx.keep_backups = keep_backups;
    run_output::execute(ctx, steps)
}
