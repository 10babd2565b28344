use std::process::ExitCode;

use dify_https::cli;

fn main() -> ExitCode {
    quiet_on_a_closed_pipe();
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

/// `dify-https … | head -1`: when the reader goes away, printing fails with EPIPE and
/// `println!` panics. The output was not wanted any more: end quietly, exit 0, as the
/// Unix tools do, and never show a panic for it. Every other panic is reported as before.
fn quiet_on_a_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if text.starts_with("failed printing to std") && text.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
