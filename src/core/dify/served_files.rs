//! Which certificate files Dify's nginx loads, by its entrypoint's own rule:
//! `/etc/letsencrypt/live/$CERTBOT_DOMAIN/<NGINX_SSL_CERT_FILENAME>` (and the key) when
//! both exist there, else `/etc/ssl/<…>`, the folder's `nginx/ssl`. A certificate
//! imported by dify-https lives in `nginx/ssl` under names certbot never makes
//! ([`IMPORTED_CERT`], [`IMPORTED_KEY`]), so the rule picks it even where a Let's
//! Encrypt lineage exists for the same domain.

use std::collections::HashMap;
use std::path::PathBuf;

use super::DifyFolder;

/// The certificate file an import writes into `nginx/ssl` (the chain, leaf first).
pub const IMPORTED_CERT: &str = "dify-https.crt";
/// The key file an import writes beside it (0600).
pub const IMPORTED_KEY: &str = "dify-https.key";
/// A private CA's root the imported chain ends at: not served (browsers use their own
/// copy), kept so `status` judges the chain by it.
pub const IMPORTED_ROOT: &str = "dify-https.root.crt";
/// What a backup carries of `nginx/ssl`: the imported pair and its private root.
pub const IMPORTED_FILES: [&str; 3] = [IMPORTED_CERT, IMPORTED_KEY, IMPORTED_ROOT];
/// The pair a replacement keeps, for `undo`.
pub const PREVIOUS_CERT: &str = "dify-https.previous.crt";
pub const PREVIOUS_KEY: &str = "dify-https.previous.key";

/// Where the certificate nginx serves comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Let's Encrypt (or another ACME CA) through certbot: renewed by the schedule.
    #[default]
    Letsencrypt,
    /// Brought by the admin (`import`, or Dify's own `nginx/ssl` way): renewed by nobody.
    Imported,
}

/// The two files nginx loads, and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedFiles {
    pub source: Source,
    /// The certificate chain file (for a Let's Encrypt lineage: its `fullchain.pem`).
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// The files nginx loads with `values` (`.env` resolved): the entrypoint's rule. With
/// nothing in `nginx/ssl` either, the Let's Encrypt lineage's files (which may not
/// exist yet: the setup makes them).
pub fn served_files(folder: &DifyFolder, values: &HashMap<String, String>) -> ServedFiles {
    let value = |k: &str| values.get(k).map(String::as_str).unwrap_or_default();
    let name = |k: &str, default: &'static str| -> String {
        match value(k) {
            "" => default.to_string(),
            v => v.to_string(),
        }
    };
    let (cert, key) = (
        name("NGINX_SSL_CERT_FILENAME", "dify.crt"),
        name("NGINX_SSL_CERT_KEY_FILENAME", "dify.key"),
    );
    let domain = value("CERTBOT_DOMAIN");
    let live = folder.live_dir(domain);
    let plain = |n: &str| !n.contains('/') && n != ".." && n != ".";
    let in_live = !domain.is_empty()
        && plain(&cert)
        && plain(&key)
        && live.join(&cert).is_file()
        && live.join(&key).is_file();
    let ssl = folder.nginx_dir().join("ssl");
    if !in_live && plain(&cert) && ssl.join(&cert).is_file() {
        return ServedFiles {
            source: Source::Imported,
            cert: ssl.join(&cert),
            key: ssl.join(&key),
        };
    }
    ServedFiles {
        source: Source::Letsencrypt,
        cert: live.join("fullchain.pem"),
        key: live.join("privkey.pem"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dify::test_folder;

    fn values(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_entrypoints_rule_picks_the_imported_pair_beside_a_lineage() {
        let (_dir, folder) = test_folder();
        let live = folder.live_dir("a.example.org");
        std::fs::create_dir_all(&live).unwrap();
        for f in ["fullchain.pem", "privkey.pem"] {
            std::fs::write(live.join(f), "x").unwrap();
        }
        let le = values(&[
            ("CERTBOT_DOMAIN", "a.example.org"),
            ("NGINX_SSL_CERT_FILENAME", "fullchain.pem"),
            ("NGINX_SSL_CERT_KEY_FILENAME", "privkey.pem"),
        ]);
        assert_eq!(served_files(&folder, &le).source, Source::Letsencrypt);
        let ssl = folder.nginx_dir().join("ssl");
        std::fs::create_dir_all(&ssl).unwrap();
        std::fs::write(ssl.join(IMPORTED_CERT), "x").unwrap();
        let imported = values(&[
            ("CERTBOT_DOMAIN", "a.example.org"),
            ("NGINX_SSL_CERT_FILENAME", IMPORTED_CERT),
            ("NGINX_SSL_CERT_KEY_FILENAME", IMPORTED_KEY),
        ]);
        let files = served_files(&folder, &imported);
        assert_eq!(files.source, Source::Imported);
        assert_eq!(files.cert, ssl.join(IMPORTED_CERT));
        // A name that is also in the lineage is the lineage's (nginx's rule).
        std::fs::write(ssl.join("fullchain.pem"), "x").unwrap();
        assert_eq!(served_files(&folder, &le).source, Source::Letsencrypt);
    }
}
