//! Reading a backup archive into memory and checking every part of it before
//! anything on disk is touched: an archive that fails any check is refused whole.

use crate::tr;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use flate2::read::GzDecoder;

use super::manifest::{FORMAT, MANIFEST_NAME, Manifest};
use crate::core::certificate::{CertificateInfo, KeyProblem, chain_info, key_matches_certificate};
use crate::core::files::{FileError, Links, read_bounded};

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
    for entry in archive.entries().map_err(not_archive)? {
        let mut entry = entry.map_err(not_archive)?;
        let raw = entry.path().map_err(not_archive)?.into_owned();
        let shown = raw.display().to_string();
        let inside = safe_relative(&raw).ok_or_else(|| RestoreRefused::UnsafePath {
            entry: shown.clone(),
        })?;
        total += entry.size();
        if total > ARCHIVE_LIMIT || items.len() >= MAX_ENTRIES {
            return Err(RestoreRefused::TooBig);
        }
        let kind = entry.header().entry_type();
        let mode = entry.header().mode().unwrap_or(0o600) & 0o7777;
        if inside == Path::new(MANIFEST_NAME) && kind.is_file() {
            let mut text = Vec::new();
            entry.read_to_end(&mut text).map_err(not_archive)?;
            manifest = Some(
                serde_json::from_slice::<Manifest>(&text)
                    .map_err(|e| RestoreRefused::BadManifest(e.to_string()))?,
            );
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
            Item::Dir { mode }
        } else if kind.is_file() {
            let mut data = Vec::new();
            entry.read_to_end(&mut data).map_err(not_archive)?;
            Item::File { mode, bytes: data }
        } else if kind.is_symlink() {
            let target = entry
                .link_name()
                .map_err(not_archive)?
                .map(|t| t.into_owned())
                .unwrap_or_default();
            if resolve_link(in_conf, &target).is_none() {
                return Err(RestoreRefused::LinkOutside {
                    entry: shown,
                    target: target.display().to_string(),
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
    let manifest = manifest.ok_or(RestoreRefused::NoManifest)?;
    if manifest.format != FORMAT {
        return Err(RestoreRefused::BadManifest(tr!(
            "core-backup-format-this-version-reads-format",
            manifest = (manifest.format).to_string(),
            FORMAT = (FORMAT).to_string()
        )));
    }
    let domain = manifest.domain.clone();
    if domain.is_empty()
        || safe_relative(Path::new(&domain)).is_none_or(|p| p.components().count() != 1)
    {
        return Err(RestoreRefused::BadManifest(tr!(
            "core-backup-domain-domain-is-not-a",
            domain = format!("{:?}", domain)
        )));
    }
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
    let file = |name: &'static str| -> Result<&[u8], RestoreRefused> {
        let path = Path::new("live").join(&domain).join(name);
        read_item(&tree, &path).ok_or_else(|| RestoreRefused::MissingFile {
            domain: domain.clone(),
            file: name,
            why: tr!("core-backup-missing-or-a-link-to"),
        })
    };
    let chain = file("fullchain.pem")?;
    let key = file("privkey.pem")?;
    let certificate = chain_info(chain, &format!("conf/live/{domain}/fullchain.pem"))
        .map_err(|e| RestoreRefused::Certificate(e.to_string()))?;
    key_matches_certificate(chain, key).map_err(|problem| RestoreRefused::Key {
        domain: domain.clone(),
        problem,
    })?;
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
        certificate,
    })
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
