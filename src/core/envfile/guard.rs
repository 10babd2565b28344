//! The one gate every value passes on its way into `.env`, whoever writes it (setup,
//! the HTTPS switch, `https off`, `undo`, `restore`): [`EnvFile::write`] refuses a
//! text in which a key changed to a value Dify's readers would choke on or be
//! steered by.
//!
//! Dify's nginx pastes `NGINX_*` values into its configuration with envsubst
//! (`server_name ${NGINX_SERVER_NAME};`), so a `;` or `{` there writes nginx
//! directives; its certbot entrypoint pastes `CERTBOT_*` values into a sed program and
//! then a shell script. A control character (a newline above all) breaks either. Only
//! keys whose value changed are judged: what the admin wrote by hand and nobody
//! touches stays theirs.
//!
//! [`EnvFile::write`]: super::EnvFile::write

use super::document::EnvDocument;
use crate::core::setup::validate::{script_breaking_char, stored_options_problem};
use crate::tr;

/// Why `value` may not be written as `key`, or `None` when it may. The value itself is
/// never in the message (it may be a secret).
pub fn value_problem(key: &str, value: &str) -> Option<String> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        let code = format!("{:04X}", c as u32);
        return Some(tr!("env-value-control-character", key, code));
    }
    let first_not = |allowed: &dyn Fn(char) -> bool| value.chars().find(|c| !allowed(*c));
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '*');
    match key {
        "NGINX_HTTPS_ENABLED" | "NGINX_ENABLE_CERTBOT_CHALLENGE" => {
            (!matches!(value, "true" | "false")).then(|| tr!("env-value-not-boolean", key))
        }
        "NGINX_PORT" | "NGINX_SSL_PORT" => value
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .is_none()
            .then(|| tr!("env-value-not-port", key)),
        "NGINX_SSL_CERT_FILENAME" | "NGINX_SSL_CERT_KEY_FILENAME" => {
            if value.is_empty() || value == "." || value == ".." {
                return Some(tr!("env-value-not-file-name", key));
            }
            first_not(&|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                .map(|c| tr!("env-value-file-name-character", key, c = c.to_string()))
        }
        "NGINX_SERVER_NAME" if value.trim().is_empty() => Some(tr!("env-value-no-host-name", key)),
        "NGINX_SERVER_NAME" | "CERTBOT_DOMAIN" => {
            first_not(&|c| name_char(c) || (c == ' ' && key == "NGINX_SERVER_NAME"))
                .map(|c| tr!("env-value-host-name-character", key, c = c.to_string()))
        }
        "NGINX_SSL_PROTOCOLS" => value
            .split_whitespace()
            .find(|t| !matches!(*t, "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3"))
            .map(|t| tr!("env-value-not-tls-version", key, token = t.to_string())),
        "CERTBOT_EMAIL" => script_breaking_char(value)
            .or_else(|| value.chars().find(|c| c.is_whitespace()))
            .map(|c| tr!("env-value-script-character", key, c = c.to_string())),
        "CERTBOT_OPTIONS" => stored_options_problem(value),
        k if k.starts_with("NGINX_") => {
            first_not(&|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '/'))
                .map(|c| tr!("env-value-nginx-character", key, c = c.to_string()))
        }
        _ => None,
    }
}

/// The first key whose value changed from `before` to `after` to one [`value_problem`]
/// refuses, with why.
pub fn unsafe_change(before: &EnvDocument, after: &EnvDocument) -> Option<(String, String)> {
    after.assignments().find_map(|(_, a)| {
        let unchanged = before
            .get(&a.key)
            .is_some_and(|b| b.literal == a.literal && b.quote == a.quote);
        if unchanged {
            return None;
        }
        value_problem(&a.key, &a.literal).map(|why| (a.key.clone(), why))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_dify_ships_and_setup_writes_passes() {
        for (k, v) in [
            ("NGINX_SERVER_NAME", "_"),
            ("NGINX_SERVER_NAME", "dify.acmecorp.io"),
            ("NGINX_HTTPS_ENABLED", "true"),
            ("NGINX_PORT", "80"),
            ("NGINX_SSL_CERT_FILENAME", "fullchain.pem"),
            ("NGINX_SSL_CERT_KEY_FILENAME", "dify.key"),
            ("NGINX_SSL_PROTOCOLS", "TLSv1.2 TLSv1.3"),
            ("NGINX_WORKER_PROCESSES", "auto"),
            ("NGINX_CLIENT_MAX_BODY_SIZE", "100M"),
            ("NGINX_PROXY_READ_TIMEOUT", "3600s"),
            ("NGINX_SOCKET_IO_UPSTREAM", "api_websocket:5001"),
            ("CERTBOT_DOMAIN", "your_domain.com"),
            ("CERTBOT_EMAIL", "your_email@example.com"),
            ("CERTBOT_OPTIONS", ""),
            (
                "CERTBOT_OPTIONS",
                "--test-cert --no-random-sleep-on-renew --key-type ecdsa",
            ),
            (
                "SECRET_KEY",
                "sk-9f73s3ljTXVcMT3Blb3ljTqtsKiGHXVcMT3BlbkFJLK7U",
            ),
        ] {
            assert_eq!(value_problem(k, v), None, "{k}={v}");
        }
    }

    #[test]
    fn what_would_steer_nginx_or_certbot_is_refused() {
        for (k, v) in [
            ("NGINX_SERVER_NAME", "x; include /etc/passwd"),
            ("NGINX_SERVER_NAME", "a\nb"),
            ("NGINX_HTTPS_ENABLED", "yes"),
            ("NGINX_PORT", "99999"),
            ("NGINX_SSL_CERT_FILENAME", "../../etc/shadow"),
            ("NGINX_SSL_CERT_FILENAME", ".."),
            ("NGINX_SSL_PROTOCOLS", "TLSv1.2; ssl_ciphers NULL"),
            ("NGINX_CLIENT_MAX_BODY_SIZE", "1M; }"),
            ("CERTBOT_DOMAIN", "a.org\nb"),
            ("CERTBOT_DOMAIN", "a.org$(id)"),
            ("CERTBOT_EMAIL", "me@$(reboot).org"),
            ("CERTBOT_OPTIONS", "--deploy-hook /tmp/x"),
            ("SECRET_KEY", "a\rb"),
        ] {
            assert!(value_problem(k, v).is_some(), "{k}={v:?}");
        }
    }

    #[test]
    fn only_changed_keys_are_judged() {
        let before = EnvDocument::parse("NGINX_CLIENT_MAX_BODY_SIZE=1M; }\nCERTBOT_DOMAIN=a.org\n");
        let same = EnvDocument::parse("NGINX_CLIENT_MAX_BODY_SIZE=1M; }\nCERTBOT_DOMAIN=b.org\n");
        assert_eq!(unsafe_change(&before, &same), None);
        let bad =
            EnvDocument::parse("NGINX_CLIENT_MAX_BODY_SIZE=1M; }\nCERTBOT_DOMAIN='b.org;x'\n");
        assert_eq!(
            unsafe_change(&before, &bad).map(|p| p.0).as_deref(),
            Some("CERTBOT_DOMAIN")
        );
    }
}
