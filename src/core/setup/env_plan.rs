//! The exact `.env` change a setup makes, with what the user should know about it.

use std::fmt;

use time::OffsetDateTime;

use super::public_urls::{UrlFinding, public_url_findings};
use super::request::SetupRequest;
use crate::core::diff::{DiffLine, diff_lines};
use crate::core::dify::{DifyFolder, Layout, StrayCertbotValue};
use crate::core::envfile::{ChangeSet, EnvDocument, EnvFile, SetError, StoreError, WriteReport};

/// One key the plan changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChange {
    pub key: String,
    /// The current value as written (unquoted), `None` when the key is added.
    pub old: Option<String>,
    pub new: String,
}

/// Things worth telling before the user applies the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanNote {
    Duplicate { key: String, lines: Vec<usize> },
    InvalidLine { line: usize, why: String },
    StrayCertbot(StrayCertbotValue),
    EssentialLayout,
    HttpsOnWithoutCertificate { domain: String },
}

impl fmt::Display for PlanNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanNote::Duplicate { key, lines } => {
                let (last, others) = lines.split_last().expect("a duplicate has lines");
                let others: Vec<String> = others.iter().map(|l| l.to_string()).collect();
                write!(
                    f,
                    "{key} is set more than once; compose uses the last one (line {last}), which is the one changed. Lines {} are ignored: remove them to avoid confusion",
                    others.join(", ")
                )
            }
            PlanNote::InvalidLine { line, why } => {
                write!(f, "line {line} is not valid for docker compose ({why}); it is kept as it is, but compose will refuse the file until it is fixed")
            }
            PlanNote::StrayCertbot(s) => write!(
                f,
                "{}={} in {} (line {}) never reaches the certbot container (it reads only .env); .env's value is the one used",
                s.key,
                s.value,
                s.file.display(),
                s.line
            ),
            PlanNote::EssentialLayout => f.write_str(
                "this .env uses Dify's newer layout without CERTBOT_* keys: they are added to .env, the only file the certbot and nginx services read",
            ),
            PlanNote::HttpsOnWithoutCertificate { domain } => write!(
                f,
                "NGINX_HTTPS_ENABLED is already true, but there is no certificate for {domain} yet: Dify's nginx will fail to start until there is one"
            ),
        }
    }
}

/// The reviewed change: what is written now, and what follows once a certificate exists.
#[derive(Debug, Clone)]
pub struct EnvPlan {
    pub request: SetupRequest,
    /// Keys whose value changes (keys already right are left out).
    pub key_changes: Vec<KeyChange>,
    pub before: String,
    pub after: String,
    pub notes: Vec<PlanNote>,
    pub urls: Vec<UrlFinding>,
    /// Set by the HTTPS switch, after the certificate exists.
    pub on_https: ChangeSet,
}

impl EnvPlan {
    pub fn build(
        folder: &DifyFolder,
        file: &EnvFile,
        request: SetupRequest,
    ) -> Result<EnvPlan, SetError> {
        let doc = file.document();
        let mut changes = ChangeSet::default();
        let mut key_changes = Vec::new();
        for c in request.env_changes().changes {
            let old = doc
                .get(&c.key)
                .filter(|a| a.value_range.is_some())
                .map(|a| a.literal.clone());
            if old.as_deref() != Some(c.value.as_str()) {
                key_changes.push(KeyChange {
                    key: c.key.clone(),
                    old,
                    new: c.value.clone(),
                });
                changes.push(c.key, c.value);
            }
        }
        let after = doc.with_changes(&changes)?;

        let mut notes = Vec::new();
        for (key, lines) in doc.duplicates() {
            if changes.changes.iter().any(|c| c.key == key) {
                notes.push(PlanNote::Duplicate { key, lines });
            }
        }
        for (line, why) in doc.invalid_lines() {
            notes.push(PlanNote::InvalidLine {
                line,
                why: why.to_string(),
            });
        }
        if folder.layout(doc) == Layout::Essential {
            notes.push(PlanNote::EssentialLayout);
        }
        notes.extend(
            folder
                .stray_certbot_values()
                .into_iter()
                .map(PlanNote::StrayCertbot),
        );
        let https_on = doc
            .resolve("NGINX_HTTPS_ENABLED", &|_| None)
            .ok()
            .flatten()
            .is_some_and(|v| v == "true");
        let live = folder.live_dir(&request.domain);
        if https_on && !(live.join("fullchain.pem").exists() && live.join("privkey.pem").exists()) {
            notes.push(PlanNote::HttpsOnWithoutCertificate {
                domain: request.domain.clone(),
            });
        }

        Ok(EnvPlan {
            urls: public_url_findings(&after, &request.domain),
            on_https: request.https_changes(&after),
            request,
            key_changes,
            before: file.original_text().to_string(),
            after: after.render(),
            notes,
        })
    }

    /// Nothing to write: `.env` already says all of it.
    pub fn is_noop(&self) -> bool {
        self.key_changes.is_empty()
    }

    pub fn diff(&self, context: usize) -> Vec<DiffLine> {
        diff_lines(&self.before, &self.after, context)
    }

    /// Writes the change (see [`EnvFile::write`]: atomic, backed up, refused if stale).
    pub fn write(&self, file: &EnvFile, now: OffsetDateTime) -> Result<WriteReport, StoreError> {
        file.write(&self.after, now)
    }

    /// The document as it will be after the write.
    pub fn after_document(&self) -> EnvDocument {
        EnvDocument::parse(&self.after)
    }
}
