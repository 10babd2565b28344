//! `--demo` plays runs recorded from a real issuance (assets/demo/run-*.jsonl, kept
//! by tests/acme_e2e.rs) through the real run screen, then opens the dashboard: all
//! through the same update, perform and render the event loop uses.

mod support;

use support::wizard::{in_chinese, snap};

use dify_https::tui::app::Screen;
use dify_https::tui::run_state::RunEnd;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use support::wizard::{UNICODE, Wizard, style_of};

const DOMAIN: &str = "dify.acme-corp.dev";

/// The demo on its Applied screen, answers given and `.env` written.
fn applied() -> (Wizard, std::path::PathBuf) {
    let (mut w, base) = Wizard::open_demo(UNICODE);
    w.answer(DOMAIN, "ops@acme-corp.dev").enter().enter();
    assert_eq!(w.app.screen, Screen::Applied);
    (w, base)
}

#[test]
fn the_demo_plays_a_failure_its_fix_and_ends_on_the_dashboard() {
    let (mut w, base) = applied();
    snap("demo_80x24_1_applied", w.screen(80, 24));
    snap("demo_40x12_1_applied", w.screen(40, 12));

    // f: the recorded challenge 404, with what to do about it.
    w.key(KeyCode::Char('f'));
    assert_eq!(w.app.screen, Screen::Run);
    assert!(matches!(
        w.app.run.as_ref().unwrap().ended,
        Some(RunEnd::Failed { .. })
    ));
    let screen = w.screen(80, 24);
    if support::wizard::english() {
        assert!(screen.contains("answered"), "{screen}");
    }
    if support::wizard::english() {
        assert!(screen.contains("404 for the challenge file"), "{screen}");
    }
    snap("demo_80x24_2_failed", screen);
    snap("demo_40x12_2_failed", w.screen(40, 12));
    let buffer = w.buffer(80, 24);
    assert_eq!(style_of(&buffer, "✗ 2.").unwrap().fg, Some(Color::Red));
    assert_eq!(style_of(&buffer, "✓ 1.").unwrap().fg, Some(Color::Green));
    let env = std::fs::read_to_string(base.join("docker/.env")).unwrap();
    assert!(
        env.contains("\nNGINX_HTTPS_ENABLED=false"),
        "a failed run switched HTTPS"
    );

    // t: the run again from the failed step; it works this time.
    w.key(KeyCode::Char('t'));
    let run = w.app.run.as_ref().unwrap();
    assert_eq!(run.ended, Some(RunEnd::Succeeded));
    assert_eq!(run.steps.len(), 5, "the retry starts at the self-test");
    let screen = w.screen(80, 24);
    if support::wizard::english() {
        assert!(screen.contains("Enter dashboard"), "{screen}");
    }
    if support::wizard::english() {
        assert!(screen.contains("demo: a recording plays"), "{screen}");
    }
    snap("demo_80x24_3_done", screen);
    // What a real run leaves in the folder, the demo left in its copy.
    let env = std::fs::read_to_string(base.join("docker/.env")).unwrap();
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=true"), "{env}");
    let live = base.join(format!("docker/volumes/certbot/conf/live/{DOMAIN}"));
    assert!(live.join("fullchain.pem").is_file() && live.join("privkey.pem").is_file());

    // Enter: the dashboard, reading the demo's certificate from the folder.
    w.enter();
    assert_eq!(w.app.screen, Screen::Dashboard);
    let screen = w.screen(80, 24);
    assert!(screen.contains("dify-https demo CA"), "{screen}");
    snap("demo_80x24_4_dashboard", screen);
    // The demo's certificate is no browser's: never an OK (yellow, as a test CA's).
    assert!(
        !screen_says_ok(&mut w),
        "the demo certificate was judged OK"
    );
    let buffer = w.buffer(80, 24);
    assert_eq!(
        style_of(&buffer, "WARNING ·").unwrap().fg,
        Some(Color::Yellow)
    );

    // r and s say what they would do; nothing renews or installs.
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Dashboard);
    if support::wizard::english() {
        assert!(
            w.screen(80, 24)
                .contains("Demo: in your Dify folder r renews")
        );
    }
    w.key(KeyCode::Char('s'));
    assert!(w.app.dialog.is_none());
    assert!(!w.schedule_root().exists(), "the demo installed a schedule");
    std::fs::remove_dir_all(base).unwrap();
}

#[test]
fn r_in_the_demo_goes_through_the_checklist_and_plays_the_whole_run() {
    let (mut w, base) = applied();
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Checks);
    assert!(w.screen(80, 24).contains("Demo: nothing is checked here"));
    w.enter();
    let run = w.app.run.as_ref().unwrap();
    assert_eq!(run.ended, Some(RunEnd::Succeeded));
    assert_eq!(run.steps.len(), 6);
    let summary = dify_https::tui::summary::exit_summary(
        &w.app,
        &dify_https::core::dify::DifyFolder::open(&base.join("docker")).unwrap(),
    );
    assert!(
        summary[0].starts_with("Demo: a recorded run played"),
        "{summary:?}"
    );
    std::fs::remove_dir_all(base).unwrap();
}

fn screen_says_ok(w: &mut Wizard) -> bool {
    w.screen(80, 24).contains(" OK ·")
}

// The same screens in Simplified Chinese (snapshots `…__zh-CN`).

#[test]
fn the_demo_plays_a_failure_its_fix_and_ends_on_the_dashboard_in_chinese() {
    in_chinese(the_demo_plays_a_failure_its_fix_and_ends_on_the_dashboard);
}
