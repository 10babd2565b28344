//! Whether Dify's nginx can start with a given `.env`: with `NGINX_HTTPS_ENABLED=true`
//! its entrypoint loads `/etc/letsencrypt/live/$CERTBOT_DOMAIN/<cert file>` when that
//! file and the key exist, else silently `/etc/ssl/<cert file>` (the folder's
//! `nginx/ssl`); with neither, nginx exits and `restart: always` loops. No write of
//! dify-https may leave a `.env` for which this says no.

use std::path::PathBuf;

use super::DifyFolder;
use crate::core::envfile::EnvDocument;

/// Why nginx could not start with HTTPS on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NginxStartProblem {
    /// The domain nginx would look under (`CERTBOT_DOMAIN`).
    pub domain: String,
    /// The certificate file it would need (the Let's Encrypt one).
    pub missing: PathBuf,
}

/// `None` when nginx can start with `doc` (HTTPS off, or its certificate files exist).
/// Values are read as written in `.env` (the shell environment is not consulted).
pub fn nginx_start_problem(folder: &DifyFolder, doc: &EnvDocument) -> Option<NginxStartProblem> {
    let value = |key: &str| {
        doc.resolve(key, &|_| None)
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    if value("NGINX_HTTPS_ENABLED") != "true" {
        return None;
    }
    let domain = value("CERTBOT_DOMAIN");
    let (cert, key) = (
        value("NGINX_SSL_CERT_FILENAME"),
        value("NGINX_SSL_CERT_KEY_FILENAME"),
    );
    let both = |dir: PathBuf| {
        !cert.is_empty() && !key.is_empty() && dir.join(&cert).is_file() && dir.join(&key).is_file()
    };
    let live = folder.live_dir(&domain);
    if (!domain.is_empty() && both(live.clone())) || both(folder.nginx_dir().join("ssl")) {
        return None;
    }
    // The file that is really missing: the certificate, else the key.
    let cert = if cert.is_empty() {
        "fullchain.pem"
    } else {
        &cert
    };
    let missing = if live.join(cert).is_file() && !key.is_empty() {
        live.join(&key)
    } else {
        live.join(cert)
    };
    Some(NginxStartProblem { missing, domain })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::core::dify::test_folder as folder;

    const ON: &str = "NGINX_HTTPS_ENABLED=true\nCERTBOT_DOMAIN=a.example.org\nNGINX_SSL_CERT_FILENAME=fullchain.pem\nNGINX_SSL_CERT_KEY_FILENAME=privkey.pem\n";

    #[test]
    fn https_on_needs_the_files_nginx_loads() {
        let (_dir, folder) = folder();
        let doc = EnvDocument::parse(ON);
        let problem = nginx_start_problem(&folder, &doc).unwrap();
        assert_eq!(problem.domain, "a.example.org");
        assert!(
            problem
                .missing
                .ends_with("live/a.example.org/fullchain.pem")
        );
        let live = folder.live_dir("a.example.org");
        std::fs::create_dir_all(&live).unwrap();
        std::fs::write(live.join("fullchain.pem"), "x").unwrap();
        assert!(
            nginx_start_problem(&folder, &doc).is_some(),
            "the key is missing too"
        );
        std::fs::write(live.join("privkey.pem"), "x").unwrap();
        assert_eq!(nginx_start_problem(&folder, &doc), None);
        // Another domain has no certificate.
        let other = EnvDocument::parse(&ON.replace("a.example.org", "b.example.org"));
        assert!(nginx_start_problem(&folder, &other).is_some());
    }

    #[test]
    fn https_off_or_the_legacy_ssl_folder_can_start() {
        let (_dir, folder) = folder();
        let off = EnvDocument::parse(&ON.replace("=true", "=false"));
        assert_eq!(nginx_start_problem(&folder, &off), None);
        let ssl = folder.nginx_dir().join("ssl");
        std::fs::create_dir_all(&ssl).unwrap();
        std::fs::write(ssl.join("fullchain.pem"), "x").unwrap();
        std::fs::write(ssl.join("privkey.pem"), "x").unwrap();
        assert_eq!(nginx_start_problem(&folder, &EnvDocument::parse(ON)), None);
    }
}
