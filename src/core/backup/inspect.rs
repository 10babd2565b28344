//! Reading a backup archive into memory and checking every part of it before
//! anything on disk is touched: an archive that fails any check is refused whole.

use crate::tr;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use flate2::read::GzDecoder;

use super::manifest::{FORMAT, MANIFEST_NAME, Manifest};
use crate::core::certificate::{CertificateInfo, KeyProblem, chain_info, key_matches_certificate};
use crate::core::dify::{IMPORTED_CERT, IMPORTED_FILES, IMPORTED_KEY, Source};
use crate::core::envfile::guard::value_problem;
use crate::core::files::{FileError, Links, read_bounded};
use crate::core::logs::sanitize_text;
use crate::core::setup::Mode;
use crate::core::setup::validate::{self, Scope};

/// An archive larger than this (compressed, or unpacked) is not one of ours: a
/// certbot `conf/` is a few dozen kilobytes.
pub const ARCHIVE_LIMIT: u64 = 64 * 1024 * 1024;
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum RestoreRefused {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{}", crate::tr!("core-backup-not-a-complete-backup-archive", why = .0.to_string()))]
    NotAnArchive(String),
    #[error("{}", crate::tr!("core-backup-the-archive-holds-entry-a", entry = format!("{:?}", .entry)))]
    UnsafePath { entry: String },
    #[error("{}", crate::tr!("backup-refused-duplicate-entry", entry = .entry.to_string()))]
    Duplicate { entry: String },
    #[error("{}", crate::tr!("backup-refused-env-key", key = .key.to_string()))]
    EnvKeyNotCarried { key: String },
    #[error("{}", crate::tr!("backup-refused-env-value", key = .key.to_string(), why = .why.to_string()))]
    EnvValue { key: String, why: String },
    #[error("{}", crate::tr!("backup-refused-domain-mismatch", domain = .domain.to_string(), other = .other.to_string()))]
    DomainMismatch { domain: String, other: String },
    #[error("{}", crate::tr!("core-backup-the-archives-link-entry-points", entry = .entry.to_string(), target = format!("{:?}", .target)))]
    LinkOutside { entry: String, target: String },
    #[error("{}", crate::tr!("core-backup-the-archive-holds-entry-kind", entry = .entry.to_string(), kind = .kind.to_string()))]
    UnexpectedKind { entry: String, kind: String },
    #[error("{}", crate::tr!("core-backup-the-archive-is-larger-than", archive_limit = ARCHIVE_LIMIT.to_string(), max_entries = MAX_ENTRIES.to_string()))]
    TooBig,
    #[error("{}", crate::tr!("core-backup-the-archive-has-no-manifest", manifest_name = MANIFEST_NAME.to_string()))]
    NoManifest,
    #[error("{}", crate::tr!("core-backup-the-archives-manifest-name-cannot", manifest_name = MANIFEST_NAME.to_string(), why = .0.to_string()))]
    BadManifest(String),
    #[error("{}", crate::tr!("core-backup-the-archive-has-no-certificate", domain = .domain.to_string(), domain2 = .domain.to_string(), file = .file.to_string(), why = .why.to_string()))]
    MissingFile {
        domain: String,
        file: &'static str,
        why: String,
    },
    #[error("{}", crate::tr!("backup-refused-no-imported-pair", domain = .domain.to_string(), file = .file.to_string()))]
    MissingImported { domain: String, file: &'static str },
    #[error("{}", crate::tr!("core-backup-the-archives-link-entry-does", entry = .entry.to_string()))]
    LiveLinkOutsideArchive { entry: String },
    #[error("{}", crate::tr!("core-backup-the-archives-certificate-cannot-be", why = .0.to_string()))]
    Certificate(String),
    #[error("{}", crate::tr!("core-backup-the-archives-private-key-for", domain = .domain.to_string(), problem = .problem.to_string()))]
    Key { domain: String, problem: KeyProblem },
    #[error("{}", crate::tr!("core-backup-the-archives-certificate-sha-256", found = .found.to_string(), named = .named.to_string()))]
    FingerprintDiffers { found: String, named: String },
}

/// One thing under `conf/`, by its path inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Dir { mode: u32 },
    File { mode: u32, bytes: Vec<u8> },
    Link { target: PathBuf },
}

/// A checked archive: safe to put in place.
#[derive(Debug, Clone)]
pub struct Inspected {
    pub manifest: Manifest,
    /// Paths relative to `conf/`, in the archive's order (parents first).
    pub items: Vec<(PathBuf, Item)>,
    /// The imported pair (and its private root) for `nginx/ssl`, by file name.
    pub ssl: Vec<(&'static str, Vec<u8>)>,
    pub certificate: CertificateInfo,
}

/// Reads and checks the archive at `path`.
pub fn inspect(path: &Path) -> Result<Inspected, RestoreRefused> {
    let bytes = read_bounded(path, ARCHIVE_LIMIT, Links::Follow)?;
    inspect_bytes(&bytes)
}

/// [`inspect`] on an archive already in memory.
pub fn inspect_bytes(bytes: &[u8]) -> Result<Inspected, RestoreRefused> {
    let not_archive = |e: std::io::Error| RestoreRefused::NotAnArchive(e.to_string());
    let mut archive = tar::Archive::new(GzDecoder::new(bytes));
    let mut manifest = None;
    let mut items: Vec<(PathBuf, Item)> = Vec::new();
    let mut total: u64 = 0;
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    let mut headers = 0usize;
    let mut ssl: Vec<(&'static str, Vec<u8>)> = Vec::new();
    for entry in archive.entries().map_err(not_archive)? {
        let mut entry = entry.map_err(not_archive)?;
        // Every header counts, whatever it is (repeated `conf/` headers too).
        headers += 1;
        total = total.saturating_add(entry.size());
        if total > ARCHIVE_LIMIT || headers > MAX_ENTRIES {
            return Err(RestoreRefused::TooBig);
        }
        let raw = entry.path().map_err(not_archive)?.into_owned();
        let shown = sanitize_text(&raw.display().to_string());
        let inside = safe_relative(&raw).ok_or_else(|| RestoreRefused::UnsafePath {
            entry: shown.clone(),
        })?;
        if !seen.insert(inside.clone()) {
            return Err(RestoreRefused::Duplicate { entry: shown });
        }
        let kind = entry.header().entry_type();
        if inside == Path::new(MANIFEST_NAME) && kind.is_file() {
            let mut text = Vec::new();
            entry.read_to_end(&mut text).map_err(not_archive)?;
            manifest = Some(
                serde_json::from_slice::<Manifest>(&text)
                    .map_err(|e| RestoreRefused::BadManifest(e.to_string()))?,
            );
            continue;
        }
        // The imported pair: only its own names, only regular files, under ssl/.
        if let Ok(in_ssl) = inside.strip_prefix("ssl") {
            if in_ssl.as_os_str().is_empty() && kind.is_dir() {
                continue;
            }
            let name = IMPORTED_FILES
                .iter()
                .find(|n| in_ssl == Path::new(n))
                .filter(|_| kind.is_file())
                .ok_or_else(|| RestoreRefused::UnsafePath {
                    entry: shown.clone(),
                })?;
            let mut data = Vec::new();
            entry.read_to_end(&mut data).map_err(not_archive)?;
            ssl.push((name, data));
            continue;
        }
        let Ok(in_conf) = inside.strip_prefix("conf") else {
            return Err(RestoreRefused::UnsafePath { entry: shown });
        };
        if in_conf.as_os_str().is_empty() {
            // conf/ itself.
            continue;
        }
        let item = if kind.is_dir() {
            Item::Dir {
                mode: forced_mode(in_conf, true),
            }
        } else if kind.is_file() {
            let mut data = Vec::new();
            entry.read_to_end(&mut data).map_err(not_archive)?;
            Item::File {
                mode: forced_mode(in_conf, false),
                bytes: data,
            }
        } else if kind.is_symlink() {
            let target = entry
                .link_name()
                .map_err(not_archive)?
                .map(|t| t.into_owned())
                .unwrap_or_default();
            if !certbot_link(in_conf, &target) {
                return Err(RestoreRefused::LinkOutside {
                    entry: shown,
                    target: sanitize_text(&target.display().to_string()),
                });
            }
            Item::Link { target }
        } else {
            return Err(RestoreRefused::UnexpectedKind {
                entry: shown,
                kind: format!("{kind:?}").to_lowercase(),
            });
        };
        items.push((in_conf.to_path_buf(), item));
    }
    // No entry lies below a link or a file: whatever the order, the tree is made of
    // folders, and links are only leaves.
    {
        let kinds: BTreeMap<&Path, &Item> = items.iter().map(|(p, i)| (p.as_path(), i)).collect();
        for (path, _) in &items {
            for ancestor in path.ancestors().skip(1) {
                if matches!(
                    kinds.get(ancestor),
                    Some(Item::Link { .. } | Item::File { .. })
                ) {
                    return Err(RestoreRefused::UnsafePath {
                        entry: format!("conf/{}", sanitize_text(&path.display().to_string())),
                    });
                }
            }
        }
    }
    let manifest = manifest.ok_or(RestoreRefused::NoManifest)?;
    if manifest.format != FORMAT {
        return Err(RestoreRefused::BadManifest(tr!(
            "core-backup-format-this-version-reads-format",
            manifest = (manifest.format).to_string(),
            FORMAT = (FORMAT).to_string()
        )));
    }
    let domain = manifest.domain.clone();
    let scope = Scope::of_options(
        manifest
            .env
            .get("CERTBOT_OPTIONS")
            .map_or("", String::as_str),
    );
    // The domain as the setup would take it, unchanged (it names a folder below).
    if validate::domain(&domain, scope).ok().as_deref() != Some(domain.as_str()) {
        return Err(RestoreRefused::BadManifest(tr!(
            "core-backup-domain-domain-is-not-a",
            domain = format!("{:?}", sanitize_text(&domain))
        )));
    }
    check_env(&manifest)?;
    let tree: BTreeMap<&Path, &Item> = items.iter().map(|(p, i)| (p.as_path(), i)).collect();
    // Every link under live/ must lead to a file in archive/ (that is how certbot
    // renews: it writes archive/ and moves the links).
    for (path, item) in &items {
        if let Item::Link { target } = item
            && path.starts_with("live")
        {
            let resolved = resolve_link(path, target).unwrap_or_default();
            if !resolved.starts_with("archive")
                || !matches!(tree.get(resolved.as_path()), Some(Item::File { .. }))
            {
                return Err(RestoreRefused::LiveLinkOutsideArchive {
                    entry: format!("conf/{}", path.display()),
                });
            }
        }
    }
    let (chain, key, what) = if manifest.source == Source::Imported {
        let file = |name: &'static str| -> Result<&[u8], RestoreRefused> {
            ssl.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| b.as_slice())
                .ok_or_else(|| RestoreRefused::MissingImported {
                    domain: domain.clone(),
                    file: name,
                })
        };
        (
            file(IMPORTED_CERT)?,
            file(IMPORTED_KEY)?,
            format!("ssl/{IMPORTED_CERT}"),
        )
    } else {
        let file = |name: &'static str| -> Result<&[u8], RestoreRefused> {
            let path = Path::new("live").join(&domain).join(name);
            read_item(&tree, &path).ok_or_else(|| RestoreRefused::MissingFile {
                domain: domain.clone(),
                file: name,
                why: tr!("core-backup-missing-or-a-link-to"),
            })
        };
        (
            file("fullchain.pem")?,
            file("privkey.pem")?,
            format!("conf/live/{domain}/fullchain.pem"),
        )
    };
    let certificate =
        chain_info(chain, &what).map_err(|e| RestoreRefused::Certificate(e.to_string()))?;
    key_matches_certificate(chain, key).map_err(|problem| RestoreRefused::Key {
        domain: domain.clone(),
        problem,
    })?;
    if !certificate.names.iter().any(|n| name_covers(n, &domain)) {
        return Err(RestoreRefused::DomainMismatch {
            domain: domain.clone(),
            other: sanitize_text(&certificate.names.join(", ")),
        });
    }
    if let Some(named) = &manifest.certificate
        && named.fingerprint_sha256 != certificate.fingerprint_sha256
    {
        return Err(RestoreRefused::FingerprintDiffers {
            found: certificate.fingerprint_sha256.clone(),
            named: named.fingerprint_sha256.clone(),
        });
    }
    Ok(Inspected {
        manifest,
        items,
        ssl,
        certificate,
    })
}

/// The manifest's `.env` settings: only the keys a backup carries, each value through
/// the gate every `.env` write passes, the extra certbot options through the setup's
/// own check; `CERTBOT_DOMAIN` must be the manifest's domain (checked as the setup
/// checks a typed one). An e-mail is only held to the gate: Dify's placeholder is a
/// value backups of hand-made installs really carry.
fn check_env(manifest: &Manifest) -> Result<(), RestoreRefused> {
    let refused = |key: &str, why: String| RestoreRefused::EnvValue {
        key: key.to_string(),
        why,
    };
    for (key, value) in &manifest.env {
        if !super::carried_key(key) {
            return Err(RestoreRefused::EnvKeyNotCarried {
                key: sanitize_text(key),
            });
        }
        if let Some(why) = value_problem(key, value) {
            return Err(refused(key, why));
        }
        match key.as_str() {
            "CERTBOT_DOMAIN" if *value != manifest.domain => {
                return Err(RestoreRefused::DomainMismatch {
                    domain: manifest.domain.clone(),
                    other: value.clone(),
                });
            }
            "CERTBOT_OPTIONS" => {
                let (_, extra) = Mode::from_options(value);
                validate::certbot_options(&extra).map_err(|why| refused(key, why))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether the certificate name `name` covers `domain` as browsers match (one label
/// for a leading `*.`).
fn name_covers(name: &str, domain: &str) -> bool {
    let (name, domain) = (name.to_ascii_lowercase(), domain.to_ascii_lowercase());
    match name.strip_prefix("*.") {
        Some(base) => domain
            .split_once('.')
            .is_some_and(|(label, rest)| !label.is_empty() && rest == base),
        None => name == domain,
    }
}

/// The mode an item gets whatever the archive says: certbot's own (its `live/`,
/// `archive/` and `accounts/` 0700; private keys 0600; the rest 0755 and 0644).
pub(super) fn forced_mode(path: &Path, dir: bool) -> u32 {
    let top_private = path.components().count() == 1
        && ["live", "archive", "accounts"]
            .iter()
            .any(|p| path == Path::new(p));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    match dir {
        true if top_private => 0o700,
        true => 0o755,
        false if name.starts_with("privkey") || name == "private_key.json" => 0o600,
        false => 0o644,
    }
}

/// Whether a link is one certbot makes: `live/<name>/{cert,chain,fullchain,privkey}.pem`
/// pointing at `../../archive/<name>/<same>N.pem`, and nothing else.
fn certbot_link(path: &Path, target: &Path) -> bool {
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    let [live, lineage, file] = parts.as_slice() else {
        return false;
    };
    let Some(stem) = file.strip_suffix(".pem") else {
        return false;
    };
    if *live != "live" || !["cert", "chain", "fullchain", "privkey"].contains(&stem) {
        return false;
    }
    let Some(target) = target.to_str() else {
        return false;
    };
    let Some(rest) = target
        .strip_prefix("../../archive/")
        .and_then(|r| r.strip_prefix(*lineage))
        .and_then(|r| r.strip_prefix('/'))
        .and_then(|r| r.strip_prefix(stem))
        .and_then(|r| r.strip_suffix(".pem"))
    else {
        return false;
    };
    !rest.is_empty() && rest.len() <= 9 && rest.bytes().all(|b| b.is_ascii_digit())
}

/// `path` without `.` parts, if it is relative and has no `..`.
fn safe_relative(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::CurDir => {}
            Component::RootDir | Component::ParentDir | Component::Prefix(_) => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

/// Where the link at `link` (inside conf/) points, inside conf/; `None` when the
/// target is absolute or climbs out.
fn resolve_link(link: &Path, target: &Path) -> Option<PathBuf> {
    let mut at: Vec<&std::ffi::OsStr> = link.parent()?.iter().collect();
    for c in target.components() {
        match c {
            Component::Normal(n) => at.push(n),
            Component::CurDir => {}
            Component::ParentDir => {
                at.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!at.is_empty()).then(|| at.iter().collect())
}

/// The bytes of the file at `path`, following links inside the archive (a few hops).
fn read_item<'a>(tree: &BTreeMap<&Path, &'a Item>, path: &Path) -> Option<&'a [u8]> {
    let mut at = path.to_path_buf();
    for _ in 0..8 {
        match tree.get(at.as_path())? {
            Item::File { bytes, .. } => return Some(bytes),
            Item::Link { target } => at = resolve_link(&at, target)?,
            Item::Dir { .. } => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_only_inside_conf() {
        let link = Path::new("live/d.org/fullchain.pem");
        assert_eq!(
            resolve_link(link, Path::new("../../archive/d.org/fullchain1.pem")),
            Some(PathBuf::from("archive/d.org/fullchain1.pem"))
        );
        assert_eq!(resolve_link(link, Path::new("../../../etc/passwd")), None);
        assert_eq!(resolve_link(link, Path::new("/etc/passwd")), None);
        assert_eq!(
            resolve_link(link, Path::new("cert1.pem")),
            Some(PathBuf::from("live/d.org/cert1.pem"))
        );
        assert_eq!(
            safe_relative(Path::new("./conf/live")),
            Some(PathBuf::from("conf/live"))
        );
        assert_eq!(safe_relative(Path::new("conf/../../x")), None);
        assert_eq!(safe_relative(Path::new("/conf")), None);
    }
}
