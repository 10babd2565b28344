//! Whether a renewal may run, and what it runs: one rule for `dify-https renew`, the
//! dashboard's `r` and a setup that finds everything in place.

use super::steps::{Step, renew_steps};
use crate::core::dify::DifyFolder;
use crate::core::envfile::EnvDocument;
use crate::core::setup::validate::{self, Scope};
use crate::tr;

/// A renewal that may run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalPlan {
    pub domain: String,
    pub https_enabled: bool,
    pub steps: Vec<Step>,
}

/// Why a renewal may not run; nothing was started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenewalRefused {
    #[error("{}", crate::tr!("core-renewal-certbot-domain-is-not-set"))]
    NoDomain,
    #[error("{}", crate::tr!("core-renewal-there-is-no-certificate-for", domain = .domain.to_string()))]
    NoCertificate { domain: String },
    /// Dify's script would paste a stored value into a shell script: it must be as
    /// safe as what the setup writes.
    #[error("{}", crate::tr!("core-renewal-key-in-env-is-not", key = .key.to_string(), why = .why.to_string()))]
    UnsafeValue { key: &'static str, why: String },
    /// nginx serves an imported certificate: nobody renews it (it is replaced).
    #[error("{}", crate::tr!("renewal-refused-imported"))]
    Imported,
}

/// The renewal for the folder's `.env` (`values` resolved as compose would).
pub fn plan_renewal(
    folder: &DifyFolder,
    value: &dyn Fn(&str) -> String,
) -> Result<RenewalPlan, RenewalRefused> {
    let domain = value("CERTBOT_DOMAIN");
    if domain.is_empty() || domain == "your_domain.com" {
        return Err(RenewalRefused::NoDomain);
    }
    let options = value("CERTBOT_OPTIONS");
    let scope = Scope::of_options(&options);
    let unsafe_value = |key: &'static str, why: String| RenewalRefused::UnsafeValue { key, why };
    // The stored values go into Dify's sed-rendered shell script as they are.
    match validate::domain(&domain, scope) {
        Ok(d) if d == domain => {}
        Ok(d) => {
            return Err(unsafe_value(
                "CERTBOT_DOMAIN",
                tr!("core-renewal-it-is-written-as-domain", domain, d),
            ));
        }
        Err(e) => return Err(unsafe_value("CERTBOT_DOMAIN", e)),
    }
    if let Some(c) = validate::script_breaking_char(&value("CERTBOT_EMAIL")) {
        return Err(unsafe_value(
            "CERTBOT_EMAIL",
            tr!("core-renewal-it-contains-c", c = format!("{:?}", c)),
        ));
    }
    if let Some(why) = validate::stored_options_problem(&options) {
        return Err(unsafe_value("CERTBOT_OPTIONS", why));
    }
    if !folder.renewal_conf(&domain).exists() && !folder.live_dir(&domain).exists() {
        return Err(RenewalRefused::NoCertificate { domain });
    }
    let https_enabled = value("NGINX_HTTPS_ENABLED") == "true";
    Ok(RenewalPlan {
        domain,
        https_enabled,
        steps: renew_steps(https_enabled),
    })
}

/// [`plan_renewal`] over a `.env` document and the process environment.
pub fn plan_renewal_for(
    folder: &DifyFolder,
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<RenewalPlan, RenewalRefused> {
    let values = doc.resolve_all(env).unwrap_or_default();
    // An imported certificate is not certbot's to renew (a lineage beside it is not
    // what nginx serves).
    if crate::core::dify::served_files(folder, &values).source
        == crate::core::dify::Source::Imported
    {
        return Err(RenewalRefused::Imported);
    }
    plan_renewal(folder, &|k| values.get(k).cloned().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with_cert() -> (tempfile::TempDir, DifyFolder) {
        let (dir, folder) = crate::core::dify::test_folder();
        std::fs::create_dir_all(folder.live_dir("a.acmecorp.io")).unwrap();
        (dir, folder)
    }

    fn plan(folder: &DifyFolder, env: &str) -> Result<RenewalPlan, RenewalRefused> {
        plan_renewal_for(folder, &EnvDocument::parse(env), &|_| None)
    }

    #[test]
    fn tampered_values_never_reach_difys_script() {
        let (_d, folder) = folder_with_cert();
        let base = "CERTBOT_DOMAIN=a.acmecorp.io\nCERTBOT_EMAIL=ops@acme-corp.dev\n";
        assert!(
            plan(
                &folder,
                &format!(
                    "{base}CERTBOT_OPTIONS=--no-random-sleep-on-renew\nNGINX_HTTPS_ENABLED=true\n"
                )
            )
            .unwrap()
            .https_enabled
        );
        for (bad, key) in [
            (
                "CERTBOT_OPTIONS='--x $(touch /tmp/pwned)'\n",
                "CERTBOT_OPTIONS",
            ),
            ("CERTBOT_OPTIONS=--x `id`\n", "CERTBOT_OPTIONS"),
            ("CERTBOT_OPTIONS=--deploy-hook x\n", "CERTBOT_OPTIONS"),
            ("CERTBOT_OPTIONS=--key-type *\n", "CERTBOT_OPTIONS"),
            ("CERTBOT_EMAIL=a|b@x.org\n", "CERTBOT_EMAIL"),
        ] {
            let err = plan(&folder, &format!("{base}{bad}")).unwrap_err();
            assert!(
                matches!(&err, RenewalRefused::UnsafeValue { key: k, .. } if *k == key),
                "{bad}: {err}"
            );
        }
        let err = plan(&folder, "CERTBOT_DOMAIN=a.acmecorp.io;id\n").unwrap_err();
        assert!(matches!(
            err,
            RenewalRefused::UnsafeValue {
                key: "CERTBOT_DOMAIN",
                ..
            }
        ));
    }

    #[test]
    fn nothing_to_renew_is_said_before_anything_runs() {
        let (_d, folder) = folder_with_cert();
        assert_eq!(
            plan(&folder, "CERTBOT_DOMAIN=your_domain.com\n"),
            Err(RenewalRefused::NoDomain)
        );
        assert_eq!(
            plan(&folder, "CERTBOT_DOMAIN=b.acmecorp.io\n"),
            Err(RenewalRefused::NoCertificate {
                domain: "b.acmecorp.io".into()
            })
        );
    }
}
