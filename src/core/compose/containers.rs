//! Which of the folder's containers run, and whether its compose project is another
//! install's too: asked from the Docker Engine's socket when compose is Docker's own
//! (milliseconds, with the labels that say which folder each container came from),
//! else from `compose ps` (podman, a remote `DOCKER_HOST`, `sudo` without socket access).

use crate::tr;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::command::ComposeCommand;
use super::ps::{running_services, services_with_status};
use crate::core::dify::DifyFolder;
use crate::core::engine::{EngineContainer, EngineError, Health, engine_socket, list_project};

/// Where the container states came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StateSource {
    Engine,
    Compose,
}

/// One service's container, as far as it is this folder's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceState {
    pub service: String,
    /// `running`, `restarting`, or anything else (stopped, exited, missing).
    pub state: String,
    pub health: Option<Health>,
}

/// The project's containers that belong to this folder, and the other folders whose
/// containers carry the same project name (only the engine can tell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectContainers {
    pub source: StateSource,
    pub services: Vec<ServiceState>,
    pub other_folders: Vec<String>,
}

impl ProjectContainers {
    pub fn state_of(&self, service: &str) -> Option<&ServiceState> {
        self.services.iter().find(|s| s.service == service)
    }
}

/// The `DOCKER_HOST` compose sees: the run's own environment first, then the process's.
fn docker_host(
    extra_env: &[(String, String)],
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    extra_env
        .iter()
        .find(|(k, _)| k == "DOCKER_HOST")
        .map(|(_, v)| v.clone())
        .or_else(|| env("DOCKER_HOST"))
}

/// How long one engine request may take.
const ENGINE_TIMEOUT: Duration = Duration::from_secs(5);

/// The containers of `project` for `folder`; `env` is the process environment, to
/// which `extra_env` adds (as for compose: together they give its `DOCKER_HOST`).
/// `Err` carries what to tell the user (e.g. the docker group).
pub fn project_containers(
    folder: &DifyFolder,
    project: &str,
    compose: &ComposeCommand,
    profiles: &[String],
    extra_env: &[(String, String)],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<ProjectContainers, String> {
    if speaks_to_docker(compose)
        && let Some(socket) = engine_socket(docker_host(extra_env, env).as_deref())
    {
        match list_project(&socket, project, ENGINE_TIMEOUT) {
            Ok(list) => return Ok(judge_ownership(folder.root(), list)),
            // `sudo docker compose` can reach what this user cannot: ask it.
            Err(EngineError::PermissionDenied { .. }) if compose.program == "sudo" => {}
            Err(e @ EngineError::PermissionDenied { .. }) => return Err(e.to_string()),
            // No engine here after all (a remote one, a podman socket): compose knows.
            Err(_) => {}
        }
    }
    from_compose(folder, compose, profiles, extra_env)
}

/// Whether the compose command is Docker's (so the Docker Engine holds its containers).
fn speaks_to_docker(compose: &ComposeCommand) -> bool {
    let words =
        std::iter::once(compose.program.as_str()).chain(compose.args.iter().map(String::as_str));
    let mut docker = false;
    for w in words {
        let base = Path::new(w)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match base.as_str() {
            "docker" | "docker-compose" => docker = true,
            "podman" | "podman-compose" | "nerdctl" => return false,
            _ => {}
        }
    }
    docker
}

/// The containers created from `folder` (or with no folder label), and the folders of
/// those that were not.
fn judge_ownership(folder: &Path, list: Vec<EngineContainer>) -> ProjectContainers {
    let ours = |dir: &str| same_folder(Path::new(dir), folder);
    let mut other_folders: Vec<String> = list
        .iter()
        .filter_map(|c| c.working_dir.as_deref())
        .filter(|d| !ours(d))
        .map(str::to_string)
        .collect();
    other_folders.sort();
    other_folders.dedup();
    let mut services: Vec<ServiceState> = list
        .into_iter()
        .filter(|c| c.working_dir.as_deref().is_none_or(ours))
        .map(|c| ServiceState {
            service: c.service,
            state: c.state,
            health: c.health,
        })
        .collect();
    // A running container of a service wins over an exited one of the same name.
    services.sort_by_key(|s| (s.service.clone(), s.state != "running"));
    services.dedup_by(|a, b| a.service == b.service);
    ProjectContainers {
        source: StateSource::Engine,
        services,
        other_folders,
    }
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn from_compose(
    folder: &DifyFolder,
    compose: &ComposeCommand,
    profiles: &[String],
    extra_env: &[(String, String)],
) -> Result<ProjectContainers, String> {
    let running =
        running_services(compose, folder.root(), profiles, extra_env).map_err(|lines| {
            lines
                .last()
                .cloned()
                .unwrap_or_else(|| tr!("core-compose-compose-ps-failed"))
        })?;
    // Only when nginx is not running: is it crash-looping? (one more compose call)
    let restarting = if running.iter().any(|r| r == "nginx") {
        vec![]
    } else {
        services_with_status(compose, folder.root(), profiles, extra_env, "restarting")
            .unwrap_or_default()
    };
    let services = running
        .iter()
        .map(|s| (s, "running"))
        .chain(restarting.iter().map(|s| (s, "restarting")))
        .map(|(s, state)| ServiceState {
            service: s.clone(),
            state: state.into(),
            health: None,
        })
        .collect();
    Ok(ProjectContainers {
        source: StateSource::Compose,
        services,
        other_folders: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compose::ComposeFlavor;

    fn container(service: &str, state: &str, dir: Option<&str>) -> EngineContainer {
        EngineContainer {
            id: format!("{service}-{state}"),
            service: service.into(),
            state: state.into(),
            health: None,
            created: 0,
            working_dir: dir.map(str::to_string),
        }
    }

    #[test]
    fn another_folders_containers_are_named_and_not_counted_as_ours() {
        let here = tempfile::tempdir().unwrap();
        let there = tempfile::tempdir().unwrap();
        let (h, t) = (
            here.path().to_str().unwrap(),
            there.path().to_str().unwrap(),
        );
        let got = judge_ownership(
            here.path(),
            vec![
                container("nginx", "running", Some(t)),
                container("api", "running", Some(t)),
                container("certbot", "exited", Some(h)),
                container("certbot", "running", Some(h)),
            ],
        );
        assert_eq!(got.other_folders, [t.to_string()]);
        assert!(
            got.state_of("nginx").is_none(),
            "the other install's nginx is not ours"
        );
        assert_eq!(got.state_of("certbot").unwrap().state, "running");
    }

    #[test]
    fn only_dockers_own_compose_is_asked_through_the_engine() {
        let c = |program: &str, args: &[&str]| ComposeCommand {
            program: program.into(),
            args: args.iter().map(|a| a.to_string()).collect(),
            flavor: ComposeFlavor::Override,
        };
        assert!(speaks_to_docker(&c("docker", &["compose"])));
        assert!(speaks_to_docker(&c("/usr/bin/docker-compose", &[])));
        assert!(speaks_to_docker(&c("sudo", &["docker", "compose"])));
        assert!(!speaks_to_docker(&c("podman", &["compose"])));
        assert!(!speaks_to_docker(&c(
            "/x/tests/support/compose-double",
            &["compose"]
        )));
    }
}
