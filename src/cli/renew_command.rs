//! `dify-https renew`: Dify's script, a check, and a reload of nginx only when the
//! certificate changed (a renewal without a reload keeps serving the old one).

use std::process::ExitCode;
use std::time::Duration;

use time::OffsetDateTime;

use super::{Failure, open_env, run_output};
use crate::core::compose::detect;
use crate::core::dify::DifyFolder;
use crate::core::run::{RunContext, renew_steps};

pub fn run(folder: DifyFolder, compose: Option<&str>) -> Result<ExitCode, Failure> {
    let file = open_env(&folder, false)?;
    let env = |k: &str| std::env::var(k).ok();
    let doc = file.document();
    // Resolved once: resolving one key interpolates the whole file.
    let values = doc.resolve_all(&env).unwrap_or_default();
    let value = |key: &str| values.get(key).cloned().unwrap_or_default();
    let domain = value("CERTBOT_DOMAIN");
    if domain.is_empty() || domain == "your_domain.com" {
        return Err(Failure::usage(
            "CERTBOT_DOMAIN is not set in .env: run `dify-https setup` (or the wizard) first"
                .into(),
        ));
    }
    if !folder.renewal_conf(&domain).exists() && !folder.live_dir(&domain).exists() {
        return Err(Failure::usage(format!(
            "there is no certificate for {domain} to renew yet: run `dify-https setup` first"
        )));
    }
    let compose = detect(compose).map_err(|e| Failure::runtime(e.to_string()))?;
    let https_enabled = value("NGINX_HTTPS_ENABLED") == "true";
    let ctx = RunContext {
        folder,
        compose,
        domain,
        env: |k| std::env::var(k).ok(),
        nginx_wait: Duration::from_secs(60),
        upgrade_urls: false,
        now: OffsetDateTime::now_utc,
        compose_env: vec![],
    };
    run_output::execute(ctx, renew_steps(https_enabled))
}
