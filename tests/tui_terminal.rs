//! The real binary in a real terminal (tmux): after every way out — quit, Ctrl-C,
//! SIGTERM, SIGHUP — the shell gets its terminal back (cooked mode, echo on, main
//! screen). Skips loudly without tmux; fails instead under CI=true.

mod support;

use std::process::Command;

use support::tmux::Tmux;
use support::{CLASSIC_ENV, Fixture};

fn terminal_is_restored_after_q() {
    let Some(t) = Tmux::start("q") else { return };
    let f = Fixture::env(CLASSIC_ENV);
    t.open_wizard(&f);
    t.send(&["q"]);
    t.assert_restored(0);
}

fn terminal_is_restored_after_ctrl_c() {
    let Some(t) = Tmux::start("ctrlc") else {
        return;
    };
    let f = Fixture::env(CLASSIC_ENV);
    t.open_wizard(&f);
    t.send(&["C-c"]);
    t.assert_restored(0);
}

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
fn the_exit_summary_stays_after_the_wizard_leaves() {
    let Some(t) = Tmux::start("summary") else {
        return;
    };
    let f = Fixture::env(CLASSIC_ENV);
    t.open_wizard(&f);
    // Folder, domain, email, mode, review (apply): the answers already in the fixture's
    // .env are replaced by typed ones.
    t.answer_to_review("dify.acmecorp.io", "ops@acme-corp.dev");
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

/// A folder set up for `dify.acmecorp.io` with a certificate (HTTPS off): the TUI
/// opens on the dashboard.
fn with_certificate() -> Fixture {
    let domain = "dify.acmecorp.io";
    let f = Fixture::env(&support::set_up_env(domain, false));
    let ca = support::certs::TestCa::new("Test Root");
    let (pem, key, _) = ca.leaf_for_days(&[domain], 60);
    support::install_certificate(&f, domain, &ca.pem, &pem, &key);
    f
}

/// The wizard opened from the dashboard (`w`) goes back to it on Esc, in the real
/// binary; it does not quit.
fn esc_in_the_wizard_opened_from_the_dashboard_goes_back_to_it() {
    let Some(t) = Tmux::start("dashboard-esc") else {
        return;
    };
    let f = with_certificate();
    // Compose answers nothing here: the dashboard says so, the test stays off the host's Docker.
    t.run(&format!(
        "--dir {} --compose /bin/false",
        f.path().display()
    ));
    t.wait_for("╭ Status");
    t.send(&["w"]);
    t.wait_for("Press Enter to choose");
    t.send(&["Escape"]);
    let screen = t.wait_for("╭ Status");
    assert!(!screen.contains("EXIT-42:"), "{screen}");
    t.send(&["q"]);
    t.assert_restored(0);
}

/// A PEM certificate pasted into the import screen in a real terminal arrives whole
/// (the binary asks the terminal for bracketed paste): the field says what it holds, no
/// line of it pressed Enter, and the terminal is restored after.
fn a_pasted_certificate_arrives_whole_in_a_real_terminal() {
    let Some(t) = Tmux::start("paste") else {
        return;
    };
    let f = with_certificate();
    let ca = support::certs::TestCa::new("Acme Corp Root R1");
    let (pem, _, _) = ca.leaf_for_days(&["dify.acmecorp.io"], 60);
    let pasted = f.path().join("pasted.pem");
    std::fs::write(&pasted, format!("{pem}{}", ca.pem)).unwrap();
    t.run(&format!(
        "--dir {} --compose /bin/false",
        f.path().display()
    ));
    t.wait_for("╭ Status");
    t.send(&["i"]);
    t.wait_for("Certificate file");
    t.tmux(&["load-buffer", pasted.to_str().unwrap()]);
    t.tmux(&["paste-buffer", "-p"]);
    let screen = t.wait_for("(2 pasted certificates)");
    assert!(!screen.contains("BEGIN CERTIFICATE"), "{screen}");
    // Still on the certificate field: no pasted line end pressed Enter.
    assert!(screen.contains("Your own certificate"), "{screen}");
    t.send(&["Escape"]);
    t.wait_for("╭ Status");
    t.send(&["q"]);
    t.assert_restored(0);
}

/// The README's first command, in a real terminal: the demo plays the recorded failure,
/// then the rest of the run, opens the dashboard, and leaves its summary behind.
fn the_demo_plays_the_whole_path_in_a_real_terminal() {
    let Some(t) = Tmux::start("demo") else {
        return;
    };
    t.run("--demo");
    t.wait_for("Press Enter to choose");
    t.answer_to_review("dify.acmecorp.io", "ops@acme-corp.dev");
    t.send(&["Enter"]);
    t.wait_for("f play a failure");
    t.send(&["f"]);
    t.wait_for("t try again");
    t.send(&["t"]);
    t.wait_for("Enter dashboard");
    t.send(&["Enter"]);
    let screen = t.wait_for("dify-https demo CA");
    assert!(screen.contains("╭ Status"), "{screen}");
    t.send(&["q"]);
    let screen = t.wait_for("EXIT-42:");
    assert!(screen.contains("EXIT-42:0"), "{screen}");
    assert!(screen.contains("Demo: a recorded run played"), "{screen}");
    assert!(screen.contains("The demo folder is kept at"), "{screen}");
    let kept = screen
        .lines()
        .find_map(|l| l.strip_prefix("The demo folder is kept at "))
        .expect("the folder is named")
        .trim()
        .to_string();
    let base = std::path::Path::new(&kept).parent().unwrap().to_path_buf();
    if base.starts_with(std::env::temp_dir()) {
        std::fs::remove_dir_all(base).unwrap();
    }
}

/// With a wedged Docker daemon `compose ps` never answers: the dashboard still opens,
/// asks once (no pile of waiting queries), and `q` leaves at once, taking the stuck
/// query with it.
fn quitting_the_dashboard_does_not_wait_for_a_hung_compose() {
    let Some(t) = Tmux::start("hung-compose") else {
        return;
    };
    let f = with_certificate();
    // `ps` hangs (a marked sleep, to find it afterwards); everything else answers.
    let hung = f.path().join("hung-compose");
    std::fs::write(
        &hung,
        "#!/bin/sh\ncase \"$*\" in *ps*) exec sleep 3607;; esac\nexit 0\n",
    )
    .unwrap();
    std::fs::set_permissions(&hung, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    // No engine to ask: compose ps is the only way to the containers.
    t.send(&[
        &format!(
            "DOCKER_HOST=unix:///nonexistent.sock {} --dir {} --compose {}; echo EXIT-$((40+2)):$?",
            env!("CARGO_BIN_EXE_dify-https"),
            f.path().display(),
            hung.display()
        ),
        "Enter",
    ]);
    t.wait_for("╭ Status");
    // Two refresh intervals pass: still one query waiting, not three.
    std::thread::sleep(std::time::Duration::from_secs(11));
    let waiting = || {
        let out = Command::new("pgrep")
            .args(["-f", "sleep 3607"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).lines().count()
    };
    assert_eq!(waiting(), 1, "refreshes piled up behind the stuck query");
    let asked = std::time::Instant::now();
    t.send(&["q"]);
    t.assert_restored(0);
    // Not a timing measurement: a hang would wait for the query's 20 s deadline.
    assert!(
        asked.elapsed() < std::time::Duration::from_secs(10),
        "quitting waited {:?}",
        asked.elapsed()
    );
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(waiting(), 0, "the stuck query was left running");
}

/// `LANG=zh_CN.UTF-8`: the wizard and the demo's run read Chinese in a real terminal,
/// and every row of every screen is 80 columns wide (two per Chinese character):
/// no border pushed out or pulled in.
fn a_chinese_locale_reads_chinese_with_aligned_rows() {
    let Some(t) = Tmux::start_in("zh", "zh_CN.UTF-8") else {
        return;
    };
    let rows_are_80_wide = |what: &str| {
        let screen = t.full_screen();
        let rows: Vec<&str> = screen.lines().collect();
        assert_eq!(rows.len(), 24, "{what}:\n{screen}");
        assert!(
            rows.iter().filter(|r| !r.is_empty()).count() >= 22,
            "{what}:\n{screen}"
        );
        // tmux keeps only what was drawn (a blank cell never written is not there):
        // no row is wider than the window, and every row of the frame is exactly
        // 80 columns from border to border.
        for row in &rows {
            let width = unicode_width::UnicodeWidthStr::width(*row);
            assert!(width <= 80, "{what}: {width} columns: {row:?}\n{screen}");
            if row.starts_with(['│', '╭', '╰']) {
                assert_eq!(width, 80, "{what}: {row:?}\n{screen}");
                assert!(row.ends_with(['│', '╮', '╯']), "{what}: {row:?}\n{screen}");
            }
        }
        screen
    };
    t.run("--demo");
    t.wait_for("按 Enter 选择域名、邮箱和模式。");
    let screen = rows_are_80_wide("Folder");
    assert!(screen.contains("╭ 目录"), "{screen}");
    t.send(&["Enter"]);
    t.send(&["C-u", "dify.acmecorp.io", "Enter"]);
    t.send(&["C-u", "ops@acme-corp.dev", "Enter"]);
    t.send(&["Enter"]);
    t.wait_for("╭ 审阅");
    rows_are_80_wide("Review");
    t.send(&["Enter"]);
    t.wait_for("f 播放失败");
    rows_are_80_wide("Applied");
    t.send(&["f"]);
    t.wait_for("t 重试");
    let screen = rows_are_80_wide("Run failed");
    assert!(screen.contains("第 2 步失败"), "{screen}");
    t.send(&["?"]);
    let screen = t.wait_for("按任意键关闭");
    assert!(screen.contains("按键：运行"), "{screen}");
    rows_are_80_wide("Keys");
    t.send(&["Escape"]);
    t.send(&["q"]);
    let screen = t.wait_for("EXIT-42:");
    assert!(screen.contains("演示目录保留在"), "{screen}");
}

/// `LANG=C` cannot show Chinese: `--lang zh-CN` gets the wizard in English and ASCII,
/// with a banner that says why.
fn lang_c_gets_english_with_a_note_in_a_real_terminal() {
    let Some(t) = Tmux::start_in("lang-c", "C") else {
        return;
    };
    t.run("--demo --lang zh-CN");
    let screen = t.wait_for("Press Enter to choose");
    assert!(screen.contains("Chinese cannot be shown"), "{screen}");
    let frame: String = screen.lines().filter(|l| !l.contains("/tmp")).collect();
    assert!(frame.is_ascii(), "{screen}");
    t.send(&["q"]);
    t.wait_for("EXIT-42:0");
}

fn main() -> std::process::ExitCode {
    support::harness::run(vec![
        case!(
            a_pasted_certificate_arrives_whole_in_a_real_terminal,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            terminal_is_restored_after_q,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            terminal_is_restored_after_ctrl_c,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            terminal_is_restored_after_sigterm,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            terminal_is_restored_after_sighup,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            the_exit_summary_stays_after_the_wizard_leaves,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            esc_in_the_wizard_opened_from_the_dashboard_goes_back_to_it,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            the_demo_plays_the_whole_path_in_a_real_terminal,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            quitting_the_dashboard_does_not_wait_for_a_hung_compose,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            a_chinese_locale_reads_chinese_with_aligned_rows,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            lang_c_gets_english_with_a_note_in_a_real_terminal,
            support::tmux::missing,
            "install tmux"
        ),
    ])
}
