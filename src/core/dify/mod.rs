//! The Dify `docker/` folder: where it is and what is in it.

mod compose_file;
mod folder;
mod nginx_start;
mod published_port;
mod served_files;
mod update_script;

pub use compose_file::service_names;
pub use folder::{DifyFolder, EnvStatus, FolderError, Layout, StrayCertbotValue};
pub use nginx_start::{NginxStartProblem, nginx_start_problem};
pub use published_port::{NginxPort, PortError, PublishedPort};
pub use served_files::{
    IMPORTED_CERT, IMPORTED_FILES, IMPORTED_KEY, IMPORTED_ROOT, PREVIOUS_CERT, PREVIOUS_KEY,
    ServedFiles, Source, served_files,
};
pub use update_script::update_script_args;

/// A Dify folder with only a compose file naming nginx and certbot, for unit tests.
#[cfg(test)]
pub(crate) fn test_folder() -> (tempfile::TempDir, DifyFolder) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("docker-compose.yaml"),
        "services:\n  nginx:\n    image: nginx\n  certbot:\n    image: certbot\n",
    )
    .unwrap();
    let folder = DifyFolder::open(dir.path()).unwrap();
    (dir, folder)
}
