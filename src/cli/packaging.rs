//! What a package installs besides the binary: shell completions and the manual page,
//! both generated from the clap definition (so they never drift from the flags).

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::args::Cli;

/// `dify-https completions SHELL`: the completion script on stdout.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut cmd = Cli::command();
    // Made whole first: clap_complete panics on a failed write (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "dify-https", &mut script);
    match std::io::stdout().lock().write_all(&script) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// `dify-https man`: the manual page (section 1, roff) on stdout, with a page section
/// for every subcommand.
pub fn man() -> ExitCode {
    let cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    let page = clap_mangen::Man::new(cmd.clone());
    if page.render(&mut out).is_err() {
        return ExitCode::from(1);
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        if matches!(name, "completions" | "man" | "help") {
            continue;
        }
        let _ = writeln!(out, ".SH \"DIFY-HTTPS {}\"", name.to_uppercase());
        let sub_page = clap_mangen::Man::new(sub.clone().bin_name(format!("dify-https {name}")));
        let _ = sub_page.render_synopsis_section(&mut out);
        let _ = sub_page.render_options_section(&mut out);
    }
    let _ = writeln!(
        out,
        ".SH FILES\n.TP\n\\fIdocker/.env\\fR\nThe Dify folder's settings; every write keeps a .env.bak-* backup.\n.TP\n\\fIdocker/volumes/certbot/\\fR\ncertbot's certificates, webroot and logs.\n.SH SEE ALSO\n\\fBcertbot\\fR(1), \\fBdocker-compose\\fR(1)"
    );
    ExitCode::SUCCESS
}
