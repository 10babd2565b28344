//! A private tmux server with an interactive bash in an 80x24 window, to run the real
//! binary in a real terminal.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::Fixture;

pub struct Tmux {
    socket: String,
}

/// What is missing for the real-terminal tests (tmux).
pub fn missing() -> Vec<String> {
    if Command::new("tmux").arg("-V").output().is_err() {
        vec!["tmux".into()]
    } else {
        vec![]
    }
}

impl Tmux {
    /// A private tmux server running an interactive bash in an 80x24 window.
    pub fn start(name: &str) -> Option<Tmux> {
        Tmux::start_in(name, "C.UTF-8")
    }

    /// The same, with the shell's locale `lang` (`LANG`).
    pub fn start_in(name: &str, lang: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var("CI").is_err(),
                "tmux is required under CI=true (.ci/run installs it)"
            );
            eprintln!("SKIPPED {name}: tmux is not installed, the real-terminal test did not run");
            return None;
        }
        let socket = format!("dify-https-test-{}-{name}", std::process::id());
        let t = Tmux { socket };
        let shell = format!(
            "env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG={lang} HOME=/tmp bash --norc --noprofile"
        );
        t.tmux(&["new-session", "-d", "-x", "80", "-y", "24", &shell]);
        t.send(&["PS1='$ '", "Enter"]);
        Some(t)
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        // -u: UTF-8 whatever this process's locale (CI may have none).
        let out = Command::new("tmux")
            .arg("-u")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "0"])
    }

    /// The screen with every row whole, trailing spaces kept (`-N`).
    pub fn full_screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-N", "-t", "0"])
    }

    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "{text:?} never appeared:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// The pid of the program the shell runs in the foreground.
    pub fn child_pid(&self) -> String {
        let shell = self.tmux(&["display-message", "-p", "-t", "0", "#{pane_pid}"]);
        let out = Command::new("pgrep")
            .args(["-P", shell.trim()])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .expect("a child process")
            .to_string()
    }

    /// Types `args` after the binary's path, followed by an exit-code marker (see
    /// `wait_exit`). Markers are computed by the shell so the typed command never matches them.
    pub fn run(&self, args: &str) {
        let bin = env!("CARGO_BIN_EXE_dify-https");
        self.send(&[&format!("{bin} {args}; echo EXIT-$((40+2)):$?"), "Enter"]);
    }

    /// Waits for the program started by `run` to end; returns its screen.
    pub fn wait_exit(&self, code: u8) -> String {
        let screen = self.wait_for("EXIT-42:");
        assert!(screen.contains(&format!("EXIT-42:{code}")), "{screen}");
        screen
    }

    /// From the Folder screen: the domain and email typed over what is there, the
    /// default mode, up to the Review.
    pub fn answer_to_review(&self, domain: &str, email: &str) {
        self.send(&["Enter"]);
        self.send(&["C-u", domain, "Enter"]);
        self.send(&["C-u", email, "Enter"]);
        self.send(&["Enter"]);
        self.wait_for("╭ Review");
    }

    /// Runs the wizard on `fixture` and waits for its first screen.
    pub fn open_wizard(&self, fixture: &Fixture) {
        self.run(&format!("--dir {}", fixture.path().display()));
        self.wait_for("Press Enter to choose");
    }

    /// After the wizard exits: its exit code, and the terminal back in cooked mode.
    pub fn assert_restored(&self, code: u8) {
        let screen = self.wait_for("EXIT-42:");
        assert!(screen.contains(&format!("EXIT-42:{code}")), "{screen}");
        assert!(
            !screen.contains("╭ Folder"),
            "still on the alternate screen:\n{screen}"
        );
        self.send(&["clear; echo \"MODES-$((40+2)): $(stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' ')\"", "Enter"]);
        let screen = self.wait_for("MODES-42:");
        let modes = screen
            .lines()
            .find(|l| l.starts_with("MODES-42:"))
            .unwrap_or_default()
            .to_string();
        let words: Vec<&str> = modes.split_whitespace().collect();
        for mode in ["icanon", "echo", "isig"] {
            assert!(
                words.contains(&mode),
                "terminal left in raw mode ({mode} off): {modes:?}\n{screen}"
            );
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
