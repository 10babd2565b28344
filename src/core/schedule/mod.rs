//! The renewal schedule: a systemd timer (where systemd runs) or a cron entry, twice a
//! day, running `dify-https --dir <folder> renew --quiet`. Generated text, where it
//! goes, and installing/removing exactly those files (under a root, for packaging
//! and tests). Calling `systemctl` is the front end's business (see [`SystemdAction`]).

pub mod notify;
pub mod reminders;
mod state;
mod text;

use crate::tr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use state::{LastRun, Outcome, last_run, record, state_path};
pub use text::{
    ControlCharacter, cron_argv, cron_line, exec_start_argv, no_controls, shell_quote,
    systemd_quote,
};

/// How the schedule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `/etc/systemd/system/dify-https-renew-<project>.{service,timer}`.
    Systemd,
    /// `/etc/cron.d/dify-https-<project>`.
    Cron,
}

/// Why a schedule cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleRefused {
    #[error(transparent)]
    Control(#[from] ControlCharacter),
    #[error("{}", crate::tr!("schedule-refused-project", project = .project.to_string()))]
    Project { project: String },
    #[error("{}", crate::tr!("schedule-refused-foreign-file", path = .path.display().to_string()))]
    Foreign { path: PathBuf },
}

/// A compose project name as compose makes them (lower-case letters, digits, `-`, `_`),
/// which is what names the unit and cron files.
fn project_name_ok(project: &str) -> bool {
    project.len() <= 200
        && project.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && project
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The mark every file dify-https writes for a schedule carries in its first line.
const OWN_MARK: &str = "written by dify-https";

/// Whether the file at `path` is one dify-https wrote (its first line says so).
pub fn is_own_file(path: &Path) -> bool {
    crate::core::files::read_bounded(path, 64 * 1024, crate::core::files::Links::Refuse)
        .ok()
        .and_then(|b| {
            let text = String::from_utf8_lossy(&b).into_owned();
            text.lines().next().map(|l| l.to_ascii_lowercase())
        })
        .is_some_and(|first| first.contains(OWN_MARK))
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
    /// packaging does (systemd spreads with `RandomizedDelaySec`). Refused when a value
    /// cannot be written into them safely (a control character, a project name that is
    /// not one compose makes).
    pub fn files(&self, kind: Kind, minute: u8) -> Result<Vec<ScheduleFile>, ScheduleRefused> {
        if !project_name_ok(&self.project) {
            return Err(ScheduleRefused::Project {
                project: self.project.escape_debug().to_string(),
            });
        }
        Ok(match kind {
            Kind::Systemd => {
                let unit = unit_name(&self.project);
                vec![
                    ScheduleFile {
                        path: PathBuf::from(format!("/etc/systemd/system/{unit}.service")),
                        text: text::service(self)?,
                    },
                    ScheduleFile {
                        path: PathBuf::from(format!("/etc/systemd/system/{unit}.timer")),
                        text: text::timer(self)?,
                    },
                ]
            }
            Kind::Cron => vec![ScheduleFile {
                path: cron_path(&self.project),
                text: text::cron_file(self, minute)?,
            }],
        })
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
    // Before anything changes: a file dify-https did not write is never replaced.
    if let Some(path) = foreign_files(root, files).into_iter().next() {
        return Err(io::Error::other(
            ScheduleRefused::Foreign { path }.to_string(),
        ));
    }
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
        .filter(|(_, p)| is_own_file(&under(root, p)))
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
            // sh (IFS) and systemd split words on ASCII blanks only.
            ' ' | '\t' | '\n' | '\r' => {
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

/// Files at `files`' places under `root` that dify-https did not write: they are left
/// alone, so a schedule is not written over them.
pub fn foreign_files(root: &Path, files: &[ScheduleFile]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|f| under(root, &f.path))
        .filter(|p| fs::symlink_metadata(p).is_ok() && !is_own_file(p))
        .collect()
}

/// Writes `files` under `root`, each atomically (temp file and rename), mode 0644,
/// through the tree writer (no link followed below `root`); replaces what dify-https
/// wrote there before (re-installing never duplicates), and refuses, before writing
/// anything, where a file it did not write is in the way.
pub fn write_files(root: &Path, files: &[ScheduleFile]) -> io::Result<()> {
    if let Some(path) = foreign_files(root, files).into_iter().next() {
        return Err(io::Error::other(
            ScheduleRefused::Foreign { path }.to_string(),
        ));
    }
    // The root itself is the one the user named (`/`, or `--root DIR`): made if missing.
    fs::create_dir_all(root)?;
    for f in files {
        let rel = f.path.strip_prefix("/").unwrap_or(&f.path);
        let (Some(dir), Some(name)) = (rel.parent(), rel.file_name()) else {
            continue;
        };
        crate::core::files::Dir::open(root, dir, Some(0o755))?.write_atomic(
            name,
            f.text.as_bytes(),
            0o644,
        )?;
    }
    Ok(())
}

/// Removes what a schedule for `project` consists of under `root` (either kind), only
/// files dify-https wrote; returns what was removed and the foreign files left.
pub fn remove_files(root: &Path, project: &str) -> io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let (mut removed, mut left) = (Vec::new(), Vec::new());
    for (_, p) in all_paths(project) {
        let path = under(root, &p);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_file() && is_own_file(&path) => {
                fs::remove_file(&path)?;
                removed.push(p);
            }
            Ok(_) => left.push(p),
            Err(_) => {}
        }
    }
    Ok((removed, left))
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
            write_files(root.path(), &job.files(kind, 5).unwrap()).unwrap();
            let found = installed(root.path(), "docker").unwrap();
            let words = command_words(&found.command.unwrap());
            assert_eq!(words, job.argv(), "{kind:?}");
        }
    }

    #[test]
    fn install_replaces_and_remove_removes_exactly_its_files() {
        let root = tempfile::tempdir().unwrap();
        let other = under(root.path(), Path::new("/etc/cron.d/certbot"));
        fs::create_dir_all(other.parent().unwrap()).unwrap();
        fs::write(&other, "keep").unwrap();
        write_files(root.path(), &job().files(Kind::Cron, 17).unwrap()).unwrap();
        write_files(root.path(), &job().files(Kind::Cron, 23).unwrap()).unwrap();
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
            (vec![PathBuf::from("/etc/cron.d/dify-https-docker")], vec![])
        );
        assert!(installed(root.path(), "docker").is_none());
        assert_eq!(fs::read_to_string(&other).unwrap(), "keep");
    }

    #[test]
    fn a_file_dify_https_did_not_write_is_never_replaced_or_removed() {
        let root = tempfile::tempdir().unwrap();
        let theirs = under(root.path(), &cron_path("docker"));
        fs::create_dir_all(theirs.parent().unwrap()).unwrap();
        fs::write(&theirs, "0 3 * * * root /opt/backup.sh\n").unwrap();
        let err = write_files(root.path(), &job().files(Kind::Cron, 5).unwrap()).unwrap_err();
        assert!(
            err.to_string().contains("was not written by dify-https"),
            "{err}"
        );
        assert!(installed(root.path(), "docker").is_none());
        assert_eq!(
            remove_files(root.path(), "docker").unwrap(),
            (vec![], vec![cron_path("docker")])
        );
        assert_eq!(
            fs::read_to_string(&theirs).unwrap(),
            "0 3 * * * root /opt/backup.sh\n"
        );
    }

    #[test]
    fn nothing_is_written_through_a_link_under_the_root() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("etc")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.path().join("etc/cron.d")).unwrap();
        assert!(write_files(root.path(), &job().files(Kind::Cron, 5).unwrap()).is_err());
        assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
