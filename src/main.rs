use std::process::ExitCode;

use dify_https::cli;

fn main() -> ExitCode {
    // `status --check` answers a monitor: one line and 0-3 whatever happens (a usage
    // error, a bug), never clap's usage text or a panic's exit 101.
    let monitor = cli::monitoring_check_asked(std::env::args_os());
    let cli = match cli::parse() {
        Ok(c) => c,
        Err(e) if monitor => return cli::unknown_for_monitor(&e.to_string()),
        Err(e) => e.exit(),
    };
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) if monitor => return cli::unknown_for_monitor(&e.to_string()),
        Err(e) => {
            eprintln!("error: cannot read the current folder: {e}");
            return ExitCode::from(1);
        }
    };
    if !monitor {
        return cli::run(cli, &cwd);
    }
    std::panic::catch_unwind(move || cli::run(cli, &cwd))
        .unwrap_or_else(|_| cli::unknown_for_monitor("dify-https stopped unexpectedly (a bug)"))
}
