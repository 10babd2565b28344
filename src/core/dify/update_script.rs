//! How Dify's certificate script is run: in a one-off certbot container (`run --rm`,
//! so no idle certbot service has to be up), with what differs from `.env` for this
//! run passed as the container's environment (`-e`), never written to `.env`.

/// The compose arguments for one run of `/update-cert.sh` for `domain`.
/// `stored_domain` and `stored_options` are `.env`'s `CERTBOT_DOMAIN` and
/// `CERTBOT_OPTIONS`; `run_options` are for this run only (`--dry-run`,
/// `--force-renewal`). The domain is passed when `.env` still names another one (a
/// domain change on a live HTTPS install moves `.env` only at the HTTPS switch).
pub fn update_script_args(
    stored_domain: Option<&str>,
    domain: &str,
    stored_options: &str,
    run_options: &[String],
) -> Vec<String> {
    let mut args: Vec<String> = ["run", "--rm", "-T"].map(String::from).to_vec();
    if stored_domain != Some(domain) {
        args.extend(["-e".into(), format!("CERTBOT_DOMAIN={domain}")]);
    }
    if !run_options.is_empty() {
        let all: Vec<&str> = stored_options
            .split_whitespace()
            .chain(run_options.iter().map(String::as_str))
            .collect();
        args.extend(["-e".into(), format!("CERTBOT_OPTIONS={}", all.join(" "))]);
    }
    args.extend(["certbot", "/bin/sh", "/update-cert.sh"].map(String::from));
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_differs_from_env_is_passed() {
        assert_eq!(
            update_script_args(Some("a.org"), "a.org", "--key-type ecdsa", &[]).join(" "),
            "run --rm -T certbot /bin/sh /update-cert.sh"
        );
        assert_eq!(
            update_script_args(Some("old.org"), "a.org", "--x", &["--dry-run".into()]),
            [
                "run",
                "--rm",
                "-T",
                "-e",
                "CERTBOT_DOMAIN=a.org",
                "-e",
                "CERTBOT_OPTIONS=--x --dry-run",
                "certbot",
                "/bin/sh",
                "/update-cert.sh"
            ]
        );
    }
}
