//! What changed since dify-https last applied HTTPS: pure rules over facts gathered
//! elsewhere (the record, `.env` as it is, the files, whether nginx could start).

use std::collections::BTreeMap;

use super::record::{Applied, RECORDED_KEYS};
use crate::core::envfile::EnvDocument;

/// One recorded key that is not what dify-https wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDrift {
    pub key: String,
    pub recorded: String,
    /// `None`: the key is gone from `.env`.
    pub now: Option<String>,
}

/// What drifted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Drift {
    /// Keys gone or changed since the record (empty: `.env` is as applied).
    pub keys: Vec<KeyDrift>,
    /// nginx could not start with `.env` as it is (on its next restart or recreation),
    /// while the certificate the record names is still there: the cost of the drift.
    pub nginx_will_fail: bool,
    /// The certificate the record names is still on disk.
    pub certificate_on_disk: bool,
    /// Watched Dify files that changed (or appeared, or went) since the record.
    pub changed_files: Vec<String>,
    /// Dify's newer `envs/` layout appeared (an upgrade from the classic one).
    pub layout_changed: bool,
    /// A backup Dify's env sync made after the record (`env-backup/.env.backup_*`):
    /// what most likely changed the keys.
    pub dify_sync_backup: Option<String>,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.changed_files.is_empty() && !self.layout_changed
    }

    /// The keys as `.env` should have them again (what `repair` writes).
    pub fn repair_changes(&self) -> crate::core::envfile::ChangeSet {
        let mut cs = crate::core::envfile::ChangeSet::default();
        for k in &self.keys {
            cs.push(k.key.clone(), k.recorded.clone());
        }
        cs
    }
}

/// The facts the rules look at.
pub struct Facts<'a> {
    pub record: &'a Applied,
    pub doc: &'a EnvDocument,
    /// Whether nginx could start with `doc` (the rule every write keeps).
    pub nginx_can_start: bool,
    pub certificate_on_disk: bool,
    pub files_now: &'a BTreeMap<String, String>,
    pub envs_layout_now: bool,
    pub dify_sync_backup: Option<String>,
}

/// `None` when nothing drifted.
pub fn judge(f: &Facts) -> Option<Drift> {
    let keys: Vec<KeyDrift> = RECORDED_KEYS
        .iter()
        .filter_map(|k| {
            let recorded = f.record.keys.get(*k)?;
            let now = f.doc.literal(k).map(str::to_string);
            (now.as_deref() != Some(recorded.as_str())).then(|| KeyDrift {
                key: k.to_string(),
                recorded: recorded.clone(),
                now,
            })
        })
        .collect();
    let mut changed_files: Vec<String> = f
        .record
        .files
        .iter()
        .filter(|(p, h)| f.files_now.get(*p) != Some(*h))
        .map(|(p, _)| p.clone())
        .collect();
    changed_files.extend(
        f.files_now
            .keys()
            .filter(|p| !f.record.files.contains_key(*p))
            .cloned(),
    );
    let drift = Drift {
        nginx_will_fail: !f.nginx_can_start,
        certificate_on_disk: f.certificate_on_disk,
        layout_changed: f.envs_layout_now && !f.record.envs_layout,
        dify_sync_backup: if keys.is_empty() {
            None
        } else {
            f.dify_sync_backup.clone()
        },
        keys,
        changed_files,
    };
    (!drift.is_empty()).then_some(drift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Applied {
        Applied {
            at: "2026-12-01T00:00:00Z".into(),
            source: "letsencrypt".into(),
            envs_layout: true,
            keys: [
                ("NGINX_HTTPS_ENABLED", "true"),
                ("CERTBOT_DOMAIN", "dify.acmecorp.io"),
                ("CERTBOT_EMAIL", "ops@acme-corp.dev"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
            files: [("nginx/docker-entrypoint.sh".to_string(), "aa".to_string())].into(),
        }
    }

    #[test]
    fn keys_gone_after_difys_sync_are_named_with_the_sync() {
        let doc = EnvDocument::parse("NGINX_HTTPS_ENABLED=true\n");
        let files = [("nginx/docker-entrypoint.sh".to_string(), "aa".to_string())].into();
        let d = judge(&Facts {
            record: &record(),
            doc: &doc,
            nginx_can_start: false,
            certificate_on_disk: true,
            files_now: &files,
            envs_layout_now: true,
            dify_sync_backup: Some("env-backup/.env.backup_20261202_101010".into()),
        })
        .unwrap();
        let gone: Vec<&str> = d.keys.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(gone, ["CERTBOT_DOMAIN", "CERTBOT_EMAIL"]);
        assert!(d.keys.iter().all(|k| k.now.is_none()));
        assert!(d.nginx_will_fail && d.certificate_on_disk);
        assert!(d.changed_files.is_empty() && !d.layout_changed);
        assert_eq!(d.repair_changes().changes.len(), 2);
    }

    #[test]
    fn an_unchanged_folder_has_no_drift_and_files_are_compared() {
        let doc = EnvDocument::parse(
            "NGINX_HTTPS_ENABLED=true\nCERTBOT_DOMAIN=dify.acmecorp.io\nCERTBOT_EMAIL=ops@acme-corp.dev\n",
        );
        let same = [("nginx/docker-entrypoint.sh".to_string(), "aa".to_string())].into();
        let facts = |files| Facts {
            record: Box::leak(Box::new(record())),
            doc: Box::leak(Box::new(doc.clone())),
            nginx_can_start: true,
            certificate_on_disk: true,
            files_now: files,
            envs_layout_now: true,
            dify_sync_backup: Some("env-backup/x".into()),
        };
        assert_eq!(judge(&facts(&same)), None);
        let changed = [("nginx/docker-entrypoint.sh".to_string(), "bb".to_string())].into();
        let d = judge(&facts(&changed)).unwrap();
        assert_eq!(d.changed_files, ["nginx/docker-entrypoint.sh"]);
        assert_eq!(
            d.dify_sync_backup, None,
            "no key changed: the sync is not blamed"
        );
    }
}
