//! The import, decided once for both front ends: which domain, the files read and
//! checked, what `.env` becomes, and every refusal before anything is written.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::install::{ImportJob, Replacing, import_changes};
use super::judge::{Checked, check, leaf_names};
use super::material::{MaterialError, read_material_with};
use crate::core::dify::DifyFolder;
use crate::core::envfile::{ChangeSet, EnvDocument};
use crate::core::setup::validate::{self, Scope};

/// What the user gives.
pub struct ImportInput<'a> {
    pub cert: &'a [u8],
    pub key: &'a [u8],
    pub chain: Option<&'a [u8]>,
    /// The domain typed (`--domain`), if any.
    pub domain: Option<&'a str>,
    /// Upgrade the public URLs naming `http://<domain>` (as the setup's switch does).
    pub upgrade_urls: bool,
    /// Opens an encrypted key (it is then stored decrypted: nginx cannot read it else).
    pub passphrase: Option<&'a str>,
}

/// Why nothing is imported.
#[derive(Debug, Clone)]
pub enum ImportRefusal {
    /// The files are not a usable certificate and key.
    Material(MaterialError),
    /// No domain typed, none in `.env`, and the certificate names several.
    NoDomain { names: Vec<String> },
    /// The domain typed is not one a certificate can be for (the setup's words).
    BadDomain(String),
    /// The checks refused it (the whole result, warnings and notes included).
    Checks(Box<Checked>),
    /// The `.env` change cannot be made (a value the `.env` gate refuses).
    Env(String),
}

/// An import ready to run: reviewed by the user (the checks, the diff), then run as
/// [`crate::core::run::Step::InstallCertificate`].
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub domain: String,
    pub checked: Checked,
    pub job: ImportJob,
    pub changes: ChangeSet,
    pub before: EnvDocument,
    pub after: EnvDocument,
    pub replacing: Replacing,
    /// A Let's Encrypt lineage exists for the domain: nginx would have preferred it
    /// had the files been named as certbot names them.
    pub lineage_beside: bool,
}

impl ImportPlan {
    pub fn env_changes(&self) -> bool {
        self.after.render() != self.before.render()
    }
}

/// The domain an import is for: the one typed, else `.env`'s (`CERTBOT_DOMAIN`, then
/// `NGINX_SERVER_NAME`), else the certificate's only name.
fn domain_of(
    typed: Option<&str>,
    values: &HashMap<String, String>,
    names: &[String],
) -> Result<String, ImportRefusal> {
    if let Some(d) = typed {
        return validate::domain(d, Scope::CustomCa).map_err(ImportRefusal::BadDomain);
    }
    let from_env = ["CERTBOT_DOMAIN", "NGINX_SERVER_NAME"]
        .iter()
        .filter_map(|k| values.get(*k))
        .map(|v| v.split_whitespace().next().unwrap_or_default().to_string())
        .find(|v| !v.is_empty() && v != "_" && v != "your_domain.com");
    if let Some(d) = from_env {
        return validate::domain(&d, Scope::CustomCa).map_err(ImportRefusal::BadDomain);
    }
    match names {
        [only] if !only.starts_with("*.") => {
            validate::domain(only, Scope::CustomCa).map_err(ImportRefusal::BadDomain)
        }
        _ => Err(ImportRefusal::NoDomain {
            names: names.to_vec(),
        }),
    }
}

/// Plans the import of `input` into `folder`, whose `.env` is `doc`, at `now`.
pub fn plan(
    folder: &DifyFolder,
    doc: &EnvDocument,
    input: &ImportInput<'_>,
    now: OffsetDateTime,
) -> Result<ImportPlan, ImportRefusal> {
    let material = read_material_with(input.cert, input.key, input.chain, input.passphrase)
        .map_err(ImportRefusal::Material)?;
    let values = doc.resolve_all(&|_| None).unwrap_or_default();
    // The names, read before the domain is known (to offer the only one).
    let names = leaf_names(&material);
    let domain = domain_of(input.domain, &values, &names)?;
    let checked = check(&material, &domain, now);
    if checked.refused() {
        return Err(ImportRefusal::Checks(Box::new(checked)));
    }
    let leaf = checked
        .leaf
        .clone()
        .expect("a checked certificate has a leaf");
    let job = ImportJob {
        chain_pem: checked.chain_pem(),
        key: material.key.clone(),
        leaf,
        root_pem: checked.private_root_pem(),
    };
    let changes = import_changes(doc, &domain, input.upgrade_urls);
    let after = doc
        .with_changes(&changes)
        .map_err(|e| ImportRefusal::Env(e.to_string()))?;
    // The same gate every `.env` write passes, asked before anything is written.
    if let Some((_, problem)) = crate::core::envfile::guard::unsafe_change(doc, &after) {
        return Err(ImportRefusal::Env(problem));
    }
    let replacing =
        super::install::replacing(folder, &job).map_err(|e| ImportRefusal::Env(e.to_string()))?;
    Ok(ImportPlan {
        lineage_beside: folder.live_dir(&domain).join("fullchain.pem").exists(),
        domain,
        checked,
        job,
        changes,
        before: doc.clone(),
        after,
        replacing,
    })
}

/// The steps an import runs: the install, then (when the stack runs) the confirmation
/// that nginx serves it. A stopped stack is left stopped: its next start loads it.
pub fn import_steps(stack_running: bool) -> Vec<crate::core::run::Step> {
    use crate::core::run::Step;
    if stack_running {
        vec![Step::InstallCertificate, Step::ConfirmHttps]
    } else {
        vec![Step::InstallCertificate]
    }
}
