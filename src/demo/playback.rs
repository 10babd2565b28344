//! The demo's runs: recorded from a real issuance (pebble, certbot, nginx: see
//! `tests/acme_e2e.rs`) and played through the real run screen. What a run leaves in
//! the folder is written into the demo's copy too (a demo certificate, the HTTPS
//! switch in `.env`), so the dashboard afterwards reads it as a real run leaves it.
//! Nothing is contacted and nothing outside the demo folder is touched.

use crate::tr;
use std::fs;
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, SanType};
use time::{Duration, OffsetDateTime};

use crate::core::dify::DifyFolder;
use crate::core::envfile::EnvFile;
use crate::core::run::recording::{parse, replay};
use crate::core::run::{
    Cancel, LineSource, RunError, RunEvent, Step, StepOutcome, write_https_switch,
};

/// Which recorded run plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Playback {
    /// The whole setup, certificate and HTTPS switch included.
    Works,
    /// nginx answers 404 for the challenge file: the run stops before certbot.
    ChallengeFails,
}

/// The runs, recorded in each language (`tests/acme_e2e.rs`): their steps, notes and
/// errors read as a real run's would.
const WORKS: &str = include_str!("../../assets/demo/run-success.jsonl");
const CHALLENGE_FAILS: &str = include_str!("../../assets/demo/run-challenge-404.jsonl");
const WORKS_ZH: &str = include_str!("../../assets/demo/run-success.zh-CN.jsonl");
const CHALLENGE_FAILS_ZH: &str = include_str!("../../assets/demo/run-challenge-404.zh-CN.jsonl");

/// The issuer named on the demo's certificate.
pub const DEMO_ISSUER: &str = "dify-https demo CA";

/// What a demo run needs.
pub struct DemoRun<'a> {
    pub folder: &'a DifyFolder,
    pub domain: &'a str,
    pub upgrade_urls: bool,
    pub now: OffsetDateTime,
}

/// Plays `playback` from the first of `steps` on, ending as the recorded run ended.
pub fn play(
    playback: Playback,
    run: &DemoRun,
    steps: &[Step],
    cancel: &Cancel,
    emit: &mut dyn FnMut(RunEvent),
) -> Result<(), RunError> {
    let text = match (playback, crate::i18n::current()) {
        (Playback::Works, crate::i18n::Lang::En) => WORKS,
        (Playback::ChallengeFails, crate::i18n::Lang::En) => CHALLENGE_FAILS,
        (Playback::Works, crate::i18n::Lang::ZhCn) => WORKS_ZH,
        (Playback::ChallengeFails, crate::i18n::Lang::ZhCn) => CHALLENGE_FAILS_ZH,
    };
    let recording = parse(text, run.folder.root(), run.domain)
        .map_err(|e| RunError::Busy(tr!("core-demo-the-demos-recording-cannot-be", e)))?;
    // The HTTPS switch's own words (its keys, its backup) replace the recorded ones.
    let mut switched: Option<(String, String)> = None;
    replay(&recording, steps, cancel, &mut |event| {
        let event = match event {
            RunEvent::Finished {
                step: Step::RequestCertificate,
                outcome: StepOutcome::Succeeded { .. },
                ..
            } => {
                if let Err(e) = write_certificate(run.folder, run.domain, run.now) {
                    emit(note(tr!(
                        "core-demo-demo-could-not-write-its",
                        e = e.to_string()
                    )));
                }
                event
            }
            RunEvent::Started {
                step: Step::SwitchHttps,
                ..
            } => {
                switched = switch_https(run)
                    .map_err(|e| emit(note(tr!("core-demo-demo-e", e))))
                    .ok();
                event
            }
            RunEvent::Line {
                source: LineSource::Note,
                ..
            } if switched.is_some() => note(switched.as_ref().expect("checked").1.clone()),
            RunEvent::Finished {
                index,
                step: Step::SwitchHttps,
                elapsed,
                outcome: StepOutcome::Succeeded { .. },
            } => RunEvent::Finished {
                index,
                step: Step::SwitchHttps,
                elapsed,
                outcome: StepOutcome::Succeeded {
                    note: switched.as_ref().map(|(keys, _)| keys.clone()),
                },
            },
            event => event,
        };
        emit(event)
    })
}

fn note(text: String) -> RunEvent {
    RunEvent::Line {
        source: LineSource::Note,
        text,
    }
}

/// The demo folder's `.env` gets the HTTPS switch, as a real run writes it.
fn switch_https(run: &DemoRun) -> Result<(String, String), String> {
    let file = EnvFile::read(&run.folder.env_path()).map_err(|e| e.to_string())?;
    let written = write_https_switch(&file, run.folder, run.domain, run.upgrade_urls, run.now)?;
    let label = written
        .backup
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((
        written.keys(),
        tr!(
            "core-demo-wrote-backup-label",
            keys = (written.keys()).to_string(),
            label
        ),
    ))
}

/// A certificate for `domain`, valid for 90 days from `now`, signed by a demo CA, where
/// certbot keeps a real one (`volumes/certbot/conf/live/<domain>/`).
pub fn write_certificate(folder: &DifyFolder, domain: &str, now: OffsetDateTime) -> io::Result<()> {
    let made = make_certificate(domain, now).map_err(io::Error::other)?;
    let live = folder.live_dir(domain);
    fs::create_dir_all(&live)?;
    fs::write(live.join("cert.pem"), &made.leaf)?;
    fs::write(live.join("chain.pem"), &made.ca)?;
    fs::write(
        live.join("fullchain.pem"),
        format!("{}{}", made.leaf, made.ca),
    )?;
    write_private(&live.join("privkey.pem"), &made.key)
}

fn write_private(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?
        .write_all(text.as_bytes())
}

struct Made {
    leaf: String,
    key: String,
    ca: String,
}

fn make_certificate(domain: &str, now: OffsetDateTime) -> Result<Made, rcgen::Error> {
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, DEMO_ISSUER);
    ca_params.not_before = now - Duration::minutes(1);
    ca_params.not_after = now + Duration::days(365);
    let ca_key = KeyPair::generate()?;
    let ca = ca_params.self_signed(&ca_key)?.pem();
    let issuer = Issuer::new(ca_params, ca_key);

    let mut params = CertificateParams::new(vec![domain.to_string()])?;
    params.distinguished_name.push(DnType::CommonName, domain);
    params.subject_alt_names = vec![SanType::DnsName(domain.try_into()?)];
    params.not_before = now - Duration::minutes(1);
    params.not_after = now + Duration::days(90);
    let key = KeyPair::generate()?;
    let leaf = params.signed_by(&key, &issuer)?.pem();
    Ok(Made {
        leaf,
        key: key.serialize_pem(),
        ca,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::certificate::read_chain_file;
    use crate::core::run::setup_steps;
    use crate::core::setup::{EnvPlan, Mode, SetupRequest};
    use crate::demo::create_demo_folder;

    const DOMAIN: &str = "dify.acme-corp.dev";

    /// The demo folder after the wizard's Review was applied.
    fn demo() -> DifyFolder {
        let folder = DifyFolder::open(&create_demo_folder().unwrap()).unwrap();
        let file = EnvFile::read(&folder.env_path()).unwrap();
        let request = SetupRequest {
            domain: DOMAIN.into(),
            email: "ops@acme-corp.dev".into(),
            mode: Mode::Production,
            extra_options: String::new(),
            upgrade_urls: true,
            env_only: false,
        };
        let plan = EnvPlan::build(&folder, &file, request).unwrap();
        plan.write(&file, OffsetDateTime::now_utc()).unwrap();
        folder
    }

    fn play_all(
        folder: &DifyFolder,
        playback: Playback,
        steps: &[Step],
    ) -> (Vec<RunEvent>, Result<(), RunError>) {
        let now = OffsetDateTime::now_utc();
        let run = DemoRun {
            folder,
            domain: DOMAIN,
            upgrade_urls: true,
            now,
        };
        let mut seen = vec![];
        let end = play(playback, &run, steps, &Cancel::default(), &mut |e| {
            seen.push(e)
        });
        (seen, end)
    }

    #[test]
    fn the_working_run_leaves_a_certificate_and_https_on_in_the_demo_folder() {
        let folder = demo();
        let (seen, end) = play_all(
            &folder,
            Playback::Works,
            &setup_steps(Mode::Production, false),
        );
        assert_eq!(end, Ok(()));
        let chain = read_chain_file(&folder.live_dir(DOMAIN).join("fullchain.pem")).unwrap();
        assert!(
            chain.issuer.contains("dify-https demo CA"),
            "{}",
            chain.issuer
        );
        let env = fs::read_to_string(folder.env_path()).unwrap();
        assert!(env.contains("\nNGINX_HTTPS_ENABLED=true"), "{env}");
        // The note names what the demo really wrote, not what the recording's folder got.
        let notes: Vec<_> = seen
            .iter()
            .filter_map(|e| match e {
                RunEvent::Line {
                    source: LineSource::Note,
                    text,
                } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("wrote NGINX_HTTPS_ENABLED=true")
                    && n.contains("(backup .env.bak-")),
            "{notes:?}"
        );
        assert!(seen.iter().any(|e| matches!(e, RunEvent::Line { text, .. } if text.contains("Requesting a certificate for dify.acme-corp.dev"))));
        fs::remove_dir_all(folder.root().parent().unwrap()).unwrap();
    }

    #[test]
    fn the_failing_run_stops_at_the_challenge_and_writes_nothing() {
        let folder = demo();
        let before = fs::read(folder.env_path()).unwrap();
        let (_, end) = play_all(
            &folder,
            Playback::ChallengeFails,
            &setup_steps(Mode::Production, false),
        );
        let Err(RunError::Failed { step, error, .. }) = end else {
            panic!("{end:?}");
        };
        assert_eq!(step, Step::ChallengeSelfTest);
        assert!(error.contains("answered 404"), "{error}");
        assert_eq!(fs::read(folder.env_path()).unwrap(), before);
        assert!(!folder.live_dir(DOMAIN).exists());
        fs::remove_dir_all(folder.root().parent().unwrap()).unwrap();
    }
}
