//! `--demo`: a sample Dify folder, written to a fresh temporary folder, so a newcomer
//! can try the wizard without a Dify install. The files live in `assets/demo/` and are
//! built into the binary.

pub mod playback;

use std::fs;
use std::io;
use std::path::PathBuf;

const FILES: &[(&str, &str)] = &[
    (
        "docker-compose.yaml",
        include_str!("../../assets/demo/docker-compose.yaml"),
    ),
    (".env", include_str!("../../assets/demo/env")),
    (
        ".env.example",
        include_str!("../../assets/demo/env.example"),
    ),
    (
        "certbot/docker-entrypoint.sh",
        include_str!("../../assets/demo/certbot/docker-entrypoint.sh"),
    ),
    (
        "certbot/update-cert.template.txt",
        include_str!("../../assets/demo/certbot/update-cert.template.txt"),
    ),
    (
        "nginx/docker-entrypoint.sh",
        include_str!("../../assets/demo/nginx/docker-entrypoint.sh"),
    ),
    (
        "nginx/nginx.conf.template",
        include_str!("../../assets/demo/nginx/nginx.conf.template"),
    ),
];

const EMPTY_DIRS: &[&str] = &[
    "volumes/certbot/conf",
    "volumes/certbot/www",
    "volumes/certbot/logs",
    "nginx/ssl",
];

/// Writes the sample folder under a new temporary folder and returns its `docker/` path.
/// The folder is kept after dify-https exits, so the `.env` and its backup can be looked at.
pub fn create_demo_folder() -> io::Result<PathBuf> {
    let base = tempfile::Builder::new()
        .prefix("dify-https-demo-")
        .tempdir()?
        .keep();
    let docker = base.join("docker");
    for (name, text) in FILES {
        let path = docker.join(name);
        fs::create_dir_all(path.parent().expect("demo files are inside the folder"))?;
        fs::write(path, text)?;
    }
    for dir in EMPTY_DIRS {
        fs::create_dir_all(docker.join(dir))?;
    }
    Ok(docker)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dify::{DifyFolder, EnvStatus};

    #[test]
    fn the_demo_folder_is_a_dify_folder() {
        let docker = create_demo_folder().unwrap();
        let folder = DifyFolder::open(&docker).unwrap();
        assert_eq!(folder.env_status(), EnvStatus::Present);
        assert!(folder.update_cert_template().is_file());
        assert!(folder.certbot_www_dir().is_dir());
        fs::remove_dir_all(docker.parent().unwrap()).unwrap();
    }
}
