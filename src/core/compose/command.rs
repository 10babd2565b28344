//! Finding the compose command: an override (`--compose`, `DIFY_HTTPS_COMPOSE`),
//! else `docker compose` (v2 plugin) when `docker compose version` answers, else
//! `docker-compose` (v1).

use std::fmt;

/// The compose generation, which decides a few argument shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComposeFlavor {
    /// `docker compose` (Go, the plugin): ignores `COMPOSE_PROFILES` once `--profile` is given.
    V2,
    /// `docker-compose` 1.x (Python).
    V1,
    /// Given by the user (`sudo docker compose`, `podman compose`, ...).
    Override,
}

/// A compose command line prefix, e.g. `["docker", "compose"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComposeCommand {
    pub program: String,
    pub args: Vec<String>,
    pub flavor: ComposeFlavor,
}

impl fmt::Display for ComposeCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.program)?;
        for a in &self.args {
            write!(f, " {a}")?;
        }
        Ok(())
    }
}

impl ComposeCommand {
    /// `docker compose`, the v2 plugin: what Dify's documentation uses.
    pub fn docker_compose_v2() -> ComposeCommand {
        ComposeCommand {
            program: "docker".into(),
            args: vec!["compose".into()],
            flavor: ComposeFlavor::V2,
        }
    }

    /// Parses an override such as `sudo docker compose` (split on whitespace).
    pub fn from_override(text: &str) -> Option<ComposeCommand> {
        let mut words = text.split_whitespace().map(str::to_string);
        let program = words.next()?;
        Some(ComposeCommand {
            program,
            args: words.collect(),
            flavor: ComposeFlavor::Override,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    #[error("{}", crate::tr!("core-compose-no-docker-compose-found-neither"))]
    NotFound,
}

/// Finds the compose command. `override_text` comes from `--compose` or `DIFY_HTTPS_COMPOSE`.
pub fn detect(override_text: Option<&str>) -> Result<ComposeCommand, DetectError> {
    if let Some(cmd) = override_text.and_then(ComposeCommand::from_override) {
        return Ok(cmd);
    }
    if let Ok(docker) = which::which("docker") {
        // Where the docker CLI itself looks for its compose plugin: found there, no
        // process is needed to know (asking `docker compose version` costs ~50 ms).
        if compose_plugin(
            std::env::var_os("DOCKER_CONFIG").map(std::path::PathBuf::from),
            std::env::var_os("HOME").map(std::path::PathBuf::from),
        )
        .is_some()
        {
            return Ok(ComposeCommand::docker_compose_v2());
        }
        let version = crate::core::process::Invocation {
            program: docker.display().to_string(),
            args: vec!["compose".into(), "version".into()],
            env: vec![],
            cwd: std::env::temp_dir(),
        };
        let answers = super::capture::capture(&version, &[]).is_ok_and(|(ok, _)| ok);
        if answers {
            return Ok(ComposeCommand::docker_compose_v2());
        }
    }
    if which::which("docker-compose").is_ok() {
        return Ok(ComposeCommand {
            program: "docker-compose".into(),
            args: vec![],
            flavor: ComposeFlavor::V1,
        });
    }
    Err(DetectError::NotFound)
}

/// The compose plugin where the docker CLI looks for plugins: the user's
/// (`$DOCKER_CONFIG/cli-plugins`, default `~/.docker/cli-plugins`), then the system's.
fn compose_plugin(
    docker_config: Option<std::path::PathBuf>,
    home: Option<std::path::PathBuf>,
) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let user = docker_config.or_else(|| home.map(|h| h.join(".docker")));
    // A config folder this user may not read (HOME still root's under `setpriv` or
    // `sudo -u`): the docker CLI then finds no plugin at all. Only running it can tell.
    if let Some(dir) = &user {
        let readable = match std::fs::metadata(dir) {
            Ok(_) => std::fs::read_dir(dir).is_ok(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        if !readable {
            return None;
        }
    }
    user.map(|d| d.join("cli-plugins"))
        .into_iter()
        .chain(
            [
                "/usr/local/lib/docker/cli-plugins",
                "/usr/local/libexec/docker/cli-plugins",
                "/usr/lib/docker/cli-plugins",
                "/usr/libexec/docker/cli-plugins",
            ]
            .map(std::path::PathBuf::from),
        )
        // As the docker CLI finds it: it lists the folder (a folder this user may not
        // read hides its plugins, e.g. root's under sudo -u), then runs the file.
        .filter(|d| std::fs::read_dir(d).is_ok())
        .map(|d| d.join("docker-compose"))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
                && rustix::fs::access(p, rustix::fs::Access::EXEC_OK).is_ok()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plugin_is_found_where_the_docker_cli_looks() {
        use std::os::unix::fs::PermissionsExt;
        let config = tempfile::tempdir().unwrap();
        let plugins = config.path().join("cli-plugins");
        std::fs::create_dir(&plugins).unwrap();
        let plugin = plugins.join("docker-compose");
        std::fs::write(&plugin, "#!/bin/sh\n").unwrap();
        // Not executable: not a plugin (and the system folders may hold one).
        std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_ne!(
            compose_plugin(Some(config.path().into()), None).as_deref(),
            Some(plugin.as_path())
        );
        std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(
            compose_plugin(Some(config.path().into()), None),
            Some(plugin.clone())
        );
        // HOME's .docker when DOCKER_CONFIG is not set.
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(home.path().join(".docker")).unwrap();
        std::fs::rename(&plugins, home.path().join(".docker/cli-plugins")).unwrap();
        assert_eq!(
            compose_plugin(None, Some(home.path().into())),
            Some(home.path().join(".docker/cli-plugins/docker-compose"))
        );
    }

    #[test]
    fn overrides_win_and_keep_their_words() {
        let cmd = detect(Some("  sudo docker   compose ")).unwrap();
        assert_eq!(cmd.program, "sudo");
        assert_eq!(cmd.args, ["docker", "compose"]);
        assert_eq!(cmd.to_string(), "sudo docker compose");
        assert_eq!(cmd.flavor, ComposeFlavor::Override);
    }

    #[test]
    fn an_empty_override_is_ignored() {
        assert_eq!(ComposeCommand::from_override("   "), None);
    }
}

impl ComposeCommand {
    /// `compose <args>` in `folder` with every profile in `profiles` enabled: one
    /// `--profile` per name (wrappers such as `sudo` drop the environment), and the same
    /// list as `COMPOSE_PROFILES` (compose v2 ignores it once `--profile` is given, which
    /// is why the list must be complete: the user's profiles plus `certbot`).
    pub fn invocation(
        &self,
        folder: &std::path::Path,
        profiles: &[String],
        args: &[&str],
    ) -> crate::core::process::Invocation {
        let profile_flags = profiles
            .iter()
            .flat_map(|p| ["--profile".to_string(), p.clone()]);
        crate::core::process::Invocation {
            program: self.program.clone(),
            args: self
                .args
                .iter()
                .cloned()
                .chain(profile_flags)
                .chain(args.iter().map(|a| a.to_string()))
                .collect(),
            env: vec![("COMPOSE_PROFILES".to_string(), profiles.join(","))],
            cwd: folder.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod invocation_tests {
    use super::*;

    fn profiles() -> Vec<String> {
        vec!["weaviate".into(), "postgresql".into(), "certbot".into()]
    }

    #[test]
    fn v2_and_v1_differ_only_in_the_program() {
        let v2 = ComposeCommand {
            program: "docker".into(),
            args: vec!["compose".into()],
            flavor: ComposeFlavor::V2,
        };
        let v1 = ComposeCommand {
            program: "docker-compose".into(),
            args: vec![],
            flavor: ComposeFlavor::V1,
        };
        let dir = std::path::Path::new("/srv/dify/docker");
        let flags = "--profile weaviate --profile postgresql --profile certbot";
        let i2 = v2.invocation(dir, &profiles(), &["up", "-d"]);
        let i1 = v1.invocation(dir, &profiles(), &["up", "-d"]);
        assert_eq!(i2.display(), format!("docker compose {flags} up -d"));
        assert_eq!(i1.display(), format!("docker-compose {flags} up -d"));
        for i in [&i1, &i2] {
            assert_eq!(i.cwd, dir);
            assert_eq!(
                i.env,
                [(
                    "COMPOSE_PROFILES".to_string(),
                    "weaviate,postgresql,certbot".to_string()
                )]
            );
        }
    }

    #[test]
    fn overrides_keep_their_prefix() {
        let sudo = ComposeCommand::from_override("sudo docker compose").unwrap();
        let inv = sudo.invocation(std::path::Path::new("/d"), &profiles(), &["ps"]);
        assert_eq!(inv.program, "sudo");
        assert_eq!(
            inv.args.join(" "),
            "docker compose --profile weaviate --profile postgresql --profile certbot ps"
        );
    }
}
