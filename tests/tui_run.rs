//! The run screen: its states rendered from run events (times come from ticks, so the
//! snapshots are exact), and the real executor started from the wizard against the
//! compose test double.

mod support;

use support::wizard::{in_chinese, snap};

use std::time::{Duration, Instant};

use dify_https::core::run::{Diagnosis, FailureClass, LineSource, RunEvent, Step, StepOutcome};
use dify_https::tui::app::{Dialog, Screen};
use dify_https::tui::msg::{Effect, Msg};
use dify_https::tui::run_state::{RunEnd, RunState};
use dify_https::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use support::certs::TestCa;
use support::wizard::{UNICODE, Wizard};
use support::{CLASSIC_ENV, Fixture};

const PLAN: [Step; 6] = [
    Step::BringUp,
    Step::ChallengeSelfTest,
    Step::RequestCertificate,
    Step::CheckCertificate,
    Step::SwitchHttps,
    Step::ConfirmHttps,
];

/// A wizard on the Applied step of a production setup, with its run screen open.
fn on_run_screen(fixture: &Fixture) -> (Wizard, Instant) {
    let mut w = Wizard::open(fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .enter()
        .enter();
    assert_eq!(w.app.screen, Screen::Applied);
    w.app.run = Some(RunState::new(
        "dify.acmecorp.io".into(),
        dify_https::core::setup::Mode::Production,
    ));
    w.app.screen = Screen::Run;
    let t0 = Instant::now();
    w.tick(t0);
    w.send(Msg::Run(RunEvent::Planned(PLAN.to_vec())));
    (w, t0)
}

fn done(w: &mut Wizard, index: usize, secs: f32, note: Option<&str>) {
    w.send(Msg::Run(RunEvent::Started {
        index,
        step: PLAN[index],
    }));
    w.send(Msg::Run(RunEvent::Finished {
        index,
        step: PLAN[index],
        elapsed: Duration::from_secs_f32(secs),
        outcome: StepOutcome::Succeeded {
            note: note.map(str::to_string),
        },
    }));
}

fn line(w: &mut Wizard, source: LineSource, text: &str) {
    w.send(Msg::Run(RunEvent::Line {
        source,
        text: text.into(),
    }));
}

#[test]
fn running_failed_and_done_states() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let (mut w, t0) = on_run_screen(&fixture);
    done(&mut w, 0, 4.2, Some("started the whole stack"));
    done(&mut w, 1, 0.3, Some("served by http://127.0.0.1:80"));
    w.send(Msg::Run(RunEvent::Started {
        index: 2,
        step: Step::RequestCertificate,
    }));
    w.send(Msg::Run(RunEvent::Command("docker compose --profile weaviate --profile postgresql --profile certbot run --rm -T certbot /bin/sh /update-cert.sh".into())));
    line(
        &mut w,
        LineSource::Compose,
        "Certificate does not exist. Obtaining a new certificate...",
    );
    line(
        &mut w,
        LineSource::Log,
        "2026-11-29 02:12:03,354:DEBUG:certbot._internal.main:certbot version: 2.1.0",
    );
    line(&mut w, LineSource::Log, "HTTP 200");
    line(
        &mut w,
        LineSource::Log,
        "2026-11-29 02:12:04,000:INFO:certbot._internal.auth_handler:http-01 challenge for dify.acmecorp.io",
    );
    w.tick(t0 + Duration::from_secs(12));
    snap("run_80x24_1_running", w.screen(80, 24));
    snap("run_40x12_1_running", w.screen(40, 12));

    // v shows certbot's DEBUG records too.
    w.key(KeyCode::Char('v'));
    let verbose = w.screen(80, 24);
    assert!(
        verbose.contains("HTTP 200") && verbose.contains("DEBUG:certbot._internal.main"),
        "{verbose}"
    );
    w.key(KeyCode::Char('v'));

    let diagnosis = Diagnosis {
        class: FailureClass::Dns,
        evidence: vec!["Detail: DNS problem: NXDOMAIN looking up A for dify.acmecorp.io".into()],
        fix: "DNS for dify.acmecorp.io does not lead here: check its A/AAAA record points at this server's public address.".into(),
    };
    w.send(Msg::Run(RunEvent::Finished {
        index: 2,
        step: Step::RequestCertificate,
        elapsed: Duration::from_secs(9),
        outcome: StepOutcome::Failed {
            error: "Dify's certificate script failed".into(),
            diagnosis: Some(diagnosis),
        },
    }));
    w.send(Msg::RunEnded(RunEnd::Failed {
        step: Step::RequestCertificate,
    }));
    snap("run_80x24_2_failed", w.screen(80, 24));
    // The marks carry the meaning in colour too: done green, failed red, pending dim.
    let buffer = w.buffer(80, 24);
    let fg = |text: &str| support::wizard::style_of(&buffer, text).map(|s| s.fg);
    assert_eq!(fg("✓ 1."), Some(Some(Color::Green)));
    assert_eq!(fg("✗ 3."), Some(Some(Color::Red)));
    assert_ne!(fg("· 4."), Some(Some(Color::Green)));
    // What stays in the terminal after the wizard leaves: the failure and its fix.
    let folder = dify_https::core::dify::DifyFolder::open(fixture.path()).unwrap();
    let summary = dify_https::tui::summary::exit_summary(&w.app, &folder).join("\n");
    if support::wizard::english() {
        assert!(
            summary.contains("failed at \"Run Dify's certificate script\"")
                && summary.contains("Dify's certificate script failed")
                && summary.contains("Fix: DNS for dify.acmecorp.io does not lead here")
                && summary.contains("status | logs | doctor"),
            "{summary}"
        );
    }

    let (mut w, _) = on_run_screen(&fixture);
    for (i, secs) in [4.2, 0.3, 3.1, 0.0, 2.5, 0.4].into_iter().enumerate() {
        done(&mut w, i, secs, None);
    }
    w.send(Msg::RunEnded(RunEnd::Succeeded));
    snap("run_80x24_3_done", w.screen(80, 24));
    let buffer = w.buffer(80, 24);
    for i in 1..=6 {
        let mark = support::wizard::style_of(&buffer, &format!("✓ {i}.")).unwrap();
        assert_eq!(mark.fg, Some(Color::Green), "step {i}");
    }
    w.key(KeyCode::Enter);
    assert!(w.app.should_quit);
    let folder = dify_https::core::dify::DifyFolder::open(fixture.path()).unwrap();
    let summary = dify_https::tui::summary::exit_summary(&w.app, &folder);
    if support::wizard::english() {
        assert!(summary[0].contains("finished"), "{summary:?}");
    }
}

#[test]
fn the_random_delay_shows_as_a_countdown() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let (mut w, _) = on_run_screen(&fixture);
    w.send(Msg::Run(RunEvent::Started {
        index: 2,
        step: Step::RequestCertificate,
    }));
    w.send(Msg::Run(RunEvent::Countdown(113)));
    assert!(
        w.screen(80, 24)
            .contains("certbot waits 113 s before renewing")
    );
}

#[test]
fn ctrl_c_during_a_run_asks_then_stops_it() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let (mut w, _) = on_run_screen(&fixture);
    w.send(Msg::Run(RunEvent::Started {
        index: 0,
        step: Step::BringUp,
    }));
    w.ctrl('c');
    assert_eq!(w.app.dialog, Some(Dialog::ConfirmStopRun));
    snap("run_80x24_4_confirm_stop", w.screen(80, 24));
    w.key(KeyCode::Char('n'));
    assert_eq!(w.app.dialog, None);
    assert!(!w.app.should_quit);
    // y asks the runtime to cancel the run (it does not quit: the run ends first).
    w.ctrl('c');
    let now = w.clock();
    let effects = update(
        &mut w.app,
        Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)),
        now,
    );
    assert!(matches!(effects.as_slice(), [Effect::CancelRun]));
    assert!(w.app.run.as_ref().unwrap().stopping);
    w.send(Msg::Run(RunEvent::Finished {
        index: 0,
        step: Step::BringUp,
        elapsed: Duration::from_secs(1),
        outcome: StepOutcome::Cancelled,
    }));
    w.send(Msg::RunEnded(RunEnd::Cancelled {
        step: Step::BringUp,
    }));
    if support::wizard::english() {
        assert!(
            w.screen(80, 24)
                .contains("Stopped during \"Start nginx and certbot with the new .env\"")
        );
    }
    w.ctrl('c');
    assert!(w.app.should_quit, "after the run, Ctrl-C quits at once");
}

#[test]
fn the_log_scrolls_and_follows_again_at_the_end() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let (mut w, _) = on_run_screen(&fixture);
    for i in 0..200 {
        line(&mut w, LineSource::Compose, &format!("output line {i}"));
    }
    assert!(w.screen(80, 24).contains("output line 199"));
    w.key(KeyCode::PageUp);
    let scrolled = w.screen(80, 24);
    assert!(
        !scrolled.contains("output line 199") && scrolled.contains("output line 189"),
        "{scrolled}"
    );
    // New lines do not move a scrolled view.
    line(&mut w, LineSource::Compose, "output line 200");
    assert!(w.screen(80, 24).contains("output line 189"));
    w.key(KeyCode::End);
    assert!(w.screen(80, 24).contains("output line 200"));
    // Home: the first line at the top of the output, the area full below it.
    w.key(KeyCode::Home);
    let top = w.screen(80, 24);
    let rows: Vec<&str> = top.lines().collect();
    let first = rows
        .iter()
        .position(|l| l.contains("output line 0 "))
        .unwrap_or_else(|| panic!("{top}"));
    assert!(
        rows[first - 1].contains("Output ("),
        "blank rows above the first line:
{top}"
    );
    assert!(rows[first + 1].contains("output line 1 "), "{top}");
    assert!(!top.contains("output line 199"), "{top}");
}

#[test]
fn r_runs_the_real_executor_from_the_wizard() {
    let fixture = Fixture::env(&CLASSIC_ENV.replace("EXPOSE_NGINX_PORT=80", "EXPOSE_NGINX_PORT=1"));
    let state = tempfile::tempdir().unwrap();
    let mut w = Wizard::open(&fixture, UNICODE);
    w.use_compose_double(state.path());
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .enter()
        .enter();
    w.key(KeyCode::Char('r'));
    // The checklist first: this bare fixture lacks certbot's files, so it fails; run anyway.
    assert_eq!(w.app.screen, Screen::Checks);
    w.key(KeyCode::Enter);
    assert_eq!(w.app.screen, Screen::Checks, "a failed check blocks Enter");
    w.key(KeyCode::Char('o')).key(KeyCode::Char('y'));
    assert_eq!(w.app.screen, Screen::Run);
    let run = w.app.run.as_ref().unwrap();
    // The stack came up; nginx never answered on port 1, so the self-test failed and
    // nothing after it ran.
    assert_eq!(
        run.ended,
        Some(RunEnd::Failed {
            step: Step::ChallengeSelfTest
        })
    );
    let calls = std::fs::read_to_string(state.path().join("calls.log")).unwrap();
    assert!(
        calls.contains("ps --services --filter status=running") && calls.contains(" up -d |"),
        "{calls}"
    );
    assert!(!calls.contains("update-cert.sh"));
    let screen = w.screen(80, 24);
    assert!(screen.contains("HTTPS is still off"), "{screen}");
    assert!(screen.contains("t tries again from this step"), "{screen}");
    assert!(
        screen.contains("t try again"),
        "the key row offers it: {screen}"
    );

    // t: again from the failed step (the stack is not brought up a second time).
    let ups = calls.matches(" up -d").count();
    w.key(KeyCode::Char('t'));
    let run = w.app.run.as_ref().unwrap();
    assert_eq!(run.steps[0].0, Step::ChallengeSelfTest, "{:?}", run.steps);
    assert_eq!(
        run.ended,
        Some(RunEnd::Failed {
            step: Step::ChallengeSelfTest
        })
    );
    let calls = std::fs::read_to_string(state.path().join("calls.log")).unwrap();
    assert_eq!(calls.matches(" up -d").count(), ups, "{calls}");
}

#[test]
fn a_staging_certificate_in_the_way_is_only_deleted_after_a_yes() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let ca = TestCa::new("(STAGING) Pretend Pear X1");
    let (pem, _, _) = ca.leaf_for_days(&["dify.acmecorp.io"], 80);
    let live = fixture
        .path()
        .join("volumes/certbot/conf/live/dify.acmecorp.io");
    std::fs::create_dir_all(&live).unwrap();
    std::fs::write(live.join("fullchain.pem"), pem).unwrap();
    let mut w = Wizard::open(&fixture, UNICODE);
    let state = tempfile::tempdir().unwrap();
    w.use_compose_double(state.path());
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .enter()
        .enter();
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Checks);
    assert!(
        w.app
            .preflight
            .as_ref()
            .unwrap()
            .staging_issuer
            .as_deref()
            .is_some_and(|i| i.contains("(STAGING)"))
    );
    w.key(KeyCode::Char('o')).key(KeyCode::Char('y'));
    assert!(
        matches!(&w.app.dialog, Some(Dialog::ConfirmReplaceStaging(issuer)) if issuer.contains("(STAGING)"))
    );
    snap("run_80x24_0_confirm_replace_staging", w.screen(80, 24));
    w.key(KeyCode::Char('n'));
    assert_eq!(w.app.screen, Screen::Checks, "no run without the yes");
    assert!(w.app.run.is_none());
}

#[test]
fn the_checklist_before_a_run() {
    let fixture = Fixture::with(&[
        (
            ".env",
            &support::classic_env_set(
                "dify.acmecorp.io",
                "ops@acme-corp.dev",
                "--no-random-sleep-on-renew",
            ),
        ),
        ("certbot/docker-entrypoint.sh", "#!/bin/sh\n"),
        ("certbot/update-cert.template.txt", "#!/bin/bash\n"),
    ]);
    let mut w = Wizard::open(&fixture, UNICODE);
    let state = tempfile::tempdir().unwrap();
    w.use_compose_double(state.path());
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev").enter();
    // .env already says all this: the review has nothing to write.
    w.enter();
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Checks);
    snap("run_80x24_0_checks", w.screen(80, 24));
    let p = w.app.preflight.as_ref().unwrap();
    assert!(
        p.checks
            .iter()
            .all(|c| c.status != dify_https::core::doctor::CheckStatus::Fail),
        "{:?}",
        p.checks
    );
    w.key(KeyCode::Char('c'));
    assert_eq!(w.app.screen, Screen::Checks, "checked again");
    w.esc();
    assert_eq!(w.app.screen, Screen::Applied);
    // Enter runs when nothing failed.
    w.key(KeyCode::Char('r')).key(KeyCode::Enter);
    assert_eq!(w.app.screen, Screen::Run);
}

/// What dify-https itself did (wrote .env, undid the HTTPS switch) is labelled apart
/// from what compose printed.
#[test]
fn the_tools_own_notes_are_labelled_apart_from_compose_output() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let (mut w, _) = on_run_screen(&fixture);
    line(
        &mut w,
        LineSource::Compose,
        "Recreating docker_nginx_1 ... done",
    );
    line(
        &mut w,
        LineSource::Note,
        "HTTPS switched back off: .env restored to its values before the switch",
    );
    let screen = w.screen(80, 24);
    assert!(
        screen.contains("compose│ Recreating docker_nginx_1"),
        "{screen}"
    );
    assert!(
        screen.contains("   note│ HTTPS switched back off"),
        "{screen}"
    );
}

/// A finished install reviewed with the same answers: `r` runs nothing and says so;
/// when its renewal is due, `r` renews instead of setting up again.
#[test]
fn a_finished_install_runs_nothing_or_only_its_due_renewal() {
    for (days, renews) in [(80, false), (10, true)] {
        let env = support::classic_env_set(
            "dify.acmecorp.io",
            "ops@acme-corp.dev",
            "--no-random-sleep-on-renew",
        )
        .replace("NGINX_HTTPS_ENABLED=false", "NGINX_HTTPS_ENABLED=true");
        let fixture = Fixture::env(&env);
        let ca = TestCa::new("R11 Test");
        let (pem, key, _) = ca.leaf_between(
            &["dify.acmecorp.io"],
            support::wizard::NOW - time::Duration::days(30),
            support::wizard::NOW + time::Duration::days(days),
        );
        support::install_certificate(&fixture, "dify.acmecorp.io", &ca.pem, &pem, &key);
        let mut w = Wizard::open(&fixture, UNICODE);
        let state = tempfile::tempdir().unwrap();
        w.use_compose_double(state.path());
        w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
            .enter()
            .enter();
        w.key(KeyCode::Char('r'));
        let calls = std::fs::read_to_string(state.path().join("calls.log")).unwrap_or_default();
        if renews {
            assert!(
                w.app.run.as_ref().is_some_and(|r| r.renew),
                "{:?}",
                w.app.screen
            );
            assert!(
                calls.contains(" run --rm -T certbot /bin/sh /update-cert.sh"),
                "{calls}"
            );
        } else {
            assert!(w.app.run.is_none());
            assert!(
                w.screen(80, 24)
                    .contains("Already set up for dify.acmecorp.io")
            );
            assert!(
                !calls.contains(" up ") && !calls.contains(" run "),
                "{calls}"
            );
        }
        assert!(fixture.backups().is_empty(), "nothing was written");
    }
}

// The same screens in Simplified Chinese (snapshots `…__zh-CN`).

#[test]
fn running_failed_and_done_states_in_chinese() {
    in_chinese(running_failed_and_done_states);
}

#[test]
fn the_checklist_before_a_run_in_chinese() {
    in_chinese(the_checklist_before_a_run);
}

#[test]
fn a_staging_certificate_in_the_way_is_only_deleted_after_a_yes_in_chinese() {
    in_chinese(a_staging_certificate_in_the_way_is_only_deleted_after_a_yes);
}

#[test]
fn ctrl_c_during_a_run_asks_then_stops_it_in_chinese() {
    in_chinese(ctrl_c_during_a_run_asks_then_stops_it);
}
