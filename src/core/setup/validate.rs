//! Checks on what the user types, each failing with a message that says how to fix it.
//!
//! Dify's certbot entrypoint pastes `CERTBOT_DOMAIN`, `CERTBOT_EMAIL` and
//! `CERTBOT_OPTIONS` into a shell script with `sed "s|...|$VALUE|g"`, and the script
//! expands them unquoted. A value with shell or sed syntax in it would break the script
//! or run commands, so such characters are refused in all three.

use std::net::{IpAddr, Ipv6Addr};

/// Characters that break Dify's sed substitution or the shell script it renders.
const SCRIPT_BREAKING: &[char] = &['|', '&', '\\', ';', '$', '`', '\'', '"', '<', '>', '(', ')'];

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
];

/// The first character of `value` that would break Dify's certbot script.
pub fn script_breaking_char(value: &str) -> Option<char> {
    value
        .chars()
        .find(|c| SCRIPT_BREAKING.contains(c) || c.is_control())
}

fn describe(c: char) -> String {
    match c {
        '\n' => "a line break".into(),
        '\t' => "a tab".into(),
        '`' => "a backtick (`)".into(),
        c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
        c => format!("`{c}`"),
    }
}

fn script_breaking_message(c: char, field: &str) -> String {
    format!(
        "{} cannot be used in the {field}: Dify's certbot script pastes this value into a shell script, where it would break it. Remove it",
        describe(c)
    )
}

/// Checks a public DNS name for the certificate; returns it in lower-case ASCII
/// (international names converted to punycode).
pub fn domain(input: &str) -> Result<String, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("Enter the domain people use to reach Dify, e.g. dify.example.org".into());
    }
    if let Some((scheme, rest)) = s.split_once("://") {
        let name = rest.split(['/', ':']).next().unwrap_or(rest);
        return Err(format!(
            "Enter only the name, without `{scheme}://`: {name}"
        ));
    }
    if s.contains('*') {
        return Err("Wildcard names cannot be issued with the HTTP challenge Dify uses: enter one name, e.g. dify.example.org".into());
    }
    if s.parse::<IpAddr>().is_ok() || s.trim_matches(['[', ']']).parse::<Ipv6Addr>().is_ok() {
        return Err("An IP address cannot get a certificate here: enter a DNS name whose A/AAAA record points at this server".into());
    }
    if let Some(c) = script_breaking_char(s) {
        return Err(script_breaking_message(c, "domain"));
    }
    if s.contains('/') {
        return Err("Enter only the name, without a path".into());
    }
    if s.contains('@') {
        return Err(
            "That looks like an email address: enter the domain (the email comes next)".into(),
        );
    }
    if s.contains(':') {
        return Err("Enter the name without a port: Let's Encrypt always checks port 80".into());
    }
    if s.chars().any(char::is_whitespace) {
        return Err("A domain has no spaces".into());
    }
    let ascii = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        idna::domain_to_ascii_strict(s).map_err(|_| {
            format!("{s} is not a valid international domain name (it has no punycode form)")
        })?
    };
    let name = ascii.strip_suffix('.').unwrap_or(&ascii).to_string();
    dns_name(&name)?;
    Ok(name)
}

/// LDH rules, length limits and "public" (at least one dot, not a reserved suffix).
fn dns_name(name: &str) -> Result<(), String> {
    if name.len() > 253 {
        return Err(format!(
            "A domain is at most 253 characters; this one has {}",
            name.len()
        ));
    }
    let labels: Vec<&str> = name.split('.').collect();
    if labels.len() < 2 {
        return Err(format!(
            "{name} is not a public domain name: it needs at least one dot, e.g. dify.example.org"
        ));
    }
    for label in &labels {
        if label.is_empty() {
            return Err(format!("{name} has an empty part (two dots in a row?)"));
        }
        if label.len() > 63 {
            return Err(format!(
                "`{label}` is longer than the 63 characters a DNS label may have"
            ));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return Err(format!(
                "`{c}` is not allowed in a domain: use letters, digits and hyphens"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!("`{label}` may not start or end with a hyphen"));
        }
    }
    let tld = labels[labels.len() - 1];
    if tld.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "{name} looks like an IP address, not a domain name"
        ));
    }
    if let Some(suffix) = NON_PUBLIC_SUFFIXES
        .iter()
        .find(|s| name == **s || name.ends_with(&format!(".{s}")))
    {
        return Err(format!(
            "{name} ends in .{suffix}, a name that is not public: Let's Encrypt only issues for names in public DNS"
        ));
    }
    Ok(())
}

/// Checks the address Let's Encrypt's account is registered with.
pub fn email(input: &str) -> Result<String, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err(
            "Enter an email address for the Let's Encrypt account (policy and security notices)"
                .into(),
        );
    }
    if s == "your_email@example.com" {
        return Err("That is Dify's placeholder: enter an address you read".into());
    }
    if let Some(c) = script_breaking_char(s) {
        return Err(script_breaking_message(c, "email"));
    }
    if s.chars().any(char::is_whitespace) {
        return Err("An email address has no spaces".into());
    }
    let Some((local, host)) = s.rsplit_once('@') else {
        return Err("An email address needs an @, e.g. admin@example.org".into());
    };
    if local.is_empty() || local.contains('@') || local.len() > 64 {
        return Err("The part before the @ is not a valid mailbox name".into());
    }
    if !s.is_ascii() {
        return Err(
            "Use an ASCII email address: Let's Encrypt does not accept international addresses"
                .into(),
        );
    }
    let host = host.to_ascii_lowercase();
    if host == "example.com"
        || host == "example.org"
        || host == "example.net"
        || host.ends_with(".example.com")
    {
        return Err(format!(
            "Let's Encrypt refuses addresses at {host}: use a mailbox you read"
        ));
    }
    dns_name(&host)
        .map_err(|why| format!("The part after the @ is not a public mail domain: {why}"))?;
    Ok(format!("{local}@{host}"))
}

/// Checks extra certbot options; returns them with whitespace normalised.
pub fn certbot_options(input: &str) -> Result<String, String> {
    if let Some(c) = script_breaking_char(input.trim()) {
        return Err(script_breaking_message(c, "certbot options"));
    }
    let tokens: Vec<&str> = input.split_whitespace().collect();
    let mut previous_takes_value = false;
    for token in &tokens {
        let flag = token.split('=').next().unwrap_or(token);
        match flag {
            "-d" | "--domain" | "--domains" | "--cert-name" => {
                return Err(format!(
                    "Leave out `{flag}`: Dify's script already passes the domain and certificate name, and extra names break its renewals"
                ));
            }
            _ if token.starts_with("-d") && !token.starts_with("--") => {
                return Err("Leave out `-d`: Dify's script already passes the domain".into());
            }
            "--dry-run" | "--test-cert" | "--staging" => {
                return Err(format!(
                    "`{flag}` is chosen with the mode: pick staging or dry-run there instead"
                ));
            }
            _ => {}
        }
        if token.starts_with('-') {
            previous_takes_value = token.starts_with("--") && !token.contains('=');
        } else if previous_takes_value {
            previous_takes_value = false;
        } else {
            return Err(format!(
                "`{token}` is not a certbot option: options look like `--name` or `--name value`"
            ));
        }
    }
    Ok(tokens.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_domains_are_normalised() {
        assert_eq!(domain("  Dify.Example.ORG. ").unwrap(), "dify.example.org");
        assert_eq!(
            domain("bücher.example.de").unwrap(),
            "xn--bcher-kva.example.de"
        );
        assert_eq!(domain("a-b.c0.io").unwrap(), "a-b.c0.io");
    }

    #[test]
    fn bad_domains_say_what_to_do() {
        let cases = [
            ("", "Enter the domain"),
            (
                "https://dify.example.org/apps",
                "without `https://`: dify.example.org",
            ),
            ("*.example.org", "Wildcard"),
            ("203.0.113.7", "IP address"),
            ("::1", "IP address"),
            ("localhost", "at least one dot"),
            ("dify.localhost", ".localhost"),
            ("nas.local", ".local"),
            ("dify.example.org:8443", "without a port"),
            ("dify", "at least one dot"),
            ("-a.example.org", "hyphen"),
            ("a..org", "empty part"),
            ("a_b.example.org", "`_` is not allowed"),
            ("1.2.3.4.5", "IP address"),
            ("x.org;reboot", "`;` cannot be used"),
            ("admin@example.org", "email"),
        ];
        for (input, expected) in cases {
            let err = domain(input).unwrap_err();
            assert!(err.contains(expected), "{input:?}: {err}");
        }
        let long = format!("{}.org", "a".repeat(64));
        assert!(domain(&long).unwrap_err().contains("63"));
        let huge = format!("{}org", "abcdefghi.".repeat(26));
        assert!(domain(&huge).unwrap_err().contains("253"));
    }

    #[test]
    fn emails() {
        assert_eq!(
            email(" Ops+tls@Example.ORG.uk ").unwrap(),
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
        ];
        for (input, expected) in cases {
            let err = email(input).unwrap_err();
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
            ("debug", "not a certbot option"),
            ("--debug extra more", "`more` is not a certbot option"),
        ];
        for (input, expected) in cases {
            let err = certbot_options(input).unwrap_err();
            assert!(err.contains(expected), "{input:?}: {err}");
        }
    }
}
