//! `backup`, `restore`, `history` and `undo` on fixture folders: a round trip keeps
//! the certificate (same fingerprint), hostile archives are refused whole with
//! nothing touched, no output ever holds key material, and `undo` puts back exact bytes.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use support::certs::TestCa;
use support::{Fixture, set_up_env};

const DOMAIN: &str = "dify.acmecorp.io";

fn dify_https(folder: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(folder)
        .args(args)
        .env_remove("COMPOSE_PROFILES")
        .env_remove("DIFY_HTTPS_KEEP_BACKUPS")
        .assert()
}

/// A certificate laid out as certbot leaves it: files in `archive/`, links in `live/`,
/// a renewal conf and an account. Returns the key PEM.
fn certbot_lineage(folder: &Path, domain: &str) -> String {
    let ca = TestCa::new("Restore Test CA");
    let (pem, key, _) = ca.leaf_for_days(&[domain], 60);
    let conf = folder.join("volumes/certbot/conf");
    let archive = conf.join("archive").join(domain);
    let live = conf.join("live").join(domain);
    let account = conf.join("accounts/acme-v02.api.letsencrypt.org/directory/0123abcd");
    for d in [&archive, &live, &account, &conf.join("renewal")] {
        fs::create_dir_all(d).unwrap();
    }
    fs::write(archive.join("cert1.pem"), &pem).unwrap();
    fs::write(archive.join("chain1.pem"), &ca.pem).unwrap();
    fs::write(archive.join("fullchain1.pem"), format!("{pem}{}", ca.pem)).unwrap();
    fs::write(archive.join("privkey1.pem"), &key).unwrap();
    fs::set_permissions(
        archive.join("privkey1.pem"),
        fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    for name in ["cert", "chain", "fullchain", "privkey"] {
        std::os::unix::fs::symlink(
            format!("../../archive/{domain}/{name}1.pem"),
            live.join(format!("{name}.pem")),
        )
        .unwrap();
    }
    fs::write(account.join("private_key.json"), "{\"n\": \"account-key\"}").unwrap();
    // certbot's own modes: its live/, archive/ and accounts/ are root's alone, as are keys.
    for (path, mode) in [
        (conf.join("live"), 0o700),
        (conf.join("archive"), 0o700),
        (conf.join("accounts"), 0o700),
        (account.join("private_key.json"), 0o600),
    ] {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }
    fs::write(
        conf.join("renewal").join(format!("{domain}.conf")),
        format!("archive_dir = /etc/letsencrypt/archive/{domain}\n[renewalparams]\nauthenticator = webroot\nserver = https://acme-v02.api.letsencrypt.org/directory\n"),
    )
    .unwrap();
    key
}

/// Every file, folder and link under `dir`, with contents, link targets and modes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, at: &Path, out: &mut BTreeMap<PathBuf, String>) {
        let Ok(entries) = fs::read_dir(at) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            let meta = fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            let mode = meta.permissions().mode() & 0o777;
            if meta.file_type().is_symlink() {
                out.insert(rel, format!("-> {}", fs::read_link(&p).unwrap().display()));
            } else if meta.is_dir() {
                out.insert(rel, format!("dir {mode:o}"));
                walk(root, &p, out);
            } else {
                out.insert(rel, format!("{mode:o} {}", fs::read_to_string(&p).unwrap()));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

fn fingerprint(folder: &Path) -> String {
    let out = dify_https(folder, &["status", "--json", "--no-probe"])
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["certificate"]["fingerprint_sha256"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn output_text(a: &assert_cmd::assert::Assert) -> String {
    let o = a.get_output();
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The key's base64 lines: none may appear in any output.
fn assert_no_key_material(text: &str, key: &str) {
    for line in key.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!text.contains(line), "key material in the output:\n{text}");
    }
}

#[test]
fn backup_then_restore_into_an_empty_folder_keeps_the_certificate() {
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    let key = certbot_lineage(f.path(), DOMAIN);
    let conf = f.path().join("volumes/certbot/conf");
    let before = tree(&conf);
    let fp = fingerprint(f.path());
    assert_eq!(fp.len(), 95, "{fp}");

    let out_dir = tempfile::tempdir().unwrap();
    let archive = out_dir.path().join("b.tar.gz");
    let a = dify_https(f.path(), &["backup", "--out", archive.to_str().unwrap()]).success();
    let said = output_text(&a);
    assert!(said.contains(&fp), "{said}");
    assert_no_key_material(&said, &key);
    assert_eq!(
        fs::metadata(&archive).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // The archive itself is compressed: the key is not readable in it either.
    assert!(
        !String::from_utf8_lossy(&fs::read(&archive).unwrap())
            .contains(key.lines().nth(1).unwrap())
    );
    // Never over an existing file.
    let again = dify_https(f.path(), &["backup", "--out", archive.to_str().unwrap()]).code(2);
    assert!(output_text(&again).contains("already exists"));

    // A new server: the same folder, no certificates, HTTPS off, another domain in .env.
    let g = Fixture::env(&set_up_env("placeholder.acmecorp.io", false));
    let a = dify_https(
        g.path(),
        &["restore", archive.to_str().unwrap(), "--yes", "--no-switch"],
    )
    .success();
    let said = output_text(&a);
    assert_no_key_material(&said, &key);
    assert!(said.contains("CERTBOT_DOMAIN"), "{said}");
    assert_eq!(tree(&g.path().join("volumes/certbot/conf")), before);
    assert_eq!(fingerprint(g.path()), fp);
    let env = fs::read_to_string(g.env_path()).unwrap();
    assert!(
        env.contains(&format!("\nCERTBOT_DOMAIN={DOMAIN}\n")),
        "{env}"
    );
    assert!(
        env.contains("\nNGINX_HTTPS_ENABLED=false\n"),
        "HTTPS goes on only through the switch"
    );
    // No staging folder is left behind.
    let leftovers: Vec<_> = fs::read_dir(g.path().join("volumes/certbot"))
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".dify-https-restore")
        })
        .collect();
    assert!(leftovers.is_empty());

    // Removing conf/ in the first folder and restoring there brings the same back.
    fs::remove_dir_all(&conf).unwrap();
    dify_https(
        f.path(),
        &["restore", archive.to_str().unwrap(), "--yes", "--no-switch"],
    )
    .success();
    assert_eq!(tree(&conf), before);
    assert_eq!(fingerprint(f.path()), fp);
}

#[test]
fn a_different_certificate_is_saved_first_and_replaced_only_after_a_yes() {
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    certbot_lineage(f.path(), DOMAIN);
    let archive = f.path().join("../restore-test-archive.tar.gz");
    let _ = fs::remove_file(&archive);
    dify_https(f.path(), &["backup", "--out", archive.to_str().unwrap()]).success();
    let wanted = fingerprint(f.path());

    let g = Fixture::env(&set_up_env(DOMAIN, false));
    certbot_lineage(g.path(), DOMAIN);
    let conf = g.path().join("volumes/certbot/conf");
    let theirs = tree(&conf);
    let env_before = g.env_bytes();
    // No terminal and no --yes: refused, nothing changed.
    let a = dify_https(
        g.path(),
        &["restore", archive.to_str().unwrap(), "--no-switch"],
    )
    .code(2);
    assert!(output_text(&a).contains("--yes"), "{}", output_text(&a));
    assert_eq!(tree(&conf), theirs);
    assert_eq!(g.env_bytes(), env_before);

    let a = dify_https(
        g.path(),
        &["restore", archive.to_str().unwrap(), "--no-switch", "--yes"],
    )
    .success();
    let said = output_text(&a);
    let saved: Vec<PathBuf> = fs::read_dir(g.path().join("volumes/certbot"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("before-restore"))
        .collect();
    assert_eq!(saved.len(), 1, "{said}");
    assert!(said.contains(&saved[0].display().to_string()), "{said}");
    assert_eq!(
        fs::metadata(&saved[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(fingerprint(g.path()), wanted);
    // What was there can come back from the saved archive.
    dify_https(
        g.path(),
        &[
            "restore",
            saved[0].to_str().unwrap(),
            "--no-switch",
            "--yes",
        ],
    )
    .success();
    assert_eq!(
        tree(&conf).get(Path::new("renewal")),
        theirs.get(Path::new("renewal"))
    );
    fs::remove_file(&archive).unwrap();
}

// ---- hostile archives --------------------------------------------------------

/// A gzip'd tar with a manifest for `DOMAIN` and the given raw entries:
/// (name bytes, kind, data or link target).
fn crafted(entries: &[(&str, tar::EntryType, &[u8])]) -> Vec<u8> {
    crafted_with(DOMAIN, "{}", entries)
}

/// An archive with a manifest for `domain` carrying the `.env` settings `env` (JSON).
fn crafted_with(domain: &str, env: &str, entries: &[(&str, tar::EntryType, &[u8])]) -> Vec<u8> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut b = tar::Builder::new(gz);
    let manifest = format!(
        "{{\"format\":1,\"tool_version\":\"0\",\"created\":\"2026-12-01T00:00:00Z\",\"domain\":{},\"certificate\":null,\"env\":{env}}}",
        serde_json::Value::from(domain)
    );
    let mut all: Vec<(&str, tar::EntryType, &[u8])> = vec![(
        "dify-https-backup.json",
        tar::EntryType::Regular,
        manifest.as_bytes(),
    )];
    all.extend_from_slice(entries);
    for (name, kind, data) in all {
        let mut h = tar::Header::new_gnu();
        // Raw names: the tar crate's own setters refuse `..` and absolute paths.
        let raw = &mut h.as_old_mut().name;
        raw[..name.len()].copy_from_slice(name.as_bytes());
        h.set_entry_type(kind);
        // What a hostile archive asks for: modes are forced on restore whatever it says.
        h.set_mode(0o777);
        if kind == tar::EntryType::Symlink {
            let link = &mut h.as_old_mut().linkname;
            link[..data.len()].copy_from_slice(data);
            h.set_size(0);
            h.set_cksum();
            b.append(&h, std::io::empty()).unwrap();
        } else {
            h.set_size(data.len() as u64);
            h.set_cksum();
            b.append(&h, data).unwrap();
        }
    }
    b.into_inner().unwrap().finish().unwrap()
}

#[test]
fn hostile_archives_are_refused_whole_with_nothing_touched() {
    use tar::EntryType::{Regular, Symlink};
    let ca = TestCa::new("Hostile Test CA");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 60);
    let (_, other_key, _) = ca.leaf_for_days(&[DOMAIN], 60);
    let full = format!("{pem}{}", ca.pem);
    let live = |file: &str| format!("conf/live/{DOMAIN}/{file}");
    let (fullchain, privkey) = (live("fullchain.pem"), live("privkey.pem"));
    let good = [
        (fullchain.as_str(), Regular, full.as_bytes()),
        (privkey.as_str(), Regular, key.as_bytes()),
    ];
    let with = |extra: (&'static str, tar::EntryType, &'static [u8])| {
        let mut v: Vec<(&str, tar::EntryType, &[u8])> = good.to_vec();
        v.push(extra);
        crafted(&v)
    };
    let valid = crafted(&good);
    let env_case = |env: &str| crafted_with(DOMAIN, env, &good);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            // Lexically inside conf/, really outside: l2 is `..` of its folder, so
            // `l2/../..` from conf/live/x is volumes/certbot; entries then go through it.
            "two-link chain",
            crafted(&[
                (fullchain.as_str(), Regular, full.as_bytes()),
                (privkey.as_str(), Regular, key.as_bytes()),
                ("conf/live/x/l2", Symlink, b".."),
                ("conf/live/x/l1", Symlink, b"l2/../.."),
                ("conf/live/x/l1/evil", Regular, b"* * * * * root id\n"),
            ]),
            "outside conf/",
        ),
        (
            "folder through a link",
            crafted(&[
                (fullchain.as_str(), Regular, full.as_bytes()),
                (privkey.as_str(), Regular, key.as_bytes()),
                ("conf/renewal/up", Symlink, b"../live"),
                ("conf/renewal/up/x", tar::EntryType::Directory, b""),
            ]),
            "outside conf/",
        ),
        (
            "duplicate entry",
            crafted(&[
                (fullchain.as_str(), Regular, full.as_bytes()),
                (privkey.as_str(), Regular, key.as_bytes()),
                (privkey.as_str(), Regular, other_key.as_bytes()),
            ]),
            "twice",
        ),
        (
            "too many headers",
            {
                // Empty folders cost nothing unpacked: the header count must stop them.
                let names: Vec<String> = (0..10_001).map(|i| format!("conf/renewal/{i}")).collect();
                let mut v: Vec<(&str, tar::EntryType, &[u8])> = good.to_vec();
                v.extend(
                    names
                        .iter()
                        .map(|n| (n.as_str(), tar::EntryType::Directory, &b""[..])),
                );
                crafted(&v)
            },
            "more than 10000 entries",
        ),
        (
            "SECRET_KEY in the settings",
            env_case(r#"{"SECRET_KEY": "attacker"}"#),
            "SECRET_KEY, which a backup never carries",
        ),
        (
            "a deploy hook",
            env_case(r#"{"CERTBOT_OPTIONS": "--deploy-hook /tmp/x"}"#),
            "CERTBOT_OPTIONS cannot be restored",
        ),
        (
            "an e-mail that runs a command",
            env_case(r#"{"CERTBOT_EMAIL": "me@$(reboot).org"}"#),
            "CERTBOT_EMAIL cannot be restored",
        ),
        (
            "nginx directives",
            env_case(r#"{"NGINX_SERVER_NAME": "x; include /etc/shadow"}"#),
            "NGINX_SERVER_NAME cannot be restored",
        ),
        (
            "another domain in the settings",
            env_case(r#"{"CERTBOT_DOMAIN": "other.acmecorp.io"}"#),
            "other.acmecorp.io",
        ),
        (
            "a domain with a newline",
            crafted_with("dify.acmecorp.io\nx", "{}", &good),
            "is not a single name",
        ),
        (
            "a certificate for another name",
            crafted_with(
                "other.acmecorp.io",
                "{}",
                &[
                    (
                        "conf/live/other.acmecorp.io/fullchain.pem",
                        Regular,
                        full.as_bytes(),
                    ),
                    (
                        "conf/live/other.acmecorp.io/privkey.pem",
                        Regular,
                        key.as_bytes(),
                    ),
                ],
            ),
            "other.acmecorp.io",
        ),
        (
            "dot-dot",
            with(("conf/../../../tmp/evil", Regular, b"x")),
            "outside conf/",
        ),
        (
            "absolute",
            with(("/etc/cron.d/evil", Regular, b"x")),
            "outside conf/",
        ),
        (
            "outside conf",
            with(("evil.sh", Regular, b"x")),
            "outside conf/",
        ),
        (
            "link to /etc",
            with(("conf/renewal/x.conf", Symlink, b"/etc/passwd")),
            "outside conf/",
        ),
        (
            "link climbing out",
            with(("conf/live/x", Symlink, b"../../../../etc")),
            "outside conf/",
        ),
        (
            "wrong key",
            crafted(&[
                (fullchain.as_str(), Regular, full.as_bytes()),
                (privkey.as_str(), Regular, other_key.as_bytes()),
            ]),
            "does not belong to the certificate",
        ),
        (
            "truncated",
            valid[..valid.len() / 2].to_vec(),
            "not a complete backup archive",
        ),
        (
            "not a tar",
            b"just some text, not an archive".to_vec(),
            "not a complete backup archive",
        ),
        (
            "no manifest",
            {
                let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                let mut b = tar::Builder::new(gz);
                let mut h = tar::Header::new_gnu();
                h.set_path("conf/x").unwrap();
                h.set_size(1);
                h.set_cksum();
                b.append(&h, &b"x"[..]).unwrap();
                b.into_inner().unwrap().finish().unwrap()
            },
            "no dify-https-backup.json",
        ),
    ];
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    certbot_lineage(f.path(), DOMAIN);
    let conf = f.path().join("volumes/certbot/conf");
    let before = tree(&conf);
    let env_before = f.env_bytes();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, why) in cases {
        let path = dir
            .path()
            .join(format!("{}.tar.gz", name.replace([' ', '/'], "-")));
        fs::File::create(&path).unwrap().write_all(&bytes).unwrap();
        let a = dify_https(
            f.path(),
            &["restore", path.to_str().unwrap(), "--yes", "--no-switch"],
        )
        .code(2);
        let said = output_text(&a);
        assert!(
            said.contains(why) && said.contains("Nothing was changed"),
            "{name}: {said}"
        );
        assert_no_key_material(&said, &key);
        assert_eq!(tree(&conf), before, "{name} touched conf/");
        assert_eq!(f.env_bytes(), env_before, "{name} touched .env");
        assert!(!Path::new("/tmp/evil").exists());
    }
    assert!(!f.path().join("volumes/certbot/evil").exists());
    assert_eq!(
        fs::metadata(f.path().join("volumes/certbot/conf/live"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700,
        "no folder was chmodded through a link"
    );
    // The well-formed one goes through (so the refusals above are the checks, not the
    // harness), with the modes certbot gives, not the 0777 the archive asked for.
    let path = dir.path().join("valid.tar.gz");
    fs::write(&path, &valid).unwrap();
    dify_https(
        f.path(),
        &["restore", path.to_str().unwrap(), "--yes", "--no-switch"],
    )
    .success();
    let mode = |p: &str| fs::metadata(conf.join(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&format!("live/{DOMAIN}/privkey.pem")), 0o600);
    assert_eq!(mode(&format!("live/{DOMAIN}/fullchain.pem")), 0o644);
    assert_eq!(mode(&format!("live/{DOMAIN}")), 0o755);
    let left: Vec<_> = fs::read_dir(f.path().join("volumes/certbot"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dify-https-restore-"))
        .collect();
    assert!(left.is_empty(), "staging left behind: {left:?}");
}

/// `backup` never says "Wrote" for an archive its own `restore` would refuse: the key
/// in `live/` belongs to another certificate, or a link there leads nowhere.
#[test]
fn backup_keeps_only_archives_restore_accepts() {
    for case in ["another key", "a stray link"] {
        let f = Fixture::env(&set_up_env(DOMAIN, false));
        certbot_lineage(f.path(), DOMAIN);
        let live = f.path().join(format!("volumes/certbot/conf/live/{DOMAIN}"));
        match case {
            "another key" => {
                let other = TestCa::new("Other").leaf_for_days(&[DOMAIN], 60).1;
                let target = f.path().join(format!(
                    "volumes/certbot/conf/archive/{DOMAIN}/privkey1.pem"
                ));
                fs::write(target, other).unwrap();
            }
            _ => std::os::unix::fs::symlink("/etc/passwd", live.join("extra.pem")).unwrap(),
        }
        let out_dir = tempfile::tempdir().unwrap();
        let archive = out_dir.path().join("b.tar.gz");
        let a = dify_https(f.path(), &["backup", "--out", archive.to_str().unwrap()]).code(1);
        let said = output_text(&a);
        assert!(said.contains("restore` would refuse it"), "{case}: {said}");
        assert!(!said.contains("Wrote"), "{case}: {said}");
        assert!(!archive.exists(), "{case}: the refused archive was kept");
        assert_eq!(fs::read_dir(out_dir.path()).unwrap().count(), 0, "{case}");
    }
}

// ---- .env history ------------------------------------------------------------

#[test]
fn undo_puts_back_the_exact_bytes_and_undo_again_returns() {
    let original = set_up_env("old.acmecorp.io", false).replace("\n", "\r\n");
    let f = Fixture::env(&original);
    dify_https(
        f.path(),
        &[
            "--compose",
            "docker compose",
            "setup",
            "--env-only",
            "--yes",
            "--domain",
            DOMAIN,
            "--email",
            "ops@acme-corp.dev",
        ],
    )
    .success();
    let after_setup = f.env_bytes();
    assert_ne!(after_setup, original.as_bytes());

    let a = dify_https(f.path(), &["history"]).success();
    let said = output_text(&a);
    assert!(
        said.contains(".env.bak-") && said.contains("CERTBOT_DOMAIN"),
        "{said}"
    );
    let json = dify_https(f.path(), &["history", "--json"])
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["backups"].as_array().unwrap().len(), 1);
    assert!(
        v["backups"][0]["differs_in"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "CERTBOT_DOMAIN")
    );

    // Without a yes and no terminal: nothing happens.
    dify_https(f.path(), &["--compose", "false", "undo"]).code(2);
    assert_eq!(f.env_bytes(), after_setup);

    let a = dify_https(f.path(), &["undo", "--yes", "--no-recreate"]).success();
    assert_eq!(f.env_bytes(), original.as_bytes(), "{}", output_text(&a));
    assert!(
        output_text(&a).contains("certbot, nginx must be recreated"),
        "{}",
        output_text(&a)
    );
    // The undo was itself backed up: undo again is back to the state after setup. The
    // recreate that follows a yes fails here (no compose), after the file is back.
    let a = dify_https(
        f.path(),
        &["--compose", "/nonexistent/compose", "undo", "--yes"],
    )
    .code(1);
    assert_eq!(f.env_bytes(), after_setup);
    assert!(
        output_text(&a).contains("Recreate the containers whose settings changed"),
        "{}",
        output_text(&a)
    );
}

#[test]
fn an_undo_nginx_could_not_start_with_is_refused() {
    // A backup with HTTPS on, and no certificate files: nginx would not start.
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    fs::write(
        f.path().join(".env.bak-20261130-101010"),
        set_up_env(DOMAIN, true),
    )
    .unwrap();
    let before = f.env_bytes();
    let a = dify_https(f.path(), &["undo", "--yes"]).code(2);
    assert!(
        output_text(&a).contains("could not start"),
        "{}",
        output_text(&a)
    );
    assert_eq!(f.env_bytes(), before);
}

#[test]
fn writes_keep_only_the_newest_backups() {
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    for day in 10..=20 {
        fs::write(
            f.path().join(format!(".env.bak-202611{day}-000000")),
            "A=1\n",
        )
        .unwrap();
    }
    dify_https(
        f.path(),
        &[
            "--compose",
            "docker compose",
            "--keep-backups",
            "3",
            "setup",
            "--env-only",
            "--yes",
            "--domain",
            "other.acmecorp.io",
            "--email",
            "ops@acme-corp.dev",
        ],
    )
    .success();
    let names: Vec<String> = f
        .backups()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names.contains(&".env.bak-20261120-000000".to_string()),
        "{names:?}"
    );
    assert!(
        !names.contains(&".env.bak-20261118-000000".to_string()),
        "{names:?}"
    );
}

// ---- https off ---------------------------------------------------------------

#[test]
fn https_off_is_reviewed_and_refused_without_a_yes() {
    let f = Fixture::env(&set_up_env(DOMAIN, true).replace(
        &format!("CONSOLE_WEB_URL=http://{DOMAIN}"),
        &format!("CONSOLE_WEB_URL=https://{DOMAIN}"),
    ));
    let before = f.env_bytes();
    let a = dify_https(f.path(), &["--compose", "docker compose", "https", "off"]).code(2);
    let said = output_text(&a);
    assert!(
        said.contains("NGINX_HTTPS_ENABLED: \"true\" -> \"false\""),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "CONSOLE_WEB_URL: \"https://{DOMAIN}\" -> \"http://{DOMAIN}\""
        )),
        "{said}"
    );
    assert!(said.contains("--yes"), "{said}");
    assert_eq!(f.env_bytes(), before);
    // --keep-public-urls leaves the URL out of the change.
    let a = dify_https(
        f.path(),
        &[
            "--compose",
            "docker compose",
            "https",
            "off",
            "--keep-public-urls",
        ],
    )
    .code(2);
    assert!(
        !output_text(&a).contains("CONSOLE_WEB_URL:"),
        "{}",
        output_text(&a)
    );

    let off = Fixture::env(&set_up_env(DOMAIN, false));
    let a = dify_https(off.path(), &["https", "off", "--yes"]).success();
    assert!(
        output_text(&a).contains("already off"),
        "{}",
        output_text(&a)
    );
}

/// `https off` stopped (TERM) while compose recreates nginx: `.env` goes back to HTTPS
/// on, as nginx still is; and where a killed run left `.env` off with nginx still on,
/// `https off` again finishes the recreate instead of saying "already off".
#[test]
fn an_interrupted_https_off_is_rolled_back_or_finished() {
    let f = Fixture::env(&set_up_env(DOMAIN, true));
    let before = f.env_bytes();
    let scenario = tempfile::tempdir().unwrap();
    // The first `up` hangs (the recreate the signal interrupts); later ones finish.
    fs::write(
        scenario.path().join("up.sh"),
        format!(
            "if [ ! -e {m} ]; then touch {m}; sleep 30; fi\n",
            m = scenario.path().join("hung").display()
        ),
    )
    .unwrap();
    fs::write(scenario.path().join("ps.out"), "nginx\n").unwrap();
    let mut child = support::double::command(f.path(), scenario.path())
        .args(["https", "off", "--yes"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !scenario.path().join("hung").exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(String::from_utf8_lossy(&f.env_bytes()).contains("NGINX_HTTPS_ENABLED=false"));
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(child.id() as i32).unwrap(),
        rustix::process::Signal::TERM,
    )
    .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(
        String::from_utf8_lossy(&f.env_bytes()),
        String::from_utf8_lossy(&before),
        "rolled back to HTTPS on"
    );

    // A run killed outright (no rollback): .env off, nginx still on. A rerun finishes
    // (nginx's HTTP port played by a stand-in that answers).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for s in listener.incoming() {
            let mut s = s.unwrap();
            let _ = s.read(&mut [0u8; 2048]);
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let off = Fixture::env(
        &set_up_env(DOMAIN, false)
            .replace("EXPOSE_NGINX_PORT=80", &format!("EXPOSE_NGINX_PORT={port}")),
    );
    let scenario = tempfile::tempdir().unwrap();
    let run = |nginx_has: &str| {
        fs::write(scenario.path().join("exec.out"), format!("{nginx_has}\n")).unwrap();
        fs::write(scenario.path().join("ps.out"), "nginx\n").unwrap();
        let _ = fs::remove_file(scenario.path().join("calls.log"));
        let out = support::double::command(off.path(), scenario.path())
            .args(["https", "off", "--yes"])
            .output()
            .unwrap();
        let calls = fs::read_to_string(scenario.path().join("calls.log")).unwrap_or_default();
        (out, calls)
    };
    let (out, calls) = run("true");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("this finishes it"), "{said}");
    assert!(out.status.success(), "{said}");
    assert!(
        calls
            .lines()
            .any(|l| l.contains("up") && l.contains("nginx")),
        "{calls}"
    );
    let (out, calls) = run("false");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(said.contains("already off"), "{said}");
    assert!(
        !calls
            .lines()
            .any(|l| l.starts_with("up") || l.contains(" up ")),
        "{calls}"
    );
}

/// `https on` switches HTTPS on for the certificate on disk: refused with the fix when
/// nginx could not start with it, reviewed (and unchanged) without a yes; what
/// `status` advises for a certificate with HTTPS off is exactly this command.
#[test]
fn https_on_is_refused_without_a_certificate_and_reviewed_with_one() {
    // The key's name still Dify's own: nginx could not start, and the key is named.
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    certbot_lineage(f.path(), DOMAIN);
    let a = dify_https(
        f.path(),
        &["--compose", "docker compose", "https", "on", "--yes"],
    )
    .code(2);
    let said = output_text(&a);
    assert!(
        said.contains("HTTPS stays off") && said.contains("dify.key"),
        "{said}"
    );
    let f = Fixture::env(&set_up_env(DOMAIN, false).replace(
        "NGINX_SSL_CERT_KEY_FILENAME=dify.key",
        "NGINX_SSL_CERT_KEY_FILENAME=privkey.pem",
    ));
    let before = f.env_bytes();
    let a = dify_https(
        f.path(),
        &["--compose", "docker compose", "https", "on", "--yes"],
    )
    .code(2);
    let said = output_text(&a);
    assert!(
        said.contains("HTTPS stays off") && said.contains("fullchain.pem"),
        "{said}"
    );
    assert_eq!(f.env_bytes(), before);
    certbot_lineage(f.path(), DOMAIN);
    let status = dify_https(f.path(), &["status", "--json", "--no-probe"]);
    let json = output_text(&status);
    assert!(json.contains("`dify-https https on`"), "{json}");
    let a = dify_https(f.path(), &["--compose", "docker compose", "https", "on"]).code(2);
    let said = output_text(&a);
    assert!(
        said.contains("NGINX_HTTPS_ENABLED: \"false\" -> \"true\""),
        "{said}"
    );
    assert!(said.contains("--yes"), "{said}");
    assert_eq!(f.env_bytes(), before, "nothing without a yes");
}

/// `undo` and `https off` on a stack that is not running: `.env` changes, they say its
/// next start reads it, and they start nothing (no `up`, nothing pulled); exit 0.
#[test]
fn undo_and_https_off_on_a_stopped_stack_start_nothing() {
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    certbot_lineage(f.path(), DOMAIN);
    let scenario = tempfile::tempdir().unwrap();
    // compose answers, and nothing runs.
    fs::write(scenario.path().join("ps.out"), "").unwrap();
    let run = |args: &[&str]| {
        let _ = fs::remove_file(scenario.path().join("calls.log"));
        let out = support::double::command(f.path(), scenario.path())
            .args(args)
            .output()
            .unwrap();
        let calls = fs::read_to_string(scenario.path().join("calls.log")).unwrap_or_default();
        (out, calls)
    };
    let (out, _) = run(&["https", "on", "--yes"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "nginx could not start: dify.key"
    );
    let with_https = set_up_env(DOMAIN, true).replace(
        "NGINX_SSL_CERT_KEY_FILENAME=dify.key",
        "NGINX_SSL_CERT_KEY_FILENAME=privkey.pem",
    );
    fs::write(f.env_path(), &with_https).unwrap();
    let (out, calls) = run(&["https", "off", "--yes"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}");
    assert!(said.contains("The stack is not running"), "{said}");
    assert!(String::from_utf8_lossy(&f.env_bytes()).contains("NGINX_HTTPS_ENABLED=false"));
    assert!(!calls.lines().any(|l| l.contains(" up ")), "{calls}");
    let (out, calls) = run(&["undo", "--yes"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}");
    assert!(said.contains("The stack is not running"), "{said}");
    assert_eq!(
        String::from_utf8_lossy(&f.env_bytes()),
        with_https,
        "undone"
    );
    assert!(!calls.lines().any(|l| l.contains(" up ")), "{calls}");
}

/// An archive written inside a git checkout (Dify's own folder is one) says so: it
/// holds private keys and must never be committed.
#[test]
fn a_backup_inside_a_git_checkout_says_so() {
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    certbot_lineage(f.path(), DOMAIN);
    let repo = tempfile::tempdir().unwrap();
    fs::create_dir(repo.path().join(".git")).unwrap();
    let inside = repo.path().join("b.tar.gz");
    let a = dify_https(f.path(), &["backup", "--out", inside.to_str().unwrap()]).success();
    assert!(
        output_text(&a).contains("inside the git checkout"),
        "{}",
        output_text(&a)
    );
    let plain = tempfile::tempdir().unwrap();
    let outside = plain.path().join("b.tar.gz");
    let a = dify_https(f.path(), &["backup", "--out", outside.to_str().unwrap()]).success();
    assert!(
        !output_text(&a).contains("git checkout"),
        "{}",
        output_text(&a)
    );
}

/// An imported certificate (nginx/ssl) goes into the backup and comes back with its
/// modes in a new folder, where status reads it as imported; archives that put anything
/// else under ssl/ are refused whole.
#[test]
fn an_imported_certificate_is_backed_up_and_restored() {
    use tar::EntryType::{Regular, Symlink};
    let f = Fixture::env(&set_up_env(DOMAIN, false));
    let root = TestCa::new("Acme Corp Root R1");
    let issuing = root.intermediate("Acme Corp Issuing CA 1");
    let (pem, key, _) = issuing.leaf_for_days(&[DOMAIN], 200);
    let files = tempfile::tempdir().unwrap();
    let put = |name: &str, text: &str| {
        let p = files.path().join(name);
        fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let (cert, key_file) = (put("c.pem", &pem), put("k.pem", &key));
    let chain = put("chain.pem", &format!("{}{}", issuing.pem, root.pem));
    let scenario = tempfile::tempdir().unwrap();
    let out = support::double::command(f.path(), scenario.path())
        .args([
            "import", "--cert", &cert, "--key", &key_file, "--chain", &chain, "--yes",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fp = fingerprint(f.path());
    assert_eq!(fp.len(), 95);

    let out_dir = tempfile::tempdir().unwrap();
    let archive = out_dir.path().join("b.tar.gz");
    let a = dify_https(f.path(), &["backup", "--out", archive.to_str().unwrap()]).success();
    let said = output_text(&a);
    assert!(said.contains(&fp), "{said}");
    assert_no_key_material(&said, &key);

    let g = Fixture::env(&set_up_env("placeholder.acmecorp.io", false));
    let a = dify_https(
        g.path(),
        &["restore", archive.to_str().unwrap(), "--yes", "--no-switch"],
    )
    .success();
    assert_no_key_material(&output_text(&a), &key);
    let ssl = g.path().join("nginx/ssl");
    assert_eq!(
        fs::metadata(ssl.join("dify-https.key"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    assert!(
        ssl.join("dify-https.root.crt").is_file(),
        "the private root comes along"
    );
    let env = fs::read_to_string(g.env_path()).unwrap();
    assert!(
        env.contains("\nNGINX_SSL_CERT_FILENAME=dify-https.crt\n"),
        "{env}"
    );
    let out = dify_https(g.path(), &["status", "--json", "--no-probe"])
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["certificate"]["source"], "imported", "{v}");
    assert_eq!(v["certificate"]["fingerprint_sha256"], fp.as_str());
    assert!(
        !g.path().join("volumes/certbot/conf/live").exists(),
        "no lineage is made up"
    );

    // Hostile: other names, links, or a pair that is not one, under ssl/.
    let (_, other_key, _) = issuing.leaf_for_days(&[DOMAIN], 200);
    let full = format!("{pem}{}", issuing.pem);
    let imported = |entries: &[(&str, tar::EntryType, &[u8])]| {
        let bytes = crafted_with(DOMAIN, "{}", entries);
        // The same manifest, saying the certificate was imported.
        let mut text = Vec::new();
        {
            use std::io::Read;
            let mut a = tar::Archive::new(flate2::read::GzDecoder::new(&bytes[..]));
            let mut b = tar::Builder::new(Vec::new());
            for e in a.entries().unwrap() {
                let mut e = e.unwrap();
                let mut data = Vec::new();
                e.read_to_end(&mut data).unwrap();
                let mut h = e.header().clone();
                if e.path().unwrap().to_str() == Some("dify-https-backup.json") {
                    let s = String::from_utf8(data).unwrap();
                    data = s
                        .replace("\"env\":{}", "\"env\":{},\"source\":\"imported\"")
                        .into_bytes();
                    h.set_size(data.len() as u64);
                    h.set_cksum();
                }
                b.append(&h, &data[..]).unwrap();
            }
            text.extend(b.into_inner().unwrap());
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        gz.finish().unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "another name under ssl/",
            imported(&[
                ("ssl/dify-https.crt", Regular, full.as_bytes()),
                ("ssl/dify-https.key", Regular, key.as_bytes()),
                ("ssl/dhparam.pem", Regular, b"x"),
            ]),
            "ssl/dhparam.pem",
        ),
        (
            "the key as a link",
            imported(&[
                ("ssl/dify-https.crt", Regular, full.as_bytes()),
                ("ssl/dify-https.key", Symlink, b"/etc/shadow"),
            ]),
            "ssl/dify-https.key",
        ),
        (
            "another key",
            imported(&[
                ("ssl/dify-https.crt", Regular, full.as_bytes()),
                ("ssl/dify-https.key", Regular, other_key.as_bytes()),
            ]),
            "private key",
        ),
        (
            "no pair",
            imported(&[("ssl/dify-https.crt", Regular, full.as_bytes())]),
            "ssl/dify-https.key",
        ),
    ];
    let h = Fixture::env(&set_up_env(DOMAIN, false));
    let env_before = h.env_bytes();
    for (what, bytes, says) in cases {
        let path = out_dir.path().join("hostile.tar.gz");
        fs::write(&path, bytes).unwrap();
        let a = dify_https(
            h.path(),
            &["restore", path.to_str().unwrap(), "--yes", "--no-switch"],
        )
        .code(2);
        let said = output_text(&a);
        assert!(said.contains(says), "{what}: {said}");
        assert!(
            !h.path().join("nginx/ssl").exists(),
            "{what}: nothing written"
        );
        assert_eq!(h.env_bytes(), env_before, "{what}");
    }
}
