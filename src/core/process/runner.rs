//! A child process in its own process group: stdout and stderr are read on threads
//! and sent line by line (lossy UTF-8, so odd bytes never stop the stream); cancelling
//! signals the whole group, so nothing it started is left behind.

use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc::Sender;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process_group};

/// A command line to run: program, arguments, extra environment, working folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub program: String,
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
}

impl Invocation {
    /// The command as a person would type it, each word quoted for a shell where it
    /// needs it (the extra environment is not shown).
    pub fn display(&self) -> String {
        std::iter::once(self.program.as_str())
            .chain(self.args.iter().map(String::as_str))
            .map(shell_word)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `word` as one shell word: as it is when it is plain, else in single quotes.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:@%,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One line of a child's output, without its line ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputLine {
    pub stream: Stream,
    pub text: String,
}

/// A started child. Dropping it does not stop it; call [`Running::cancel`].
pub struct Running {
    child: Child,
    readers: Vec<JoinHandle<()>>,
}

/// Starts `inv` with stdin closed and no terminal; every output line goes to `lines`.
pub fn spawn(inv: &Invocation, lines: Sender<OutputLine>) -> io::Result<Running> {
    let mut cmd = std::process::Command::new(&inv.program);
    cmd.args(&inv.args)
        .envs(inv.env.iter().map(|(k, v)| (k, v)))
        .current_dir(&inv.cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = cmd.spawn()?;
    let mut readers = Vec::new();
    if let Some(out) = child.stdout.take() {
        readers.push(read_lines(out, Stream::Stdout, lines.clone()));
    }
    if let Some(err) = child.stderr.take() {
        readers.push(read_lines(err, Stream::Stderr, lines));
    }
    Ok(Running { child, readers })
}

fn read_lines(
    from: impl Read + Send + 'static,
    stream: Stream,
    to: Sender<OutputLine>,
) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut reader = BufReader::new(from);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                        buf.pop();
                    }
                    let text = String::from_utf8_lossy(&buf).into_owned();
                    if to.send(OutputLine { stream, text }).is_err() {
                        return;
                    }
                }
            }
        }
    })
}

impl Running {
    /// Waits for the child and for all of its output to be sent.
    pub fn wait(mut self) -> io::Result<ExitStatus> {
        let status = self.child.wait()?;
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        Ok(status)
    }

    /// Stops the child's whole process group: SIGTERM, then SIGKILL after `grace`.
    pub fn cancel(mut self, grace: Duration) -> io::Result<ExitStatus> {
        let group = Pid::from_raw(self.child.id() as i32);
        if let Some(group) = group {
            let _ = kill_process_group(group, Signal::TERM);
        }
        let deadline = Instant::now() + grace;
        loop {
            if let Some(status) = self.child.try_wait()? {
                // The leader is gone; make sure nothing it started outlives it.
                if let Some(group) = group {
                    let _ = kill_process_group(group, Signal::KILL);
                }
                return self.wait_readers(status);
            }
            if Instant::now() >= deadline {
                if let Some(group) = group {
                    let _ = kill_process_group(group, Signal::KILL);
                }
                let status = self.child.wait()?;
                return self.wait_readers(status);
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_readers(mut self, status: ExitStatus) -> io::Result<ExitStatus> {
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        Ok(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn sh(script: &str) -> Invocation {
        Invocation {
            program: "sh".into(),
            args: vec!["-c".into(), script.into()],
            env: vec![("GREETING".into(), "hello".into())],
            cwd: std::env::temp_dir(),
        }
    }

    #[test]
    fn streams_both_outputs_line_by_line_with_the_environment() {
        let (tx, rx) = mpsc::channel();
        let run = spawn(&sh("echo $GREETING; echo oops >&2; printf 'no newline\\r\\n'; printf '\\377bad\\n'; exit 3"), tx).unwrap();
        let status = run.wait().unwrap();
        assert_eq!(status.code(), Some(3));
        let lines: Vec<OutputLine> = rx.iter().collect();
        let out: Vec<&str> = lines
            .iter()
            .filter(|l| l.stream == Stream::Stdout)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(out, ["hello", "no newline", "\u{fffd}bad"]);
        assert!(lines.contains(&OutputLine {
            stream: Stream::Stderr,
            text: "oops".into()
        }));
    }

    #[test]
    fn cancel_stops_the_whole_process_group() {
        let (tx, rx) = mpsc::channel();
        // The child starts a grandchild that would outlive a plain kill.
        let run = spawn(&sh("sleep 300 & echo $!; wait"), tx).unwrap();
        let grandchild: i32 = rx.recv().unwrap().text.parse().unwrap();
        let started = Instant::now();
        run.cancel(Duration::from_secs(2)).unwrap();
        assert!(started.elapsed() < Duration::from_secs(5));
        // The grandchild is gone (reaped by init or a zombie at most: not running sleep).
        // The group's signal is delivered at once, but dying takes the kernel a moment
        // on a busy machine: look for up to two seconds.
        let alive = || {
            std::fs::read_to_string(format!("/proc/{grandchild}/stat"))
                .map(|s| !s.contains(") Z "))
                .unwrap_or(false)
        };
        let deadline = Instant::now() + Duration::from_secs(2);
        while alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!alive(), "grandchild {grandchild} survived the cancel");
    }

    #[test]
    fn a_missing_program_is_an_error_not_a_panic() {
        let (tx, _rx) = mpsc::channel();
        let inv = Invocation {
            program: "/nonexistent/compose".into(),
            ..sh("")
        };
        assert!(spawn(&inv, tx).is_err());
    }

    #[test]
    fn display_shows_the_command_line() {
        let inv = Invocation {
            program: "docker".into(),
            args: vec!["compose".into(), "up".into(), "-d".into()],
            env: vec![("COMPOSE_PROFILES".into(), "weaviate,certbot".into())],
            cwd: PathBuf::from("/srv"),
        };
        assert_eq!(inv.display(), "docker compose up -d");
    }
}
