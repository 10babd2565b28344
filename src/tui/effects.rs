//! Carrying out effects. Each runs to completion and answers with one message; the
//! runtime runs them on worker threads, tests run them inline.

use time::OffsetDateTime;

use super::app::FolderSummary;
use super::msg::{Applied, Effect, Msg};
use crate::core::compose::{detect, profiles_with_certbot};
use crate::core::dify::DifyFolder;
use crate::core::envfile::{EnvFile, StoreError};
use crate::core::setup::{EnvPlan, next_steps};

/// What effects need from the outside world.
pub struct EffectContext {
    pub folder: DifyFolder,
    /// How the folder is named on screen.
    pub label: String,
    /// `--compose` / `DIFY_HTTPS_COMPOSE`.
    pub compose_override: Option<String>,
    pub now: fn() -> OffsetDateTime,
    /// The process environment, as compose would see it.
    pub env: fn(&str) -> Option<String>,
}

impl EffectContext {
    /// A message for the screen: the folder is named by its label, as everywhere else.
    fn shown(&self, text: String) -> String {
        let root = self.folder.root().display().to_string();
        text.replace(&root, &self.label)
    }
}

pub fn perform(effect: Effect, ctx: &EffectContext) -> Msg {
    match perform_raw(effect, ctx) {
        Msg::EnvCreated(Err(e)) => Msg::EnvCreated(Err(ctx.shown(e))),
        Msg::PlanBuilt(Err(e)) => Msg::PlanBuilt(Err(ctx.shown(e))),
        Msg::Applied(Err(e)) => Msg::Applied(Err(ctx.shown(e))),
        msg => msg,
    }
}

fn perform_raw(effect: Effect, ctx: &EffectContext) -> Msg {
    match effect {
        Effect::CreateEnv => Msg::EnvCreated(
            ctx.folder
                .create_env_from_example()
                .map_err(|e| format!("cannot create .env from .env.example: {e}"))
                .and_then(|path| EnvFile::read(&path).map_err(|e| e.to_string()))
                .map(|file| {
                    (
                        FolderSummary::read(&ctx.folder, ctx.label.clone(), Some(&file)),
                        file,
                    )
                }),
        ),
        Effect::BuildPlan(request) => Msg::PlanBuilt(
            EnvFile::read(&ctx.folder.env_path())
                .map_err(|e| e.to_string())
                .and_then(|file| {
                    let plan =
                        EnvPlan::build(&ctx.folder, &file, request).map_err(|e| e.to_string())?;
                    Ok((file, Box::new(plan)))
                }),
        ),
        Effect::Apply(file, plan) => Msg::Applied(apply(&file, &plan, ctx)),
    }
}

fn apply(file: &EnvFile, plan: &EnvPlan, ctx: &EffectContext) -> Result<Applied, String> {
    let (backup_name, owner_warning) = if plan.is_noop() {
        (None, None)
    } else {
        let report = plan.write(file, (ctx.now)()).map_err(|e| match e {
            StoreError::ChangedOnDisk { .. } => {
                format!(
                    "{e}. Press Esc, then Enter, to review the change against .env as it is now"
                )
            }
            e => e.to_string(),
        })?;
        let name = report
            .backup
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        (name, report.owner_warning)
    };
    let compose = detect(ctx.compose_override.as_deref())
        .map(|c| c.to_string())
        .unwrap_or_else(|_| "docker compose".into());
    let profiles =
        profiles_with_certbot(&plan.after_document(), &ctx.env).map_err(|e| e.to_string())?;
    Ok(Applied {
        backup_name,
        owner_warning,
        next_steps: next_steps(plan, &compose, &profiles),
    })
}
