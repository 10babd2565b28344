//! The command line speaks the user's language: Chinese from the locale, `--lang` or
//! `DIFY_HTTPS_LANG`; English where the terminal cannot show Chinese (with a note);
//! machine output (`--json`, `--check`'s first word, Prometheus, exit codes) the same
//! in every language.

mod support;

use std::path::Path;

use assert_cmd::Command;
use support::Fixture;
use support::certs::TestCa;

const DOMAIN: &str = "dify.acmecorp.io";

/// A set-up folder whose certificate has 20 days left (a WARNING: findings to word).
fn folder() -> Fixture {
    let f = Fixture::env(&support::set_up_env(DOMAIN, true));
    let ca = TestCa::new("R11 Test");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 20);
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    f
}

/// `dify-https` with `env` (and no locale of the host's), compose played by the double.
fn run(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let scenario = tempfile::tempdir().unwrap();
    std::fs::write(scenario.path().join("ps.out"), "api\nnginx\n").unwrap();
    let mut cmd = Command::cargo_bin("dify-https").unwrap();
    for k in [
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "LC_CTYPE",
        "DIFY_HTTPS_LANG",
    ] {
        cmd.env_remove(k);
    }
    let out = cmd
        .arg("--dir")
        .arg(dir)
        .arg("--compose")
        .arg(support::double::script())
        .args(args)
        .envs(env.iter().copied())
        .env("DOUBLE_STATE", scenario.path())
        .env("DOUBLE_SCENARIO", scenario.path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];
const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn a_chinese_locale_gets_chinese_and_the_same_verdict_and_exit_code() {
    let f = folder();
    let (en_code, en, _) = run(f.path(), EN, &["status", "--no-probe"]);
    let (zh_code, zh, _) = run(f.path(), ZH, &["status", "--no-probe"]);
    assert_eq!(en_code, zh_code);
    assert!(en.starts_with("Verdict       WARNING"), "{en}");
    assert!(!has_chinese(&en), "{en}");
    // Labels, findings and their fixes in Chinese; the verdict word, keys and
    // commands in Latin; the value column still lines up (a label is padded by
    // display width: a Chinese character is two columns).
    assert!(zh.starts_with("结论          WARNING"), "{zh}");
    assert!(zh.contains("证书将在 20 天后到期"), "{zh}");
    assert!(zh.contains("`sudo dify-https schedule install`"), "{zh}");
    let value_column = |text: &str, label: &str| {
        let line = text.lines().find(|l| l.starts_with(label)).unwrap();
        let value = line.trim_start_matches(label).trim_start();
        unicode_width::UnicodeWidthStr::width(line) - unicode_width::UnicodeWidthStr::width(value)
    };
    assert_eq!(value_column(&zh, "域名"), value_column(&en, "Domain"));
    assert_eq!(value_column(&zh, "域名"), 14);
}

#[test]
fn machine_output_is_the_same_in_every_language() {
    let f = folder();
    let strip_time = |json: String| {
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["checked_at"] = serde_json::Value::Null;
        v
    };
    let (_, en, _) = run(f.path(), EN, &["status", "--no-probe", "--json"]);
    let (_, zh, _) = run(f.path(), ZH, &["status", "--no-probe", "--json"]);
    assert_eq!(strip_time(en.clone()), strip_time(zh.clone()));
    assert!(!has_chinese(&zh), "{zh}");
    // --check: the first word and the exit code are the contract.
    let (en_code, en, _) = run(f.path(), EN, &["status", "--no-probe", "--check"]);
    let (zh_code, zh, _) = run(f.path(), ZH, &["status", "--no-probe", "--check"]);
    assert_eq!((en_code, zh_code), (1, 1));
    assert_eq!(en.split(' ').next(), Some("WARNING"));
    assert_eq!(zh.split(' ').next(), Some("WARNING"));
    assert!(has_chinese(&zh), "{zh}");
    // Prometheus: the same file whatever the language.
    let dir = tempfile::tempdir().unwrap();
    let (en_file, zh_file) = (dir.path().join("en.prom"), dir.path().join("zh.prom"));
    for (env, file) in [(EN, &en_file), (ZH, &zh_file)] {
        run(
            f.path(),
            env,
            &[
                "status",
                "--no-probe",
                "--prometheus",
                file.to_str().unwrap(),
            ],
        );
    }
    let without_time = |p: &Path| {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .filter(|l| !l.contains("checked"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_time(&en_file), without_time(&zh_file));
    // doctor --json too.
    let (_, en, _) = run(f.path(), EN, &["doctor", "--json"]);
    let (_, zh, _) = run(f.path(), ZH, &["doctor", "--json"]);
    assert!(!has_chinese(&zh), "{zh}");
    assert_eq!(en.len(), zh.len());
}

#[test]
fn lang_and_its_variable_win_over_the_locale() {
    let f = folder();
    let (_, out, _) = run(f.path(), EN, &["--lang", "zh-CN", "status", "--no-probe"]);
    assert!(out.starts_with("结论"), "{out}");
    let env = &[("LANG", "en_US.UTF-8"), ("DIFY_HTTPS_LANG", "zh-CN")];
    let (_, out, _) = run(f.path(), env, &["status", "--no-probe"]);
    assert!(out.starts_with("结论"), "{out}");
    let (_, out, _) = run(f.path(), ZH, &["--lang", "en", "status", "--no-probe"]);
    assert!(out.starts_with("Verdict"), "{out}");
    // A language it does not speak is refused with the ones it does.
    let (code, _, err) = run(f.path(), EN, &["--lang", "fr", "status"]);
    assert_eq!(code, 2);
    assert!(err.contains("dify-https speaks en and zh-CN"), "{err}");
}

#[test]
fn lang_c_gets_ascii_english_whatever_is_asked_with_a_note() {
    let f = folder();
    for env in [
        &[("LANG", "C")][..],
        &[("LANG", "C"), ("DIFY_HTTPS_LANG", "zh-CN")][..],
    ] {
        let (_, out, err) = run(f.path(), env, &["--lang", "zh-CN", "status", "--no-probe"]);
        assert!(out.starts_with("Verdict"), "{out}");
        assert!(out.is_ascii(), "{out}");
        assert!(err.is_ascii(), "{err}");
        assert!(
            err.contains("the locale (C) is not UTF-8, so Chinese cannot be shown"),
            "{err}"
        );
    }
    // Nothing asked: English without a note.
    let (_, _, err) = run(f.path(), &[("LANG", "C")], &["status", "--no-probe"]);
    assert!(!err.contains("UTF-8"), "{err}");
}

#[test]
fn errors_and_refusals_are_chinese_too() {
    let f = Fixture::env(support::CLASSIC_ENV);
    let (code, _, err) = run(
        f.path(),
        ZH,
        &[
            "setup",
            "--env-only",
            "--yes",
            "--domain",
            "https://x.acmecorp.io/",
            "--email",
            "ops@acme-corp.dev",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("错误："), "{err}");
    assert!(err.contains("只输入域名"), "{err}");
    // A folder that is not Dify's.
    let empty = tempfile::tempdir().unwrap();
    let (_, _, err) = run(empty.path(), ZH, &["status"]);
    assert!(err.contains("不是 Dify 的 docker 目录"), "{err}");
}
