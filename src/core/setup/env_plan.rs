//! The exact `.env` change a setup makes, with what the user should know about it.

use crate::tr;
use std::fmt;

use time::OffsetDateTime;

use super::public_urls::{UrlFinding, public_url_findings};
use super::request::{DEFERRED_DOMAIN_KEYS, SetupRequest};
use crate::core::diff::{DiffLine, diff_lines};
use crate::core::dify::{DifyFolder, Layout, StrayCertbotValue, nginx_start_problem};
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
    Duplicate {
        key: String,
        lines: Vec<usize>,
    },
    InvalidLine {
        line: usize,
        why: String,
    },
    StrayCertbot(StrayCertbotValue),
    EssentialLayout,
    /// A domain change on a live HTTPS install: nginx keeps serving `old` with its
    /// certificate; `CERTBOT_DOMAIN` and `NGINX_SERVER_NAME` switch to `new` at the HTTPS
    /// switch, once `new` has its certificate.
    DomainSwitchDeferred {
        old: String,
        new: String,
    },
    /// nginx could not start with HTTPS on after this write (no certificate for
    /// `domain`), so the same write turns HTTPS off; the run turns it on again.
    HttpsOffInThisWrite {
        domain: String,
    },
    /// nginx serves an imported certificate: it keeps serving it (its file names stay)
    /// until the run's new certificate exists, and the HTTPS switch points nginx at that.
    ImportedServedUntilSwitch,
}

impl fmt::Display for PlanNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanNote::Duplicate { key, lines } => {
                let (last, others) = lines.split_last().expect("a duplicate has lines");
                let others: Vec<String> = others.iter().map(|l| l.to_string()).collect();
                let text = tr!(
                    "core-plan-duplicate",
                    key = key.clone(),
                    last,
                    count = others.len(),
                    ignored = others.join(", ")
                );
                f.write_str(&text)
            }
            PlanNote::InvalidLine { line, why } => {
                write!(f, "{}", tr!("core-plan-line-line-is-not-valid", line, why))
            }
            PlanNote::StrayCertbot(s) => write!(
                f,
                "{}",
                tr!(
                    "core-plan-in-line-never-reaches-the",
                    key = (s.key).to_string(),
                    value = (s.value).to_string(),
                    file = (s.file.display()).to_string(),
                    line = (s.line).to_string()
                )
            ),
            PlanNote::EssentialLayout => f.write_str(&tr!("core-plan-this-env-uses-difys-newer")),
            PlanNote::DomainSwitchDeferred { old, new } => {
                write!(f, "{}", tr!("core-plan-https-stays-on-for-old", old, new))
            }
            PlanNote::HttpsOffInThisWrite { domain } => {
                write!(f, "{}", tr!("core-plan-https-goes-off-in-this", domain))
            }
            PlanNote::ImportedServedUntilSwitch => {
                f.write_str(&tr!("plan-note-imported-served-until-switch"))
            }
        }
    }
}

/// The `.env` keys that name the certificate files nginx loads.
pub const CERTIFICATE_FILE_KEYS: [&str; 2] =
    ["NGINX_SSL_CERT_FILENAME", "NGINX_SSL_CERT_KEY_FILENAME"];

/// Whether nginx serves an imported certificate with `doc`.
fn served_imported(folder: &DifyFolder, doc: &EnvDocument) -> bool {
    let values = doc.resolve_all(&|_| None).unwrap_or_default();
    crate::core::dify::served_files(folder, &values).source == crate::core::dify::Source::Imported
}

/// The changes in `wanted` whose value differs from what `doc` has.
fn changed_only(doc: &EnvDocument, wanted: &ChangeSet) -> ChangeSet {
    let mut changes = ChangeSet::default();
    for c in &wanted.changes {
        let old = doc.get(&c.key).filter(|a| a.value_range.is_some());
        if old.map(|a| a.literal.as_str()) != Some(c.value.as_str()) {
            changes.push(c.key.clone(), c.value.clone());
        }
    }
    changes
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
        let mut notes = Vec::new();
        let mut wanted = request.env_changes();
        let mut after = doc.with_changes(&changed_only(doc, &wanted))?;
        // No write may leave a .env that Dify's nginx cannot start with.
        if nginx_start_problem(folder, &after).is_some() {
            let old = doc
                .literal("CERTBOT_DOMAIN")
                .unwrap_or_default()
                .to_string();
            let live_now = !request.env_only && nginx_start_problem(folder, doc).is_none();
            if live_now && old != request.domain {
                // Live HTTPS for `old`: keep it until `new` has its certificate.
                wanted
                    .changes
                    .retain(|c| !DEFERRED_DOMAIN_KEYS.contains(&c.key.as_str()));
                after = doc.with_changes(&changed_only(doc, &wanted))?;
                notes.push(PlanNote::DomainSwitchDeferred {
                    old,
                    new: request.domain.clone(),
                });
            }
            if live_now
                && nginx_start_problem(folder, &after).is_some()
                && served_imported(folder, doc)
            {
                // An imported certificate is served: it stays until the new one exists
                // (the HTTPS switch of the run points nginx at certbot's files).
                wanted
                    .changes
                    .retain(|c| !CERTIFICATE_FILE_KEYS.contains(&c.key.as_str()));
                after = doc.with_changes(&changed_only(doc, &wanted))?;
                notes.push(PlanNote::ImportedServedUntilSwitch);
            }
            if nginx_start_problem(folder, &after).is_some() {
                wanted.push("NGINX_HTTPS_ENABLED", "false");
                after = doc.with_changes(&changed_only(doc, &wanted))?;
                notes.push(PlanNote::HttpsOffInThisWrite {
                    domain: request.domain.clone(),
                });
            }
        }
        let changes = changed_only(doc, &wanted);
        let key_changes = changes
            .changes
            .iter()
            .map(|c| KeyChange {
                key: c.key.clone(),
                old: doc
                    .get(&c.key)
                    .filter(|a| a.value_range.is_some())
                    .map(|a| a.literal.clone()),
                new: c.value.clone(),
            })
            .collect();

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Going back to Let's Encrypt from an imported certificate: the file names stay
    /// (nginx keeps serving it) and HTTPS stays on; the run's switch moves them.
    #[test]
    fn an_imported_certificate_is_served_until_the_switch() {
        let (_dir, folder) = crate::core::dify::test_folder();
        let ssl = folder.nginx_dir().join("ssl");
        std::fs::create_dir_all(&ssl).unwrap();
        std::fs::write(ssl.join("dify-https.crt"), "x").unwrap();
        std::fs::write(ssl.join("dify-https.key"), "x").unwrap();
        let env = "NGINX_HTTPS_ENABLED=true\nNGINX_SERVER_NAME=a.acmecorp.io\n\
                   NGINX_SSL_CERT_FILENAME=dify-https.crt\nNGINX_SSL_CERT_KEY_FILENAME=dify-https.key\n\
                   CERTBOT_DOMAIN=a.acmecorp.io\nCERTBOT_EMAIL=ops@acme-corp.dev\n";
        std::fs::write(folder.env_path(), env).unwrap();
        let file = EnvFile::read(&folder.env_path()).unwrap();
        let request = super::super::Answers {
            domain: "a.acmecorp.io".into(),
            email: "ops@acme-corp.dev".into(),
            mode: super::super::Mode::Production,
            extra_options: String::new(),
        }
        .check()
        .unwrap();
        let plan = EnvPlan::build(&folder, &file, request).unwrap();
        let keys: Vec<&str> = plan.key_changes.iter().map(|k| k.key.as_str()).collect();
        assert!(!keys.contains(&"NGINX_SSL_CERT_FILENAME"), "{keys:?}");
        assert!(
            !keys.contains(&"NGINX_HTTPS_ENABLED"),
            "HTTPS stays on: {keys:?}"
        );
        assert!(plan.notes.contains(&PlanNote::ImportedServedUntilSwitch));
    }

    #[test]
    fn duplicate_lines_are_counted_in_words() {
        let one = PlanNote::Duplicate {
            key: "A".into(),
            lines: vec![1, 3],
        };
        assert!(
            one.to_string()
                .ends_with("Line 1 is ignored: remove it to avoid confusion")
        );
        let two = PlanNote::Duplicate {
            key: "A".into(),
            lines: vec![1, 2, 3],
        };
        assert!(
            two.to_string()
                .ends_with("Lines 1, 2 are ignored: remove them to avoid confusion")
        );
    }
}
