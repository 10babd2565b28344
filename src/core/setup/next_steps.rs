//! What is left to do by hand after `.env` is written (the `--env-only` path),
//! as commands that avoid Dify's `--profile certbot` pitfall.

use super::env_plan::EnvPlan;
use super::mode::Mode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub what: String,
    pub command: Option<String>,
}

/// The remaining steps for `plan`, with `compose` (e.g. `docker compose`) run with
/// `profiles` (the user's, plus certbot) enabled.
pub fn next_steps(plan: &EnvPlan, compose: &str, profiles: &[String]) -> Vec<NextStep> {
    let run = |args: &str| format!("COMPOSE_PROFILES={} {compose} {args}", profiles.join(","));
    let domain = &plan.request.domain;
    let mut steps = vec![
        NextStep {
            what: "Start certbot and recreate nginx with the new .env".into(),
            command: Some(run("up -d")),
        },
        NextStep {
            what: format!(
                "Ask Let's Encrypt for the certificate ({})",
                plan.request.mode.name()
            ),
            command: Some(run("exec -T certbot /bin/sh /update-cert.sh")),
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
            steps.push(NextStep {
                what: format!(
                    "When volumes/certbot/conf/live/{domain}/fullchain.pem exists, set {} in .env and recreate nginx",
                    keys.join(", ")
                ),
                command: Some(run("up -d --no-deps --force-recreate nginx")),
            });
        }
        Mode::Staging => steps.push(NextStep {
            what: "A staging certificate is not trusted by browsers: when this works, run the setup again in production mode".into(),
            command: None,
        }),
        Mode::DryRun => steps.push(NextStep {
            what: "A dry run saves no certificate: when it succeeds, run the setup again in production mode".into(),
            command: None,
        }),
    }
    steps
}
