//! Before a run: is this folder's compose project also another install's? Compose
//! acts by project name, so `up`, `exec` and `run` from here would touch that
//! install's containers. Only the engine can tell (its containers carry the folder).

use crate::core::compose::{
    ComposeCommand, profiles_with_certbot, project_containers, project_name, suggested_project_name,
};
use crate::core::dify::DifyFolder;
use crate::core::envfile::EnvDocument;

/// Another install under this folder's project name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherInstall {
    pub project: String,
    pub other_folders: Vec<String>,
    /// A `COMPOSE_PROJECT_NAME` that would tell this folder apart.
    pub suggested_name: String,
}

/// `Some` when containers of this folder's project were created from other folders.
pub fn other_install(
    folder: &DifyFolder,
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
    compose: &ComposeCommand,
    extra_env: &[(String, String)],
) -> Option<OtherInstall> {
    let project = project_name(folder, doc, env);
    let profiles = profiles_with_certbot(doc, env).ok()?;
    let found = project_containers(folder, &project, compose, &profiles, extra_env, env).ok()?;
    (!found.other_folders.is_empty()).then(|| OtherInstall {
        project,
        other_folders: found.other_folders,
        suggested_name: suggested_project_name(folder),
    })
}
