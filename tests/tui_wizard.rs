//! The wizard, screen by screen and key by key, rendered with ratatui's TestBackend.
//! Screens are insta snapshots in the top-level `snapshots/` folder.

mod support;

use support::wizard::{in_chinese, snap};

use dify_https::tui::app::{Dialog, Screen};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use support::wizard::{ASCII, NO_COLOR, UNICODE, Wizard, dialog_text};
use support::{CLASSIC_ENV, ESSENTIAL_ENV, Fixture, classic_env_set};

#[test]
fn every_step_at_80x24() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    snap("wizard_80x24_1_folder", w.screen(80, 24));
    w.enter()
        .clear_field()
        .type_text("https://dify.acmecorp.io/apps")
        .enter();
    snap("wizard_80x24_2_domain_error", w.screen(80, 24));
    w.clear_field().type_text("dify.acmecorp.io").enter();
    w.clear_field().type_text("ops@acme-corp.dev");
    snap("wizard_80x24_3_email", w.screen(80, 24));
    w.enter().key(KeyCode::Down).type_text("--key-type ecdsa");
    snap("wizard_80x24_4_mode", w.screen(80, 24));
    w.enter();
    assert_eq!(w.app.screen, Screen::Review);
    snap("wizard_80x24_5_review", w.screen(80, 24));
    w.key(KeyCode::End);
    snap("wizard_80x24_5_review_end", w.screen(80, 24));
    w.enter();
    assert_eq!(w.app.screen, Screen::Applied);
    snap("wizard_80x24_6_done", w.screen(80, 24));
}

#[test]
fn the_flow_at_40x12() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    snap("wizard_40x12_1_folder", w.screen(40, 12));
    w.key(KeyCode::End);
    snap("wizard_40x12_1_folder_end", w.screen(40, 12));
    w.enter().clear_field().type_text("dify.acmecorp.io");
    snap("wizard_40x12_2_domain", w.screen(40, 12));
    w.enter().clear_field().type_text("not-an-email").enter();
    snap("wizard_40x12_3_email_error", w.screen(40, 12));
    w.clear_field().type_text("ops@acme-corp.dev").enter();
    snap("wizard_40x12_4_mode", w.screen(40, 12));
    w.enter();
    snap("wizard_40x12_5_review", w.screen(40, 12));
    w.enter();
    snap("wizard_40x12_6_done", w.screen(40, 12));
    w.key(KeyCode::PageDown);
    snap("wizard_40x12_6_done_scrolled", w.screen(40, 12));
}

#[test]
fn below_40x12_a_notice_replaces_the_screen() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    snap("wizard_too_small_39x12", w.screen(39, 12));
    // Tiny sizes do not panic.
    for (width, height) in [(1, 1), (2, 30), (40, 11), (200, 3)] {
        w.screen(width, height);
    }
}

#[test]
fn ascii_symbols_when_the_locale_is_not_utf8() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, ASCII);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev").enter();
    let screen = w.screen(80, 24);
    assert!(screen.is_ascii(), "{screen}");
    snap("wizard_80x24_ascii_review", screen);
}

#[test]
fn no_color_means_no_colour_on_any_screen() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, NO_COLOR);
    let check = |w: &mut Wizard| {
        let buf = w.buffer(80, 24);
        for cell in buf.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{:?} at {:?}",
                cell.symbol(),
                w.app.screen
            );
        }
    };
    check(&mut w);
    w.enter().type_text("x").enter();
    check(&mut w); // with an error message
    w.clear_field()
        .type_text("dify.acmecorp.io")
        .enter()
        .clear_field()
        .type_text("ops@acme-corp.dev")
        .enter();
    check(&mut w);
    w.enter();
    check(&mut w);
    // The words carry what colour would: errors are marked, removed/added lines signed.
    let screen = w.screen(80, 24);
    assert!(screen.contains("→ dify.acmecorp.io"));
    w.enter();
    check(&mut w);
}

#[test]
fn essential_layout_gets_a_certbot_block_in_env() {
    let fixture = Fixture::with(&[
        (".env", ESSENTIAL_ENV),
        (
            "envs/infrastructure/certbot.env.example",
            "CERTBOT_DOMAIN=your_domain.com\n",
        ),
        (
            "envs/infrastructure/certbot.env",
            "CERTBOT_DOMAIN=old.acmecorp.io\n",
        ),
    ]);
    let mut w = Wizard::open(&fixture, UNICODE);
    snap("wizard_80x24_essential_folder", w.screen(80, 24));
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev").enter();
    snap("wizard_80x24_essential_review", w.screen(80, 24));
    w.enter();
    let text = String::from_utf8(fixture.env_bytes()).unwrap();
    assert!(text.ends_with(
        "COMPOSE_PROFILES=${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql},collaboration\n\n# Certbot (Let's Encrypt), set by dify-https. The certbot service reads these from this file.\nCERTBOT_DOMAIN=dify.acmecorp.io\nCERTBOT_EMAIL=ops@acme-corp.dev\nCERTBOT_OPTIONS=--no-random-sleep-on-renew\n"
    ), "{text}");
}

#[test]
fn missing_env_is_created_from_the_example_on_request() {
    let fixture = Fixture::with(&[(".env.example", CLASSIC_ENV)]);
    let mut w = Wizard::open(&fixture, UNICODE);
    snap("wizard_80x24_1_folder_no_env", w.screen(80, 24));
    w.enter();
    assert_eq!(
        w.app.screen,
        Screen::Folder,
        "Enter does nothing without .env"
    );
    w.key(KeyCode::Char('c'));
    assert_eq!(fixture.env_bytes(), CLASSIC_ENV.as_bytes());
    snap("wizard_80x24_1_folder_env_created", w.screen(80, 24));
    w.enter();
    assert_eq!(w.app.screen, Screen::Domain);
}

#[test]
fn applying_writes_exactly_the_reviewed_change_and_a_backup() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .key(KeyCode::Down)
        .key(KeyCode::Down)
        .enter()
        .enter();
    // A dry run stores no --dry-run: it is given to its own run only.
    let expected = classic_env_set(
        "dify.acmecorp.io",
        "ops@acme-corp.dev",
        "--no-random-sleep-on-renew",
    );
    assert_eq!(String::from_utf8(fixture.env_bytes()).unwrap(), expected);
    let backups = fixture.backups();
    assert_eq!(backups.len(), 1);
    assert!(backups[0].ends_with(".env.bak-20261129-101112"));
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), CLASSIC_ENV);
}

#[test]
fn a_file_changed_after_review_is_not_overwritten() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev").enter();
    let edited = format!("{CLASSIC_ENV}SOMEONE_ELSE=edited\n");
    std::fs::write(fixture.env_path(), &edited).unwrap();
    w.enter();
    assert_eq!(w.app.screen, Screen::Review);
    assert_eq!(fixture.env_bytes(), edited.as_bytes());
    assert!(fixture.backups().is_empty());
    snap("wizard_80x24_5_review_changed_on_disk", w.screen(80, 24));
    // Going back and forth re-reads the file, and then the change applies on top of the edit.
    w.esc().enter().enter();
    assert_eq!(w.app.screen, Screen::Applied);
    assert!(
        String::from_utf8(fixture.env_bytes())
            .unwrap()
            .ends_with("SOMEONE_ELSE=edited\n")
    );
}

#[test]
fn values_survive_going_back_and_esc_walks_back() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .key(KeyCode::Down);
    w.esc();
    assert_eq!(w.app.screen, Screen::Email);
    w.esc();
    assert_eq!(w.app.screen, Screen::Domain);
    assert_eq!(w.app.domain.value(), "dify.acmecorp.io");
    w.enter().enter();
    assert_eq!(w.app.screen, Screen::Mode);
    assert_eq!(w.app.email.value(), "ops@acme-corp.dev");
    assert_eq!(w.app.mode, dify_https::core::setup::Mode::Staging);
}

#[test]
fn ctrl_c_asks_before_losing_answers_and_quits_at_once_otherwise() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.ctrl('c');
    assert!(w.app.should_quit, "nothing typed: quit at once");

    let mut w = Wizard::open(&fixture, UNICODE);
    w.enter().type_text("dify.acmecorp.io").ctrl('c');
    assert_eq!(w.app.dialog, Some(Dialog::ConfirmQuit));
    assert!(!w.app.should_quit);
    snap("wizard_80x24_confirm_quit", w.screen(80, 24));
    w.key(KeyCode::Char('n'));
    assert_eq!(w.app.dialog, None);
    assert_eq!(w.app.domain.value(), "dify.acmecorp.io");
    // Enter is a reflex, never the destructive answer: the question stays.
    w.ctrl('c').enter();
    assert_eq!(w.app.dialog, Some(Dialog::ConfirmQuit));
    assert!(!w.app.should_quit);
    w.key(KeyCode::Char('y'));
    assert!(w.app.should_quit);
    assert_eq!(fixture.env_bytes(), CLASSIC_ENV.as_bytes());
}

/// Ctrl-C on the Applied screen asks, like every other screen: .env is written but
/// nothing was run.
#[test]
fn ctrl_c_after_applying_asks_before_leaving_the_run_undone() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .enter()
        .enter();
    assert_eq!(w.app.screen, Screen::Applied);
    w.ctrl('c');
    assert_eq!(w.app.dialog, Some(Dialog::ConfirmQuitBeforeRun));
    let said = dialog_text(&w.screen(80, 24), "Quit before the run?");
    assert!(said.contains("no certificate has been requested"), "{said}");
    w.key(KeyCode::Char('n'));
    assert_eq!((w.app.screen, w.app.should_quit), (Screen::Applied, false));
    w.ctrl('c').key(KeyCode::Char('y'));
    assert!(w.app.should_quit);
    // What stays in the terminal: .env written, nothing requested, how to go on.
    let folder = dify_https::core::dify::DifyFolder::open(fixture.path()).unwrap();
    let summary = dify_https::tui::summary::exit_summary(&w.app, &folder).join("\n");
    assert!(
        summary.contains("no certificate was requested yet")
            && summary.contains(".env.bak-")
            && summary.contains("run --rm -T certbot"),
        "{summary}"
    );
}

#[test]
fn options_are_checked_inline_and_nothing_is_written() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .type_text("--debug; curl evil")
        .enter();
    assert_eq!(w.app.screen, Screen::Mode);
    snap("wizard_80x24_4_mode_options_error", w.screen(80, 24));
    assert_eq!(fixture.env_bytes(), CLASSIC_ENV.as_bytes());
}

#[test]
fn review_url_toggle_changes_what_the_https_switch_will_set() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev").enter();
    let keys = |w: &Wizard| -> Vec<String> {
        w.app
            .plan
            .as_ref()
            .unwrap()
            .1
            .on_https
            .changes
            .iter()
            .map(|c| c.key.clone())
            .collect()
    };
    assert_eq!(
        keys(&w),
        [
            "NGINX_HTTPS_ENABLED",
            "CONSOLE_WEB_URL",
            "TRIGGER_URL",
            "NEXT_PUBLIC_SOCKET_URL"
        ]
    );
    w.key(KeyCode::Char('u'));
    assert_eq!(keys(&w), ["NGINX_HTTPS_ENABLED"]);
    let screen = w.screen(80, 24);
    assert!(
        screen.contains("to https://dify.acmecorp.io: no, keep them"),
        "{screen}"
    );
    // u says what it did.
    assert!(
        screen.contains("3 public URLs will be left as they are"),
        "{screen}"
    );
    w.key(KeyCode::Char('u'));
    assert!(
        w.screen(80, 24)
            .contains("3 public URLs will be set to https://dify.acmecorp.io at the HTTPS switch")
    );

    // Nothing to upgrade: u says so instead of doing nothing silently.
    let plain = CLASSIC_ENV
        .replace(
            "CONSOLE_WEB_URL=http://dify.acmecorp.io",
            "CONSOLE_WEB_URL=",
        )
        .replace("TRIGGER_URL=http://localhost", "TRIGGER_URL=")
        .replace(
            "NEXT_PUBLIC_SOCKET_URL=ws://dify.acmecorp.io",
            "NEXT_PUBLIC_SOCKET_URL=",
        );
    let fixture = Fixture::env(&plain);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev").enter();
    w.key(KeyCode::Char('u'));
    assert!(
        w.screen(80, 24).contains("No public URL to upgrade"),
        "{}",
        w.screen(80, 24)
    );
}

#[test]
fn review_scrolling_stops_at_the_end() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev").enter();
    w.screen(80, 24);
    w.key(KeyCode::End);
    let at_end = w.screen(80, 24);
    for _ in 0..5 {
        w.key(KeyCode::Down);
    }
    assert_eq!(w.screen(80, 24), at_end);
    w.key(KeyCode::Up);
    assert_ne!(w.screen(80, 24), at_end);
    w.key(KeyCode::Home);
    assert!(w.screen(80, 24).contains("Keys that change in .env (7):"));
}

/// An internal name is for a private CA, which is named at the Mode step (after the
/// domain): accepted at the Domain step, refused at the Mode step without --server
/// (back to the domain, with the reason), accepted with it.
#[test]
fn an_internal_name_waits_for_the_ca_at_the_mode_step() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.enter().type_text("dify.corp.internal").enter();
    assert_eq!(w.app.screen, Screen::Email);
    w.type_text("ops@corp.internal").enter();
    assert_eq!(w.app.screen, Screen::Mode);
    w.enter();
    assert_eq!(w.app.screen, Screen::Domain);
    assert!(
        w.app
            .errors
            .domain
            .as_deref()
            .is_some_and(|e| e.contains("--server"))
    );
    w.enter().enter();
    assert_eq!(w.app.screen, Screen::Mode);
    w.type_text("--server https://ca.corp.internal/acme/directory")
        .enter();
    assert_eq!(w.app.screen, Screen::Review);
    assert!(
        w.screen(120, 40).contains(
            "Certificate from: custom ACME server: https://ca.corp.internal/acme/directory"
        )
    );
}

/// With LANG=C (ASCII symbols) a done mark is "ok", never "+", which is the box
/// corner and the diff's added-line mark.
#[test]
fn ascii_done_marks_are_not_box_corners() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, ASCII);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .enter()
        .enter();
    assert_eq!(w.app.screen, Screen::Applied);
    let screen = w.screen(80, 24);
    assert!(screen.contains("ok .env written."), "{screen}");
    assert!(!screen.contains("+ .env written."), "{screen}");
}

/// A returning user whose .env already holds valid answers skips the three questions:
/// `r` on the Folder screen goes to the Review with them. Placeholders do not count.
#[test]
fn a_returning_user_goes_straight_to_the_review() {
    let fixture = Fixture::env(&support::set_up_env("dify.acmecorp.io", false).replace(
        "CERTBOT_EMAIL=your_email@example.com",
        "CERTBOT_EMAIL=ops@acme-corp.dev",
    ));
    let mut w = Wizard::open(&fixture, UNICODE);
    let screen = w.screen(80, 24);
    assert!(screen.contains("r goes straight to the Review"), "{screen}");
    assert!(screen.contains("r use these settings"), "{screen}");
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Review);
    assert_eq!(
        w.app.plan.as_ref().unwrap().1.request.domain,
        "dify.acmecorp.io"
    );

    let fresh = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fresh, UNICODE);
    assert!(!w.screen(80, 24).contains("straight to the Review"));
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Folder, "placeholders are not answers");
}

/// On the Applied screen Enter leaves at once, as the hint says ("Enter quit"); only
/// Ctrl-C asks there (see `ctrl_c_after_applying_asks_before_leaving_the_run_undone`).
#[test]
fn on_the_applied_screen_enter_leaves_at_once() {
    let fixture = Fixture::env(CLASSIC_ENV);
    let mut w = Wizard::open(&fixture, UNICODE);
    w.answer("dify.acmecorp.io", "ops@acme-corp.dev")
        .enter()
        .enter();
    assert_eq!(w.app.screen, Screen::Applied);
    w.enter();
    assert!(w.app.should_quit && w.app.dialog.is_none());
}

// The same screens in Simplified Chinese (snapshots `…__zh-CN`).

#[test]
fn every_step_at_80x24_in_chinese() {
    in_chinese(every_step_at_80x24);
}

#[test]
fn the_flow_at_40x12_in_chinese() {
    in_chinese(the_flow_at_40x12);
}

#[test]
fn below_40x12_a_notice_replaces_the_screen_in_chinese() {
    in_chinese(below_40x12_a_notice_replaces_the_screen);
}

#[test]
fn essential_layout_gets_a_certbot_block_in_env_in_chinese() {
    in_chinese(essential_layout_gets_a_certbot_block_in_env);
}

#[test]
fn missing_env_is_created_from_the_example_on_request_in_chinese() {
    in_chinese(missing_env_is_created_from_the_example_on_request);
}

#[test]
fn a_file_changed_after_review_is_not_overwritten_in_chinese() {
    in_chinese(a_file_changed_after_review_is_not_overwritten);
}

#[test]
fn ctrl_c_asks_before_losing_answers_and_quits_at_once_otherwise_in_chinese() {
    in_chinese(ctrl_c_asks_before_losing_answers_and_quits_at_once_otherwise);
}

#[test]
fn options_are_checked_inline_and_nothing_is_written_in_chinese() {
    in_chinese(options_are_checked_inline_and_nothing_is_written);
}
