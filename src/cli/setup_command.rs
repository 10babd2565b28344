//! `dify-https setup`: the wizard's steps for scripts.

use crate::tr;
use std::io::Write;
use std::process::ExitCode;

use time::OffsetDateTime;

use super::args::SetupArgs;
use super::prompt::{allow_other_install, confirm};
use super::strings::setup as S;
use super::{Failure, open_env, run_output};
use crate::core::compose::{check_compose_file, detect, profiles_with_certbot};
use crate::core::diff::unified_text;
use crate::core::dify::DifyFolder;
use crate::core::envfile::StoreError;
use crate::core::logs::{sanitize_line, sanitize_text};
use crate::core::process::shell_word;
use crate::core::remedy::Remedy;
use crate::core::run::{
    RunContext, other_install, renew_steps, setup_steps, staging_certificate_in_the_way,
};
use crate::core::setup::{
    Answers, EnvPlan, UrlVerdict, already_set_up, next_steps_after, run_command,
};

pub fn run(
    folder: &DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    dir_given: Option<&std::path::Path>,
    args: &SetupArgs,
) -> Result<ExitCode, Failure> {
    // What is not given comes from .env (Dify's placeholders aside), said as it is taken,
    // so "run `dify-https setup` again" works as written.
    let stored = if args.domain.is_none() || args.email.is_none() {
        crate::core::envfile::EnvFile::read(&folder.env_path())
            .map(|f| Answers::from_env(f.document()))
            .unwrap_or_default()
    } else {
        Answers::default()
    };
    let taken = |given: &Option<String>, stored: String, key: &str| match given {
        Some(v) => v.clone(),
        None => {
            if !stored.is_empty() {
                println!("{}", S::taken_from_env(key, &sanitize_line(&stored)));
            }
            stored
        }
    };
    let answers = Answers {
        domain: taken(&args.domain, stored.domain, "CERTBOT_DOMAIN"),
        email: taken(&args.email, stored.email, "CERTBOT_EMAIL"),
        mode: args.mode.into(),
        extra_options: args.certbot_options.clone(),
    };
    let mut request = answers.check().map_err(|errors| {
        let lines: Vec<String> = errors
            .into_iter()
            .map(|(field, msg)| format!("{}: {msg}", field.flag()))
            .collect();
        Failure::usage(lines.join("\n"))
    })?;
    request.upgrade_urls = !args.keep_public_urls;
    request.env_only = args.env_only;

    let file = open_env(folder, args.yes, true)?.keeping_backups(keep_backups);
    let plan = EnvPlan::build(folder, &file, request).map_err(|e| Failure::usage(e.to_string()))?;
    let env = |k: &str| std::env::var(k).ok();
    let profiles = profiles_with_certbot(&plan.after_document(), &env)
        .map_err(|e| Failure::usage(e.to_string()))?;

    // Every refusal comes before the write.
    let compose_command = match (detect(compose), args.env_only) {
        (Ok(c), _) => Some(c),
        (Err(_), true) => None,
        (Err(e), false) => {
            return Err(Failure::usage(tr!(
                "cli-setup-e-env-is-unchanged",
                e = e.to_string()
            )));
        }
    };
    if let Some(c) = &compose_command
        && let Err(rejected) = check_compose_file(c, folder.root(), &profiles, &[])
    {
        return Err(Failure::usage(S::compose_rejected(
            &rejected.to_string(),
            &rejected.lines,
        )));
    }
    if let Some(c) = &compose_command
        && !args.env_only
    {
        let env = |k: &str| std::env::var(k).ok();
        let other = other_install(folder, file.document(), &env, c, &[]);
        allow_other_install(other, args.other_install_ok, &tr!("cli-env-unchanged"))?;
    }
    let now = OffsetDateTime::now_utc();
    if !args.env_only
        && let Some(done) = already_set_up(folder, &plan, now)
    {
        println!(
            "{}",
            S::already_set_up(
                folder.root(),
                &done.domain,
                &done.expires.date().to_string()
            )
        );
        if !done.renewal_due {
            return Ok(ExitCode::SUCCESS);
        }
        println!("{}", S::renewal_due());
        let compose = compose_command.expect("detected above");
        let ctx = RunContext::new(folder.clone(), compose, done.domain);
        return run_output::execute(ctx, renew_steps(done.https_enabled));
    }
    let replace_staging = if args.env_only {
        false
    } else {
        staging_in_the_way(folder, &plan, args.replace_staging)?
    };

    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", S::certificate_from(&plan.request.authority())).ok();
    for note in &plan.notes {
        eprintln!("{}", S::note(&sanitize_line(&note.to_string())));
    }
    if plan.is_noop() {
        writeln!(out, "{}", S::nothing_to_change(file.path())).ok();
    } else {
        writeln!(out, "{}", S::changes_to(file.path())).ok();
        for k in &plan.key_changes {
            match &k.old {
                Some(old) => writeln!(out, "{}", S::key_changed(&k.key, old, &k.new)).ok(),
                None => writeln!(out, "{}", S::key_added(&k.key, &k.new)).ok(),
            };
        }
        write!(out, "{}", sanitize_text(&unified_text(&plan.diff(1)))).ok();
        out.flush().ok();
        // --yes never asks (a tuple would evaluate the question anyway).
        let answer = if args.yes {
            Some(true)
        } else {
            confirm(&S::apply_question())
        };
        match answer {
            Some(true) => {}
            Some(false) => {
                return Err(Failure::runtime(S::not_applied()));
            }
            None => {
                return Err(Failure::usage(S::not_applied_no_terminal()));
            }
        }
        let report = plan.write(&file, now).map_err(|e| match e {
            StoreError::ChangedOnDisk { .. } => Failure::runtime(format!(
                "{e}. {}",
                super::remedies::words(&Remedy::ReviewAgainstDisk)
            )),
            e => Failure::runtime(e.to_string()),
        })?;
        writeln!(out, "{}", S::wrote(&report.path, &report.backup)).ok();
        if let Some(w) = report.owner_warning {
            eprintln!("{}", S::warning(&w));
        }
    }

    let upgrades: Vec<String> = plan
        .urls
        .iter()
        .filter_map(|f| match &f.verdict {
            UrlVerdict::LeftAlone(why) => Some(S::left_alone(&f.key, &f.value, why)),
            _ => None,
        })
        .collect();
    if !upgrades.is_empty() {
        writeln!(out, "{}", S::urls_left_alone(&upgrades)).ok();
    }

    if args.env_only {
        let steps = next_steps_after(&plan, compose_command.as_ref(), &env)
            .map_err(|e| Failure::usage(e.to_string()))?;
        writeln!(out, "{}", S::next_steps_in(folder.root())).ok();
        for (i, step) in steps.iter().enumerate() {
            writeln!(out, "{}. {}", i + 1, step.what).ok();
            if let Some(cmd) = &step.command {
                writeln!(out, "   {cmd}").ok();
            }
        }
        writeln!(
            out,
            "{}",
            S::or_let_it_run(&run_command(
                &plan.request,
                &global_flags(dir_given, compose)
            ))
        )
        .ok();
        return Ok(ExitCode::SUCCESS);
    }
    drop(out);

    let compose = compose_command.expect("a run has its compose command (checked above)");
    let mut ctx = RunContext::new(folder.clone(), compose, plan.request.domain.clone())
        .for_setup(plan.request.mode, plan.request.upgrade_urls);
    ctx.keep_backups = keep_backups;
    run_output::execute(ctx, setup_steps(plan.request.mode, replace_staging))
}

/// Production over an existing staging certificate: certbot would keep renewing the
/// staging lineage, so it must be deleted first, with the user's yes.
fn staging_in_the_way(folder: &DifyFolder, plan: &EnvPlan, allowed: bool) -> Result<bool, Failure> {
    let Some(existing) = staging_certificate_in_the_way(folder, &plan.request) else {
        return Ok(false);
    };
    let live = folder.live_dir(&plan.request.domain).join("fullchain.pem");
    let question = S::replace_staging_question(&live, &existing.issuer);
    if allowed {
        return Ok(true);
    }
    let refusal = S::staging_refused(&live);
    match confirm(&question) {
        Some(true) => Ok(true),
        Some(false) => Err(Failure::runtime(refusal)),
        None => Err(Failure::usage(refusal)),
    }
}

/// `--dir …` and `--compose …` as the user gave them, quoted for a shell, so a printed
/// command runs in the same folder with the same compose.
fn global_flags(dir: Option<&std::path::Path>, compose: Option<&str>) -> String {
    let mut words = Vec::new();
    if let Some(dir) = dir {
        words.push(format!("--dir {}", shell_word(&dir.display().to_string())));
    }
    if let Some(compose) = compose {
        words.push(format!("--compose {}", shell_word(compose)));
    }
    words.join(" ")
}
