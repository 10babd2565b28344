//! The containers of one compose project, from the engine's list filtered by the
//! `com.docker.compose.project` label: service, state, health, restarts, created,
//! and the folder each was created from (`…project.working_dir`).

use crate::tr;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::http::{EngineError, get};

pub const PROJECT_LABEL: &str = "com.docker.compose.project";
pub const SERVICE_LABEL: &str = "com.docker.compose.service";
pub const WORKING_DIR_LABEL: &str = "com.docker.compose.project.working_dir";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Starting,
    Healthy,
    Unhealthy,
}

/// One container of the project, as the engine reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineContainer {
    pub id: String,
    pub service: String,
    /// The engine's word: `running`, `restarting`, `exited`, `created`, `paused`, `dead`.
    pub state: String,
    pub health: Option<Health>,
    /// Unix seconds.
    pub created: i64,
    /// The folder compose created it from.
    pub working_dir: Option<String>,
}

/// The containers (running or not) whose project label is `project`.
pub fn list_project(
    socket: &Path,
    project: &str,
    timeout: Duration,
) -> Result<Vec<EngineContainer>, EngineError> {
    let filters = format!("{{\"label\":[\"{PROJECT_LABEL}={project}\"]}}");
    let path = format!(
        "/containers/json?all=1&filters={}",
        percent_encode(&filters)
    );
    let body = get(socket, &path, timeout)?;
    parse_list(&body)
}

/// How many times the engine restarted the container `id` (its restart policy).
pub fn restart_count(socket: &Path, id: &str, timeout: Duration) -> Result<u64, EngineError> {
    let body = get(
        socket,
        &format!("/containers/{}/json", percent_encode(id)),
        timeout,
    )?;
    let v: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| EngineError::Malformed(e.to_string()))?;
    Ok(v["RestartCount"].as_u64().unwrap_or(0))
}

pub fn parse_list(body: &[u8]) -> Result<Vec<EngineContainer>, EngineError> {
    let v: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| EngineError::Malformed(e.to_string()))?;
    let list = v
        .as_array()
        .ok_or_else(|| EngineError::Malformed(tr!("core-engine-not-a-list-of-containers")))?;
    Ok(list
        .iter()
        .map(|c| {
            let label = |name: &str| c["Labels"][name].as_str().map(str::to_string);
            EngineContainer {
                id: c["Id"].as_str().unwrap_or_default().to_string(),
                service: label(SERVICE_LABEL).unwrap_or_default(),
                state: c["State"].as_str().unwrap_or_default().to_string(),
                health: health(c["Status"].as_str().unwrap_or_default()),
                created: c["Created"].as_i64().unwrap_or(0),
                working_dir: label(WORKING_DIR_LABEL),
            }
        })
        .collect())
}

/// The health the engine appends to a container's status ("Up 2 minutes (healthy)").
fn health(status: &str) -> Option<Health> {
    if status.contains("(healthy)") {
        Some(Health::Healthy)
    } else if status.contains("(unhealthy)") {
        Some(Health::Unhealthy)
    } else if status.contains("(health: starting)") {
        Some(Health::Starting)
    } else {
        None
    }
}

/// Everything but RFC 3986's unreserved characters, percent-encoded.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_read_with_labels_state_and_health() {
        let body = br#"[
          {"Id":"abc","Names":["/docker-nginx-1"],"State":"running","Status":"Up 3 minutes (healthy)","Created":1764500000,
           "Labels":{"com.docker.compose.project":"docker","com.docker.compose.service":"nginx",
                     "com.docker.compose.project.working_dir":"/srv/dify/docker"}},
          {"Id":"def","State":"exited","Status":"Exited (1) 2 seconds ago","Created":1764500001,
           "Labels":{"com.docker.compose.service":"certbot"}}
        ]"#;
        let list = parse_list(body).unwrap();
        assert_eq!(list[0].service, "nginx");
        assert_eq!(list[0].state, "running");
        assert_eq!(list[0].health, Some(Health::Healthy));
        assert_eq!(list[0].working_dir.as_deref(), Some("/srv/dify/docker"));
        assert_eq!(list[1].state, "exited");
        assert_eq!(list[1].health, None);
        assert_eq!(list[1].working_dir, None);
        assert!(parse_list(b"{\"message\":\"x\"}").is_err());
    }

    #[test]
    fn filters_are_percent_encoded() {
        assert_eq!(
            percent_encode("{\"label\":[\"a=b_c\"]}"),
            "%7B%22label%22%3A%5B%22a%3Db_c%22%5D%7D"
        );
    }
}
