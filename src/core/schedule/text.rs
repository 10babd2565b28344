//! The text of the schedule's files: a systemd service and timer, or a cron.d entry.
//! The one encoder for them: every value is quoted for the reader that will parse it
//! (sh for cron, systemd's own rules for units), and a value with a control character
//! (a newline above all, which would start a new cron line or unit directive) is
//! refused, not encoded. [`cron_argv`] and [`exec_start_argv`] read the words back.

use super::{Job, command_words};

/// A value that cannot go into a unit or cron file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::tr!("schedule-refused-control-character", value = .value.to_string(), code = format!("{:04X}", .code)))]
pub struct ControlCharacter {
    /// The value, with its control characters escaped (`\n`), for the message.
    pub value: String,
    pub code: u32,
}

/// `s` itself, if it holds no control character.
pub fn no_controls(s: &str) -> Result<&str, ControlCharacter> {
    match s.chars().find(|c| c.is_control()) {
        Some(c) => Err(ControlCharacter {
            value: s.escape_debug().to_string(),
            code: c as u32,
        }),
        None => Ok(s),
    }
}

/// Characters that need no quoting for sh or systemd.
fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c))
}

/// `s` as one word for a POSIX shell (cron runs its command with `sh -c`).
pub fn shell_quote(s: &str) -> Result<String, ControlCharacter> {
    let s = no_controls(s)?;
    Ok(if plain(s) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    })
}

/// `s` as one word of a systemd `ExecStart=` line: double quotes with `\` and `"`
/// escaped, and `%` doubled (systemd's specifiers), `$` doubled (its variables). Quoted
/// unless plain, so that a lone `;` is never read as a command separator.
pub fn systemd_quote(s: &str) -> Result<String, ControlCharacter> {
    let s = no_controls(s)?;
    if plain(s) {
        return Ok(s.to_string());
    }
    let escaped = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%")
        .replace('$', "$$");
    Ok(format!("\"{escaped}\""))
}

/// Text for a unit's `Description=` (systemd expands `%` there too).
fn systemd_text(s: &str) -> Result<String, ControlCharacter> {
    Ok(no_controls(s)?.replace('%', "%%"))
}

/// The cron.d line: twice a day at `minute` past 0 and 12, as root.
pub fn cron_line(job: &Job, minute: u8) -> Result<String, ControlCharacter> {
    let command = job
        .argv()
        .iter()
        // cron turns an unescaped % into a newline.
        .map(|a| shell_quote(a).map(|q| q.replace('%', "\\%")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!(
        "{} */12 * * * root {}",
        minute % 60,
        command.join(" ")
    ))
}

/// The words a cron.d line runs, as cron and then sh read them.
pub fn cron_argv(line: &str) -> Vec<String> {
    // cron's six fields are separated by spaces and tabs (ASCII only); the rest of the
    // line is the command, as written.
    let mut rest = line;
    for _ in 0..6 {
        rest = rest.trim_start_matches([' ', '\t']);
        rest = rest.trim_start_matches(|c: char| c != ' ' && c != '\t');
    }
    command_words(&rest.replace("\\%", "%"))
}

/// The words of an `ExecStart=` value, as systemd reads them.
pub fn exec_start_argv(value: &str) -> Vec<String> {
    command_words(value)
        .into_iter()
        .map(|w| w.replace("%%", "%").replace("$$", "$"))
        .collect()
}

pub(super) fn cron_file(job: &Job, minute: u8) -> Result<String, ControlCharacter> {
    let dir = job.dir.display().to_string();
    Ok(format!(
        "# Renews the HTTPS certificate of the Dify install in {dir} (written by dify-https;\n\
         # `dify-https --dir {dir_word} schedule remove` removes it). Twice a day, as\n\
         # certbot's own packaging does; it prints nothing unless something happened.\n\
         SHELL=/bin/sh\n\
         PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n\
         \n\
         {line}\n",
        dir = no_controls(&dir)?,
        dir_word = shell_quote(&dir)?,
        line = cron_line(job, minute)?,
    ))
}

pub(super) fn service(job: &Job) -> Result<String, ControlCharacter> {
    let exec = job
        .argv()
        .iter()
        .map(|a| systemd_quote(a))
        .collect::<Result<Vec<_>, _>>()?;
    let dir = job.dir.display().to_string();
    Ok(format!(
        "# Written by dify-https; `dify-https --dir {dir_word} schedule remove` removes it.\n\
         [Unit]\n\
         Description=Renew the HTTPS certificate of the Dify install in {dir}\n\
         Wants=network-online.target\n\
         After=network-online.target docker.service\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         # A run that hangs (a CA or a webhook that never answers) is ended, so the\n\
         # timer can start the next one.\n\
         TimeoutStartSec=30min\n\
         ExecStart={exec}\n",
        dir = systemd_text(&dir)?,
        dir_word = shell_quote(&dir)?,
        exec = exec.join(" "),
    ))
}

pub(super) fn timer(job: &Job) -> Result<String, ControlCharacter> {
    let dir = job.dir.display().to_string();
    Ok(format!(
        "# Written by dify-https; `dify-https --dir {dir_word} schedule remove` removes it.\n\
         [Unit]\n\
         Description=Twice-daily HTTPS renewal of the Dify install in {dir}\n\
         \n\
         [Timer]\n\
         OnCalendar=*-*-* 00,12:00:00\n\
         RandomizedDelaySec=1h\n\
         Persistent=true\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n",
        dir = systemd_text(&dir)?,
        dir_word = shell_quote(&dir)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::Kind;
    use super::*;

    fn job() -> Job {
        Job {
            project: "dify-prod".into(),
            binary: "/usr/bin/dify-https".into(),
            dir: "/srv/my dify/docker".into(),
            compose: Some("sudo docker compose".into()),
            prometheus: Some("/var/lib/node_exporter/textfile/dify 100%.prom".into()),
        }
    }

    #[test]
    fn quoting_keeps_every_argument_one_word() {
        let sh = |s| shell_quote(s).unwrap();
        let sd = |s| systemd_quote(s).unwrap();
        assert_eq!(sh("/usr/bin/dify-https"), "/usr/bin/dify-https");
        assert_eq!(sh("/srv/my dify"), "'/srv/my dify'");
        assert_eq!(sh("it's"), "'it'\\''s'");
        assert_eq!(sd("/srv/a b"), "\"/srv/a b\"");
        assert_eq!(sd("50%$x\"y"), "\"50%%$$x\\\"y\"");
        assert_eq!(sd("renew"), "renew");
        assert_eq!(sd(";"), "\";\"", "a lone ; would separate commands");
    }

    #[test]
    fn a_newline_never_reaches_a_unit_or_cron_file() {
        let mut j = job();
        j.dir = "/srv/x\n* * * * * root touch /tmp/pwned\n".into();
        for kind in [Kind::Cron, Kind::Systemd] {
            let err = j.files(kind, 0).unwrap_err();
            assert!(err.to_string().contains("U+000A"), "{err}");
        }
        let mut j = job();
        j.compose = Some("docker compose\rExecStartPre=/bin/sh -c id".into());
        assert!(j.files(Kind::Systemd, 0).is_err());
        let mut j = job();
        j.prometheus = Some("/var/lib/x\u{7}.prom".into());
        assert!(j.files(Kind::Cron, 0).is_err());
        let mut j = job();
        j.project = "../../tmp/x".into();
        assert!(
            j.files(Kind::Cron, 0).is_err(),
            "the project names the files"
        );
    }

    /// The words a written file runs, read back the way cron + sh or systemd read them.
    fn read_back(kind: Kind, job: &Job) -> Vec<String> {
        let files = job.files(kind, 7).unwrap();
        let text = &files[0].text;
        match kind {
            Kind::Cron => cron_argv(text.lines().last().unwrap()),
            Kind::Systemd => exec_start_argv(
                text.lines()
                    .find_map(|l| l.strip_prefix("ExecStart="))
                    .unwrap(),
            ),
        }
    }

    #[test]
    fn unicode_blanks_stay_inside_their_word() {
        // Found by the property below: U+00A0 is whitespace to Rust, not to sh or systemd.
        for odd in ["\u{a0}", "a\u{2003}b", "\u{3000}", "x\u{85}y"] {
            let j = Job {
                compose: Some(odd.to_string()),
                ..job()
            };
            for kind in [Kind::Cron, Kind::Systemd] {
                match j.files(kind, 7) {
                    Ok(_) => assert_eq!(read_back(kind, &j), j.argv(), "{odd:?} {kind:?}"),
                    Err(_) => assert!(odd.chars().any(char::is_control), "{odd:?}"),
                }
            }
        }
    }

    proptest::proptest! {
        /// Arbitrary folders, compose commands and Prometheus paths: the files run
        /// exactly the argv, or the value is refused (only for a control character).
        #[test]
        fn written_files_read_back_to_the_exact_argv(
            dir in "/[^\\x00]{0,40}",
            compose in proptest::option::of("[^\\x00]{1,30}"),
            prometheus in proptest::option::of("/[^\\x00]{0,30}"),
        ) {
            let j = Job {
                project: "dify".into(),
                binary: "/usr/bin/dify-https".into(),
                dir: dir.clone().into(),
                compose: compose.clone(),
                prometheus: prometheus.clone().map(Into::into),
            };
            let has_control = [Some(&dir), compose.as_ref(), prometheus.as_ref()]
                .into_iter()
                .flatten()
                .any(|v| v.chars().any(char::is_control));
            for kind in [Kind::Cron, Kind::Systemd] {
                if has_control {
                    proptest::prop_assert!(j.files(kind, 7).is_err());
                } else {
                    proptest::prop_assert_eq!(read_back(kind, &j), j.argv());
                }
            }
        }
    }

    #[test]
    fn generated_files() {
        let systemd: Vec<String> = job()
            .files(Kind::Systemd, 0)
            .unwrap()
            .into_iter()
            .map(|f| format!("==> {}\n{}", f.path.display(), f.text))
            .collect();
        let cron: Vec<String> = job()
            .files(Kind::Cron, 42)
            .unwrap()
            .into_iter()
            .map(|f| format!("==> {}\n{}", f.path.display(), f.text))
            .collect();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../../../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!("schedule_systemd", systemd.join("\n"));
            insta::assert_snapshot!("schedule_cron", cron.join("\n"));
        });
    }
}
