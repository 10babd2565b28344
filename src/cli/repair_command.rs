//! `dify-https repair`: the CLI's words around `core::applied::repair` (the plan, the
//! write, what nginx needs after it): reviewed as a diff, then the usual write, then
//! nginx recreated only when it runs with other values, and what it serves confirmed.

use std::process::ExitCode;

use time::OffsetDateTime;

use super::args::RepairArgs;
use super::prompt::approve;
use super::{Failure, open_env, run_output};
use crate::core::applied::repair::{
    self, NginxAfterRepair, RepairRefused, nginx_after_repair, steps_after,
};
use crate::core::compose::{detect, profiles_with_certbot};
use crate::core::diff::{diff_lines, unified_text};
use crate::core::dify::DifyFolder;
use crate::core::envfile::EnvDocument;
use crate::core::logs::{sanitize_line, sanitize_text};
use crate::core::run::RunContext;
use crate::tr;

pub fn run(
    folder: DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    args: &RepairArgs,
) -> Result<ExitCode, Failure> {
    let file = open_env(&folder, false, false)?.keeping_backups(keep_backups);
    let plan = match repair::plan(&folder, &file) {
        Ok(plan) => plan,
        Err(RepairRefused::NoRecord) => {
            println!("{}", tr!("cli-repair-no-record"));
            return Ok(ExitCode::SUCCESS);
        }
        Err(RepairRefused::NothingDrifted { changed_files }) => {
            println!("{}", tr!("cli-repair-nothing-drifted"));
            if changed_files.is_empty() {
                return Ok(ExitCode::SUCCESS);
            }
            // Dify's own files changed (an upgrade): shown, and taken as reviewed on a
            // yes, so what relies on them (renewals) goes on.
            for f in &changed_files {
                println!("{}", tr!("cli-repair-file-changed", file = f.clone()));
            }
            approve(
                &tr!("cli-repair-accept-files"),
                args.yes,
                &tr!("cli-repair-files-not-accepted"),
            )?;
            crate::core::applied::after_write(
                folder.root(),
                file.document(),
                OffsetDateTime::now_utc(),
            )
            .map_err(|e| Failure::runtime(e.to_string()))?;
            println!("{}", tr!("cli-repair-files-accepted"));
            return Ok(ExitCode::SUCCESS);
        }
        Err(RepairRefused::NginxWouldNotStart { missing }) => {
            return Err(Failure::usage(tr!(
                "cli-repair-nginx-would-not-start",
                missing = missing.display().to_string()
            )));
        }
        Err(RepairRefused::Env(why)) => return Err(Failure::usage(why)),
    };
    println!(
        "{}",
        tr!(
            "cli-repair-putting-back",
            env = file.path().display().to_string(),
            at = plan.recorded_at.clone()
        )
    );
    for k in &plan.keys {
        let now = k.now.clone().unwrap_or_else(|| tr!("cli-not-set"));
        println!(
            "{}",
            super::strings::setup::key_changed(&k.key, &sanitize_line(&now), &k.recorded)
        );
    }
    print!(
        "{}",
        sanitize_text(&unified_text(&diff_lines(&plan.before, &plan.after, 1)))
    );
    approve(
        &tr!("cli-repair-question"),
        args.yes,
        &tr!("cli-env-unchanged"),
    )?;
    let report = repair::write(&plan, &file, OffsetDateTime::now_utc())
        .map_err(|e| Failure::runtime(e.to_string()))?;
    println!(
        "{}",
        super::strings::setup::wrote(&report.path, &report.backup)
    );

    let Ok(compose) = detect(compose) else {
        println!("{}", tr!("cli-repair-recreate-by-hand"));
        return Ok(ExitCode::SUCCESS);
    };
    let env = |k: &str| std::env::var(k).ok();
    let profiles =
        profiles_with_certbot(&EnvDocument::parse(&plan.after), &env).unwrap_or_default();
    let nginx = nginx_after_repair(&compose, &folder, &profiles, &[], &plan);
    match nginx {
        NginxAfterRepair::NotRunning => {
            println!("{}", tr!("cli-repair-not-running"));
            return Ok(ExitCode::SUCCESS);
        }
        NginxAfterRepair::AlreadyRight => println!("{}", tr!("cli-repair-nginx-already")),
        NginxAfterRepair::Recreate => {}
    }
    let mut ctx = RunContext::new(folder, compose, plan.domain.clone());
    ctx.keep_backups = keep_backups;
    run_output::execute(ctx, steps_after(&plan, nginx))
}
