//! The Debian package as `apt install ./dify-https_*.deb` would install it: built with
//! cargo-deb (release, stripped), its contents listed with `dpkg-deb -c`, unpacked into
//! a temporary root with `dpkg -x`, the installed binary run, and `lintian` on it when
//! Debian's lintian is here. Needs cargo-deb (`.ci/run` installs it); skips with the
//! reason locally, fails under CI=true.

mod support;

use std::path::Path;
use std::process::Command;

fn have(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?}: {text}");
    text
}

/// Writes the man page and completions the package ships into target/packaging/, from
/// the binary's own clap definition (the same in every build profile).
fn generate_assets(root: &Path) {
    let dir = root.join("target/packaging");
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_dify-https");
    let man = Command::new(bin).arg("man").output().unwrap();
    assert!(man.status.success());
    let mut gz = Command::new("gzip")
        .args(["-9n"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::fs::File::create(dir.join("dify-https.1.gz")).unwrap())
        .spawn()
        .unwrap();
    std::io::Write::write_all(gz.stdin.as_mut().unwrap(), &man.stdout).unwrap();
    drop(gz.stdin.take());
    assert!(gz.wait().unwrap().success());
    for (shell, file) in [
        ("bash", "dify-https.bash"),
        ("zsh", "_dify-https"),
        ("fish", "dify-https.fish"),
    ] {
        let out = Command::new(bin)
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success() && !out.stdout.is_empty(), "{shell}");
        std::fs::write(dir.join(file), out.stdout).unwrap();
    }
}

fn the_deb_installs_the_binary_man_page_and_completions() {
    let mut missing = Vec::new();
    if !have("cargo", &["deb", "--version"]) {
        missing.push("cargo-deb".to_string());
    }
    if !have("dpkg-deb", &["--version"]) {
        missing.push("dpkg-deb".to_string());
    }
    if !support::can_run(
        "the_deb_installs_the_binary_man_page_and_completions",
        &missing,
        "cargo install cargo-deb --locked",
    ) {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    generate_assets(root);
    let out = tempfile::tempdir().unwrap();
    // A release build (target/release has its own lock, apart from this test's).
    run(Command::new("cargo")
        .current_dir(root)
        .args(["deb", "--locked", "-o"])
        .arg(out.path()));
    let deb = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .expect("a .deb");
    let name = deb.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(&format!("dify-https_{}-1_", env!("CARGO_PKG_VERSION"))),
        "{name}"
    );

    let contents = run(Command::new("dpkg-deb").arg("-c").arg(&deb));
    for path in [
        "./usr/bin/dify-https",
        "./usr/share/man/man1/dify-https.1.gz",
        "./usr/share/bash-completion/completions/dify-https",
        "./usr/share/zsh/vendor-completions/_dify-https",
        "./usr/share/fish/vendor_completions.d/dify-https.fish",
        "./usr/share/doc/dify-https/README.md",
        "./usr/share/doc/dify-https/copyright",
        "./usr/share/doc/dify-https/changelog.Debian.gz",
    ] {
        assert!(contents.contains(path), "{path} missing:\n{contents}");
    }
    let info = run(Command::new("dpkg-deb").arg("-I").arg(&deb));
    for field in [
        "Package: dify-https",
        "Section: admin",
        "Depends: libc6",
        "Recommends: docker.io",
    ] {
        assert!(info.contains(field), "{field}:\n{info}");
    }

    let installed = tempfile::tempdir().unwrap();
    run(Command::new("dpkg")
        .arg("-x")
        .arg(&deb)
        .arg(installed.path()));
    let bin = installed.path().join("usr/bin/dify-https");
    let version = run(Command::new(&bin).arg("--version"));
    assert_eq!(
        version.trim(),
        format!("dify-https {}", env!("CARGO_PKG_VERSION"))
    );
    let bash = std::fs::read_to_string(
        installed
            .path()
            .join("usr/share/bash-completion/completions/dify-https"),
    )
    .unwrap();
    assert!(
        bash.contains("setup") && bash.contains("--certbot-options"),
        "bash completion"
    );
    let man = run(Command::new("sh").arg("-c").arg(format!(
        "gzip -dc {} | grep -c 'DIFY-HTTPS SETUP'",
        installed
            .path()
            .join("usr/share/man/man1/dify-https.1.gz")
            .display()
    )));
    assert_eq!(man.trim(), "1");

    if have("lintian", &["--version"]) {
        let out = Command::new("lintian")
            .args(["--fail-on", "error"])
            .arg(&deb)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "lintian:\n{text}");
        eprintln!(
            "lintian: {}",
            if text.trim().is_empty() {
                "clean"
            } else {
                text.trim()
            }
        );
    } else {
        eprintln!(
            "lintian not installed: the package's lint was not checked (.ci/run installs it)"
        );
        assert!(
            std::env::var("CI").is_err(),
            "lintian is missing under CI=true"
        );
    }
}

/// cargo-deb and dpkg-deb, which build and unpack the package.
fn missing_packaging_tools() -> Vec<String> {
    let mut missing = Vec::new();
    if !have("cargo", &["deb", "--version"]) {
        missing.push("cargo-deb".to_string());
    }
    if !have("dpkg-deb", &["--version"]) {
        missing.push("dpkg-deb".to_string());
    }
    missing
}

fn main() -> std::process::ExitCode {
    support::harness::run(vec![case!(
        the_deb_installs_the_binary_man_page_and_completions,
        missing_packaging_tools,
        "cargo install cargo-deb --locked"
    )])
}
