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
    let plan = plan_renewal_for(&folder, file.document(), &|k| std::env::var(k).ok());
    // An imported certificate: nobody renews it. Say when to replace it; a scheduled run
    // reminds the webhooks at the marks before it ends.
    if plan == Err(RenewalRefused::Imported) {
        return imported(&folder, compose, args.quiet);
    }
    let plan = plan.map_err(|e| match e {
        RenewalRefused::NoDomain | RenewalRefused::NoCertificate { .. } => {
            Failure::usage(tr!("cli-renew-e-run-dify-https-setup", e = e.to_string()))
        }
        RenewalRefused::UnsafeValue { .. } | RenewalRefused::Imported => {
            Failure::usage(e.to_string())
        }
    })?;
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

/// `renew` where nginx serves an imported certificate: nothing to renew. Says when to
/// replace it; the scheduled run (`--quiet`) records itself and sends the reminder a
/// mark calls for (30, 14, 7, 3, 1 days left, then the expiry), once each. Exit 1 once
/// it has expired (a monitor of the schedule sees it), else 0.
fn imported(folder: &DifyFolder, compose: Option<&str>, quiet: bool) -> Result<ExitCode, Failure> {
    use crate::core::schedule::{self, reminders};
    let report = run_output::status_now(folder, detect(compose).ok());
    let Some(cert) = &report.certificate else {
        return Err(Failure::usage(tr!("cli-renew-imported-unreadable")));
    };
    let message = if cert.expired {
        tr!(
            "cli-renew-imported-expired",
            date = cert.not_after.get(..10).unwrap_or_default().to_string()
        )
    } else {
        tr!(
            "cli-renew-imported",
            days = cert.days_left,
            date = cert.not_after.get(..10).unwrap_or_default().to_string()
        )
    };
    if !quiet {
        println!("{message}");
    }
    let code = if cert.expired {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if !quiet {
        return Ok(code);
    }
    let last = schedule::last_run(folder);
    let mut run = schedule::LastRun {
        at: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        outcome: if cert.expired {
            schedule::Outcome::Failed
        } else {
            schedule::Outcome::NotDue
        },
        message: message.clone(),
        notified: last.as_ref().and_then(|l| l.notified.clone()),
        notify_error: None,
        reminded: last.as_ref().and_then(|l| l.reminded.clone()),
    };
    let mark = reminders::mark(cert.days_left, cert.expired);
    let targets = schedule::notify::targets(folder);
    if let (Some(mark), false) = (
        reminders::due(&cert.fingerprint_sha256, mark, run.reminded.as_ref()),
        targets.is_empty(),
    ) {
        let errors = schedule::notify::remind(
            &report,
            &targets,
            &run_output::host_name(),
            message,
            &super::remedies::words,
        );
        run.notify_error = (!errors.is_empty()).then(|| errors.join("; "));
        run.reminded = Some(reminders::Reminded {
            fingerprint: cert.fingerprint_sha256.clone(),
            mark,
        });
    }
    if let Err(e) = schedule::record(folder, &run) {
        eprintln!("{}", super::strings::run::could_not_record_run(&e));
    }
    Ok(code)
}
