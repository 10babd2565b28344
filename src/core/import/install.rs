//! Installing a checked certificate where Dify's nginx loads it: the chain and the key
//! in `nginx/ssl` under dify-https's own names (see `core::dify::served_files`), written
//! through the tree writer (no link followed, each file replaced in one step, the key
//! 0600, both owned as the Dify folder), the pair they replace kept for `undo`; and the
//! `.env` change that points nginx at them.

use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::material::SecretKey;
use crate::core::certificate::CertificateInfo;
use crate::core::dify::{
    DifyFolder, IMPORTED_CERT, IMPORTED_KEY, IMPORTED_ROOT, PREVIOUS_CERT, PREVIOUS_KEY,
};
use crate::core::envfile::{ChangeSet, EnvDocument};
use crate::core::files::{Dir, SMALL_FILE_LIMIT};

/// Beside the pairs: when the imported pair was last replaced (RFC 3339).
const REPLACED_MARK: &str = "dify-https.replaced";
/// The private root of the previous pair, if it had one.
const PREVIOUS_ROOT: &str = "dify-https.previous.root.crt";

/// What a run installs.
#[derive(Debug, Clone)]
pub struct ImportJob {
    /// The chain nginx serves, leaf first, PEM.
    pub chain_pem: String,
    pub key: SecretKey,
    pub leaf: CertificateInfo,
    /// A private CA's root the chain ends at (kept as [`IMPORTED_ROOT`], not served).
    pub root_pem: Option<String>,
}

/// How a certificate stands to the imported pair in `nginx/ssl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replacing {
    /// No certificate was imported before.
    Nothing,
    /// The same certificate and key are installed already.
    Same,
    /// Another imported pair is there: it is replaced (and kept for `undo`).
    Another,
}

/// How `job` stands to the pair in `dir` (`nginx/ssl`). Anything but a regular file at
/// their names is an error, never read through.
fn standing(dir: &Dir, job: &ImportJob) -> io::Result<Replacing> {
    match (
        read_if_file(dir, IMPORTED_CERT)?,
        read_if_file(dir, IMPORTED_KEY)?,
    ) {
        (Some(c), Some(k)) if c == job.chain_pem.as_bytes() && k == job.key.to_pem().as_bytes() => {
            Ok(Replacing::Same)
        }
        (Some(_), Some(_)) => Ok(Replacing::Another),
        _ => Ok(Replacing::Nothing),
    }
}

/// How `job` stands to what `folder` has imported (what the plan shows; the install
/// decides by the same rule).
pub fn replacing(folder: &DifyFolder, job: &ImportJob) -> io::Result<Replacing> {
    match Dir::open(folder.root(), Path::new("nginx/ssl"), None) {
        Ok(dir) => standing(&dir, job),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Replacing::Nothing),
        Err(e) => Err(e),
    }
}

/// The `.env` change an import makes: the HTTPS switch for `domain` (as the setup's),
/// and nginx's certificate file names pointed at the imported pair.
pub fn import_changes(doc: &EnvDocument, domain: &str, upgrade_urls: bool) -> ChangeSet {
    let mut cs = crate::core::setup::https_switch_changes(doc, domain, upgrade_urls);
    cs.push("NGINX_SSL_CERT_FILENAME", IMPORTED_CERT);
    cs.push("NGINX_SSL_CERT_KEY_FILENAME", IMPORTED_KEY);
    cs
}

/// The folder's `nginx/ssl` (made 0755 when missing).
fn ssl_dir(folder: &DifyFolder) -> io::Result<Dir> {
    Dir::open(folder.root(), Path::new("nginx/ssl"), Some(0o755))
}

/// Writes `job`'s pair into `nginx/ssl`: the key first, then the chain, each replaced
/// in one step; a different pair that was there is kept as the previous one.
pub fn write_files(folder: &DifyFolder, job: &ImportJob) -> io::Result<Replacing> {
    let dir = ssl_dir(folder)?;
    let owner = std::fs::metadata(folder.root())?;
    let (uid, gid) = (owner.uid(), owner.gid());
    let key_pem = job.key.to_pem();
    let installed = standing(&dir, job)?;
    match installed {
        Replacing::Same => return Ok(Replacing::Same),
        Replacing::Another => {
            let (c, k) = (
                read_if_file(&dir, IMPORTED_CERT)?.unwrap_or_default(),
                read_if_file(&dir, IMPORTED_KEY)?.unwrap_or_default(),
            );
            dir.write_atomic(PREVIOUS_KEY, &k, 0o600)?;
            dir.chown(PREVIOUS_KEY, uid, gid)?;
            dir.write_atomic(PREVIOUS_CERT, &c, 0o644)?;
            dir.chown(PREVIOUS_CERT, uid, gid)?;
            match read_if_file(&dir, IMPORTED_ROOT)? {
                Some(root) => dir.write_atomic(PREVIOUS_ROOT, &root, 0o644)?,
                None => dir.remove_tree(PREVIOUS_ROOT)?,
            }
            // When the pair was replaced: `undo` puts the previous one back while no
            // `.env` write came after.
            let at = time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default();
            dir.write_atomic(REPLACED_MARK, at.as_bytes(), 0o644)?;
        }
        Replacing::Nothing => {}
    }
    dir.write_atomic(IMPORTED_KEY, key_pem.as_bytes(), 0o600)?;
    dir.chown(IMPORTED_KEY, uid, gid)?;
    dir.write_atomic(IMPORTED_CERT, job.chain_pem.as_bytes(), 0o644)?;
    dir.chown(IMPORTED_CERT, uid, gid)?;
    match &job.root_pem {
        Some(root) => {
            dir.write_atomic(IMPORTED_ROOT, root.as_bytes(), 0o644)?;
            dir.chown(IMPORTED_ROOT, uid, gid)?;
        }
        None => dir.remove_tree(IMPORTED_ROOT)?,
    }
    Ok(installed)
}

/// When the imported pair was last replaced, if that replacement has not been undone.
pub fn replaced_at(folder: &DifyFolder) -> Option<time::OffsetDateTime> {
    let dir = Dir::open(folder.root(), Path::new("nginx/ssl"), None).ok()?;
    let text = read_if_file(&dir, REPLACED_MARK).ok()??;
    time::OffsetDateTime::parse(
        std::str::from_utf8(&text).ok()?.trim(),
        &time::format_description::well_known::Rfc3339,
    )
    .ok()
}

/// The replacement is undone (or no longer the last change): `undo` goes to `.env`'s
/// backups again.
pub fn forget_replacement(folder: &DifyFolder) -> io::Result<()> {
    ssl_dir(folder)?.remove_tree(REPLACED_MARK)
}

/// The pair a replacement kept.
pub struct PreviousPair {
    pub cert: Vec<u8>,
    pub key: Vec<u8>,
    /// The private root it was judged by, if it had one.
    pub root: Option<Vec<u8>>,
}

/// The previous pair, when one is kept.
pub fn previous_pair(folder: &DifyFolder) -> Option<PreviousPair> {
    let dir = Dir::open(folder.root(), Path::new("nginx/ssl"), None).ok()?;
    Some(PreviousPair {
        cert: read_if_file(&dir, PREVIOUS_CERT).ok()??,
        key: read_if_file(&dir, PREVIOUS_KEY).ok()??,
        root: read_if_file(&dir, PREVIOUS_ROOT).ok()?,
    })
}

/// Puts the previous pair back in place (when a reload failed after a replacement):
/// the two pairs change places.
pub fn swap_previous(folder: &DifyFolder) -> io::Result<bool> {
    let dir = ssl_dir(folder)?;
    if read_if_file(&dir, PREVIOUS_CERT)?.is_none() || read_if_file(&dir, PREVIOUS_KEY)?.is_none() {
        return Ok(false);
    }
    dir.exchange(PREVIOUS_KEY, &dir, IMPORTED_KEY)?;
    dir.exchange(PREVIOUS_CERT, &dir, IMPORTED_CERT)?;
    dir.remove_tree(REPLACED_MARK)?;
    dir.sync()?;
    Ok(true)
}

/// The file's bytes when `name` is a regular file (a link or anything else is not read).
fn read_if_file(dir: &Dir, name: &str) -> io::Result<Option<Vec<u8>>> {
    match dir.kind(name)? {
        Some(crate::core::files::Kind::File) => dir.read_file(name, SMALL_FILE_LIMIT).map(Some),
        None => Ok(None),
        Some(_) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("nginx/ssl/{name} is not a regular file"),
        )),
    }
}

/// The pair nginx loads from `nginx/ssl` (`cert`, `key`) judged as an import judges it,
/// with the private root kept beside it (`None`: the files cannot be read as a pair;
/// other checks say so). What `status` and `doctor` say of an imported certificate.
pub fn judge_installed(
    cert: &Path,
    key: &Path,
    domain: &str,
    now: time::OffsetDateTime,
) -> Option<super::Checked> {
    use crate::core::files::{Links, read_bounded};
    let root = cert
        .parent()
        .map(|d| d.join(IMPORTED_ROOT))
        .and_then(|p| read_bounded(&p, SMALL_FILE_LIMIT, Links::Refuse).ok());
    let cert = read_bounded(cert, SMALL_FILE_LIMIT, Links::Follow).ok()?;
    let key = read_bounded(key, SMALL_FILE_LIMIT, Links::Follow).ok()?;
    let material = super::read_material(&cert, &key, root.as_deref()).ok()?;
    Some(super::check(&material, domain, now))
}
