//! Checks on what the user types, each failing with a message that says how to fix it.
//!
//! Dify's certbot entrypoint pastes `CERTBOT_DOMAIN`, `CERTBOT_EMAIL` and
//! `CERTBOT_OPTIONS` into a shell script with `sed "s|...|$VALUE|g"`, and the script
//! expands them unquoted. A value with shell or sed syntax in it would break the script
//! or run commands, so such characters are refused in all three.

use crate::tr;
use std::net::{IpAddr, Ipv6Addr};

/// Characters that break Dify's sed substitution or the shell script it renders, or
/// that the script's unquoted expansion would glob or expand (`*`, `?`, `[`, `{`, `~`).
const SCRIPT_BREAKING: &[char] = &[
    '|', '&', '\\', ';', '$', '`', '\'', '"', '<', '>', '(', ')', '*', '?', '[', ']', '{', '}', '~',
];

/// Names Let's Encrypt will never issue for: reserved or private-use suffixes.
const NON_PUBLIC_SUFFIXES: &[&str] = &[
    "localhost",
    "local",
    "test",
    "example",
    "invalid",
    "internal",
    "lan",
    "home.arpa",
    "onion",
    "localdomain",
];

/// Suffixes a private (custom) ACME server may issue for: with `--server` they are
/// allowed, because an internal CA serves internal names.
const INTERNAL_SUFFIXES: &[&str] = &["test", "internal", "lan", "home.arpa"];

/// Characters Unicode normalisation drops or maps silently (soft hyphen, zero-width
/// characters, joiners, variation selectors, the byte-order mark).
fn invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Which names may be used: public DNS only (Let's Encrypt), or internal names too
/// (a private ACME server named with `--server`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Public,
    /// `--server` names a private ACME directory: `.test`, `.internal`, `.lan`,
    /// `.home.arpa` and addresses at example domains are allowed.
    CustomCa,
}

impl Scope {
    /// The scope the certbot options select.
    pub fn of_options(options: &str) -> Scope {
        if crate::core::run::uses_custom_ca(options) {
            Scope::CustomCa
        } else {
            Scope::Public
        }
    }
}

/// The first character of `value` that would break Dify's certbot script.
pub fn script_breaking_char(value: &str) -> Option<char> {
    value
        .chars()
        .find(|c| SCRIPT_BREAKING.contains(c) || c.is_control())
}

fn describe(c: char) -> String {
    match c {
        '\n' => tr!("core-setup-a-line-break"),
        '\t' => tr!("core-setup-a-tab"),
        '`' => tr!("core-setup-a-backtick"),
        c if c.is_control() => tr!(
            "core-setup-a-control-character-u-04x",
            u32 = format!("{:04X}", c as u32)
        ),
        c => format!("`{c}`"),
    }
}

fn script_breaking_message(c: char, field: &str) -> String {
    tr!(
        "core-setup-cannot-be-used-in-the",
        c = (describe(c)).to_string(),
        field
    )
}

/// Checks a public DNS name for the certificate; returns it in lower-case ASCII
/// (international names converted to punycode).
pub fn domain(input: &str, scope: Scope) -> Result<String, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err(tr!("core-setup-enter-the-domain-people-use"));
    }
    if let Some((scheme, rest)) = s.split_once("://") {
        let name = rest.split(['/', ':']).next().unwrap_or(rest);
        return Err(tr!("core-setup-enter-only-the-name-without", scheme, name));
    }
    if s.contains('*') {
        return Err(tr!("core-setup-wildcard-names-cannot-be-issued"));
    }
    if s.parse::<IpAddr>().is_ok() || s.trim_matches(['[', ']']).parse::<Ipv6Addr>().is_ok() {
        return Err(tr!("core-setup-an-ip-address-cannot-get"));
    }
    if let Some(c) = script_breaking_char(s) {
        return Err(script_breaking_message(c, &tr!("core-setup-field-domain")));
    }
    if s.contains('/') {
        return Err(tr!("core-setup-enter-only-the-name-without-2"));
    }
    if s.contains('@') {
        return Err(tr!("core-setup-that-looks-like-an-email"));
    }
    if s.contains(':') {
        return Err(tr!("core-setup-enter-the-name-without-a"));
    }
    if s.chars().any(char::is_whitespace) {
        return Err(tr!("core-setup-a-domain-has-no-spaces"));
    }
    if let Some(c) = s.chars().find(|c| invisible(*c)) {
        return Err(tr!(
            "core-setup-the-domain-contains-an-invisible",
            u32 = format!("{:04X}", c as u32)
        ));
    }
    let ascii = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        let ascii =
            idna::domain_to_ascii_strict(s).map_err(|_| tr!("core-setup-s-is-not-a-valid", s))?;
        // What normalisation would change (full-width letters, compatibility forms) is
        // refused: the certificate would name something other than what was typed.
        let (back, _) = idna::domain_to_unicode(&ascii);
        let typed = s.trim_end_matches('.').to_lowercase();
        if back.trim_end_matches('.') != typed {
            return Err(tr!("core-setup-s-would-be-changed-by", s, back));
        }
        ascii
    };
    let name = ascii.strip_suffix('.').unwrap_or(&ascii).to_string();
    dns_name(&name, scope)?;
    // The same rule as for the email: no CA issues for the documentation domains.
    if scope == Scope::Public && example_domain(&name) {
        return Err(tr!("core-setup-name-is-a-reserved-example", name));
    }
    Ok(name)
}

/// LDH rules, length limits, valid punycode, and "public" (at least one dot, an
/// alphabetic top-level domain, not a reserved suffix; `scope` may allow internal ones).
fn dns_name(name: &str, scope: Scope) -> Result<(), String> {
    if name.len() > 253 {
        return Err(tr!(
            "core-setup-a-domain-is-at-most",
            name = (name.len()).to_string()
        ));
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return Err(tr!("core-setup-name-is-not-a-public", name));
    }
    for label in &labels {
        if label.is_empty() {
            return Err(tr!("core-setup-name-has-an-empty-part", name));
        }
        if label.len() > 63 {
            return Err(tr!("core-setup-label-is-longer-than-the", label));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return Err(tr!("core-setup-c-is-not-allowed-in", c));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(tr!("core-setup-label-may-not-start-or", label));
        }
        if label.starts_with("xn--")
            && idna::domain_to_ascii_strict(label).ok().as_deref() != Some(label)
        {
            return Err(tr!("core-setup-label-is-not-valid-punycode", label));
        }
    }
    let tld = labels[labels.len() - 1];
    if tld.chars().all(|c| c.is_ascii_digit()) {
        return Err(tr!("core-setup-name-looks-like-an-ip", name));
    }
    if !tld.starts_with("xn--") && !tld.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(tr!("core-setup-name-ends-in-tld-top", name, tld));
    }
    let internal = |s: &&str| scope == Scope::CustomCa && INTERNAL_SUFFIXES.contains(s);
    if let Some(suffix) = NON_PUBLIC_SUFFIXES
        .iter()
        .filter(|s| !internal(s))
        .find(|s| name == **s || name.ends_with(&format!(".{s}")))
    {
        let custom = if INTERNAL_SUFFIXES.contains(suffix) {
            tr!("core-setup-an-internal-ca-can-name")
        } else {
            String::new()
        };
        return Err(tr!(
            "core-setup-name-ends-in-suffix-a",
            name,
            suffix,
            custom
        ));
    }
    Ok(())
}

/// Whether a checked name is an internal one, allowed only with a custom ACME server.
pub fn is_internal_name(name: &str) -> bool {
    INTERNAL_SUFFIXES
        .iter()
        .any(|s| name == *s || name.ends_with(&format!(".{s}")))
}

/// Whether a checked address is at one of the reserved example domains.
pub fn is_example_address(email: &str) -> bool {
    email
        .rsplit_once('@')
        .is_some_and(|(_, host)| example_domain(host))
}

/// `example.com`, `example.org`, `example.net` and their subdomains (RFC 2606).
fn example_domain(host: &str) -> bool {
    ["example.com", "example.org", "example.net"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// Checks the address Let's Encrypt's account is registered with.
pub fn email(input: &str, scope: Scope) -> Result<String, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err(tr!("core-setup-enter-an-email-address-for"));
    }
    if s == "your_email@example.com" {
        return Err(tr!("core-setup-that-is-difys-placeholder-enter"));
    }
    if let Some(c) = script_breaking_char(s) {
        return Err(script_breaking_message(c, &tr!("core-setup-field-email")));
    }
    if s.chars().any(char::is_whitespace) {
        return Err(tr!("core-setup-an-email-address-has-no"));
    }
    let Some((local, host)) = s.rsplit_once('@') else {
        return Err(tr!("core-setup-an-email-address-needs-an"));
    };
    if local.is_empty() || local.contains('@') || local.len() > 64 {
        return Err(tr!("core-setup-the-part-before-the-is"));
    }
    if !s.is_ascii() {
        return Err(tr!("core-setup-use-an-ascii-email-address"));
    }
    let host = host.to_ascii_lowercase();
    if host.is_empty() {
        return Err(tr!("core-setup-the-part-after-the-is"));
    }
    if scope == Scope::Public && example_domain(&host) {
        return Err(tr!("core-setup-lets-encrypt-refuses-addresses-at", host));
    }
    dns_name(&host, scope).map_err(|why| tr!("core-setup-the-part-after-the-is-2", why))?;
    Ok(format!("{local}@{host}"))
}

/// Why a certbot option may not be stored in `CERTBOT_OPTIONS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// Dify's script passes the domain and the certificate name itself.
    Domain,
    /// Every scheduled renewal would re-issue.
    ForceRenewal,
    /// Dify's script fixes the webroot challenge.
    Challenge,
    /// The email step sets it.
    Email,
    /// The mode sets it.
    Mode,
    /// certbot's folders are the ones nginx reads.
    Folders,
    /// Hooks run commands in the certbot container; a CSR skips the lineage.
    Commands,
}

/// certbot's long options that may not be stored, with why. certbot accepts any
/// unambiguous abbreviation (`--stag` for `--staging`), so they are matched by prefix.
const REFUSED_LONG: &[(&str, Refusal)] = &[
    ("--domain", Refusal::Domain),
    ("--domains", Refusal::Domain),
    ("--cert-name", Refusal::Domain),
    ("--force-renewal", Refusal::ForceRenewal),
    ("--renew-by-default", Refusal::ForceRenewal),
    ("--webroot", Refusal::Challenge),
    ("--webroot-path", Refusal::Challenge),
    ("--webroot-map", Refusal::Challenge),
    ("--standalone", Refusal::Challenge),
    ("--nginx", Refusal::Challenge),
    ("--apache", Refusal::Challenge),
    ("--manual", Refusal::Challenge),
    ("--authenticator", Refusal::Challenge),
    ("--installer", Refusal::Challenge),
    ("--configurator", Refusal::Challenge),
    ("--preferred-challenges", Refusal::Challenge),
    ("--email", Refusal::Email),
    ("--dry-run", Refusal::Mode),
    ("--staging", Refusal::Mode),
    ("--test-cert", Refusal::Mode),
    ("--config", Refusal::Folders),
    ("--config-dir", Refusal::Folders),
    ("--work-dir", Refusal::Folders),
    ("--logs-dir", Refusal::Folders),
    ("--csr", Refusal::Commands),
    ("--pre-hook", Refusal::Commands),
    ("--post-hook", Refusal::Commands),
    ("--deploy-hook", Refusal::Commands),
    ("--renew-hook", Refusal::Commands),
    ("--manual-auth-hook", Refusal::Commands),
    ("--manual-cleanup-hook", Refusal::Commands),
];

/// certbot's short options that may not be stored (`-d x`, also written `-dx`).
const REFUSED_SHORT: &[(char, &str, Refusal)] = &[
    ('d', "--domains", Refusal::Domain),
    ('w', "--webroot-path", Refusal::Challenge),
    ('a', "--authenticator", Refusal::Challenge),
    ('i', "--installer", Refusal::Challenge),
    ('m', "--email", Refusal::Email),
    ('c', "--config", Refusal::Folders),
];

/// Options that are allowed although a refused one starts with them (exact names only).
const ALLOWED_EXACT: &[&str] = &["--server", "--no-verify-ssl", "--debug", "--quiet"];

/// The refused option `flag` stands for under certbot's abbreviation rule, if any.
fn refused_option(flag: &str) -> Option<(&'static str, Refusal)> {
    if let Some(name) = flag.strip_prefix("--") {
        if ALLOWED_EXACT.contains(&flag) || name.is_empty() {
            return None;
        }
        if let Some(&(full, why)) = REFUSED_LONG.iter().find(|(full, _)| *full == flag) {
            return Some((full, why));
        }
        // A prefix of a refused option (at least `--xy`): certbot would take it for that
        // option, or reject it as ambiguous; either way it cannot be stored.
        return REFUSED_LONG
            .iter()
            .find(|(full, _)| name.len() >= 2 && full.starts_with(flag))
            .map(|&(full, why)| (full, why));
    }
    let short = flag.strip_prefix('-')?.chars().next()?;
    REFUSED_SHORT
        .iter()
        .find(|(c, _, _)| *c == short)
        .map(|&(_, full, why)| (full, why))
}

fn refusal_message(typed: &str, full: &str, why: Refusal) -> String {
    // A short option is named alone (`-d`, not `-dother.org`).
    let typed = match typed.strip_prefix('-') {
        Some(rest) if !rest.starts_with('-') => typed.get(..2).unwrap_or(typed),
        _ => typed,
    };
    let named = if typed == full || !typed.starts_with("--") {
        format!("`{typed}`")
    } else {
        tr!("core-setup-typed-certbot-reads-it-as", typed, full)
    };
    match why {
        Refusal::Domain => tr!("core-setup-leave-out-named-difys-script", named),
        Refusal::ForceRenewal => tr!("core-setup-leave-out-named-stored-in", named),
        Refusal::Challenge => tr!("core-setup-leave-out-named-difys-script-2", named),
        Refusal::Email => tr!("core-setup-leave-out-named-the-email", named),
        Refusal::Mode => {
            tr!("core-setup-leave-out-named-it-is", named)
        }
        Refusal::Folders => tr!("core-setup-leave-out-named-certbot-must", named),
        Refusal::Commands => tr!("core-setup-leave-out-named-it-would", named),
    }
}

/// Checks extra certbot options; returns them with whitespace normalised.
pub fn certbot_options(input: &str) -> Result<String, String> {
    if let Some(c) = script_breaking_char(input.trim()) {
        return Err(script_breaking_message(c, &tr!("core-setup-field-options")));
    }
    let tokens: Vec<&str> = input.split_whitespace().collect();
    let mut previous_takes_value = false;
    for token in &tokens {
        let flag = token.split('=').next().unwrap_or(token);
        if token.starts_with('-')
            && let Some((full, why)) = refused_option(flag)
        {
            return Err(refusal_message(flag, full, why));
        }
        if token.starts_with('-') {
            previous_takes_value = token.starts_with("--") && !token.contains('=');
        } else if previous_takes_value {
            previous_takes_value = false;
        } else {
            return Err(tr!("core-setup-token-is-not-a-certbot", token));
        }
    }
    Ok(tokens.join(" "))
}

/// Options already stored in `CERTBOT_OPTIONS` that make renewals useless or change
/// what they do (`--dry-run`, `--staging`...), found by certbot's abbreviation rule.
pub fn stored_mode_options(options: &str) -> Vec<(String, &'static str)> {
    options
        .split_whitespace()
        .filter_map(|t| {
            let flag = t.split('=').next().unwrap_or(t);
            match refused_option(flag) {
                Some((full, Refusal::Mode | Refusal::ForceRenewal)) => {
                    Some((flag.to_string(), full))
                }
                _ => None,
            }
        })
        .collect()
}

/// The first option in stored `CERTBOT_OPTIONS` that `renew` must not run with
/// (anything the setup would refuse, mode options aside: those are judged by status).
pub fn stored_options_problem(options: &str) -> Option<String> {
    if let Some(c) = script_breaking_char(options) {
        return Some(script_breaking_message(c, &tr!("core-setup-field-options")));
    }
    options.split_whitespace().find_map(|t| {
        let flag = t.split('=').next().unwrap_or(t);
        match refused_option(flag) {
            Some((_, Refusal::Mode | Refusal::ForceRenewal)) | None => None,
            Some((full, why)) => Some(refusal_message(flag, full, why)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_domains_are_normalised() {
        assert_eq!(
            domain("  Dify.AcmeCorp.IO. ", Scope::Public).unwrap(),
            "dify.acmecorp.io"
        );
        assert_eq!(
            domain("bücher.example.de", Scope::Public).unwrap(),
            "xn--bcher-kva.example.de"
        );
        assert_eq!(domain("a-b.c0.io", Scope::Public).unwrap(), "a-b.c0.io");
    }

    #[test]
    fn bad_domains_say_what_to_do() {
        let cases = [
            ("", "Enter the domain"),
            (
                "https://dify.acmecorp.io/apps",
                "without `https://`: dify.acmecorp.io",
            ),
            ("*.example.org", "Wildcard"),
            ("203.0.113.7", "IP address"),
            ("::1", "IP address"),
            ("localhost", "at least one dot"),
            ("dify.localhost", ".localhost"),
            ("nas.local", ".local"),
            ("dify.acmecorp.io:8443", "without a port"),
            ("dify", "at least one dot"),
            ("-a.example.org", "hyphen"),
            ("a..org", "empty part"),
            ("a_b.example.org", "`_` is not allowed"),
            ("1.2.3.4.5", "IP address"),
            ("x.org;reboot", "`;` cannot be used"),
            ("admin@example.org", "email"),
            ("dify\u{00AD}.example.org", "invisible character (U+00AD)"),
            ("di\u{200B}fy.example.org", "invisible character (U+200B)"),
            (
                "ｄｉｆｙ.example.org",
                "changed by normalisation to dify.example.org",
            ),
            ("xn--zz.de", "not valid punycode"),
            ("a.b1", "letters only"),
            ("dify.intranet.test", ".test"),
            ("dify.corp.internal", "--server"),
            ("box.localdomain", ".localdomain"),
            ("dify.example.org", "reserved example domain (RFC 2606)"),
            ("Example.COM", "example.com is a reserved example domain"),
            ("a.b.example.net", "reserved example domain"),
        ];
        for (input, expected) in cases {
            let err = domain(input, Scope::Public).unwrap_err();
            assert!(err.contains(expected), "{input:?}: {err}");
        }
        let long = format!("{}.org", "a".repeat(64));
        assert!(domain(&long, Scope::Public).unwrap_err().contains("63"));
        let huge = format!("{}org", "abcdefghi.".repeat(26));
        assert!(domain(&huge, Scope::Public).unwrap_err().contains("253"));
    }

    #[test]
    fn emails() {
        assert_eq!(
            email(" Ops+tls@Example.ORG.uk ", Scope::Public).unwrap(),
            "Ops+tls@example.org.uk"
        );
        let cases = [
            ("your_email@example.com", "placeholder"),
            ("me@example.com", "refuses"),
            ("me@host.test", ".test"),
            ("me", "needs an @"),
            ("me@localhost", "not a public mail domain"),
            ("a b@x.org", "no spaces"),
            ("me$(id)@x.org", "`$` cannot be used"),
            ("@x.org", "mailbox"),
            ("ops@", "part after the @ is missing"),
            ("ops@mailhost", "at least one dot"),
            ("ops@box.localdomain", ".localdomain"),
            ("ops@x.example.net", "refuses"),
            ("a*@x.org", "`*` cannot be used"),
            ("a?b@x.org", "`?` cannot be used"),
            ("a[b]@x.org", "`[` cannot be used"),
        ];
        for (input, expected) in cases {
            let err = email(input, Scope::Public).unwrap_err();
            assert!(err.contains(expected), "{input:?}: {err}");
        }
    }

    #[test]
    fn certbot_options_must_be_flags_without_script_syntax() {
        assert_eq!(
            certbot_options("  --key-type ecdsa   --debug ").unwrap(),
            "--key-type ecdsa --debug"
        );
        assert_eq!(
            certbot_options("--server https://127.0.0.1:14000/dir --no-verify-ssl").unwrap(),
            "--server https://127.0.0.1:14000/dir --no-verify-ssl"
        );
        for fine in [
            "--key-type ecdsa",
            "--rsa-key-size 4096",
            "--must-staple",
            "--server=https://ca.lan/dir",
            "--debug",
            "-v",
            "--expand",
        ] {
            assert!(certbot_options(fine).is_ok(), "{fine}");
        }
        assert_eq!(certbot_options("").unwrap(), "");
        let cases = [
            ("--debug; rm -rf /", "`;` cannot be used"),
            ("--a|b", "`|`"),
            ("--a & b", "`&`"),
            ("--x \"y\"", "`\"`"),
            ("--x\nb", "a line break"),
            ("--x $(id)", "`$`"),
            ("-d other.org", "Leave out `-d`"),
            ("-dother.org", "Leave out `-d`"),
            ("--domains=a.org", "Leave out `--domains`"),
            ("--cert-name x", "Leave out `--cert-name`"),
            ("--dry-run", "chosen with the mode"),
            ("--dry", "`--dry` (certbot reads it as --dry-run)"),
            ("--stag", "certbot reads it as --staging"),
            ("--test-c", "certbot reads it as --test-cert"),
            ("--cert-nam x", "certbot reads it as --cert-name"),
            ("--force-renewal", "dify-https renew --force"),
            ("--renew-by-default", "dify-https renew --force"),
            ("--webroot-path /x", "webroot challenge"),
            ("-w /x", "webroot challenge"),
            ("--standalone", "webroot challenge"),
            ("--nginx", "webroot challenge"),
            ("--apache", "webroot challenge"),
            ("--manual", "webroot challenge"),
            ("-a standalone", "webroot challenge"),
            ("--authenticator=nginx", "webroot challenge"),
            ("--email a@b.org", "email is set"),
            ("-m a@b.org", "email is set"),
            ("--config-dir /tmp", "/etc/letsencrypt"),
            ("--work-dir /tmp", "/etc/letsencrypt"),
            ("--logs-dir /tmp", "/etc/letsencrypt"),
            ("--csr x.pem", "run commands"),
            ("--deploy-hook x", "run commands"),
            ("--pre-hook x", "run commands"),
            ("--manual-auth-hook x", "run commands"),
            ("--key-type *", "`*` cannot be used"),
            ("--x ?", "`?` cannot be used"),
            ("--x [a]", "`[` cannot be used"),
            ("debug", "not a certbot option"),
            ("--debug extra more", "`more` is not a certbot option"),
        ];
        for (input, expected) in cases {
            let err = certbot_options(input).unwrap_err();
            assert!(err.contains(expected), "{input:?}: {err}");
        }
    }
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    #[test]
    fn a_private_ca_may_issue_for_internal_names_and_example_addresses() {
        let scope = Scope::of_options("--server https://ca.corp.internal/acme/directory");
        assert_eq!(scope, Scope::CustomCa);
        for name in [
            "dify.corp.internal",
            "dify.test",
            "dify.lan",
            "dify.home.arpa",
        ] {
            assert_eq!(domain(name, scope).unwrap(), name);
            assert!(is_internal_name(name));
            assert!(domain(name, Scope::Public).is_err(), "{name}");
        }
        assert_eq!(email("ops@example.org", scope).unwrap(), "ops@example.org");
        assert!(is_example_address("ops@example.org"));
        // Still never: loopback names, single labels, .local (mDNS), .onion.
        for name in ["localhost", "nas.local", "x.onion", "dify"] {
            assert!(domain(name, scope).is_err(), "{name}");
        }
    }

    #[test]
    fn stored_options_are_judged_by_the_abbreviation_rule_too() {
        assert_eq!(
            stored_mode_options("--no-random-sleep-on-renew --dry --key-type ecdsa"),
            [("--dry".to_string(), "--dry-run")]
        );
        assert_eq!(
            stored_mode_options("--test-cert"),
            [("--test-cert".to_string(), "--test-cert")]
        );
        assert!(stored_options_problem("--no-random-sleep-on-renew --test-cert").is_none());
        assert!(
            stored_options_problem("--x $(touch /tmp/pwned)")
                .unwrap()
                .contains("`$`")
        );
        assert!(
            stored_options_problem("--deploy-hook x")
                .unwrap()
                .contains("run commands")
        );
    }
}
