//! The dashboard: opened when a certificate exists, one screen per state, at 80x24 and
//! 40x12 and without colour; its keys.

mod support;

use support::wizard::{in_chinese, snap};

use dify_https::tui::Start;
use dify_https::tui::app::Screen;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use support::certs::TestCa;
use support::wizard::{ASCII, NO_COLOR, NOW, UNICODE, Wizard, dialog_text};
use support::{CLASSIC_ENV, Fixture};
use time::Duration;

const DOMAIN: &str = "dify.acmecorp.io";

/// A set-up folder whose certificate has `days` left at the harness clock.
fn folder(days: i64, issuer: &str, https: bool) -> Fixture {
    let f = Fixture::env(&support::set_up_env(DOMAIN, https));
    let ca = TestCa::new(issuer);
    let (pem, key, _) = ca.leaf_between(
        &[DOMAIN],
        NOW - Duration::days(10),
        NOW + Duration::days(days) + Duration::hours(2),
    );
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    f
}

#[test]
fn opens_on_the_dashboard_only_when_a_certificate_exists() {
    let with = folder(80, "R11 Test", false);
    assert_eq!(
        Wizard::start(&with, UNICODE, Start::Auto).app.screen,
        Screen::Dashboard
    );
    let without = Fixture::env(CLASSIC_ENV);
    assert_eq!(
        Wizard::start(&without, UNICODE, Start::Auto).app.screen,
        Screen::Folder
    );
    assert_eq!(
        Wizard::start(&without, UNICODE, Start::Dashboard)
            .app
            .screen,
        Screen::Dashboard
    );
}

#[test]
fn each_state_at_80x24_and_40x12() {
    let cases = [
        (
            "dashboard_80x24_warning_https_off",
            folder(80, "R11 Test", false),
            UNICODE,
            (80, 24),
        ),
        (
            "dashboard_80x24_warning_20_days",
            folder(20, "R11 Test", false),
            UNICODE,
            (80, 24),
        ),
        (
            "dashboard_80x24_critical_3_days",
            folder(3, "R11 Test", true),
            UNICODE,
            (80, 24),
        ),
        (
            "dashboard_80x24_expired",
            folder(-2, "R11 Test", true),
            UNICODE,
            (80, 24),
        ),
        (
            "dashboard_80x24_staging",
            folder(80, "(STAGING) Pretend Pear X1", false),
            UNICODE,
            (80, 24),
        ),
        (
            "dashboard_40x12_warning",
            folder(20, "R11 Test", false),
            UNICODE,
            (40, 12),
        ),
        (
            "dashboard_40x12_ascii",
            folder(20, "R11 Test", true),
            ASCII,
            (40, 12),
        ),
    ];
    for (name, f, theme, (w, h)) in cases {
        // A locale that is not UTF-8 gets English (and ASCII), never Chinese.
        if theme == ASCII && !support::wizard::english() {
            continue;
        }
        let mut wiz = Wizard::start(&f, theme, Start::Auto);
        let screen = wiz.screen(w, h);
        if theme == ASCII {
            assert!(screen.is_ascii(), "{screen}");
        }
        // The text alone would pass with the colours swapped: the verdict's colour is
        // asserted too (the headline is drawn reversed, in the verdict's colour).
        let buffer = wiz.buffer(w, h);
        let (word, colour) = if screen.contains("CRITICAL") {
            ("CRITICAL", Color::Red)
        } else if screen.contains("WARNING") {
            ("WARNING", Color::Yellow)
        } else {
            ("OK ", Color::Green)
        };
        let style = support::wizard::style_of(&buffer, word)
            .unwrap_or_else(|| panic!("{word} not on {name}:\n{screen}"));
        assert_eq!(style.fg, Some(colour), "{name}: {word}");
        assert!(
            style
                .add_modifier
                .contains(ratatui::style::Modifier::REVERSED),
            "{name}"
        );
        snap(name, screen);
    }
    let no_cert_folder = Fixture::env(&CLASSIC_ENV.replace(
        "CERTBOT_DOMAIN=your_domain.com",
        "CERTBOT_DOMAIN=dify.acmecorp.io",
    ));
    let mut no_cert = Wizard::start(&no_cert_folder, UNICODE, Start::Dashboard);
    snap("dashboard_80x24_no_certificate", no_cert.screen(80, 24));
    no_cert.key(KeyCode::Char('r'));
    assert!(no_cert.app.run.is_none());
    if support::wizard::english() {
        assert!(
            no_cert
                .screen(80, 24)
                .contains("There is no certificate to renew yet: press w")
        );
    }
}

#[test]
fn without_colour_the_verdict_word_carries_it() {
    let f = folder(3, "R11 Test", true);
    let mut w = Wizard::start(&f, NO_COLOR, Start::Auto);
    let buf = w.buffer(80, 24);
    assert!(
        buf.content()
            .iter()
            .all(|c| (c.fg, c.bg) == (Color::Reset, Color::Reset))
    );
    assert!(
        w.screen(80, 24)
            .contains(" CRITICAL · 3 days left · expires ")
    );
}

#[test]
fn keys_renew_log_wizard_quit_and_refresh() {
    let f = folder(80, "R11 Test", true);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    // A tick once the report is 5 s old asks for a fresh one; it arrives through the effect.
    w.app.status = None;
    let now = w.clock();
    w.tick(now + std::time::Duration::from_secs(1));
    assert!(w.app.status.is_none(), "a refresh before it was due");
    w.tick(now + std::time::Duration::from_secs(5));
    assert!(w.app.status.is_some(), "no refresh when it was due");

    w.key(KeyCode::Char('l'));
    assert_eq!(w.app.screen, Screen::Logs);
    assert!(
        w.screen(80, 24).contains("letsencrypt.log"),
        "the missing log is explained"
    );
    w.esc();
    assert_eq!(w.app.screen, Screen::Dashboard);

    w.key(KeyCode::Char('w'));
    assert_eq!(w.app.screen, Screen::Folder);
    // Opened from the dashboard, Esc goes back there (not out of the program).
    w.esc();
    assert_eq!(w.app.screen, Screen::Dashboard);
    assert!(!w.app.should_quit);

    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    w.key(KeyCode::Char('q'));
    assert!(w.app.should_quit);
}

#[test]
fn the_log_screen_shows_the_newest_lines() {
    let f = folder(80, "R11 Test", false);
    let log: String = (1..=300)
        .map(|i| format!("2026-11-29 01:00:00,{i:03}:INFO:certbot:line {i}\n"))
        .collect();
    std::fs::create_dir_all(f.path().join("volumes/certbot/logs")).unwrap();
    std::fs::write(f.path().join("volumes/certbot/logs/letsencrypt.log"), log).unwrap();
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    w.key(KeyCode::Char('l'));
    let screen = w.screen(80, 24);
    assert!(
        screen.contains("line 300") && !screen.contains("line 200"),
        "{screen}"
    );
    w.key(KeyCode::Home);
    assert!(w.screen(80, 24).contains("line 1\n") || w.screen(80, 24).contains("line 1 "));
}

/// `s` on the dashboard shows the renewal schedule's command and files, and installs
/// it after a yes (into the test's schedule root, never the host's /etc).
#[test]
fn s_installs_the_renewal_schedule_after_a_yes() {
    let f = folder(80, "R11 Test", true);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    assert_eq!(w.app.screen, Screen::Dashboard);
    w.key(KeyCode::Char('s'));
    let Some(dify_https::tui::app::Dialog::ConfirmSchedule(plan)) = w.app.dialog.clone() else {
        panic!("no schedule dialog: {:?} {:?}", w.app.dialog, w.app.banner);
    };
    let screen = w.screen(100, 30);
    let said = dialog_text(&screen, "Install the renewal schedule?");
    assert!(said.contains("renew --quiet"), "{said}\n{screen}");
    assert!(said.contains("y install n not now"), "{said}");
    let root = w.schedule_root().to_path_buf();
    let written: Vec<_> = plan
        .files
        .iter()
        .map(|file| dify_https::core::schedule::under(&root, &file.path))
        .collect();
    w.key(KeyCode::Char('n'));
    assert!(
        written.iter().all(|p| !p.exists()),
        "nothing without the yes"
    );
    w.key(KeyCode::Char('s')).key(KeyCode::Char('y'));
    for p in &written {
        let text = std::fs::read_to_string(p).unwrap();
        assert!(text.contains(&plan.job.dir.display().to_string()), "{text}");
    }
    assert!(
        w.app
            .banner
            .as_ref()
            .is_some_and(|b| !b.error && b.text.starts_with("Installed: ")),
        "{:?}",
        w.app.banner
    );
    // The refreshed dashboard shows it, and no longer says nothing renews it.
    let screen = w.screen(100, 30);
    assert!(
        screen.contains("Renewal") && screen.contains("no scheduled run yet"),
        "{screen}"
    );
    assert!(!screen.contains("nothing here renews"), "{screen}");
    for p in written {
        std::fs::remove_file(p).unwrap();
    }
}

/// `r` when the compose project's containers are (also) another folder's: a renewal
/// would exec in that install, so it asks first, naming the folder and the fix.
#[test]
fn r_asks_first_when_another_install_shares_the_project() {
    let f = folder(80, "R11 Test", true);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    w.app.status.as_mut().unwrap().project.other_folders = vec!["/srv/other/docker".into()];
    w.key(KeyCode::Char('r'));
    let screen = w.screen(100, 30);
    let said = dialog_text(&screen, "Another install's containers");
    assert!(said.contains("/srv/other/docker"), "{screen}");
    assert!(said.contains("COMPOSE_PROJECT_NAME"), "{said}");
    w.key(KeyCode::Char('n'));
    assert_eq!(w.app.screen, Screen::Dashboard, "no run without a yes");
    assert!(w.app.run.is_none());
    // The dashboard names the other folder too, in the error colour.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| dify_https::tui::view::render(&w.app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let text = w.screen(100, 30);
    let (row, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("also /srv/other/docker"))
        .unwrap_or_else(|| panic!("{text}"));
    let col = line[..line.find("also").unwrap()].chars().count() as u16;
    assert_eq!(buffer[(col, row as u16)].fg, Color::Red, "{line}");
    // With a yes, the renewal runs, under its own header (not the wizard's trail).
    w.key(KeyCode::Char('r')).key(KeyCode::Char('y'));
    assert_eq!(w.app.screen, Screen::Run);
    let screen = w.screen(100, 30);
    let header = screen.lines().next().unwrap();
    assert!(
        header.contains("Renewal") && header.contains("dify.acmecorp.io"),
        "{header}"
    );
    assert!(!header.contains("Folder"), "{header}");
}

/// A certificate waiting with HTTPS off (a setup stopped before its switch): the
/// dashboard offers h, which runs the setup's last steps for it.
#[test]
fn h_finishes_a_setup_stopped_before_the_https_switch() {
    let f = folder(80, "R11 Test", false);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    let screen = w.screen(100, 30);
    assert!(screen.contains("h switches it on"), "{screen}");
    assert!(screen.contains("h HTTPS on"), "{screen}");
    w.key(KeyCode::Char('h'));
    assert_eq!(w.app.screen, Screen::Run);
    let steps: Vec<_> = w
        .app
        .run
        .as_ref()
        .unwrap()
        .steps
        .iter()
        .map(|(s, _)| *s)
        .collect();
    assert_eq!(
        steps,
        [
            dify_https::core::run::Step::SwitchHttps,
            dify_https::core::run::Step::ConfirmHttps
        ]
    );
    // With HTTPS on, there is nothing to offer.
    let on = folder(80, "R11 Test", true);
    let mut w = Wizard::start(&on, UNICODE, Start::Auto);
    assert!(!w.screen(100, 30).contains("h switches it on"));
    w.key(KeyCode::Char('h'));
    assert_eq!(w.app.screen, Screen::Dashboard);
}

/// The refresh that falls due comes with whichever message arrives first after the
/// 5 s mark: a key pressed then asks for it too (it used to be lost with the runtime's
/// time-stamping tick).
#[test]
fn a_key_after_the_refresh_mark_also_asks_for_the_refresh() {
    use dify_https::tui::msg::{Effect, Msg};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let f = folder(80, "R11 Test", true);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    let t0 = w.clock();
    w.tick(t0);
    let key = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let early = dify_https::tui::update::update(
        &mut w.app,
        key('x'),
        t0 + std::time::Duration::from_secs(2),
    );
    assert!(early.is_empty(), "{early:?}");
    let late = dify_https::tui::update::update(
        &mut w.app,
        key('x'),
        t0 + std::time::Duration::from_secs(6),
    );
    assert!(
        matches!(late.as_slice(), [Effect::RefreshStatus]),
        "{late:?}"
    );
}

/// `r` on the dashboard, through the real update, executor (against the compose
/// double) and render: Dify's script runs in the certbot container, the certificate
/// is checked, the run screen has its own header, and Enter goes back to the dashboard.
#[test]
fn r_renews_from_the_dashboard_and_enter_goes_back() {
    use dify_https::core::run::Step;
    use dify_https::tui::run_state::RunEnd;
    let f = folder(20, "R11 Test", false);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Run);
    let run = w.app.run.as_ref().unwrap();
    assert!(run.renew);
    assert_eq!(run.ended, Some(RunEnd::Succeeded), "{:?}", run.steps);
    assert_eq!(run.steps[0].0, Step::RequestCertificate);
    let calls = std::fs::read_to_string(f.path().join(".double/calls.log")).unwrap();
    assert!(
        calls.contains("run --rm -T certbot /bin/sh /update-cert.sh"),
        "{calls}"
    );
    let screen = w.screen(80, 24);
    assert!(
        !screen.contains("Folder › Domain"),
        "a renewal shows the wizard's trail: {screen}"
    );
    assert!(screen.contains("Enter back"), "{screen}");
    w.enter();
    assert_eq!(w.app.screen, Screen::Dashboard);
    assert!(w.app.status.is_some());
}

/// `?` lists every key of the screen, those the bar has no room for too; any key
/// closes it, and the key table is what the handler obeys.
#[test]
fn question_mark_lists_every_key_of_the_screen() {
    let f = folder(80, "R11 Test", false);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    w.key(KeyCode::Char('?'));
    let screen = w.screen(80, 24);
    let listed = match dify_https::i18n::current() {
        dify_https::i18n::Lang::En => ["Keys: Status", "r  ", "renew", "PgUp", "Home", "Ctrl-C"],
        dify_https::i18n::Lang::ZhCn => ["按键：状态", "r  ", "续期", "PgUp", "Home", "Ctrl-C"],
    };
    for key in listed {
        assert!(screen.contains(key), "{key} missing:\n{screen}");
    }
    snap("dashboard_80x24_keys", screen);
    // Any key closes it and does nothing else.
    w.key(KeyCode::Char('w'));
    assert!(!w.app.keys_shown);
    assert_eq!(w.app.screen, Screen::Dashboard);
    w.key(KeyCode::Char('w'));
    assert_eq!(w.app.screen, Screen::Folder);
}

/// The dashboard's `r` follows the one renewal rule `dify-https renew` follows: a
/// stored value Dify's script would paste into its shell is refused before anything
/// runs (the dashboard's report alone would have let it through).
#[test]
fn r_refuses_what_renew_refuses() {
    let f = folder(20, "R11 Test", false);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    let env = std::fs::read_to_string(f.path().join(".env")).unwrap();
    let tampered = env.replace(
        "CERTBOT_EMAIL=your_email@example.com",
        "CERTBOT_EMAIL=ops@acme-corp.dev;reboot",
    );
    assert_ne!(env, tampered);
    std::fs::write(f.path().join(".env"), tampered).unwrap();
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Dashboard);
    assert!(w.app.run.is_none());
    let banner = w.app.banner.clone().unwrap();
    assert!(
        banner.error && banner.text.contains("CERTBOT_EMAIL"),
        "{banner:?}"
    );
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_dify-https"))
        .env("DIFY_HTTPS_LANG", "en")
        .args(["--dir", &f.path().display().to_string(), "renew"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&cli.stderr).contains("CERTBOT_EMAIL"));
}

// The same screens in Simplified Chinese (snapshots `…__zh-CN`).

#[test]
fn each_state_at_80x24_and_40x12_in_chinese() {
    in_chinese(each_state_at_80x24_and_40x12);
}

#[test]
fn question_mark_lists_every_key_of_the_screen_in_chinese() {
    in_chinese(question_mark_lists_every_key_of_the_screen);
}

/// A refresh that panics (a bug) ends with its completion message like any other: the
/// dashboard says so and asks for the next refresh when it is due, instead of waiting
/// for an answer that never comes.
#[test]
fn a_crashed_refresh_never_freezes_the_dashboard() {
    use dify_https::tui::msg::{Effect, Msg, Waiting};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let f = folder(80, "R11 Test", true);
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    let t0 = w.clock();
    let key = |c| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let asked = dify_https::tui::update::update(
        &mut w.app,
        key('x'),
        t0 + std::time::Duration::from_secs(6),
    );
    assert!(
        matches!(asked.as_slice(), [Effect::RefreshStatus]),
        "{asked:?}"
    );
    assert_eq!(Effect::RefreshStatus.waiting(), Waiting::Refresh);
    // The worker caught the refresh's panic and said so.
    let after = dify_https::tui::update::update(
        &mut w.app,
        Msg::Crashed(Waiting::Refresh, "index out of bounds".into()),
        t0 + std::time::Duration::from_secs(7),
    );
    assert!(after.is_empty(), "{after:?}");
    assert!(
        w.screen(80, 24).contains("stopped unexpectedly"),
        "{}",
        w.screen(80, 24)
    );
    let again = dify_https::tui::update::update(
        &mut w.app,
        key('x'),
        t0 + std::time::Duration::from_secs(13),
    );
    assert!(
        matches!(again.as_slice(), [Effect::RefreshStatus]),
        "{again:?}"
    );
    // A busy screen is released the same way: keys work again.
    w.app.busy = Some("Working".into());
    let _ = dify_https::tui::update::update(
        &mut w.app,
        Msg::Crashed(Waiting::Busy, "bug".into()),
        t0 + std::time::Duration::from_secs(14),
    );
    assert!(w.app.busy.is_none());
    w.key(KeyCode::Char('q'));
    assert!(w.app.should_quit);
}

/// `i` on the dashboard: the import screen takes the three files; an incomplete chain
/// is refused there with its fix and nothing written; the full chain is shown for a
/// yes (warnings styled as such) and Enter installs it through the same run as
/// `dify-https import` (the stack stopped: files and .env only). Back on the
/// dashboard, the certificate reads as imported: `i` replaces it, `r` is gone.
#[test]
fn i_imports_a_certificate_from_the_dashboard() {
    use dify_https::tui::run_state::RunEnd;
    let f = folder(80, "R11 Test", true);
    let root = TestCa::new("Acme Corp Root R1");
    let issuing = root.intermediate("Acme Corp Issuing CA 1");
    let (pem, key, _) = issuing.leaf_between(
        &[DOMAIN],
        NOW - Duration::days(1),
        NOW + Duration::days(200),
    );
    let files = tempfile::tempdir().unwrap();
    let put = |name: &str, text: &str| {
        let p = files.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let (cert, key_file) = (put("dify.crt", &pem), put("dify.key", &key));
    let chain = put("chain.pem", &format!("{}{}", issuing.pem, root.pem));
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    let env_before = f.env_bytes();
    assert!(w.screen(100, 30).contains("i import"));
    w.key(KeyCode::Char('i'));
    assert_eq!(w.app.screen, Screen::Import);
    w.type_text(&cert)
        .enter()
        .type_text(&key_file)
        .enter()
        .enter();
    let screen = w.screen(100, 30);
    assert!(screen.contains("The chain is incomplete"), "{screen}");
    assert!(screen.contains("as the chain file"), "{screen}");
    assert!(
        !screen.contains("--chain"),
        "no CLI flag on screen: {screen}"
    );
    assert_eq!(f.env_bytes(), env_before, "nothing written");
    assert!(!f.path().join("nginx/ssl").exists());

    w.type_text(&chain).enter();
    let screen = w.screen(100, 30);
    assert!(
        screen.contains("Import the certificate for dify.acmecorp.io"),
        "{screen}"
    );
    assert!(screen.contains("a root browsers do not ship"), "{screen}");
    assert!(screen.contains("NGINX_SSL_CERT_FILENAME"), "{screen}");
    let buffer = w.buffer(100, 30);
    let warn = support::wizard::style_of(&buffer, "! The chain ends at").unwrap();
    assert_eq!(warn.fg, Some(Color::Yellow), "a warning reads as one");
    // Esc goes back to the files, Enter checks again.
    w.esc();
    assert!(w.app.import.plan.is_none());
    assert_eq!(w.app.screen, Screen::Import);
    w.enter();
    assert!(w.app.import.plan.is_some());

    // The stack is stopped: the files and .env, nothing started.
    std::fs::write(f.path().join(".double/ps.out"), "").unwrap();
    w.enter();
    assert_eq!(w.app.screen, Screen::Run);
    let run = w.app.run.as_ref().unwrap();
    assert!(run.import);
    assert_eq!(run.ended, Some(RunEnd::Succeeded), "{:?}", run.steps);
    let header = w.screen(80, 24);
    assert!(header.contains("Import ›"), "{header}");
    let env = String::from_utf8(f.env_bytes()).unwrap();
    assert!(
        env.contains("\nNGINX_SSL_CERT_FILENAME=dify-https.crt\n"),
        "{env}"
    );
    assert!(f.path().join("nginx/ssl/dify-https.key").is_file());
    w.enter();
    assert_eq!(w.app.screen, Screen::Dashboard);
    let screen = w.screen(100, 30);
    assert!(screen.contains("Replace before"), "{screen}");
    assert!(screen.contains("i replace"), "{screen}");
    assert!(!screen.contains("r renew"), "{screen}");
    // r is not a key here any more.
    w.key(KeyCode::Char('r'));
    assert_eq!(w.app.screen, Screen::Dashboard);
}

/// An encrypted key on the import screen: the screen asks for its passphrase (shown as
/// dots), a wrong one is said, the right one opens it and the review warns that it is
/// stored decrypted.
#[test]
fn the_import_screen_asks_for_an_encrypted_keys_passphrase() {
    let f = folder(80, "R11 Test", true);
    let root = TestCa::new("Acme Corp Root R1");
    let (pem, key, _) = root.leaf_between(
        &[DOMAIN],
        NOW - Duration::days(1),
        NOW + Duration::days(200),
    );
    let files = tempfile::tempdir().unwrap();
    let enc = files.path().join("enc.key");
    std::fs::write(&enc, support::certs::encrypted_key(&key, "s3cret")).unwrap();
    let cert = files.path().join("c.pem");
    std::fs::write(&cert, format!("{pem}{}", root.pem)).unwrap();
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    w.key(KeyCode::Char('i'));
    w.type_text(&cert.display().to_string()).enter();
    w.type_text(&enc.display().to_string()).enter().enter();
    assert!(w.app.import.needs_passphrase);
    let screen = w.screen(100, 30);
    assert!(screen.contains("The key's passphrase"), "{screen}");
    w.type_text("nope");
    let screen = w.screen(100, 30);
    assert!(screen.contains("••••"), "{screen}");
    assert!(
        !screen.contains("nope"),
        "the passphrase is never shown: {screen}"
    );
    w.enter();
    let screen = w.screen(100, 30);
    assert!(screen.contains("does not open"), "{screen}");
    assert_eq!(
        w.app.import.passphrase.value(),
        "",
        "a wrong one is cleared"
    );
    w.type_text("s3cret").enter();
    let screen = w.screen(100, 30);
    assert!(screen.contains("stored decrypted"), "{screen}");
    assert!(!screen.contains("s3cret"), "{screen}");
}

/// PEM text pasted into the import screen's fields (bracketed paste: it arrives whole)
/// is used as the field's content, shown as what it holds and never as its text; a
/// pasted path is typed into the field.
#[test]
fn pem_pasted_into_the_import_screen_is_used_and_never_shown() {
    use dify_https::tui::msg::Msg;
    let f = folder(80, "R11 Test", true);
    let root = TestCa::new("Acme Corp Root R1");
    let (pem, key, _) = root.leaf_between(
        &[DOMAIN],
        NOW - Duration::days(1),
        NOW + Duration::days(200),
    );
    let mut w = Wizard::start(&f, UNICODE, Start::Auto);
    w.key(KeyCode::Char('i'));
    w.send(Msg::Paste(format!("{pem}{}", root.pem)));
    w.enter();
    w.send(Msg::Paste(key.clone()));
    let screen = w.screen(100, 30);
    assert!(screen.contains("(2 pasted certificates)"), "{screen}");
    assert!(screen.contains("(a pasted private key)"), "{screen}");
    let secret_line = key.lines().nth(1).unwrap();
    assert!(!screen.contains(&secret_line[..20]), "key text on screen");
    assert!(
        !format!("{:?}", w.app).contains(&secret_line[..20]),
        "key text in Debug"
    );
    w.enter().enter();
    let screen = w.screen(100, 30);
    assert!(
        screen.contains("Import the certificate for dify.acmecorp.io"),
        "{screen}"
    );
    // A path pasted into a field is typed there.
    w.esc().esc();
    w.key(KeyCode::Char('i'));
    w.send(Msg::Paste("/etc/ssl/dify.crt\n".into()));
    assert_eq!(w.app.import.cert.value(), "/etc/ssl/dify.crt");
}
