//! The profiles a compose run must enable. Dify's `.env` sets
//! `COMPOSE_PROFILES=${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql}`, and compose v2
//! ignores it as soon as one `--profile` flag is given: Dify's documented
//! `--profile certbot up` silently leaves the database and vector store out. So the
//! user's profiles are resolved here and `certbot` is added to them.

use crate::core::envfile::EnvDocument;
use crate::core::envfile::interpolate::InterpolationError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::tr!("core-compose-compose-profiles-cannot-be-resolved", line = .line.to_string(), why = .source.to_string()))]
pub struct ProfilesError {
    pub line: usize,
    pub source: InterpolationError,
}

/// The user's profiles (from the environment, else `.env`, interpolated) plus `certbot`,
/// without duplicates, in order.
pub fn profiles_with_certbot(
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<String>, ProfilesError> {
    let resolved = doc
        .resolve("COMPOSE_PROFILES", env)
        .map_err(|(line, source)| ProfilesError { line, source })?
        .unwrap_or_default();
    let mut profiles: Vec<String> = Vec::new();
    for p in resolved.split(',').map(str::trim).chain(["certbot"]) {
        if !p.is_empty() && !profiles.iter().any(|q| q == p) {
            profiles.push(p.to_string());
        }
    }
    Ok(profiles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dify_defaults_keep_database_and_vector_store() {
        let doc = EnvDocument::parse(
            "COMPOSE_PROFILES=${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql},collaboration\n",
        );
        assert_eq!(
            profiles_with_certbot(&doc, &|_| None).unwrap(),
            ["weaviate", "postgresql", "collaboration", "certbot"]
        );
    }

    #[test]
    fn the_environment_overrides_the_file_and_certbot_is_not_doubled() {
        let doc = EnvDocument::parse(
            "VECTOR_STORE=qdrant\nCOMPOSE_PROFILES=${VECTOR_STORE:-weaviate},certbot\n",
        );
        assert_eq!(
            profiles_with_certbot(&doc, &|_| None).unwrap(),
            ["qdrant", "certbot"]
        );
        let env = |k: &str| (k == "COMPOSE_PROFILES").then(|| "milvus, mysql".to_string());
        assert_eq!(
            profiles_with_certbot(&doc, &env).unwrap(),
            ["milvus", "mysql", "certbot"]
        );
    }

    #[test]
    fn no_profiles_at_all_still_enables_certbot() {
        assert_eq!(
            profiles_with_certbot(&EnvDocument::parse(""), &|_| None).unwrap(),
            ["certbot"]
        );
    }

    #[test]
    fn a_broken_reference_names_its_line() {
        let doc = EnvDocument::parse("A=1\nCOMPOSE_PROFILES=${DB_TYPE:?set DB_TYPE}\n");
        let err = profiles_with_certbot(&doc, &|_| None).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().contains("set DB_TYPE"));
    }
}
