//! Production, staging or dry-run: which Let's Encrypt server, and whether anything is saved.

use crate::tr;

/// Added to every run's options: without a terminal `certbot renew` first sleeps a
/// random 1–480 s and prints nothing meanwhile. dify-https starts renewals itself.
pub const NO_RANDOM_SLEEP: &str = "--no-random-sleep-on-renew";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Production,
    Staging,
    DryRun,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Production, Mode::Staging, Mode::DryRun];

    /// The certbot flag stored in `CERTBOT_OPTIONS` for this mode. A dry run stores
    /// none: `--dry-run` is given to its run only (see [`Mode::run_flag`]), so no later
    /// renewal rehearses instead of renewing.
    pub fn flag(self) -> Option<&'static str> {
        match self {
            Mode::Production | Mode::DryRun => None,
            Mode::Staging => Some("--test-cert"),
        }
    }

    /// The certbot flag given to the run only, never stored.
    pub fn run_flag(self) -> Option<&'static str> {
        match self {
            Mode::DryRun => Some("--dry-run"),
            _ => None,
        }
    }

    /// [`Mode::run_flag`] as the run's own options (`RunContext::run_options`).
    pub fn run_options(self) -> Vec<String> {
        self.run_flag().map(String::from).into_iter().collect()
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Production => "production",
            Mode::Staging => "staging",
            Mode::DryRun => "dry-run",
        }
    }

    pub fn explain(self) -> String {
        match self {
            Mode::Production => tr!("core-mode-a-real-trusted-certificate-from"),
            Mode::Staging => tr!("core-mode-an-untrusted-test-certificate-tries"),
            Mode::DryRun => tr!("core-mode-a-rehearsal-against-the-staging"),
        }
    }

    /// Splits existing `CERTBOT_OPTIONS` into the mode they select and the other options
    /// (the random-sleep flag dify-https adds itself is dropped).
    pub fn from_options(options: &str) -> (Mode, String) {
        let mut mode = Mode::Production;
        let mut rest = Vec::new();
        for token in options.split_whitespace() {
            match token {
                "--dry-run" => mode = Mode::DryRun,
                "--test-cert" | "--staging" if mode != Mode::DryRun => mode = Mode::Staging,
                "--test-cert" | "--staging" => {}
                t if t == NO_RANDOM_SLEEP => {}
                t => rest.push(t),
            }
        }
        (mode, rest.join(" "))
    }

    /// The `CERTBOT_OPTIONS` value stored for this mode plus the user's own options.
    pub fn options_value(self, extra: &str) -> String {
        let mut parts: Vec<&str> = self.flag().into_iter().collect();
        parts.push(NO_RANDOM_SLEEP);
        parts.extend(extra.split_whitespace());
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_round_trip_through_the_mode() {
        for mode in [Mode::Production, Mode::Staging] {
            let value = mode.options_value("--key-type ecdsa");
            assert_eq!(
                Mode::from_options(&value),
                (mode, "--key-type ecdsa".to_string())
            );
        }
        // A dry run stores what production would: --dry-run is for its run only.
        assert_eq!(Mode::DryRun.options_value(""), "--no-random-sleep-on-renew");
        assert_eq!(Mode::DryRun.run_flag(), Some("--dry-run"));
        assert_eq!(Mode::Staging.run_flag(), None);
        assert_eq!(
            Mode::Production.options_value(""),
            "--no-random-sleep-on-renew"
        );
    }

    #[test]
    fn dry_run_wins_over_staging_as_certbot_does() {
        assert_eq!(Mode::from_options("--test-cert --dry-run").0, Mode::DryRun);
        assert_eq!(Mode::from_options("--staging").0, Mode::Staging);
    }
}
