//! The plain command-line front end: parses flags, calls the core, prints results.

pub mod args;
mod backup_command;
mod doctor_command;
mod history_command;
mod https_command;
mod import_command;
mod logs_command;
mod packaging;
mod prompt;
pub mod remedies;
mod renew_command;
mod repair_command;
mod run_output;
mod schedule_command;
mod setup_command;
mod status_command;
mod strings;

use std::path::Path;
use std::process::ExitCode;

pub use args::{Cli, Command};

use crate::core::dify::{DifyFolder, EnvStatus};
use crate::core::envfile::{EnvFile, StoreError};

/// Why a command stopped, and the exit code that says so.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    /// Bad input: exit 2, like clap's own usage errors.
    pub fn usage(message: String) -> Failure {
        Failure { message, code: 2 }
    }

    /// Something went wrong while doing the work: exit 1.
    pub fn runtime(message: String) -> Failure {
        Failure { message, code: 1 }
    }
}

/// Reads `.env`, creating it from `.env.example` first when allowed
/// (`create_without_asking`: the command's `--yes`; `offers_yes`: the command has one).
pub fn open_env(
    folder: &DifyFolder,
    create_without_asking: bool,
    offers_yes: bool,
) -> Result<EnvFile, Failure> {
    match folder.env_status() {
        EnvStatus::Present => {}
        EnvStatus::MissingWithExample => {
            let create = create_without_asking
                || prompt::confirm(&strings::create_env_question(folder.root())) == Some(true);
            if !create {
                return Err(Failure::runtime(strings::no_env(folder.root(), offers_yes)));
            }
            let path = folder
                .create_env_from_example()
                .map_err(|e| Failure::runtime(strings::cannot_create_env(&e)))?;
            eprintln!("{}", strings::env_created(&path));
        }
        EnvStatus::Missing => {
            return Err(Failure::runtime(strings::neither_env(folder.root())));
        }
    }
    EnvFile::read(&folder.env_path()).map_err(|e| match e {
        // What is there is not a file dify-https will use: bad input, nothing done.
        StoreError::File(_) | StoreError::NotUtf8 { .. } => Failure::usage(e.to_string()),
        e => Failure::runtime(e.to_string()),
    })
}

/// The command line, parsed (clap's error when it cannot be).
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::Parser;
    Cli::try_parse()
}

/// Whether the command line asks `status --check`, read from the raw words (it may
/// not parse).
pub fn monitoring_check_asked(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let words: Vec<_> = args.skip(1).collect();
    words.iter().any(|w| w == "status") && words.iter().any(|w| w == "--check")
}

/// The monitoring contract when no report can be made at all: one `UNKNOWN` line on
/// stdout (the first line of `why`, printable), exit 3.
pub fn unknown_for_monitor(why: &str) -> ExitCode {
    let first = why
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("unknown");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    println!(
        "{}",
        strings::unknown_line(&crate::core::logs::sanitize_line(first))
    );
    ExitCode::from(3)
}

/// Runs a parsed command line. `cwd` is where relative paths start.
pub fn run(cli: Cli, cwd: &Path) -> ExitCode {
    let language_note = speak_the_users_language(&cli);
    // What needs no Dify folder.
    match &cli.command {
        Some(Command::Completions { shell }) => return packaging::completions(*shell),
        Some(Command::Man) => return packaging::man(),
        _ => {}
    }
    let outcome = (|| -> Result<ExitCode, Failure> {
        let folder_path = if cli.global.demo {
            Some(
                crate::demo::create_demo_folder()
                    .map_err(|e| Failure::runtime(strings::cannot_create_demo(&e)))?,
            )
        } else {
            cli.global.dir.clone()
        };
        let folder = match DifyFolder::locate(folder_path.as_deref(), cwd) {
            Ok(f) => f,
            // The monitoring contract: one line, exit 3 UNKNOWN (and the textfile).
            Err(e) => match &cli.command {
                Some(Command::Status(args))
                    if args.check || args.json || args.prometheus.is_some() =>
                {
                    return status_command::unknown(args, &e.to_string());
                }
                _ => return Err(Failure::usage(e.to_string())),
            },
        };
        match &cli.command {
            Some(Command::Logs(args)) => logs_command::run(&folder, args),
            Some(Command::Doctor(args)) => {
                doctor_command::run(&folder, cli.global.compose.as_deref(), args)
            }
            Some(Command::Renew(args)) => {
                renew_command::run(folder, cli.global.compose.as_deref(), args)
            }
            Some(Command::Status(args)) => {
                status_command::run(&folder, cli.global.compose.as_deref(), args)
            }
            Some(Command::Setup(args)) => setup_command::run(
                &folder,
                cli.global.compose.as_deref(),
                cli.global.keep_backups,
                cli.global.dir.as_deref(),
                args,
            ),
            Some(Command::Schedule(args)) => {
                schedule_command::run(&folder, cli.global.compose.as_deref(), args)
            }
            Some(Command::Https(args)) => https_command::run(
                folder,
                cli.global.compose.as_deref(),
                cli.global.keep_backups,
                args,
            ),
            Some(Command::History(args)) => history_command::history(&folder, args),
            Some(Command::Undo(args)) => history_command::undo(
                folder,
                cli.global.compose.as_deref(),
                cli.global.keep_backups,
                args,
            ),
            Some(Command::Backup(args)) => backup_command::backup(&folder, cwd, args),
            Some(Command::Restore(args)) => backup_command::restore(
                folder,
                cli.global.compose.as_deref(),
                cli.global.keep_backups,
                cwd,
                args,
            ),
            Some(Command::Import(args)) => import_command::run(
                folder,
                cli.global.compose.as_deref(),
                cli.global.keep_backups,
                args,
            ),
            Some(Command::Repair(args)) => repair_command::run(
                folder,
                cli.global.compose.as_deref(),
                cli.global.keep_backups,
                args,
            ),
            Some(Command::Completions { .. } | Command::Man) => unreachable!("handled above"),
            None => crate::tui::run(
                folder,
                cli.global.compose.clone(),
                cli.global.demo,
                crate::tui::Start::Auto,
                language_note,
            )
            .map_err(|e| Failure::runtime(format!("{e:#}"))),
        }
    })();
    match outcome {
        Ok(code) => code,
        Err(f) => {
            for line in f.message.lines() {
                eprintln!(
                    "{}",
                    strings::error_line(&crate::core::logs::sanitize_line(line))
                );
            }
            ExitCode::from(f.code)
        }
    }
}

/// Chooses the language once, before anything is said or any thread started. Machine
/// output (`--json`) is English whatever the language: its values are a contract.
/// Returns the note that says why the language asked for is not spoken (the wizard
/// shows it too: its screen hides what was printed before it).
fn speak_the_users_language(cli: &Cli) -> Option<String> {
    let choice = crate::i18n::choose(cli.global.lang, &|k| std::env::var(k).ok());
    let note = match &choice.note {
        Some(crate::i18n::ChoiceNote::NotUtf8 { locale, .. }) => {
            let note = crate::tr!("lang-not-utf8", locale);
            eprintln!("{note}");
            Some(note)
        }
        None => None,
    };
    let machine_output = match &cli.command {
        Some(Command::Status(a)) => a.json,
        Some(Command::Doctor(a)) => a.json,
        Some(Command::History(a)) => a.json,
        Some(Command::Schedule(a)) => a.json,
        _ => false,
    };
    crate::i18n::set_default(if machine_output {
        crate::i18n::Lang::En
    } else {
        choice.lang
    });
    note
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::schedule::{Job, Kind, cron_argv, exec_start_argv};

    /// The command a schedule writes is one this very parser takes, meaning what the
    /// schedule means: read back from the written files, then parsed.
    #[test]
    fn the_scheduled_command_parses_back_through_the_cli() {
        use clap::Parser;
        let job = Job {
            project: "dify".into(),
            binary: "/usr/bin/dify-https".into(),
            dir: "/srv/my dify/docker".into(),
            compose: Some("sudo docker compose".into()),
            prometheus: Some("/var/lib/node_exporter/textfile/dify 100%.prom".into()),
        };
        for kind in [Kind::Cron, Kind::Systemd] {
            let files = job.files(kind, 7).unwrap();
            let text = &files[0].text;
            let argv = match kind {
                Kind::Cron => cron_argv(text.lines().last().unwrap()),
                Kind::Systemd => exec_start_argv(
                    text.lines()
                        .find_map(|l| l.strip_prefix("ExecStart="))
                        .unwrap(),
                ),
            };
            let cli = Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            assert_eq!(
                cli.global.dir.as_deref(),
                Some(job.dir.as_path()),
                "{kind:?}"
            );
            assert_eq!(cli.global.compose.as_deref(), Some("sudo docker compose"));
            let Some(Command::Renew(args)) = cli.command else {
                panic!("{kind:?}: not renew");
            };
            assert!(args.quiet && !args.force, "{kind:?}");
            assert_eq!(args.prometheus, job.prometheus, "{kind:?}");
        }
    }
}
