//! The real binary in a real terminal (tmux): after every way out — quit, Ctrl-C,
//! SIGTERM, SIGHUP — the shell gets its terminal back (cooked mode, echo on, main
//! screen). Skips loudly without tmux; fails instead under CI=true.

mod support;

use std::process::Command;

use support::tmux::Tmux;
use support::{CLASSIC_ENV, Fixture};

#[test]
fn terminal_is_restored_after_q() {
    let Some(t) = Tmux::start("q") else { return };
    let f = Fixture::env(CLASSIC_ENV);
    t.open_wizard(&f);
    t.send(&["q"]);
    t.assert_restored(0);
}

#[test]
fn terminal_is_restored_after_ctrl_c() {
    let Some(t) = Tmux::start("ctrlc") else {
        return;
    };
    let f = Fixture::env(CLASSIC_ENV);
    t.open_wizard(&f);
    t.send(&["C-c"]);
    t.assert_restored(0);
}

#[test]
fn terminal_is_restored_after_sigterm() {
    let Some(t) = Tmux::start("term") else { return };
    let f = Fixture::env(CLASSIC_ENV);
    t.open_wizard(&f);
    Command::new("kill")
        .args(["-TERM", &t.child_pid()])
        .status()
        .unwrap();
    t.assert_restored(130);
    assert_eq!(f.env_bytes(), CLASSIC_ENV.as_bytes());
}

#[test]
fn terminal_is_restored_after_sighup() {
    let Some(t) = Tmux::start("hup") else { return };
    let f = Fixture::env(CLASSIC_ENV);
    t.open_wizard(&f);
    // Typed answers are not written by a hang-up.
    t.send(&["Enter", "typed-but-unsaved.org"]);
    t.wait_for("typed-but-unsaved.org");
    Command::new("kill")
        .args(["-HUP", &t.child_pid()])
        .status()
        .unwrap();
    t.assert_restored(130);
    assert_eq!(f.env_bytes(), CLASSIC_ENV.as_bytes());
}

/// Leaving after applying: the summary stays in the normal terminal (the alternate
/// screen and all it said are gone), with the way to go on.
#[test]
fn the_exit_summary_stays_after_the_wizard_leaves() {
    let Some(t) = Tmux::start("summary") else {
        return;
    };
    let f = Fixture::env(CLASSIC_ENV);
    t.open_wizard(&f);
    // Folder, domain, email, mode, review (apply): the answers already in the fixture's
    // .env are replaced by typed ones.
    t.send(&["Enter"]);
    t.send(&["C-u", "dify.acmecorp.io", "Enter"]);
    t.send(&["C-u", "ops@acme-corp.dev", "Enter"]);
    t.send(&["Enter"]);
    t.wait_for("╭ Review");
    t.send(&["Enter"]);
    t.wait_for(".env written.");
    t.send(&["C-c"]);
    t.wait_for("Quit before the run?");
    // Enter does not answer it; y does.
    t.send(&["Enter"]);
    t.send(&["y"]);
    let screen = t.wait_for("EXIT-42:");
    assert!(screen.contains("EXIT-42:0"), "{screen}");
    assert!(
        screen.contains("has the new settings") && screen.contains("no certificate was requested"),
        "{screen}"
    );
    assert!(!screen.contains("╭ Review"), "{screen}");
}
