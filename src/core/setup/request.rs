//! The answers to the setup questions, checked, and the `.env` keys they set.

use super::mode::Mode;
use super::public_urls::{PUBLIC_URL_KEYS, UrlVerdict, downgraded, public_url_findings};
use super::validate;
use crate::core::envfile::{ChangeSet, EnvDocument};
use crate::tr;

/// Dify's placeholders, which mean "not set yet".
const PLACEHOLDER_DOMAIN: &str = "your_domain.com";
const PLACEHOLDER_EMAIL: &str = "your_email@example.com";

/// Which answer a validation message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Domain,
    Email,
    Options,
}

impl Field {
    /// The command-line flag that sets this answer.
    pub fn flag(self) -> &'static str {
        match self {
            Field::Domain => "--domain",
            Field::Email => "--email",
            Field::Options => "--certbot-options",
        }
    }
}

/// A checked set of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupRequest {
    pub domain: String,
    pub email: String,
    pub mode: Mode,
    /// The user's own certbot options (mode flags excluded).
    pub extra_options: String,
    /// Whether public URLs naming `http://<domain>` move to `https://` with the HTTPS switch.
    pub upgrade_urls: bool,
    /// Only `.env` is written (the user runs the steps): nothing can be deferred to
    /// the run's HTTPS switch.
    pub env_only: bool,
}

/// Answers as typed, before checking (the wizard's fields, the CLI's flags).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub domain: String,
    pub email: String,
    pub mode: Mode,
    pub extra_options: String,
}

impl Answers {
    /// Pre-filled from the current `.env`, ignoring Dify's placeholders.
    pub fn from_env(doc: &EnvDocument) -> Answers {
        let value = |key: &str, placeholder: &str| {
            doc.literal(key)
                .filter(|v| *v != placeholder)
                .unwrap_or_default()
                .to_string()
        };
        let (mode, extra_options) =
            Mode::from_options(doc.literal("CERTBOT_OPTIONS").unwrap_or(""));
        Answers {
            domain: value("CERTBOT_DOMAIN", PLACEHOLDER_DOMAIN),
            email: value("CERTBOT_EMAIL", PLACEHOLDER_EMAIL),
            mode,
            extra_options,
        }
    }

    /// Checks every answer; all problems are reported at once, each with its field.
    pub fn check(&self) -> Result<SetupRequest, Vec<(Field, String)>> {
        let scope = validate::Scope::of_options(&self.extra_options);
        let domain = validate::domain(&self.domain, scope).map_err(|e| (Field::Domain, e));
        let email = validate::email(&self.email, scope).map_err(|e| (Field::Email, e));
        let options =
            validate::certbot_options(&self.extra_options).map_err(|e| (Field::Options, e));
        match (domain, email, options) {
            (Ok(domain), Ok(email), Ok(extra_options)) => Ok(SetupRequest {
                domain,
                email,
                mode: self.mode,
                extra_options,
                upgrade_urls: true,
                env_only: false,
            }),
            (d, e, o) => Err([d.err(), e.err(), o.err()].into_iter().flatten().collect()),
        }
    }
}

impl SetupRequest {
    /// Who issues the certificate, as every screen names it: "custom ACME server:
    /// <URL>" when `--server` names one, so nobody takes it for Let's Encrypt.
    pub fn authority(&self) -> String {
        match (
            crate::core::run::custom_acme_server(&self.extra_options),
            self.mode,
        ) {
            (Some(url), Mode::DryRun) => {
                tr!("core-request-custom-acme-server-url-dry", url)
            }
            (Some(url), _) => tr!("core-request-custom-acme-server-url", url),
            (None, Mode::Production) => tr!("core-request-lets-encrypt-production"),
            (None, Mode::Staging) => tr!("core-request-lets-encrypt-staging-an-untrusted"),
            (None, Mode::DryRun) => tr!("core-request-lets-encrypt-staging-dry-run"),
        }
    }

    pub fn certbot_options(&self) -> String {
        self.mode.options_value(&self.extra_options)
    }

    /// What the setup writes before asking for a certificate. HTTPS stays as it is:
    /// Dify's nginx cannot start with HTTPS on before the certificate files exist.
    pub fn env_changes(&self) -> ChangeSet {
        let mut cs = ChangeSet::default();
        cs.push("NGINX_SERVER_NAME", &self.domain);
        cs.push("NGINX_ENABLE_CERTBOT_CHALLENGE", "true");
        cs.push("NGINX_SSL_CERT_FILENAME", "fullchain.pem");
        cs.push("NGINX_SSL_CERT_KEY_FILENAME", "privkey.pem");
        cs.push("CERTBOT_DOMAIN", &self.domain);
        cs.push("CERTBOT_EMAIL", &self.email);
        cs.push("CERTBOT_OPTIONS", self.certbot_options());
        cs
    }

    /// What switches Dify to HTTPS once the certificate exists (see
    /// [`https_switch_changes`]): what the Review shows is what the run writes.
    pub fn https_changes(&self, doc: &EnvDocument) -> ChangeSet {
        https_switch_changes(doc, &self.domain, self.upgrade_urls)
    }
}

/// The one write that switches Dify to HTTPS for `domain` once its certificate exists:
/// HTTPS on; `CERTBOT_DOMAIN` and `NGINX_SERVER_NAME` when they still name another
/// domain (a domain change on a live HTTPS install, where nginx kept serving the old
/// name's certificate until the new one existed); public URLs naming
/// `http://<domain>` upgraded when `upgrade_urls`.
pub fn https_switch_changes(doc: &EnvDocument, domain: &str, upgrade_urls: bool) -> ChangeSet {
    let mut cs = ChangeSet::default();
    cs.push("NGINX_HTTPS_ENABLED", "true");
    for key in DEFERRED_DOMAIN_KEYS {
        if doc.literal(key) != Some(domain) {
            cs.push(key, domain);
        }
    }
    if upgrade_urls {
        for f in public_url_findings(doc, domain) {
            if let UrlVerdict::Upgrade(url) = f.verdict {
                cs.push(f.key, url);
            }
        }
    }
    cs
}

/// The way back from [`https_switch_changes`] (`dify-https https off`): HTTPS off and,
/// when `downgrade_urls`, the public URLs the switch made `https://<domain>` (or
/// `wss://`) plain again. Nothing else changes: the certificate stays for later.
pub fn https_off_changes(doc: &EnvDocument, domain: &str, downgrade_urls: bool) -> ChangeSet {
    let mut cs = ChangeSet::default();
    cs.push("NGINX_HTTPS_ENABLED", "false");
    if downgrade_urls {
        for key in PUBLIC_URL_KEYS {
            if let Some(plain) = doc.literal(key).and_then(|v| downgraded(v, domain)) {
                cs.push(key, plain);
            }
        }
    }
    cs
}

/// The keys that move nginx to another certificate: on a live HTTPS install they
/// change only together with the certificate's arrival (at the HTTPS switch).
pub const DEFERRED_DOMAIN_KEYS: [&str; 2] = ["CERTBOT_DOMAIN", "NGINX_SERVER_NAME"];

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(domain: &str, email: &str) -> Answers {
        Answers {
            domain: domain.into(),
            email: email.into(),
            ..Answers::default()
        }
    }

    #[test]
    fn placeholders_do_not_prefill() {
        let doc = EnvDocument::parse(
            "CERTBOT_EMAIL=your_email@example.com\nCERTBOT_DOMAIN=your_domain.com\nCERTBOT_OPTIONS=--dry-run --key-type ecdsa\n",
        );
        let a = Answers::from_env(&doc);
        assert_eq!(
            a,
            Answers {
                domain: "".into(),
                email: "".into(),
                mode: Mode::DryRun,
                extra_options: "--key-type ecdsa".into()
            }
        );
    }

    #[test]
    fn every_bad_answer_is_reported_with_its_field() {
        let mut a = answers("localhost", "nope");
        a.extra_options = "-d x.org".into();
        let errs = a.check().unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [Field::Domain, Field::Email, Field::Options]);
    }

    #[test]
    fn the_changes_never_turn_https_on() {
        let req = answers("dify.acmecorp.io", "ops@example.org.uk")
            .check()
            .unwrap();
        let changes = req.env_changes();
        let keys: Vec<&str> = changes.changes.iter().map(|c| c.key.as_str()).collect();
        assert!(!keys.contains(&"NGINX_HTTPS_ENABLED"));
        assert_eq!(keys.len(), 7);
        let doc = EnvDocument::parse(
            "CERTBOT_DOMAIN=dify.acmecorp.io\nNGINX_SERVER_NAME=dify.acmecorp.io\nCONSOLE_WEB_URL=http://dify.acmecorp.io\nTRIGGER_URL=http://localhost\n",
        );
        let https: Vec<(String, String)> = req
            .https_changes(&doc)
            .changes
            .into_iter()
            .map(|c| (c.key, c.value))
            .collect();
        assert_eq!(
            https,
            [
                ("NGINX_HTTPS_ENABLED".to_string(), "true".to_string()),
                (
                    "CONSOLE_WEB_URL".to_string(),
                    "https://dify.acmecorp.io".to_string()
                ),
                // Dify's localhost placeholder becomes the domain too.
                (
                    "TRIGGER_URL".to_string(),
                    "https://dify.acmecorp.io".to_string()
                )
            ]
        );
        let keep = SetupRequest {
            upgrade_urls: false,
            ..req
        };
        assert_eq!(keep.https_changes(&doc).changes.len(), 1);
        // A domain change deferred to the switch: both keys move with HTTPS.
        let old = EnvDocument::parse(
            "CERTBOT_DOMAIN=old.example.org\nNGINX_SERVER_NAME=old.example.org\n",
        );
        let keys: Vec<String> = keep
            .https_changes(&old)
            .changes
            .into_iter()
            .map(|c| format!("{}={}", c.key, c.value))
            .collect();
        assert_eq!(
            keys,
            [
                "NGINX_HTTPS_ENABLED=true",
                "CERTBOT_DOMAIN=dify.acmecorp.io",
                "NGINX_SERVER_NAME=dify.acmecorp.io"
            ]
        );
    }
}
