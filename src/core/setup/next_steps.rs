//! What is left to do by hand after `.env` is written (the `--env-only` path),
//! as commands that avoid Dify's `--profile certbot` pitfall.

use super::env_plan::EnvPlan;
use crate::tr;
use std::path::Path;

use super::mode::Mode;
use super::request::SetupRequest;
use crate::core::compose::ComposeCommand;
use crate::core::dify::update_script_args;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub what: String,
    pub command: Option<String>,
}

/// The remaining steps for `plan`, with `compose` (e.g. `docker compose`) run with
/// `profiles` (the user's, plus certbot) enabled by `--profile` flags: unlike a
/// `COMPOSE_PROFILES=` prefix they survive `sudo`, and they name every profile, since
/// compose v2 ignores `COMPOSE_PROFILES` from `.env` once one flag is given.
/// The next steps after writing `plan`, with the compose command found (Dify's
/// documented `docker compose` when none was) and the profiles the written `.env`
/// enables: what the CLI prints after `--env-only` and the Applied screen shows.
pub fn next_steps_after(
    plan: &EnvPlan,
    compose: Option<&ComposeCommand>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<NextStep>, crate::core::compose::ProfilesError> {
    let compose = compose
        .cloned()
        .unwrap_or_else(ComposeCommand::docker_compose_v2);
    let profiles = crate::core::compose::profiles_with_certbot(&plan.after_document(), env)?;
    Ok(next_steps(plan, &compose, &profiles))
}

pub fn next_steps(plan: &EnvPlan, compose: &ComposeCommand, profiles: &[String]) -> Vec<NextStep> {
    // The same invocation the run itself makes, as a person would type it.
    let run = |args: &str| {
        let args: Vec<&str> = args.split_whitespace().collect();
        compose
            .invocation(Path::new("."), profiles, &args)
            .display()
    };
    let domain = &plan.request.domain;
    let mut steps = vec![
        NextStep {
            what: tr!("core-next-start-certbot-and-recreate-nginx"),
            command: Some(run("up -d")),
        },
        NextStep {
            what: tr!(
                "core-next-ask-lets-encrypt-for-the",
                name = (plan.request.mode.name()).to_string()
            ),
            command: Some({
                // Exactly what the run makes: a one-off certbot container, with what
                // differs from .env for this run passed to it.
                let after = plan.after_document();
                let args = update_script_args(
                    after.literal("CERTBOT_DOMAIN"),
                    domain,
                    after.literal("CERTBOT_OPTIONS").unwrap_or_default(),
                    &plan.request.mode.run_options(),
                );
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                compose
                    .invocation(Path::new("."), profiles, &args)
                    .display()
            }),
        },
    ];
    match plan.request.mode {
        Mode::Production => {
            let keys: Vec<String> = plan
                .on_https
                .changes
                .iter()
                .map(|c| format!("{}={}", c.key, c.value))
                .collect();
            // nginx reads NGINX_HTTPS_ENABLED; api and web read the public URLs. A plain
            // `up -d` recreates every service whose environment changed.
            let urls_change = plan.on_https.changes.len() > 1;
            let (what, args) = if urls_change {
                (tr!("core-next-recreate-the-services-that-read"), "up -d")
            } else {
                (
                    tr!("core-next-recreate-nginx"),
                    "up -d --no-deps --force-recreate -t 0 nginx",
                )
            };
            steps.push(NextStep {
                what: tr!(
                    "core-next-when-volumes-certbot-conf-live",
                    domain,
                    keys = (keys.join(", ")).to_string(),
                    what
                ),
                command: Some(run(args)),
            });
        }
        Mode::Staging => steps.push(NextStep {
            what: tr!("core-next-a-staging-certificate-is-not"),
            command: None,
        }),
        Mode::DryRun => steps.push(NextStep {
            what: tr!("core-next-a-dry-run-saves-no"),
            command: None,
        }),
    }
    steps
}

/// The one command that runs the remaining steps with dify-https, for these answers.
/// `global` is what goes before the command (`--dir …`, `--compose …`, as the user
/// gave them), already quoted for a shell; empty for none.
pub fn run_command(request: &SetupRequest, global: &str) -> String {
    let global = if global.is_empty() {
        String::new()
    } else {
        format!("{global} ")
    };
    let mut command = format!(
        "dify-https {global}setup --domain {} --email {} --mode {}",
        request.domain,
        request.email,
        request.mode.name()
    );
    if !request.extra_options.is_empty() {
        // Validated options hold no quotes, so single quotes keep them one argument.
        command.push_str(&format!(" --certbot-options '{}'", request.extra_options));
    }
    if !request.upgrade_urls {
        command.push_str(" --keep-public-urls");
    }
    command.push_str(" --yes");
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dify::DifyFolder;
    use crate::core::envfile::EnvFile;
    use crate::core::setup::Answers;

    fn plan(env: &str, mode: Mode) -> EnvPlan {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("docker-compose.yaml"),
            "services:\n  certbot:\n    image: c\n",
        )
        .unwrap();
        std::fs::write(dir.path().join(".env"), env).unwrap();
        let folder = DifyFolder::open(dir.path()).unwrap();
        let file = EnvFile::read(&folder.env_path()).unwrap();
        let answers = Answers {
            domain: "d.acmecorp.io".into(),
            email: "a@acme-corp.dev".into(),
            mode,
            extra_options: String::new(),
        };
        EnvPlan::build(&folder, &file, answers.check().unwrap()).unwrap()
    }

    fn commands(steps: &[NextStep]) -> Vec<&str> {
        steps.iter().filter_map(|s| s.command.as_deref()).collect()
    }

    #[test]
    fn url_upgrades_recreate_every_service_that_reads_them() {
        let profiles = ["weaviate".to_string(), "certbot".to_string()];
        let with_urls = next_steps(
            &plan("CONSOLE_WEB_URL=http://d.acmecorp.io\n", Mode::Production),
            &ComposeCommand::docker_compose_v2(),
            &profiles,
        );
        assert_eq!(
            commands(&with_urls)[2],
            "docker compose --profile weaviate --profile certbot up -d"
        );
        assert!(
            with_urls[2]
                .what
                .contains("NGINX_HTTPS_ENABLED=true, CONSOLE_WEB_URL=https://d.acmecorp.io")
        );
        let nginx_only = next_steps(
            &plan("CONSOLE_WEB_URL=\n", Mode::Production),
            &ComposeCommand::docker_compose_v2(),
            &profiles,
        );
        assert_eq!(
            commands(&nginx_only)[2],
            "docker compose --profile weaviate --profile certbot up -d --no-deps --force-recreate -t 0 nginx"
        );
    }

    #[test]
    fn staging_and_dry_run_end_with_the_way_to_production() {
        for mode in [Mode::Staging, Mode::DryRun] {
            let steps = next_steps(
                &plan("", mode),
                &ComposeCommand::from_override("docker-compose").unwrap(),
                &["certbot".to_string()],
            );
            assert_eq!(
                commands(&steps)[..2],
                [
                    "docker-compose --profile certbot up -d",
                    if mode == Mode::DryRun {
                        "docker-compose --profile certbot run --rm -T -e 'CERTBOT_OPTIONS=--no-random-sleep-on-renew --dry-run' certbot /bin/sh /update-cert.sh"
                    } else {
                        "docker-compose --profile certbot run --rm -T certbot /bin/sh /update-cert.sh"
                    }
                ]
            );
            assert!(steps[2].what.contains("production mode"));
            assert_eq!(steps.len(), 3);
            assert_eq!(
                run_command(&plan("", mode).request, ""),
                format!(
                    "dify-https setup --domain d.acmecorp.io --email a@acme-corp.dev --mode {} --yes",
                    mode.name()
                )
            );
        }
    }
}
