//! `dify-https import` on fixture folders with compose played by the double (the stack
//! stopped: the files and `.env` only; real nginx serving an import is in acme_e2e and
//! docker_e2e): every refusal leaves everything as it was, encrypted keys open with
//! their passphrase only, the domain comes from where the user expects, and status,
//! JSON and Prometheus read the result as imported.

mod support;

use std::path::Path;
use std::process::Output;

use support::certs::TestCa;
use support::{CLASSIC_ENV, Fixture};

const DOMAIN: &str = "dify.acmecorp.io";

fn import(folder: &Path, args: &[&str]) -> Output {
    let scenario = folder.join(".double");
    std::fs::create_dir_all(&scenario).unwrap();
    // compose ps: nothing runs.
    std::fs::write(scenario.join("ps.out"), "").unwrap();
    support::double::command(folder, &scenario)
        .arg("import")
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        Files {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn put(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }
}

/// A set-up-for-Let's-Encrypt folder for DOMAIN (HTTPS off, CERTBOT_DOMAIN set).
fn folder() -> Fixture {
    Fixture::env(&CLASSIC_ENV.replace(
        "CERTBOT_DOMAIN=your_domain.com",
        &format!("CERTBOT_DOMAIN={DOMAIN}"),
    ))
}

#[test]
fn every_refusal_leaves_everything_as_it_was() {
    let root = TestCa::new("Acme Corp Root R1");
    let issuing = root.intermediate("Acme Corp Issuing CA 1");
    let (leaf, key, _) = issuing.leaf_for_days(&[DOMAIN], 200);
    let (_, other_key, _) = issuing.leaf_for_days(&[DOMAIN], 200);
    let (expired, expired_key, _) = issuing.leaf_for_days(&[DOMAIN], -3);
    let (other_name, other_name_key, _) = issuing.leaf_for_days(&["chat.acmecorp.io"], 200);
    let chain = format!("{}{}", issuing.pem, root.pem);
    let f = Files::new();
    let full = f.put("full.crt", format!("{leaf}{chain}").as_bytes());
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        (
            "the leaf alone",
            vec![
                "--cert".into(),
                f.put("leaf.crt", leaf.as_bytes()),
                "--key".into(),
                f.put("k1", key.as_bytes()),
            ],
            "The chain is incomplete",
        ),
        (
            "another key",
            vec![
                "--cert".into(),
                full.clone(),
                "--key".into(),
                f.put("k2", other_key.as_bytes()),
            ],
            "The key belongs to none of the certificates",
        ),
        (
            "expired",
            vec![
                "--cert".into(),
                f.put("exp.crt", format!("{expired}{chain}").as_bytes()),
                "--key".into(),
                f.put("k3", expired_key.as_bytes()),
            ],
            "expired on",
        ),
        (
            "another name",
            vec![
                "--cert".into(),
                f.put("other.crt", format!("{other_name}{chain}").as_bytes()),
                "--key".into(),
                f.put("k4", other_name_key.as_bytes()),
            ],
            "not for dify.acmecorp.io",
        ),
        (
            "a PKCS#12 file",
            vec![
                "--cert".into(),
                f.put("c.pfx", b"\x30\x82\x0a\x00\x02\x01\x03rest"),
                "--key-passphrase-file".into(),
                f.put("pw", b"x\n"),
            ],
            "openssl pkcs12",
        ),
        (
            "a key file with no key",
            vec!["--cert".into(), full.clone(), "--key".into(), full.clone()],
            "holds no private key",
        ),
        (
            "a missing file",
            vec![
                "--cert".into(),
                "/nonexistent/dify.crt".into(),
                "--key".into(),
                f.put("k6", key.as_bytes()),
            ],
            "/nonexistent/dify.crt",
        ),
        (
            "a domain typed with a scheme",
            vec![
                "--cert".into(),
                full.clone(),
                "--key".into(),
                f.put("k7", key.as_bytes()),
                "--domain".into(),
                "https://dify.acmecorp.io".into(),
            ],
            "--domain",
        ),
    ];
    let dir = folder();
    let before = dir.env_bytes();
    for (what, args, says) in cases {
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        args.push("--yes");
        let out = import(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", text(&out));
        assert!(text(&out).contains(says), "{what}: {}", text(&out));
        assert!(!text(&out).contains("PRIVATE KEY-----\n"), "{what}");
        assert_eq!(dir.env_bytes(), before, "{what}: .env untouched");
        assert!(
            !dir.path().join("nginx/ssl").exists(),
            "{what}: nothing written"
        );
    }
}

#[test]
fn an_encrypted_key_opens_with_its_passphrase_and_is_stored_decrypted() {
    let root = TestCa::new("Acme Corp Root R1");
    let issuing = root.intermediate("Acme Corp Issuing CA 1");
    let (leaf, key, _) = issuing.leaf_for_days(&[DOMAIN], 200);
    let f = Files::new();
    let enc = f.put("enc.key", &support::certs::encrypted_key(&key, "s3cret"));
    let cert = f.put(
        "b.crt",
        format!("{leaf}{}{}", issuing.pem, root.pem).as_bytes(),
    );
    let dir = folder();
    // Without a terminal and without the file: refused, with the flag to use.
    let out = import(dir.path(), &["--cert", &cert, "--key", &enc, "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("--key-passphrase-file"),
        "{}",
        text(&out)
    );
    let wrong = f.put("wrong", b"nope\n");
    let out = import(
        dir.path(),
        &[
            "--cert",
            &cert,
            "--key",
            &enc,
            "--key-passphrase-file",
            &wrong,
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("does not open"), "{}", text(&out));
    assert!(!dir.path().join("nginx/ssl").exists());
    let right = f.put("right", b"s3cret\n");
    let out = import(
        dir.path(),
        &[
            "--cert",
            &cert,
            "--key",
            &enc,
            "--key-passphrase-file",
            &right,
            "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("stored decrypted"), "{}", text(&out));
    assert!(!text(&out).contains("s3cret"));
    let stored = std::fs::read_to_string(dir.path().join("nginx/ssl/dify-https.key")).unwrap();
    assert_eq!(stored, key, "the key nginx reads is the plain one");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("nginx/ssl/dify-https.key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn the_domain_comes_from_env_or_the_certificate_and_status_reads_it_as_imported() {
    let root = TestCa::new("Acme Corp Root R1");
    let (leaf, key, _) = root.leaf_for_days(&["ai.example.org"], 200);
    let f = Files::new();
    let cert = f.put("c.pem", format!("{leaf}{}", root.pem).as_bytes());
    let key = f.put("k.pem", key.as_bytes());
    // A fresh Dify .env (no domain anywhere): the certificate's only name.
    let dir = Fixture::env(CLASSIC_ENV);
    let out = import(dir.path(), &["--cert", &cert, "--key", &key, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("Importing the certificate for ai.example.org"));
    let env = String::from_utf8(dir.env_bytes()).unwrap();
    assert!(env.contains("\nCERTBOT_DOMAIN=ai.example.org\n"), "{env}");
    assert!(
        env.contains("\nNGINX_SERVER_NAME=ai.example.org\n"),
        "{env}"
    );
    let status = support::double::command(dir.path(), &dir.path().join(".double"))
        .args(["status", "--json", "--no-probe"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(v["certificate"]["source"], "imported", "{v}");
    assert_eq!(v["renewal"], serde_json::Value::Null, "{v}");
    let prom = dir.path().join("m.prom");
    support::double::command(dir.path(), &dir.path().join(".double"))
        .args([
            "status",
            "--no-probe",
            "--prometheus",
            prom.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = std::fs::read_to_string(&prom).unwrap();
    assert!(
        text.contains("dify_https_certificate_imported{domain=\"ai.example.org\"} 1"),
        "{text}"
    );
    // The same again: nothing to do.
    let out = import(dir.path(), &["--cert", &cert, "--key", &key, "--yes"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("installed already"));
}

/// A .pfx/.p12 bundle (what Windows, IIS and some CA portals export), modern and legacy
/// as `openssl pkcs12 -export` writes them: opened with its passphrase (no key file),
/// its chain and key taken from it.
#[test]
fn a_pkcs12_bundle_is_opened_with_its_passphrase() {
    let root = TestCa::new("Acme Corp Root R1");
    let issuing = root.intermediate("Acme Corp Issuing CA 1");
    let (leaf, key, der) = issuing.leaf_for_days(&[DOMAIN], 200);
    let f = Files::new();
    let (leaf_file, key_file) = (
        f.put("l.pem", leaf.as_bytes()),
        f.put("k.pem", key.as_bytes()),
    );
    let chain = f.put(
        "chain.pem",
        format!("{}{}", issuing.pem, root.pem).as_bytes(),
    );
    let right = f.put("pw", b"pfx pass\n");
    for (name, legacy) in [("modern.pfx", false), ("legacy.p12", true)] {
        let out_path = f.dir.path().join(name);
        let mut cmd = std::process::Command::new("openssl");
        cmd.args(["pkcs12", "-export"]);
        if legacy {
            cmd.arg("-legacy");
        }
        let made = cmd
            .args(["-in", &leaf_file, "-inkey", &key_file, "-certfile", &chain])
            .args(["-passout", "pass:pfx pass", "-out"])
            .arg(&out_path)
            .output()
            .expect("openssl (.ci/run installs it)");
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let pfx = out_path.display().to_string();
        let dir = folder();
        let out = import(dir.path(), &["--cert", &pfx, "--yes"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(
            text(&out).contains("--key-passphrase-file"),
            "{name}: {}",
            text(&out)
        );
        let out = import(
            dir.path(),
            &["--cert", &pfx, "--key-passphrase-file", &right, "--yes"],
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out));
        let stored = std::fs::read_to_string(dir.path().join("nginx/ssl/dify-https.crt")).unwrap();
        let served = dify_https::core::certificate::chain_info(stored.as_bytes(), "x").unwrap();
        assert_eq!(
            served.fingerprint_sha256,
            dify_https::core::certificate::fingerprint_sha256(&der),
            "{name}: the leaf first"
        );
        assert_eq!(
            served.chain_len, 2,
            "{name}: leaf and intermediate, no root"
        );
    }
}
