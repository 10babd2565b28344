//! The challenge self-test: put a token where certbot's webroot plugin would put
//! one (`volumes/certbot/www/.well-known/acme-challenge/`), fetch it from nginx as
//! Let's Encrypt would, and remove it. A 404 or a wrong body here means Let's
//! Encrypt would fail too: better to stop before asking it, and spending rate limits.

use crate::tr;
use std::fs;
use std::io;
use std::net::{SocketAddr, ToSocketAddrs};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use ring::rand::{SecureRandom, SystemRandom};

use super::http::http_get;

/// Where to fetch the token from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChallengeTarget {
    /// nginx on this host, with the domain as Host header.
    Local { addr: SocketAddr, host: String },
    /// The domain as DNS resolves it from here, on `port`.
    Domain { domain: String, port: u16 },
}

impl ChallengeTarget {
    pub fn describe(&self) -> String {
        match self {
            ChallengeTarget::Local { addr, host } => format!("http://{addr} (Host: {host})"),
            ChallengeTarget::Domain { domain, port: 80 } => format!("http://{domain}"),
            ChallengeTarget::Domain { domain, port } => format!("http://{domain}:{port}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChallengeOutcome {
    Served,
    /// An HTTP answer other than the token (404 when the challenge location is missing).
    Wrong {
        status: u16,
        body: String,
    },
    /// No answer (nothing listening, timeout).
    Unreachable(String),
    /// The name has no address at all here (no DNS record): Let's Encrypt cannot reach it
    /// either, wherever it looks from.
    NoAddress(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeCheck {
    pub target: ChallengeTarget,
    pub outcome: ChallengeOutcome,
}

/// Why nginx answered the challenge file with something else: one rule for the doctor
/// (before a run) and the run's self-test (after nginx was recreated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChallengeCause {
    /// `.env` does not ask for the challenge location (or nginx could not be asked).
    NotAsked,
    /// `.env` says true, the running nginx has `running`: before a run, nginx predates
    /// the `.env` change; after the run recreated it, something else sets the value.
    NginxHasOtherValue { running: String },
    /// nginx has true and still does not serve it: the webroot mount or the templates.
    LocationMissing,
}

/// The cause, from what `.env` asks (`env_on`) and what the running nginx has
/// (`running`: `None` when it could not be asked).
pub fn challenge_cause(env_on: bool, running: Option<&str>) -> ChallengeCause {
    match (env_on, running) {
        (true, Some(r)) if r != "true" => ChallengeCause::NginxHasOtherValue {
            running: r.to_string(),
        },
        (true, Some(_)) => ChallengeCause::LocationMissing,
        _ => ChallengeCause::NotAsked,
    }
}

/// Writes a random token into `www/.well-known/acme-challenge/`, fetches it from each
/// target, removes it. Fails only if the token cannot be written.
pub fn challenge_self_test(
    www: &Path,
    targets: &[ChallengeTarget],
    timeout: Duration,
) -> io::Result<Vec<ChallengeCheck>> {
    let dir = www.join(".well-known/acme-challenge");
    // Never through a link: a linked folder could make the chmod below (or the token)
    // land anywhere on the host.
    for d in [www.to_path_buf(), www.join(".well-known"), dir.clone()] {
        if let Ok(meta) = fs::symlink_metadata(&d)
            && !meta.file_type().is_dir()
        {
            return Err(io::Error::other(tr!(
                "core-probe-is-not-a-folder-refusing",
                d = (d.display()).to_string(),
                file_type = (crate::core::files::kind_of(meta.file_type())).to_string()
            )));
        }
    }
    fs::create_dir_all(&dir)?;
    // nginx's workers run as another user: the folders and the token must be readable.
    for d in [www.join(".well-known"), dir.clone()] {
        let mode = fs::symlink_metadata(&d)?.permissions().mode();
        if mode & 0o005 != 0o005 {
            fs::set_permissions(&d, fs::Permissions::from_mode(mode | 0o755))?;
        }
    }
    let name = random_token()?;
    let content = format!("dify-https-self-test.{}", random_token()?);
    let file = dir.join(&name);
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(&file)?;
        f.write_all(content.as_bytes())?;
        f.set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    let path = format!("/.well-known/acme-challenge/{name}");
    let checks = targets
        .iter()
        .map(|target| ChallengeCheck {
            target: target.clone(),
            outcome: fetch(target, &path, &content, timeout),
        })
        .collect();
    fs::remove_file(&file)?;
    Ok(checks)
}

fn fetch(
    target: &ChallengeTarget,
    path: &str,
    expected: &str,
    timeout: Duration,
) -> ChallengeOutcome {
    let (addrs, host): (Vec<SocketAddr>, &str) = match target {
        ChallengeTarget::Local { addr, host } => (vec![*addr], host),
        ChallengeTarget::Domain { domain, port } => {
            match (domain.as_str(), *port).to_socket_addrs() {
                Ok(a) => (a.collect(), domain),
                Err(e) => {
                    return ChallengeOutcome::NoAddress(tr!(
                        "core-doctor-domain-does-not-resolve-e",
                        domain = domain.to_string(),
                        e = e.to_string()
                    ));
                }
            }
        }
    };
    let mut last = ChallengeOutcome::Unreachable("no address".into());
    for addr in addrs {
        last = match http_get(addr, host, path, timeout) {
            Ok(r) if r.status == 200 && r.body.trim_ascii() == expected.as_bytes() => {
                return ChallengeOutcome::Served;
            }
            Ok(r) => ChallengeOutcome::Wrong {
                status: r.status,
                body: String::from_utf8_lossy(&r.body[..r.body.len().min(200)])
                    .trim()
                    .to_string(),
            },
            Err(e) => ChallengeOutcome::Unreachable(format!("{addr}: {e}")),
        };
    }
    last
}

fn random_token() -> io::Result<String> {
    let mut bytes = [0u8; 16];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| io::Error::other("no system randomness"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod cause_tests {
    use super::*;

    #[test]
    fn what_env_asks_and_nginx_has_name_the_cause() {
        assert_eq!(
            challenge_cause(false, Some("false")),
            ChallengeCause::NotAsked
        );
        assert_eq!(challenge_cause(true, None), ChallengeCause::NotAsked);
        assert_eq!(
            challenge_cause(true, Some("false")),
            ChallengeCause::NginxHasOtherValue {
                running: "false".into()
            }
        );
        assert_eq!(
            challenge_cause(true, Some("true")),
            ChallengeCause::LocationMissing
        );
    }
}
