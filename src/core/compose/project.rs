//! The compose project a folder belongs to, named as compose names it:
//! `COMPOSE_PROJECT_NAME` (the environment, then `.env`), the compose file's top-level
//! `name:`, else the folder's name, lower-cased with only `a-z0-9_-` kept.

use crate::core::dify::DifyFolder;
use crate::core::envfile::EnvDocument;
use crate::core::files::{Links, SMALL_FILE_LIMIT, read_bounded};

/// Compose's project name for `folder`.
pub fn project_name(
    folder: &DifyFolder,
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
) -> String {
    let from_env = env("COMPOSE_PROJECT_NAME")
        .or_else(|| doc.resolve("COMPOSE_PROJECT_NAME", env).ok().flatten())
        .filter(|n| !n.trim().is_empty());
    if let Some(name) = from_env {
        return normalise(&name);
    }
    let top_level_name = read_bounded(folder.compose_file(), SMALL_FILE_LIMIT, Links::Follow)
        .ok()
        .and_then(|bytes| {
            String::from_utf8_lossy(&bytes).lines().find_map(|l| {
                l.strip_prefix("name:")
                    .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
            })
        })
        .filter(|n| !n.is_empty() && !n.contains("${"));
    if let Some(name) = top_level_name {
        return normalise(&name);
    }
    let base = folder
        .root()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    normalise(&base)
}

/// A project name that tells this install apart when another one has the same: its
/// parent folder's name (`/srv/dify-eu/docker` → `dify-eu`), as compose would write it.
pub fn suggested_project_name(folder: &DifyFolder) -> String {
    let name = |p: Option<&std::path::Path>| {
        p.and_then(|p| p.file_name())
            .map(|n| normalise(&n.to_string_lossy()))
            .unwrap_or_default()
    };
    let parent = name(folder.root().parent());
    let own = name(Some(folder.root()));
    match parent.as_str() {
        "" => format!("{own}-2"),
        p if p == own => format!("{p}-2"),
        p => p.to_string(),
    }
}

/// Lower case, `a-z0-9_-` only, starting with a letter or digit (compose's rule).
fn normalise(name: &str) -> String {
    let kept: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    kept.trim_start_matches(['_', '-']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_as_compose_names_it() {
        let (dir, folder) = crate::core::dify::test_folder();
        let empty = EnvDocument::parse("");
        let base = normalise(&dir.path().file_name().unwrap().to_string_lossy());
        assert_eq!(project_name(&folder, &empty, &|_| None), base);
        let doc = EnvDocument::parse("COMPOSE_PROJECT_NAME=Dify_Prod\n");
        assert_eq!(project_name(&folder, &doc, &|_| None), "dify_prod");
        assert_eq!(
            project_name(&folder, &doc, &|k| (k == "COMPOSE_PROJECT_NAME")
                .then(|| "from-shell".into())),
            "from-shell"
        );
        std::fs::write(
            folder.compose_file(),
            "name: dify-main\nservices:\n  nginx: {}\n  certbot: {}\n",
        )
        .unwrap();
        assert_eq!(project_name(&folder, &empty, &|_| None), "dify-main");
        assert_eq!(normalise("My Dify.Docker"), "mydifydocker");
        assert_eq!(normalise("_docker"), "docker");
    }
}
