//! The TUI's words for what core reports as facts and typed remedies: where the command
//! line names a command or a flag, the screen names a key.

use crate::core::run::RenewalRefused;

/// Why `r` renews nothing, with the key that helps.
pub fn renewal_refused(refused: &RenewalRefused) -> String {
    match refused {
        RenewalRefused::NoDomain => {
            "CERTBOT_DOMAIN is not set in .env: press w to set one up".into()
        }
        RenewalRefused::NoCertificate { .. } => {
            "There is no certificate to renew yet: press w to set one up".into()
        }
        RenewalRefused::UnsafeValue { .. } => refused.to_string(),
    }
}
