//! The renewal schedule: a systemd timer (where systemd runs) or a cron entry, twice a
//! day, running `dify-https --dir <folder> renew --quiet`. Generated text, where it
//! goes, and installing/removing exactly those files (under a root, for packaging
//! and tests). Calling `systemctl` is the front end's business (see [`SystemdAction`]).

pub mod notify;
mod state;
mod text;

use crate::tr;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use state::{LastRun, Outcome, last_run, record, state_path};
pub use text::{cron_line, shell_quote, systemd_quote};

/// How the schedule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `/etc/systemd/system/dify-https-renew-<project>.{service,timer}`.
    Systemd,
    /// `/etc/cron.d/dify-https-<project>`.
    Cron,
}

/// What a scheduled run runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The compose project (names the files: one schedule per Dify install).
    pub project: String,
    /// The installed binary, absolute.
    pub binary: PathBuf,
    /// The Dify folder, absolute.
    pub dir: PathBuf,
    /// `--compose` as the user gave it, if they did.
    pub compose: Option<String>,
    /// `--prometheus FILE` for each run, if wanted.
    pub prometheus: Option<PathBuf>,
}

/// One file the schedule consists of: where (absolute, as on the host) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleFile {
    pub path: PathBuf,
    pub text: String,
}

impl Job {
    /// The command line a scheduled run executes.
    pub fn argv(&self) -> Vec<String> {
        let mut argv = vec![
            self.binary.display().to_string(),
            "--dir".into(),
            self.dir.display().to_string(),
        ];
        if let Some(c) = &self.compose {
            argv.extend(["--compose".into(), c.clone()]);
        }
        argv.extend(["renew".into(), "--quiet".into()]);
        if let Some(p) = &self.prometheus {
            argv.extend(["--prometheus".into(), p.display().to_string()]);
        }
        argv
    }

    /// The files of a `kind` schedule; `minute` spreads cron runs as certbot's own
    /// packaging does (systemd spreads with `RandomizedDelaySec`).
    pub fn files(&self, kind: Kind, minute: u8) -> Vec<ScheduleFile> {
        match kind {
            Kind::Systemd => {
                let unit = unit_name(&self.project);
                vec![
                    ScheduleFile {
                        path: PathBuf::from(format!("/etc/systemd/system/{unit}.service")),
                        text: text::service(self),
                    },
                    ScheduleFile {
                        path: PathBuf::from(format!("/etc/systemd/system/{unit}.timer")),
                        text: text::timer(self),
                    },
                ]
            }
            Kind::Cron => vec![ScheduleFile {
                path: cron_path(&self.project),
                text: text::cron_file(self, minute),
            }],
        }
    }
}

impl Job {
    /// The job for `folder` run by this very binary (both paths absolute).
    pub fn for_folder(
        folder: &crate::core::dify::DifyFolder,
        project: &str,
        compose: Option<&str>,
        prometheus: Option<PathBuf>,
    ) -> io::Result<Job> {
        let absolute = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let binary = absolute(&std::env::current_exe()?);
        let prometheus = prometheus.map(|p| {
            if p.is_absolute() {
                p
            } else {
                std::env::current_dir().unwrap_or_default().join(p)
            }
        });
        Ok(Job {
            project: project.to_string(),
            binary,
            dir: absolute(folder.root()),
            compose: compose.map(str::to_string),
            prometheus,
        })
    }
}

/// The kind a schedule gets where nothing was chosen: systemd where it runs, else cron
/// (under a root: cron, which needs nothing running); `None`: neither is here.
pub fn default_kind(host: bool) -> Option<Kind> {
    if host && systemd_runs() {
        Some(Kind::Systemd)
    } else if cron_here() || !host {
        Some(Kind::Cron)
    } else {
        None
    }
}

/// Installs `files` of `kind` for `job.project` under `root`: the schedule there
/// before (either kind) goes first; on the host, systemctl follows (`systemctl`
/// runs each call). Returns what it says when done.
pub fn install(
    root: &Path,
    host: bool,
    job: &Job,
    kind: Kind,
    files: &[ScheduleFile],
    systemctl: &mut dyn FnMut(&[String]) -> io::Result<()>,
) -> io::Result<String> {
    if let Some(previous) = installed(root, &job.project) {
        if host && previous.kind == Kind::Systemd {
            for call in SystemdAction::Disable(unit_name(&job.project)).calls() {
                systemctl(&call)?;
            }
        }
        remove_files(root, &job.project)?;
    }
    write_files(root, files)?;
    if host && kind == Kind::Systemd {
        for call in SystemdAction::Enable(unit_name(&job.project)).calls() {
            systemctl(&call)?;
        }
    }
    let what = match kind {
        Kind::Systemd => tr!(
            "core-schedule-systemd-timer",
            unit = format!("{}.timer", unit_name(&job.project))
        ),
        Kind::Cron => tr!("core-schedule-a-cron-entry"),
    };
    let folder = job.dir.display();
    Ok(if host {
        tr!("core-schedule-installed", what, folder)
    } else {
        tr!("core-schedule-installed-under-root", what, folder)
    })
}

/// `systemctl <args>` on this host.
pub fn run_systemctl(args: &[String]) -> io::Result<()> {
    let status = std::process::Command::new("systemctl")
        .args(args)
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(tr!(
            "core-schedule-systemctl-failed",
            args = (args.join(" ")).to_string()
        )))
    }
}

/// `dify-https-renew-<project>`, the systemd units' name.
pub fn unit_name(project: &str) -> String {
    format!("dify-https-renew-{project}")
}

/// `/etc/cron.d/dify-https-<project>` (cron.d names may not contain dots).
pub fn cron_path(project: &str) -> PathBuf {
    PathBuf::from(format!("/etc/cron.d/dify-https-{project}"))
}

/// Every file a schedule of either kind for `project` may consist of.
pub fn all_paths(project: &str) -> Vec<(Kind, PathBuf)> {
    let unit = unit_name(project);
    vec![
        (
            Kind::Systemd,
            PathBuf::from(format!("/etc/systemd/system/{unit}.service")),
        ),
        (
            Kind::Systemd,
            PathBuf::from(format!("/etc/systemd/system/{unit}.timer")),
        ),
        (Kind::Cron, cron_path(project)),
    ]
}

/// `path` (absolute) under `root` (`/` for the host).
pub fn under(root: &Path, path: &Path) -> PathBuf {
    root.join(path.strip_prefix("/").unwrap_or(path))
}

/// An installed schedule, as found on disk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Installed {
    pub kind: Kind,
    pub files: Vec<PathBuf>,
    /// The command it runs (from `ExecStart=` or the cron line).
    pub command: Option<String>,
}

/// What is installed for `project` under `root`.
pub fn installed(root: &Path, project: &str) -> Option<Installed> {
    let found: Vec<(Kind, PathBuf)> = all_paths(project)
        .into_iter()
        .filter(|(_, p)| under(root, p).is_file())
        .collect();
    let kind = found.first()?.0;
    let command = found.iter().find_map(|(_, p)| {
        let text = fs::read_to_string(under(root, p)).ok()?;
        text.lines().find_map(|l| {
            l.strip_prefix("ExecStart=")
                .map(str::to_string)
                .or_else(|| (kind == Kind::Cron && l.contains(" root ")).then(|| cron_command(l)))
        })
    });
    Some(Installed {
        kind,
        files: found.into_iter().map(|(_, p)| p).collect(),
        command,
    })
}

/// The words of a schedule's command line (`'…'` and `"…"` quoting, `\` escapes
/// inside double quotes, as `sh` and systemd read them).
pub fn command_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        q => word.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The command of a cron.d line (`m h dom mon dow user command`).
fn cron_command(line: &str) -> String {
    line.split_whitespace()
        .skip(6)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes `files` under `root`, each atomically (temp file and rename), mode 0644;
/// replaces what was there (re-installing never duplicates), never through a link.
pub fn write_files(root: &Path, files: &[ScheduleFile]) -> io::Result<()> {
    for f in files {
        let path = under(root, &f.path);
        let dir = path.parent().unwrap_or(root);
        fs::create_dir_all(dir)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".dify-https-")
            .tempfile_in(dir)?;
        tmp.write_all(f.text.as_bytes())?;
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))?;
        tmp.as_file().sync_all()?;
        tmp.persist(&path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Removes what a schedule for `project` consists of under `root` (either kind);
/// returns what was removed. Nothing else is touched.
pub fn remove_files(root: &Path, project: &str) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for (_, p) in all_paths(project) {
        let path = under(root, &p);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_file() => {
                fs::remove_file(&path)?;
                removed.push(p);
            }
            _ => {}
        }
    }
    Ok(removed)
}

/// The `systemctl` calls that follow a change on a host (never under another root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SystemdAction {
    /// `daemon-reload`, then `enable --now <unit>.timer`.
    Enable(String),
    /// `disable --now <unit>.timer`, then (after the files are gone) `daemon-reload`.
    Disable(String),
}

impl SystemdAction {
    /// The `systemctl` argument lists, in order.
    pub fn calls(&self) -> Vec<Vec<String>> {
        match self {
            SystemdAction::Enable(unit) => vec![
                vec!["daemon-reload".into()],
                vec!["enable".into(), "--now".into(), format!("{unit}.timer")],
            ],
            SystemdAction::Disable(unit) => vec![
                vec!["disable".into(), "--now".into(), format!("{unit}.timer")],
                vec!["daemon-reload".into()],
            ],
        }
    }
}

/// When the project's timer elapses next, as systemd says (`None` when it cannot).
pub fn next_elapse(project: &str) -> Option<String> {
    let out = std::process::Command::new("systemctl")
        .args(["show", "--property=NextElapseUSecRealtime", "--value"])
        .arg(format!("{}.timer", unit_name(project)))
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !text.is_empty() && text != "n/a").then_some(text)
}

/// Whether systemd runs this host (what `sd_booted` checks).
pub fn systemd_runs() -> bool {
    Path::new("/run/systemd/system").is_dir()
}

/// Whether a cron daemon reads `/etc/cron.d` here.
pub fn cron_here() -> bool {
    Path::new("/etc/cron.d").is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> Job {
        Job {
            project: "docker".into(),
            binary: "/usr/bin/dify-https".into(),
            dir: "/opt/my dify/docker".into(),
            compose: Some("sudo docker compose".into()),
            prometheus: None,
        }
    }

    #[test]
    fn command_words_read_both_quotings_back() {
        let job = job();
        for kind in [Kind::Cron, Kind::Systemd] {
            let root = tempfile::tempdir().unwrap();
            write_files(root.path(), &job.files(kind, 5)).unwrap();
            let found = installed(root.path(), "docker").unwrap();
            let mut words = command_words(&found.command.unwrap());
            if kind == Kind::Systemd {
                // systemd doubles % and $; none here.
                words.iter_mut().for_each(|w| *w = w.replace("%%", "%"));
            }
            assert_eq!(words, job.argv(), "{kind:?}");
        }
    }

    #[test]
    fn install_replaces_and_remove_removes_exactly_its_files() {
        let root = tempfile::tempdir().unwrap();
        let other = under(root.path(), Path::new("/etc/cron.d/certbot"));
        fs::create_dir_all(other.parent().unwrap()).unwrap();
        fs::write(&other, "keep").unwrap();
        write_files(root.path(), &job().files(Kind::Cron, 17)).unwrap();
        write_files(root.path(), &job().files(Kind::Cron, 23)).unwrap();
        let found = installed(root.path(), "docker").unwrap();
        assert_eq!(found.kind, Kind::Cron);
        assert_eq!(
            found.files,
            [PathBuf::from("/etc/cron.d/dify-https-docker")]
        );
        assert_eq!(
            found.command.as_deref(),
            Some(
                "/usr/bin/dify-https --dir '/opt/my dify/docker' --compose 'sudo docker compose' renew --quiet"
            )
        );
        let text = fs::read_to_string(under(root.path(), &cron_path("docker"))).unwrap();
        assert_eq!(
            text.matches("renew --quiet").count(),
            1,
            "re-installing replaced it"
        );
        assert!(text.contains("\n23 */12 * * * root "), "{text}");
        assert_eq!(
            remove_files(root.path(), "docker").unwrap(),
            [PathBuf::from("/etc/cron.d/dify-https-docker")]
        );
        assert!(installed(root.path(), "docker").is_none());
        assert_eq!(fs::read_to_string(&other).unwrap(), "keep");
    }
}
