//! `dify-https doctor`: the preflight checklist.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::args::DoctorArgs;
use super::{Failure, open_env};
use crate::core::compose::detect;
use crate::core::dify::DifyFolder;
use crate::core::doctor::{
    CheckStatus, DoctorInput, SystemResolver, checks_json, run_checks, verdict,
};
use crate::core::logs::sanitize_line;

#[derive(Serialize)]
struct Report {
    checks: serde_json::Value,
    verdict: CheckStatus,
}

pub fn run(
    folder: &DifyFolder,
    compose: Option<&str>,
    args: &DoctorArgs,
) -> Result<ExitCode, Failure> {
    let file = open_env(folder, false, false)?;
    let env = |k: &str| std::env::var(k).ok();
    let input = DoctorInput {
        proxy_forwards_80: args.proxy_forwards_80,
        ..DoctorInput::for_folder(
            folder,
            file.document(),
            &env,
            detect(compose).map_err(|e| e.to_string()),
            &SystemResolver,
        )
    };
    let checks = run_checks(&input);
    let overall = verdict(&checks);
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::to_string_pretty(&Report {
            checks: checks_json(&checks, &super::remedies::words),
            verdict: overall,
        })
        .map_err(|e| Failure::runtime(e.to_string()))?;
        writeln!(out, "{json}").ok();
    } else {
        for c in &checks {
            let mark = match c.status {
                CheckStatus::Ok => " ok ",
                CheckStatus::Warn => "warn",
                CheckStatus::Fail => "FAIL",
            };
            writeln!(out, "[{mark}] {:<24} {}", c.id, sanitize_line(&c.message)).ok();
            if let Some(r) = &c.remedy {
                let h = super::remedies::words(r);
                writeln!(out, "       {:<24} -> {}", "", sanitize_line(&h)).ok();
            }
        }
        let fails = checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count();
        let warns = checks
            .iter()
            .filter(|c| c.status == CheckStatus::Warn)
            .count();
        writeln!(out, "{}", crate::tr!("cli-doctor-summary", fails, warns)).ok();
    }
    Ok(if overall == CheckStatus::Fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
