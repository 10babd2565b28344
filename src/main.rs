use std::process::ExitCode;

use clap::Parser;
use dify_https::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: cannot read the current folder: {e}");
            return ExitCode::from(1);
        }
    };
    cli::run(cli, &cwd)
}
