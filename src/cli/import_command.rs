//! `dify-https import`: a certificate the admin already has, checked as browsers would,
//! reviewed, then installed where Dify's nginx loads it (the plan is
//! `core::import::plan`; the run is the executor's `InstallCertificate` step).

use std::path::Path;
use std::process::ExitCode;

use time::OffsetDateTime;

use super::args::ImportArgs;
use super::prompt::approve;
use super::strings::import as S;
use super::{Failure, open_env, run_output};
use crate::core::compose::{detect, stack_runs};
use crate::core::dify::DifyFolder;
use crate::core::files::{Links, SMALL_FILE_LIMIT, read_bounded};
use crate::core::import::{ImportInput, ImportRefusal, MaterialError, Replacing, Weight, plan};
use crate::core::run::{ImportRun, RunContext, Step};
use crate::tr;
use std::io::IsTerminal;

/// The first line of `path` (a passphrase file: its newline is not part of it).
fn passphrase_from(path: &Path) -> Result<String, Failure> {
    let bytes = read(path)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::usage(tr!(
            "cli-import-cannot-read",
            file = path.display().to_string(),
            why = "not UTF-8".to_string()
        ))
    })?;
    Ok(text.lines().next().unwrap_or_default().to_string())
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    // The user named these files: a link they name is theirs to follow.
    read_bounded(path, SMALL_FILE_LIMIT, Links::Follow).map_err(|e| {
        Failure::usage(tr!(
            "cli-import-cannot-read",
            file = path.display().to_string(),
            why = e.to_string()
        ))
    })
}

/// Every finding of `weight`, a line each (refusals with their fix).
fn finding_lines(findings: &[crate::core::import::ImportFinding], weight: Weight) -> Vec<String> {
    let mut lines = Vec::new();
    for f in findings.iter().filter(|f| f.weight() == weight) {
        let (what, fix) = S::finding(f);
        lines.push(match weight {
            Weight::Refusal => tr!("cli-import-refusal-line", what),
            Weight::Warning => tr!("cli-import-warning-line", what),
            Weight::Note => tr!("cli-import-note-line", what),
        });
        if let (Weight::Refusal, Some(fix)) = (weight, fix) {
            lines.push(tr!("cli-import-fix-line", fix));
            // The command's own way to do it.
            let flag = match f {
                crate::core::import::ImportFinding::ChainIncomplete { .. } => {
                    Some(tr!("cli-import-chain-flag"))
                }
                crate::core::import::ImportFinding::NamesDoNotCover { .. } => {
                    Some(tr!("cli-import-domain-flag"))
                }
                _ => None,
            };
            if let Some(fix) = flag {
                lines.push(tr!("cli-import-fix-line", fix));
            }
        }
    }
    lines
}

pub fn run(
    folder: DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    args: &ImportArgs,
) -> Result<ExitCode, Failure> {
    let file = open_env(&folder, false, false)?.keeping_backups(keep_backups);
    let cert = read(&args.cert)?;
    // A .pfx/.p12 bundle carries its key: then no key file (the core says when one is
    // missing); the file the words name for the key is then the bundle.
    let key = args
        .key
        .as_deref()
        .map(read)
        .transpose()?
        .unwrap_or_default();
    let key_path = args.key.clone().unwrap_or_else(|| args.cert.clone());
    let chain = args.chain.as_deref().map(read).transpose()?;
    // An encrypted key: the passphrase from the file named, else asked at the terminal
    // (never echoed, never kept).
    let mut passphrase = match &args.key_passphrase_file {
        Some(path) => Some(passphrase_from(path)?),
        None => None,
    };
    let plan = loop {
        let input = ImportInput {
            cert: &cert,
            key: &key,
            chain: chain.as_deref(),
            domain: args.domain.as_deref(),
            upgrade_urls: !args.keep_public_urls,
            passphrase: passphrase.as_deref(),
        };
        match plan(&folder, file.document(), &input, OffsetDateTime::now_utc()) {
            Err(ImportRefusal::Material(
                e @ (MaterialError::EncryptedKey | MaterialError::Pkcs12NeedsPassphrase),
            )) if passphrase.is_none() && std::io::stdin().is_terminal() => {
                eprintln!(
                    "{}",
                    S::material(&e, &args.cert, &key_path, args.chain.as_deref())
                );
                passphrase = Some(
                    rpassword::prompt_password(tr!("cli-import-passphrase-prompt"))
                        .map_err(|e| Failure::runtime(e.to_string()))?,
                );
            }
            Err(ImportRefusal::Material(
                e @ (MaterialError::EncryptedKey | MaterialError::Pkcs12NeedsPassphrase),
            )) if passphrase.is_none() => {
                // The file the passphrase opens: the bundle, or the key.
                let file = if e == MaterialError::Pkcs12NeedsPassphrase {
                    &args.cert
                } else {
                    &key_path
                };
                return Err(Failure::usage(tr!(
                    "cli-import-passphrase-needed",
                    file = file.display().to_string()
                )));
            }
            other => break other,
        }
    };
    let plan = match plan {
        Ok(plan) => plan,
        Err(refusal) => {
            let why = match refusal {
                ImportRefusal::Material(e) => {
                    S::material(&e, &args.cert, &key_path, args.chain.as_deref())
                }
                ImportRefusal::NoDomain { names } => {
                    tr!("cli-import-no-domain", names = names.join(", "))
                }
                ImportRefusal::BadDomain(why) => tr!("cli-import-bad-domain", why),
                ImportRefusal::Env(why) => why,
                ImportRefusal::Checks(checked) => {
                    let mut lines = vec![tr!("cli-import-refused")];
                    for weight in [Weight::Refusal, Weight::Warning, Weight::Note] {
                        lines.extend(finding_lines(&checked.findings, weight));
                    }
                    lines.join("\n")
                }
            };
            return Err(Failure::usage(why));
        }
    };
    let leaf = &plan.job.leaf;
    println!(
        "{}",
        tr!("cli-import-heading", domain = plan.domain.clone())
    );
    println!(
        "{}",
        tr!(
            "cli-import-summary",
            names = leaf.names.join(", "),
            issuer = leaf.issuer.clone(),
            date = leaf.not_after.date().to_string(),
            days = leaf.days_left(OffsetDateTime::now_utc()),
            key = leaf.key_type.clone(),
            fingerprint = leaf.fingerprint_sha256.clone()
        )
    );
    for weight in [Weight::Warning, Weight::Note] {
        for line in finding_lines(&plan.checked.findings, weight) {
            println!("{line}");
        }
    }
    if plan.replacing == Replacing::Same && !plan.env_changes() {
        println!(
            "{}",
            tr!("cli-import-same", env = file.path().display().to_string())
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", tr!("cli-import-where"));
    if plan.lineage_beside {
        println!(
            "{}",
            tr!("cli-import-lineage-beside", domain = plan.domain.clone())
        );
    }
    if plan.replacing == Replacing::Another {
        println!("{}", tr!("cli-import-replacing"));
    }
    if plan.env_changes() {
        println!(
            "{}",
            super::strings::setup::changes_to(file.path()).trim_end()
        );
        super::https_command::review(&plan.before, &plan.after, &plan.changes);
    }
    let project =
        crate::core::compose::project_name(&folder, file.document(), &|k| std::env::var(k).ok());
    if crate::core::schedule::installed(Path::new("/"), &project).is_some() {
        println!("{}", tr!("cli-import-schedule-stays"));
    }
    let compose = detect(compose).map_err(|e| Failure::usage(e.to_string()))?;
    let stack_running = stack_runs(
        &compose,
        folder.root(),
        &plan.after,
        &|k| std::env::var(k).ok(),
        &[],
    );
    if stack_running {
        let env = |k: &str| std::env::var(k).ok();
        let other = crate::core::run::other_install(&folder, file.document(), &env, &compose, &[]);
        super::prompt::allow_other_install(other, false, &tr!("cli-import-not-done"))?;
        println!(
            "{}",
            if plan.env_changes() {
                tr!("cli-import-then-recreate")
            } else {
                tr!("cli-import-then-reload")
            }
        );
    }
    let warned = plan.checked.warnings().next().is_some();
    approve(
        &if warned {
            tr!("cli-import-warnings-question")
        } else {
            tr!("cli-import-question")
        },
        args.yes,
        &tr!("cli-import-not-done"),
    )?;
    let (ctx, steps) = import_run(
        folder,
        compose,
        keep_backups,
        !args.keep_public_urls,
        plan,
        stack_running,
    );
    run_output::execute(ctx, steps)
}

/// The run that installs `plan`'s certificate, and its steps.
fn import_run(
    folder: DifyFolder,
    compose: crate::core::compose::ComposeCommand,
    keep_backups: usize,
    upgrade_urls: bool,
    plan: crate::core::import::ImportPlan,
    stack_running: bool,
) -> (RunContext, Vec<Step>) {
    let mut ctx = RunContext::new(folder, compose, plan.domain.clone());
    ctx.keep_backups = keep_backups;
    ctx.upgrade_urls = upgrade_urls;
    ctx.import = Some(ImportRun {
        job: plan.job,
        stack_running,
    });
    (ctx, crate::core::import::import_steps(stack_running))
}

/// `undo` after a replacement: the previous pair, checked as any import, put back in
/// place (nginx reloads); the pair it replaces becomes the previous one.
pub fn undo_replacement(
    folder: DifyFolder,
    compose: Option<&str>,
    keep_backups: usize,
    yes: bool,
    at: OffsetDateTime,
) -> Result<ExitCode, Failure> {
    let file = open_env(&folder, false, false)?.keeping_backups(keep_backups);
    let Some(previous) = crate::core::import::previous_pair(&folder) else {
        crate::core::import::forget_replacement(&folder)
            .map_err(|e| Failure::runtime(e.to_string()))?;
        return Err(Failure::usage(tr!("cli-import-undo-no-previous")));
    };
    let input = ImportInput {
        cert: &previous.cert,
        key: &previous.key,
        chain: previous.root.as_deref(),
        domain: None,
        upgrade_urls: false,
        passphrase: None,
    };
    let plan = plan(&folder, file.document(), &input, OffsetDateTime::now_utc()).map_err(|r| {
        Failure::usage(match r {
            ImportRefusal::Checks(checked) => {
                let mut lines = vec![tr!("cli-import-undo-refused")];
                lines.extend(finding_lines(&checked.findings, Weight::Refusal));
                lines.join("\n")
            }
            ImportRefusal::Material(_) | ImportRefusal::NoDomain { .. } => {
                tr!("cli-import-undo-no-previous")
            }
            ImportRefusal::BadDomain(why) | ImportRefusal::Env(why) => why,
        })
    })?;
    let leaf = &plan.job.leaf;
    println!(
        "{}",
        tr!(
            "cli-import-undo-heading",
            at = at.date().to_string(),
            names = leaf.names.join(", "),
            date = leaf.not_after.date().to_string(),
            fingerprint = leaf.fingerprint_sha256.clone()
        )
    );
    approve(
        &tr!("cli-import-undo-question"),
        yes,
        &tr!("cli-import-not-done"),
    )?;
    let compose = detect(compose).map_err(|e| Failure::usage(e.to_string()))?;
    let stack_running = stack_runs(
        &compose,
        folder.root(),
        &plan.after,
        &|k| std::env::var(k).ok(),
        &[],
    );
    let root = folder.clone();
    let (ctx, steps) = import_run(folder, compose, keep_backups, false, plan, stack_running);
    let code = run_output::execute(ctx, steps)?;
    // Undone: the next `undo` goes to .env's backups.
    crate::core::import::forget_replacement(&root).map_err(|e| Failure::runtime(e.to_string()))?;
    Ok(code)
}
