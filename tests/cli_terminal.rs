//! `setup` at a terminal: it asks before writing, and refuses to write when `.env`
//! changed while it was asking. Needs tmux (see tests/support/tmux.rs).

mod support;

use support::tmux::Tmux;
use support::{CLASSIC_ENV, Fixture};

fn ask(t: &Tmux, f: &Fixture) {
    t.run(&format!(
        "--dir {} setup --env-only --domain dify.acmecorp.io --email ops@acme-corp.dev",
        f.path().display()
    ));
    t.wait_for("Apply this change to .env? [y/N]");
}

fn yes_at_the_prompt_writes() {
    let Some(t) = Tmux::start("cli-yes") else {
        return;
    };
    let f = Fixture::env(CLASSIC_ENV);
    ask(&t, &f);
    t.send(&["y", "Enter"]);
    t.wait_exit(0);
    assert!(
        String::from_utf8(f.env_bytes())
            .unwrap()
            .contains("CERTBOT_DOMAIN=dify.acmecorp.io\n")
    );
    assert_eq!(f.backups().len(), 1);
}

fn no_at_the_prompt_writes_nothing() {
    let Some(t) = Tmux::start("cli-no") else {
        return;
    };
    let f = Fixture::env(CLASSIC_ENV);
    ask(&t, &f);
    t.send(&["Enter"]);
    t.wait_exit(1);
    assert_eq!(f.env_bytes(), CLASSIC_ENV.as_bytes());
}

fn a_file_changed_while_asking_is_not_overwritten() {
    let Some(t) = Tmux::start("cli-race") else {
        return;
    };
    let f = Fixture::env(CLASSIC_ENV);
    ask(&t, &f);
    let edited = format!("{CLASSIC_ENV}EDITED_ELSEWHERE=1\n");
    std::fs::write(f.env_path(), &edited).unwrap();
    t.send(&["y", "Enter"]);
    let screen = t.wait_exit(1);
    assert!(screen.contains("changed on disk"), "{screen}");
    assert_eq!(f.env_bytes(), edited.as_bytes());
    assert!(f.backups().is_empty());
}

/// `--yes` at a terminal goes ahead without asking (it once asked anyway, and waited).
fn yes_never_asks_even_at_a_terminal() {
    let Some(t) = Tmux::start("cli-yes-flag") else {
        return;
    };
    let f = Fixture::env(CLASSIC_ENV);
    t.run(&format!(
        "--dir {} setup --env-only --yes --domain dify.acmecorp.io --email ops@acme-corp.dev",
        f.path().display()
    ));
    let screen = t.wait_exit(0);
    assert!(!screen.contains("[y/N]"), "{screen}");
    assert_eq!(f.backups().len(), 1);
    // The same for undo (its file, then the recreate question) with no compose to run.
    drop(t);
    let Some(t) = Tmux::start("cli-yes-undo") else {
        return;
    };
    t.run(&format!(
        "--dir {} --compose /nonexistent/compose undo --yes --no-recreate",
        f.path().display()
    ));
    let screen = t.wait_exit(0);
    assert!(!screen.contains("[y/N]"), "{screen}");
    assert_eq!(f.env_bytes(), CLASSIC_ENV.as_bytes());
}

fn main() -> std::process::ExitCode {
    support::harness::run(vec![
        case!(
            yes_at_the_prompt_writes,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            no_at_the_prompt_writes_nothing,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            a_file_changed_while_asking_is_not_overwritten,
            support::tmux::missing,
            "install tmux"
        ),
        case!(
            yes_never_asks_even_at_a_terminal,
            support::tmux::missing,
            "install tmux"
        ),
    ])
}
