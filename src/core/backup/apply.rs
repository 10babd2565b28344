//! Putting a checked archive's `conf/` in place: unpacked beside the real one first
//! (same file system), then swapped in whole, in one step.

use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

use super::CONF_PARTS;
use super::inspect::{Inspected, Item, forced_mode};
use crate::core::certificate::read_chain_file;
use crate::core::dify::DifyFolder;
use crate::core::envfile::folder_lock_path;
use crate::core::files::FolderLock;
use crate::core::files::tree::{Dir, Kind, plain_components};

/// What the folder holds now, compared with a checked archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfState {
    /// No certificates, accounts or renewal confs yet.
    Empty,
    /// The archive's certificate is already in place.
    Same,
    /// Something else is there: it is backed up before being replaced.
    Different {
        /// What `live/` holds for the archive's domain, if anything.
        fingerprint: Option<String>,
    },
}

pub fn conf_state(folder: &DifyFolder, inspected: &Inspected) -> ConfState {
    if inspected.items.is_empty() {
        // An imported pair alone: certbot's conf/ is left as it is; the pair in
        // nginx/ssl is what it replaces.
        let here = read_chain_file(
            &folder
                .nginx_dir()
                .join("ssl")
                .join(crate::core::dify::IMPORTED_CERT),
        )
        .ok()
        .map(|c| c.fingerprint_sha256);
        return match here {
            None => ConfState::Empty,
            Some(fp) if fp == inspected.certificate.fingerprint_sha256 => ConfState::Same,
            fingerprint => ConfState::Different { fingerprint },
        };
    }
    let conf = folder.certbot_conf_dir();
    let empty = CONF_PARTS
        .iter()
        .all(|part| fs::read_dir(conf.join(part)).map_or(true, |mut d| d.next().is_none()));
    if empty {
        return ConfState::Empty;
    }
    let here = read_chain_file(
        &folder
            .live_dir(&inspected.manifest.domain)
            .join("fullchain.pem"),
    )
    .ok()
    .map(|c| c.fingerprint_sha256);
    if here.as_deref() == Some(inspected.certificate.fingerprint_sha256.as_str()) {
        ConfState::Same
    } else {
        ConfState::Different { fingerprint: here }
    }
}

/// The staging folders a restore makes beside `conf/` (`volumes/certbot/`).
const STAGING_PREFIX: &str = ".dify-https-restore-";

/// Unpacks `inspected` into a new tree beside `conf/`, every entry made through a
/// directory handle without following a link, with the modes [`inspect`] forced, then
/// swaps the whole `conf/` for it in one step (`RENAME_EXCHANGE`): a kill at any point
/// leaves the old `conf/` or the new one, never a mix or none. What is in `conf/`
/// besides the four parts a backup holds (certbot's `renewal-hooks/`, its options
/// files) moves over. Under the folder lock; staging left by a killed restore is
/// removed first.
///
/// [`inspect`]: super::inspect
pub fn apply(folder: &DifyFolder, inspected: &Inspected) -> io::Result<()> {
    let _lock = FolderLock::acquire(
        &folder_lock_path(&folder.env_path()),
        "restoring certificates",
        Duration::from_secs(10),
    )
    .map_err(|e| io::Error::other(e.to_string()))?;
    // `volumes/` is the admin's layout (often a link to a data disk): followed. Below
    // it, everything the containers or the archive could have planted is not.
    let base = folder.certbot_conf_dir();
    let base = base.parent().unwrap_or(folder.root());
    fs::create_dir_all(base)?;
    let certbot = Dir::open(base, Path::new("."), None)?;
    for name in certbot.names()? {
        if name.to_string_lossy().starts_with(STAGING_PREFIX) {
            certbot.remove_tree(&name)?;
        }
    }
    // The imported pair, into nginx/ssl (each file replaced in one step; the key 0600).
    if !inspected.ssl.is_empty() {
        let ssl = Dir::open(folder.root(), Path::new("nginx/ssl"), Some(0o755))?;
        for (name, bytes) in &inspected.ssl {
            let mode = if *name == crate::core::dify::IMPORTED_KEY {
                0o600
            } else {
                0o644
            };
            ssl.write_atomic(name, bytes, mode)?;
        }
    }
    if inspected.items.is_empty() {
        return Ok(());
    }
    let staging_name = format!("{STAGING_PREFIX}{}", std::process::id());
    let staging = certbot.create_dir(&staging_name, 0o700)?;
    let result = fill_and_swap(&certbot, &staging, inspected);
    drop(staging);
    let cleaned = certbot.remove_tree(&staging_name);
    result.and(cleaned)
}

fn fill_and_swap(certbot: &Dir, staging: &Dir, inspected: &Inspected) -> io::Result<()> {
    let new = staging.create_dir("conf", 0o755)?;
    for (path, item) in &inspected.items {
        let parts = plain_components(path)?;
        let Some((name, parents)) = parts.split_last() else {
            continue;
        };
        let mut dir = new.try_clone()?;
        let mut at = std::path::PathBuf::new();
        for p in parents {
            at.push(p);
            dir = dir.subdir(p, Some(forced_mode(&at, true)))?;
        }
        match item {
            Item::Dir { mode } => match dir.kind(name)? {
                Some(Kind::Dir) => dir.subdir(name, None)?.set_mode(*mode)?,
                _ => drop(dir.create_dir(name, *mode)?),
            },
            Item::File { mode, bytes } => dir.create_file(name, bytes, *mode)?,
            Item::Link { target } => dir.symlink(name, target)?,
        }
    }
    match certbot.kind("conf")? {
        None => certbot_sync(certbot, staging.rename_new("conf", certbot, "conf")),
        Some(Kind::Dir) => {
            let current = certbot.subdir("conf", None)?;
            let carried: Vec<_> = current
                .names()?
                .into_iter()
                .filter(|n| !CONF_PARTS.iter().any(|p| n.as_os_str() == *p))
                .collect();
            for name in &carried {
                current.rename_new(name, &new, name)?;
            }
            let swapped = certbot.exchange("conf", staging, "conf");
            if swapped.is_err() {
                // Nothing changed: what moved over goes back.
                for name in &carried {
                    let _ = new.rename_new(name, &current, name);
                }
            }
            certbot_sync(certbot, swapped)
        }
        Some(_) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is not a folder: nothing was restored",
                certbot.path().join("conf").display()
            ),
        )),
    }
}

fn certbot_sync(certbot: &Dir, result: io::Result<()>) -> io::Result<()> {
    result?;
    certbot.sync()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::PathBuf;

    /// Names from a small alphabet, so that paths often meet links made earlier.
    fn name() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["live", "archive", "a", "b", "l", "..", ".", "x.pem"])
            .prop_map(str::to_string)
    }

    fn item() -> impl Strategy<Value = (PathBuf, Item)> {
        let path = prop::collection::vec(name(), 1..5).prop_map(|v| v.iter().collect::<PathBuf>());
        let target = prop_oneof![
            prop::collection::vec(name(), 1..6).prop_map(|v| v.iter().collect::<PathBuf>()),
            Just(PathBuf::from("/")),
        ];
        (
            path,
            prop_oneof![
                Just(Item::Dir { mode: 0o777 }),
                Just(Item::File {
                    mode: 0o666,
                    bytes: b"x".to_vec()
                }),
                target.prop_map(|target| Item::Link { target }),
            ],
        )
    }

    fn certificate() -> crate::core::certificate::CertificateInfo {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["dify.acmecorp.io".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        crate::core::certificate::chain_info(cert.pem().as_bytes(), "test").unwrap()
    }

    /// Every path under `dir`, links not followed.
    fn listing(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            out.push(p.clone());
            if fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
                out.extend(listing(&p));
            }
        }
        out.sort();
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Whatever the items (even ones `inspect` would refuse: links anywhere, `..`,
        /// entries below links), the tree writer creates nothing outside `conf/`.
        #[test]
        fn nothing_is_created_outside_conf(items in prop::collection::vec(item(), 0..12)) {
            let sandbox = tempfile::tempdir().unwrap();
            let root = sandbox.path().join("dify");
            let outside = sandbox.path().join("outside");
            fs::create_dir_all(root.join("volumes/certbot")).unwrap();
            fs::create_dir_all(&outside).unwrap();
            fs::write(
                root.join("docker-compose.yaml"),
                "services:\n  nginx:\n    image: nginx\n  certbot:\n    image: certbot\n",
            )
            .unwrap();
            fs::write(root.join(".env"), "A=1\n").unwrap();
            let folder = DifyFolder::open(&root).unwrap();
            let before: Vec<PathBuf> = listing(sandbox.path())
                .into_iter()
                .filter(|p| !p.starts_with(root.join("volumes/certbot/conf")))
                .collect();
            let inspected = Inspected {
                manifest: crate::core::backup::manifest_for(
                    &folder,
                    &crate::core::envfile::EnvDocument::parse(""),
                    &|_| None,
                    time::OffsetDateTime::UNIX_EPOCH,
                ),
                items,
                ssl: vec![],
                certificate: certificate(),
            };
            let _ = apply(&folder, &inspected);
            let after: Vec<PathBuf> = listing(sandbox.path())
                .into_iter()
                .filter(|p| !p.starts_with(root.join("volumes/certbot/conf")))
                .filter(|p| !p.ends_with(".dify-https.lock"))
                .collect();
            prop_assert_eq!(after, before);
        }
    }
}
