//! `dify-https logs`: the end of `letsencrypt.log`, optionally followed.

use crate::core::files::{FileError, Links};
use crate::tr;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use super::Failure;
use super::args::LogsArgs;
use crate::core::dify::DifyFolder;
use crate::core::logs::LogFollower;

pub fn run(folder: &DifyFolder, args: &LogsArgs) -> Result<ExitCode, Failure> {
    let path = folder.letsencrypt_log();
    // Buffered: a million lines are a few writes, not a million.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    // Start following before reading the history, so no line falls between the two.
    let mut follower = LogFollower::from_end(&path);
    let mut written = Ok(());
    let history = follower.each_history_line(args.lines, |line| {
        if written.is_ok() {
            written = out
                .write_all(line.as_bytes())
                .and_then(|()| out.write_all(b"\n"));
        }
    });
    match history {
        Some(Ok(())) => {
            // The reader went away (`| head`): that is fine.
            if let Err(e) = written
                && e.kind() != io::ErrorKind::BrokenPipe
            {
                return Err(Failure::runtime(e.to_string()));
            }
        }
        None if args.follow => {}
        None => {
            return Err(
                match crate::core::files::open_regular(&path, u64::MAX, Links::Follow) {
                    Err(FileError::Missing { .. }) => Failure::runtime(tr!(
                        "cli-logs-does-not-exist-yet-certbot",
                        path = (path.display()).to_string()
                    )),
                    Err(FileError::PermissionDenied { .. }) | Ok(_) => permission_denied(&path),
                    Err(e) => Failure::usage(e.to_string()),
                },
            );
        }
        Some(Err(e)) => {
            return Err(Failure::runtime(super::strings::cannot_read(&path, &e)));
        }
    }
    if !args.follow {
        out.flush().ok();
        return Ok(ExitCode::SUCCESS);
    }
    out.flush().ok();
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .map_err(|e| Failure::runtime(e.to_string()))?;
    }
    while !stop.load(Ordering::Relaxed) {
        let lines = follower
            .poll()
            .map_err(|e| Failure::runtime(super::strings::cannot_read(&path, &e)))?;
        let behind = lines.len() > 1000;
        for line in lines {
            if writeln!(out, "{line}").is_err() {
                // The reader went away (e.g. `| head`): done.
                return Ok(ExitCode::SUCCESS);
            }
        }
        out.flush().ok();
        // Caught up: wait for more. Still behind: read on at once.
        if !behind {
            thread::sleep(Duration::from_millis(200));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn permission_denied(path: &std::path::Path) -> Failure {
    Failure::runtime(super::strings::permission_denied(path))
}
