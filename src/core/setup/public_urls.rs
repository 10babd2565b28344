//! Dify's public URL settings: empty means "same origin as the page" and follows
//! the switch to HTTPS by itself; a value naming `http://<domain>` must become
//! `https://` (and `ws://` `wss://`) or cookies, file links and websockets break.

use crate::core::envfile::EnvDocument;
use crate::tr;

/// The keys that hold URLs browsers are sent to.
pub const PUBLIC_URL_KEYS: [&str; 9] = [
    "CONSOLE_API_URL",
    "CONSOLE_WEB_URL",
    "SERVICE_API_URL",
    "APP_API_URL",
    "APP_WEB_URL",
    "FILES_URL",
    "TRIGGER_URL",
    "ENDPOINT_URL_TEMPLATE",
    "NEXT_PUBLIC_SOCKET_URL",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlVerdict {
    /// Empty: same origin, nothing to do.
    SameOrigin,
    /// Names the domain over plain HTTP/WS: upgrade offered.
    Upgrade(String),
    /// Names another host, a port, or a variable: left alone, listed.
    LeftAlone(String),
    /// Already https/wss on the domain.
    AlreadySecure,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlFinding {
    pub key: String,
    pub line: usize,
    pub value: String,
    pub verdict: UrlVerdict,
}

/// What to do with each public URL key present in `doc`, for `domain`.
pub fn public_url_findings(doc: &EnvDocument, domain: &str) -> Vec<UrlFinding> {
    PUBLIC_URL_KEYS
        .iter()
        .filter_map(|key| {
            let a = doc.get(key)?;
            let line = *doc.lines_of(key).last()?;
            Some(UrlFinding {
                key: key.to_string(),
                line,
                value: a.literal.clone(),
                verdict: verdict(&a.literal, domain),
            })
        })
        .collect()
}

fn verdict(value: &str, domain: &str) -> UrlVerdict {
    if value.is_empty() {
        return UrlVerdict::SameOrigin;
    }
    if value.contains('$') {
        return UrlVerdict::LeftAlone(tr!("core-urls-uses-a-variable"));
    }
    let Some((scheme, rest)) = value.split_once("://") else {
        return UrlVerdict::LeftAlone(tr!("core-urls-not-a-url"));
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    // Dify's newest .env ships `http://localhost…`/`ws://localhost…` as placeholders:
    // after HTTPS every link Dify makes would still point at the admin's own machine.
    let placeholder = matches!(
        host.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1"
    );
    if !host.eq_ignore_ascii_case(domain) && !placeholder {
        return UrlVerdict::LeftAlone(tr!("core-urls-another-host"));
    }
    let host = if placeholder { domain } else { host };
    let secure = match scheme.to_ascii_lowercase().as_str() {
        "http" => "https",
        "ws" => "wss",
        "https" if placeholder => "https",
        "wss" if placeholder => "wss",
        "https" | "wss" => return UrlVerdict::AlreadySecure,
        _ => return UrlVerdict::LeftAlone(tr!("core-urls-not-an-http-or-ws")),
    };
    match port {
        None | Some("80") => UrlVerdict::Upgrade(format!("{secure}://{host}{path}")),
        Some(_) => UrlVerdict::LeftAlone(tr!("core-urls-names-a-port-set-the")),
    }
}

/// The plain `http://`/`ws://` form of a URL the HTTPS switch made secure: on
/// `domain`, with no port (that is the only shape the switch writes). `None` for
/// anything else, which `https off` leaves as it is.
pub fn downgraded(value: &str, domain: &str) -> Option<String> {
    let (scheme, rest) = value.split_once("://")?;
    let plain = match scheme.to_ascii_lowercase().as_str() {
        "https" => "http",
        "wss" => "ws",
        _ => return None,
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    (authority.eq_ignore_ascii_case(domain) && !value.contains('$'))
        .then(|| format!("{plain}://{authority}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dify_localhost_placeholders_become_the_domain() {
        let d = "dify.acmecorp.io";
        for (value, want) in [
            ("http://localhost", "https://dify.acmecorp.io"),
            (
                "http://localhost/e/{hook_id}",
                "https://dify.acmecorp.io/e/{hook_id}",
            ),
            ("ws://localhost", "wss://dify.acmecorp.io"),
            (
                "http://127.0.0.1/triggers",
                "https://dify.acmecorp.io/triggers",
            ),
            ("https://localhost", "https://dify.acmecorp.io"),
        ] {
            assert_eq!(
                verdict(value, d),
                UrlVerdict::Upgrade(want.into()),
                "{value}"
            );
        }
        // A port means a real local service, not the placeholder.
        assert!(matches!(
            verdict("http://localhost:5001", d),
            UrlVerdict::LeftAlone(_)
        ));
    }

    #[test]
    fn only_what_the_switch_wrote_goes_back_to_plain_http() {
        let d = "dify.acmecorp.io";
        assert_eq!(
            downgraded("https://dify.acmecorp.io/files", d).as_deref(),
            Some("http://dify.acmecorp.io/files")
        );
        assert_eq!(
            downgraded("wss://Dify.AcmeCorp.io", d).as_deref(),
            Some("ws://Dify.AcmeCorp.io")
        );
        for left in [
            "https://dify.acmecorp.io:8443",
            "https://other.example.org",
            "http://dify.acmecorp.io",
            "",
            "${BASE}",
        ] {
            assert_eq!(downgraded(left, d), None, "{left}");
        }
        // What the switch writes, the way back undoes.
        let Some(up) = (match verdict("http://dify.acmecorp.io/e/{hook}", d) {
            UrlVerdict::Upgrade(u) => Some(u),
            _ => None,
        }) else {
            panic!("no upgrade")
        };
        assert_eq!(
            downgraded(&up, d).as_deref(),
            Some("http://dify.acmecorp.io/e/{hook}")
        );
    }

    #[test]
    fn each_kind_of_value_gets_its_verdict() {
        let doc = EnvDocument::parse(
            "CONSOLE_API_URL=\nCONSOLE_WEB_URL=http://Dify.AcmeCorp.io\nFILES_URL=http://dify.acmecorp.io:80/files\nTRIGGER_URL=http://localhost\nNEXT_PUBLIC_SOCKET_URL=ws://dify.acmecorp.io\nAPP_API_URL=https://dify.acmecorp.io\nAPP_WEB_URL=http://dify.acmecorp.io:8080\nSERVICE_API_URL=${BASE}/v1\nUNRELATED_URL=http://dify.acmecorp.io\n",
        );
        let got: Vec<(String, UrlVerdict)> = public_url_findings(&doc, "dify.acmecorp.io")
            .into_iter()
            .map(|f| (f.key, f.verdict))
            .collect();
        let want = vec![
            ("CONSOLE_API_URL", UrlVerdict::SameOrigin),
            (
                "CONSOLE_WEB_URL",
                UrlVerdict::Upgrade("https://Dify.AcmeCorp.io".into()),
            ),
            (
                "SERVICE_API_URL",
                UrlVerdict::LeftAlone("uses a variable".into()),
            ),
            ("APP_API_URL", UrlVerdict::AlreadySecure),
            (
                "APP_WEB_URL",
                UrlVerdict::LeftAlone("names a port: set the HTTPS port by hand".into()),
            ),
            (
                "FILES_URL",
                UrlVerdict::Upgrade("https://dify.acmecorp.io/files".into()),
            ),
            (
                "TRIGGER_URL",
                UrlVerdict::Upgrade("https://dify.acmecorp.io".into()),
            ),
            (
                "NEXT_PUBLIC_SOCKET_URL",
                UrlVerdict::Upgrade("wss://dify.acmecorp.io".into()),
            ),
        ];
        let want: Vec<(String, UrlVerdict)> =
            want.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(got, want);
    }
}
