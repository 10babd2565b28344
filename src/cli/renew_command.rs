//! `dify-https renew`: Dify's script, a check, and a reload of nginx only when the
//! certificate changed (a renewal without a reload keeps serving the old one).

use crate::tr;
use std::process::ExitCode;

use super::args::RenewArgs;
use super::prompt::allow_other_install;
use super::{Failure, open_env, run_output};
use crate::core::compose::detect;
use crate::core::dify::DifyFolder;
use crate::core::run::{RenewalRefused, RunContext, other_install, plan_renewal_for};

pub fn run(
    folder: DifyFolder,
    compose: Option<&str>,
    args: &RenewArgs,
) -> Result<ExitCode, Failure> {
    let Some(path) = &args.prometheus else {
        return renew(folder, compose, args);
    };
    // The textfile follows every run, whatever its outcome (a monitor reads it).
    let kept = folder.clone();
    let result = renew(folder, compose, args);
    let report = run_output::status_now(&kept, detect(compose).ok());
    if let Err(e) = super::status_command::write_atomically(
        path,
        &crate::core::status::prometheus_text(&report),
    ) {
        eprintln!("{}", super::strings::cannot_write(path, &e));
    }
    result
}

fn renew(folder: DifyFolder, compose: Option<&str>, args: &RenewArgs) -> Result<ExitCode, Failure> {
    let file = open_env(&folder, false, false)?;
    // Never on top of a .env that lost what HTTPS needs (Dify's env sync, a hand edit):
    // certbot would run for the wrong name or none, and nginx is about to fail anyway.
    if let Some((_, drift)) = crate::core::applied::drift_of(&folder, file.document())
        && !drift.keys.is_empty()
        && drift.nginx_will_fail
        && drift.certificate_on_disk
    {
        let keys: Vec<&str> = drift.keys.iter().map(|k| k.key.as_str()).collect();
        let why = tr!("cli-renew-refused-drift", keys = keys.join(", "));
        if args.quiet {
            let compose = detect(compose).ok();
            return Ok(run_output::quiet_refusal(&folder, compose, why));
        }
        return Err(Failure::usage(why));
    }
    // Dify's certbot script or entrypoint changed since HTTPS was applied (an upgrade):
    // not run unreviewed. `repair` shows what changed and takes it as reviewed.
    if let Some((_, drift)) = crate::core::applied::drift_of(&folder, file.document()) {
        let changed: Vec<&str> = drift
            .changed_files
            .iter()
            .map(String::as_str)
            .filter(|f| f.starts_with("certbot/"))
            .collect();
        if !changed.is_empty() {
            let why = tr!(
                "cli-renew-refused-certbot-files",
                files = changed.join(", ")
            );
            if args.quiet {
                return Ok(run_output::quiet_refusal(
                    &folder,
                    detect(compose).ok(),
                    why,
                ));
            }
            return Err(Failure::usage(why));
        }
    }
    let plan = plan_renewal_for(&folder, file.document(), &|k| std::env::var(k).ok()).map_err(
        |e| match e {
            RenewalRefused::NoDomain | RenewalRefused::NoCertificate { .. } => {
                Failure::usage(tr!("cli-renew-e-run-dify-https-setup", e = e.to_string()))
            }
            RenewalRefused::UnsafeValue { .. } => Failure::usage(e.to_string()),
        },
    )?;
    let compose = detect(compose).map_err(|e| Failure::runtime(e.to_string()))?;
    let env = |k: &str| std::env::var(k).ok();
    let other = other_install(&folder, file.document(), &env, &compose, &[]);
    allow_other_install(other, args.other_install_ok, &super::strings::nothing_run())?;
    let mut ctx = RunContext::new(folder, compose, plan.domain);
    if args.force {
        ctx.run_options.push("--force-renewal".into());
    }
    let output = if args.quiet {
        run_output::Output::Quiet
    } else {
        run_output::Output::Live
    };
    run_output::execute_with(ctx, plan.steps, output)
}
