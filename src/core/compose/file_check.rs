//! Whether the compose command can read the folder's compose file at all
//! (`compose config -q`). Dify's real file uses constructs Compose v1 rejects
//! (`depends_on` with `required:`, `env_file` entries with `path:`): found before
//! anything is written or started, and named.

use crate::tr;
use std::path::Path;

use super::capture::capture;
use super::command::{ComposeCommand, ComposeFlavor};

/// The compose command refused the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRejected {
    /// What compose printed (the reasons).
    pub lines: Vec<String>,
    /// The constructs Dify's file uses that this compose does not know, by name.
    pub constructs: Vec<&'static str>,
    /// The command is Compose v1 (`docker-compose` 1.x), which Dify's file needs v2 over.
    pub v1: bool,
}

impl std::fmt::Display for FileRejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.v1 {
            let uses = if self.constructs.is_empty() {
                "constructs".to_string()
            } else {
                self.constructs.join(" and ")
            };
            write!(
                f,
                "{}",
                tr!("core-compose-compose-v1-docker-compose-1", uses)
            )
        } else {
            write!(
                f,
                "{}",
                tr!(
                    "core-compose-compose-cannot-read-this-docker",
                    failed = (self
                        .lines
                        .iter()
                        .find(|l| !l.is_empty())
                        .map(String::as_str)
                        .unwrap_or("`config` failed"))
                    .to_string()
                )
            )
        }
    }
}

/// What in compose's complaint names a construct of Dify's file.
const CONSTRUCTS: [(&str, &str); 3] = [
    (
        "depends_on contains unsupported option: 'required'",
        "`depends_on` with `required:`",
    ),
    (
        "env_file contains {",
        "`env_file` entries with `path:`/`required:`",
    ),
    (
        "contains unsupported option: 'condition'",
        "`depends_on` with `condition:`",
    ),
];

/// Reads compose's complaint about the file.
pub fn judge_config_output(compose: &ComposeCommand, lines: Vec<String>) -> FileRejected {
    let program = Path::new(&compose.program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let v1 = compose.flavor == ComposeFlavor::V1
        || compose.args.is_empty() && program == "docker-compose"
        || compose.args.last().is_some_and(|a| a == "docker-compose")
        || lines.iter().any(|l| l.contains("is invalid because"));
    let constructs = CONSTRUCTS
        .iter()
        .filter(|(needle, _)| lines.iter().any(|l| l.contains(needle)))
        .map(|(_, name)| *name)
        .collect();
    FileRejected {
        lines,
        constructs,
        v1,
    }
}

/// `compose config -q` in `folder` with `profiles`: `Ok` when compose reads the file
/// (or could not be run at all: other checks report that), else why not.
pub fn check_compose_file(
    compose: &ComposeCommand,
    folder: &Path,
    profiles: &[String],
    extra_env: &[(String, String)],
) -> Result<(), FileRejected> {
    let inv = compose.invocation(folder, profiles, &["config", "-q"]);
    match capture(&inv, extra_env) {
        Ok((false, lines)) if !daemon_or_tool_trouble(&lines) => {
            Err(judge_config_output(compose, lines))
        }
        _ => Ok(()),
    }
}

/// `config` needs no daemon; a failure that is about running compose itself is not
/// about the file.
fn daemon_or_tool_trouble(lines: &[String]) -> bool {
    lines.iter().all(|l| l.is_empty())
        || lines
            .iter()
            .any(|l| l.contains("is not a docker command") || l.contains("unknown command"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1() -> ComposeCommand {
        ComposeCommand {
            program: "docker-compose".into(),
            args: vec![],
            flavor: ComposeFlavor::V1,
        }
    }

    #[test]
    fn compose_v1_on_difys_file_names_the_constructs_and_the_fix() {
        // What docker-compose 1.29 prints for Dify's newest docker-compose.yaml.
        let lines = [
            "The Compose file './docker-compose.yaml' is invalid because:",
            "services.api.env_file contains {\"path\": \"./envs/core-services/shared.env\", \"required\": false}, which is an invalid type, it should be a string",
            "services.api.depends_on contains unsupported option: 'required'",
        ]
        .map(String::from)
        .to_vec();
        let r = judge_config_output(&v1(), lines);
        assert!(r.v1);
        assert_eq!(
            r.constructs,
            [
                "`depends_on` with `required:`",
                "`env_file` entries with `path:`/`required:`"
            ]
        );
        let text = r.to_string();
        assert!(text.contains("Compose v1"), "{text}");
        assert!(text.contains("need Compose v2"), "{text}");
        assert!(text.contains("--compose \"docker compose\""), "{text}");
    }

    #[test]
    fn an_override_running_v1_is_recognised_by_its_words() {
        let sudo = ComposeCommand::from_override("sudo docker-compose").unwrap();
        let r = judge_config_output(
            &sudo,
            vec!["services.api.depends_on contains unsupported option: 'required'".into()],
        );
        assert!(r.v1);
        let v2 = ComposeCommand::docker_compose_v2();
        let r = judge_config_output(&v2, vec!["yaml: line 3: did not find expected key".into()]);
        assert!(!r.v1);
        assert!(r.to_string().contains("did not find expected key"));
    }
}
