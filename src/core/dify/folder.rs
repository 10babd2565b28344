//! Recognising Dify's `docker/` folder and knowing its paths.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::compose_file::service_names;
use crate::core::envfile::EnvDocument;
use crate::core::files::{ENV_LIMIT, Links, SMALL_FILE_LIMIT, read_bounded};

/// The compose file names Dify's folder may use, in the order compose looks for them.
const COMPOSE_FILES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{}", crate::tr!("core-folder-dir-does-not-exist-pass", dir = .dir.display().to_string()))]
    NotFound { dir: PathBuf },
    #[error("{}", crate::tr!("core-folder-dir-is-not-a-folder", dir = .dir.display().to_string()))]
    NotAFolder { dir: PathBuf },
    #[error("{}", crate::tr!("core-folder-dir-is-not-difys-docker", dir = .dir.display().to_string()))]
    NoComposeFile { dir: PathBuf },
    #[error("{}", crate::tr!("core-folder-file-has-no-certbot-service", file = .file.display().to_string()))]
    NoCertbotService { file: PathBuf },
    #[error("{0}")]
    Unreadable(String),
}

/// Where the folder's `.env` stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvStatus {
    Present,
    /// Missing, but `.env.example` is there to copy (Dify's own first step).
    MissingWithExample,
    Missing,
}

/// Which `.env` layout Dify shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One long `.env` (about 1,600 lines) with a `CERTBOT_*` block.
    Classic,
    /// About 320 essential lines, optional settings under `envs/`, no `CERTBOT_*` keys.
    Essential,
}

/// A `CERTBOT_*` value set in `envs/**` that never reaches the certbot container.
/// `file` is relative to the Dify folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrayCertbotValue {
    pub file: PathBuf,
    pub line: usize,
    pub key: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct DifyFolder {
    root: PathBuf,
    compose_file: PathBuf,
}

impl DifyFolder {
    /// The folder to use: `dir` when given, else the current folder, or its `docker/`
    /// when run from the root of a Dify checkout.
    pub fn locate(dir: Option<&Path>, cwd: &Path) -> Result<DifyFolder, FolderError> {
        let root = match dir {
            Some(d) if d.is_absolute() => d.to_path_buf(),
            Some(d) => cwd.join(d),
            None if find_compose_file(cwd).is_none()
                && find_compose_file(&cwd.join("docker")).is_some() =>
            {
                cwd.join("docker")
            }
            None => cwd.to_path_buf(),
        };
        DifyFolder::open(&root)
    }

    pub fn open(root: &Path) -> Result<DifyFolder, FolderError> {
        match fs::metadata(root) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(FolderError::NotFound {
                    dir: root.to_path_buf(),
                });
            }
            Ok(m) if !m.is_dir() => {
                return Err(FolderError::NotAFolder {
                    dir: root.to_path_buf(),
                });
            }
            _ => {}
        }
        let compose_file = find_compose_file(root).ok_or_else(|| FolderError::NoComposeFile {
            dir: root.to_path_buf(),
        })?;
        let yaml = read_bounded(&compose_file, SMALL_FILE_LIMIT, Links::Follow)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| FolderError::Unreadable(e.to_string()))?;
        if !service_names(&yaml).iter().any(|s| s == "certbot") {
            return Err(FolderError::NoCertbotService { file: compose_file });
        }
        Ok(DifyFolder {
            root: root.to_path_buf(),
            compose_file,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn compose_file(&self) -> &Path {
        &self.compose_file
    }

    pub fn env_path(&self) -> PathBuf {
        self.root.join(".env")
    }

    pub fn env_example_path(&self) -> PathBuf {
        self.root.join(".env.example")
    }

    pub fn env_status(&self) -> EnvStatus {
        if self.env_path().exists() {
            EnvStatus::Present
        } else if self.env_example_path().is_file() {
            EnvStatus::MissingWithExample
        } else {
            EnvStatus::Missing
        }
    }

    /// `cp .env.example .env`, as Dify's install guide does; never overwrites.
    pub fn create_env_from_example(&self) -> io::Result<PathBuf> {
        let target = self.env_path();
        let bytes = read_bounded(&self.env_example_path(), ENV_LIMIT, Links::Follow)
            .map_err(|e| io::Error::other(e.to_string()))?;
        let mode = fs::metadata(self.env_example_path())?;
        {
            use std::io::Write;
            use std::os::unix::fs::OpenOptionsExt;
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
                .open(&target)?;
            f.write_all(&bytes)?;
            f.set_permissions(mode.permissions())?;
            f.sync_all()?;
        }
        Ok(target)
    }

    pub fn layout(&self, env: &EnvDocument) -> Layout {
        let has_certbot_keys = env
            .assignments()
            .any(|(_, a)| a.key.starts_with("CERTBOT_"));
        if !has_certbot_keys && self.envs_dir().is_dir() {
            Layout::Essential
        } else {
            Layout::Classic
        }
    }

    /// `envs/`: where the essential layout keeps optional settings.
    pub fn envs_dir(&self) -> PathBuf {
        self.root.join("envs")
    }

    pub fn certbot_conf_dir(&self) -> PathBuf {
        self.root.join("volumes/certbot/conf")
    }

    pub fn certbot_www_dir(&self) -> PathBuf {
        self.root.join("volumes/certbot/www")
    }

    pub fn certbot_logs_dir(&self) -> PathBuf {
        self.root.join("volumes/certbot/logs")
    }

    pub fn letsencrypt_log(&self) -> PathBuf {
        self.certbot_logs_dir().join("letsencrypt.log")
    }

    /// `volumes/certbot/conf/live/<domain>/`, where nginx looks for the certificate.
    pub fn live_dir(&self, domain: &str) -> PathBuf {
        self.certbot_conf_dir().join("live").join(domain)
    }

    /// `volumes/certbot/conf/renewal/<domain>.conf`: certbot's record of how to renew.
    pub fn renewal_conf(&self, domain: &str) -> PathBuf {
        self.certbot_conf_dir()
            .join("renewal")
            .join(format!("{domain}.conf"))
    }

    pub fn update_cert_template(&self) -> PathBuf {
        self.root.join("certbot/update-cert.template.txt")
    }

    pub fn certbot_entrypoint(&self) -> PathBuf {
        self.root.join("certbot/docker-entrypoint.sh")
    }

    pub fn nginx_dir(&self) -> PathBuf {
        self.root.join("nginx")
    }

    /// `CERTBOT_*` keys set in `envs/**/*.env`: the certbot and nginx services load no
    /// env_file, so these never reach them; only `.env` does.
    pub fn stray_certbot_values(&self) -> Vec<StrayCertbotValue> {
        let mut found = Vec::new();
        let mut stack = vec![self.envs_dir()];
        while let Some(dir) = stack.pop() {
            let Ok(read) = fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "env") {
                    let Ok(bytes) = read_bounded(&path, ENV_LIMIT, Links::Refuse) else {
                        continue;
                    };
                    let text = String::from_utf8_lossy(&bytes);
                    let doc = EnvDocument::parse(&text);
                    for (line, a) in doc.assignments() {
                        if a.key.starts_with("CERTBOT_") && !a.literal.is_empty() {
                            found.push(StrayCertbotValue {
                                file: path.strip_prefix(&self.root).unwrap_or(&path).to_path_buf(),
                                line,
                                key: a.key.clone(),
                                value: a.literal.clone(),
                            });
                        }
                    }
                }
            }
        }
        found
    }
}

fn find_compose_file(dir: &Path) -> Option<PathBuf> {
    COMPOSE_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPOSE: &str = "services:\n  nginx:\n    image: nginx\n  certbot:\n    image: certbot/certbot\n    profiles:\n      - certbot\n";

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn recognises_the_folder_and_its_paths() {
        let dir = folder(&[("docker-compose.yaml", COMPOSE), (".env", "A=1\n")]);
        let f = DifyFolder::locate(None, dir.path()).unwrap();
        assert_eq!(f.env_status(), EnvStatus::Present);
        assert_eq!(
            f.live_dir("x.org"),
            dir.path().join("volumes/certbot/conf/live/x.org")
        );
        assert_eq!(
            f.update_cert_template(),
            dir.path().join("certbot/update-cert.template.txt")
        );
    }

    #[test]
    fn from_a_checkout_root_it_uses_docker() {
        let dir = folder(&[("docker/docker-compose.yaml", COMPOSE)]);
        let f = DifyFolder::locate(None, dir.path()).unwrap();
        assert_eq!(f.root(), dir.path().join("docker"));
    }

    #[test]
    fn explains_what_is_missing() {
        let empty = folder(&[]);
        let err = DifyFolder::locate(None, empty.path())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no docker-compose.yaml") && err.contains("--dir"),
            "{err}"
        );
        let no_certbot = folder(&[("compose.yaml", "services:\n  web:\n    image: x\n")]);
        let err = DifyFolder::locate(None, no_certbot.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("no `certbot` service"), "{err}");
    }

    #[test]
    fn offers_and_creates_env_from_the_example_without_overwriting() {
        let dir = folder(&[("docker-compose.yaml", COMPOSE), (".env.example", "A=1\n")]);
        let f = DifyFolder::open(dir.path()).unwrap();
        assert_eq!(f.env_status(), EnvStatus::MissingWithExample);
        f.create_env_from_example().unwrap();
        assert_eq!(fs::read_to_string(f.env_path()).unwrap(), "A=1\n");
        assert!(f.create_env_from_example().is_err());
    }

    #[test]
    fn finds_certbot_values_that_never_reach_the_container() {
        let dir = folder(&[
            ("docker-compose.yaml", COMPOSE),
            (
                "envs/infrastructure/certbot.env",
                "CERTBOT_DOMAIN=x.org\nCERTBOT_OPTIONS=\n",
            ),
            (
                "envs/infrastructure/certbot.env.example",
                "CERTBOT_DOMAIN=your_domain.com\n",
            ),
        ]);
        let f = DifyFolder::open(dir.path()).unwrap();
        let stray = f.stray_certbot_values();
        assert_eq!(stray.len(), 1);
        assert_eq!(stray[0].file, Path::new("envs/infrastructure/certbot.env"));
        assert_eq!(
            (
                stray[0].key.as_str(),
                stray[0].value.as_str(),
                stray[0].line
            ),
            ("CERTBOT_DOMAIN", "x.org", 1)
        );
        assert_eq!(
            f.layout(&EnvDocument::parse("NGINX_PORT=80\n")),
            Layout::Essential
        );
        assert_eq!(
            f.layout(&EnvDocument::parse("CERTBOT_DOMAIN=\n")),
            Layout::Classic
        );
    }
}
