//! `dify-https https off`: the emergency way back to plain HTTP, reviewed first.

use crate::tr;
use std::process::ExitCode;

use super::args::{HttpsAction, HttpsArgs};
use super::prompt::approve;
use super::strings::https as S;
use super::{Failure, open_env, run_output};
use crate::core::compose::detect;
use crate::core::diff::{diff_lines, unified_text};
use crate::core::dify::DifyFolder;
use crate::core::logs::sanitize_text;
use crate::core::run::{RunContext, https_off_steps};
use crate::core::setup::https_off_changes;

pub fn run(
    folder: DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    args: &HttpsArgs,
) -> Result<ExitCode, Failure> {
    let (keep_public_urls, yes) = match args.action {
        HttpsAction::On {
            keep_public_urls,
            yes,
        } => return on(folder, compose, keep_backups, keep_public_urls, yes),
        HttpsAction::Off {
            keep_public_urls,
            yes,
        } => (keep_public_urls, yes),
    };
    let file = open_env(&folder, false, false)?.keeping_backups(keep_backups);
    let doc = file.document();
    let env = |k: &str| std::env::var(k).ok();
    let domain = ["CERTBOT_DOMAIN", "NGINX_SERVER_NAME"]
        .iter()
        .find_map(|k| {
            doc.resolve(k, &env)
                .ok()
                .flatten()
                .filter(|v| !v.is_empty())
        })
        .unwrap_or_default();
    // The same function the run writes with: what is reviewed is what runs.
    let changes = https_off_changes(doc, &domain, !keep_public_urls);
    let after = doc
        .with_changes(&changes)
        .map_err(|e| Failure::usage(e.to_string()))?;
    let https_now = doc
        .resolve("NGINX_HTTPS_ENABLED", &env)
        .ok()
        .flatten()
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if !https_now && after.render() == doc.render() {
        // `.env` says off; a killed earlier `https off` may have left nginx running as
        // it was: then this run finishes the recreate.
        let profiles = crate::core::compose::profiles_with_certbot(doc, &env).unwrap_or_default();
        let compose = detect(compose).ok();
        let running = compose.as_ref().and_then(|compose| {
            crate::core::compose::service_env(
                compose,
                folder.root(),
                &profiles,
                &[],
                "nginx",
                "NGINX_HTTPS_ENABLED",
            )
        });
        let (Some(compose), Some("true")) = (compose, running.as_deref()) else {
            println!("{}", S::already_off(file.path()));
            return Ok(ExitCode::SUCCESS);
        };
        println!("{}", tr!("cli-https-off-finish-recreate"));
        approve(&S::question(), yes, &S::env_unchanged())?;
        let mut ctx = RunContext::new(folder, compose, domain);
        ctx.upgrade_urls = !keep_public_urls;
        ctx.keep_backups = keep_backups;
        return run_output::execute(ctx, https_off_steps());
    }
    let compose = detect(compose).map_err(|e| Failure::usage(S::env_unchanged_because(&e)))?;
    println!("{}", S::switching_off(file.path()));
    // A stack that is not running: .env changes, its next start reads it; nothing starts.
    let running = crate::core::compose::stack_runs(&compose, folder.root(), &after, &env, &[]);
    if !running {
        review(doc, &after, &changes);
        approve(&S::question(), yes, &S::env_unchanged())?;
        let report = file
            .write(&after.render(), time::OffsetDateTime::now_utc())
            .map_err(|e| Failure::runtime(e.to_string()))?;
        println!(
            "{}",
            super::strings::setup::wrote(&report.path, &report.backup)
        );
        println!("{}", tr!("cli-stack-not-running"));
        return Ok(ExitCode::SUCCESS);
    }
    review(doc, &after, &changes);
    println!("{}", S::then_recreated());
    approve(&S::question(), yes, &S::env_unchanged())?;
    let mut ctx = RunContext::new(folder, compose, domain);
    ctx.upgrade_urls = !keep_public_urls;
    ctx.keep_backups = keep_backups;
    run_output::execute(ctx, https_off_steps())
}

/// `dify-https https on`: the setup's HTTPS switch for the certificate on disk, with
/// the same refusals (nginx could not start with it, another install's containers), the
/// same review, and the same steps (the switch, then the served certificate confirmed).
fn on(
    folder: DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    keep_public_urls: bool,
    yes: bool,
) -> Result<ExitCode, Failure> {
    let file = open_env(&folder, false, false)?.keeping_backups(keep_backups);
    let doc = file.document();
    let env = |k: &str| std::env::var(k).ok();
    let domain = doc
        .resolve("CERTBOT_DOMAIN", &env)
        .ok()
        .flatten()
        .filter(|d| !d.is_empty() && d != "your_domain.com")
        .ok_or_else(|| Failure::usage(tr!("cli-https-on-no-domain")))?;
    let changes = crate::core::setup::https_switch_changes(doc, &domain, !keep_public_urls);
    let after = doc
        .with_changes(&changes)
        .map_err(|e| Failure::usage(e.to_string()))?;
    // Every refusal before anything: nginx must be able to start with the result.
    if let Some(p) = crate::core::dify::nginx_start_problem(&folder, &after) {
        return Err(Failure::usage(tr!(
            "cli-https-on-no-certificate",
            missing = p.missing.display().to_string()
        )));
    }
    if after.render() == doc.render() {
        println!(
            "{}",
            tr!(
                "cli-https-on-already",
                env = file.path().display().to_string()
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    let compose = detect(compose).map_err(|e| Failure::usage(S::env_unchanged_because(&e)))?;
    let other = crate::core::run::other_install(&folder, doc, &env, &compose, &[]);
    super::prompt::allow_other_install(other, false, &S::env_unchanged())?;
    println!(
        "{}",
        tr!(
            "cli-https-switching-on",
            env = file.path().display().to_string()
        )
    );
    review(doc, &after, &changes);
    println!("{}", tr!("cli-https-on-then"));
    approve(&tr!("cli-https-on-question"), yes, &S::env_unchanged())?;
    let mut ctx = RunContext::new(folder, compose, domain);
    ctx.upgrade_urls = !keep_public_urls;
    ctx.keep_backups = keep_backups;
    run_output::execute(
        ctx,
        vec![
            crate::core::run::Step::SwitchHttps,
            crate::core::run::Step::ConfirmHttps,
        ],
    )
}

/// The review the switches and the import print: each key that changes, then the diff.
pub(super) fn review(
    doc: &crate::core::envfile::EnvDocument,
    after: &crate::core::envfile::EnvDocument,
    changes: &crate::core::envfile::ChangeSet,
) {
    let not_set = S::not_set();
    for c in &changes.changes {
        let old = doc.literal(&c.key).unwrap_or(&not_set);
        if old != c.value {
            println!(
                "{}",
                super::strings::setup::key_changed(&c.key, old, &c.value)
            );
        }
    }
    print!(
        "{}",
        sanitize_text(&unified_text(&diff_lines(
            &doc.render(),
            &after.render(),
            1
        )))
    );
}
