//! The text of the schedule's files: a systemd service and timer, or a cron.d entry.

use super::Job;

/// `s` as one word for a POSIX shell (cron runs its command with `sh -c`).
pub fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// `s` as one word of a systemd `ExecStart=` line: double quotes with `\` and `"`
/// escaped, and `%` doubled (systemd's specifiers), `$` doubled (its variables).
pub fn systemd_quote(s: &str) -> String {
    let escaped = s
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%")
        .replace('$', "$$");
    if escaped == s && !s.is_empty() && !s.contains(char::is_whitespace) {
        s.to_string()
    } else {
        format!("\"{escaped}\"")
    }
}

/// The cron.d line: twice a day at `minute` past 0 and 12, as root.
pub fn cron_line(job: &Job, minute: u8) -> String {
    let command: Vec<String> = job
        .argv()
        .iter()
        // cron turns an unescaped % into a newline.
        .map(|a| shell_quote(a).replace('%', "\\%"))
        .collect();
    format!("{} */12 * * * root {}", minute % 60, command.join(" "))
}

pub(super) fn cron_file(job: &Job, minute: u8) -> String {
    format!(
        "# Renews the HTTPS certificate of the Dify install in {dir} (written by dify-https;\n\
         # `dify-https --dir {dir_word} schedule remove` removes it). Twice a day, as\n\
         # certbot's own packaging does; it prints nothing unless something happened.\n\
         SHELL=/bin/sh\n\
         PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n\
         \n\
         {line}\n",
        dir = job.dir.display(),
        dir_word = shell_quote(&job.dir.display().to_string()),
        line = cron_line(job, minute),
    )
}

pub(super) fn service(job: &Job) -> String {
    let exec: Vec<String> = job.argv().iter().map(|a| systemd_quote(a)).collect();
    format!(
        "# Written by dify-https; `dify-https --dir {dir_word} schedule remove` removes it.\n\
         [Unit]\n\
         Description=Renew the HTTPS certificate of the Dify install in {dir}\n\
         Wants=network-online.target\n\
         After=network-online.target docker.service\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={exec}\n",
        // systemd expands %-specifiers in Description= too.
        dir = job.dir.display().to_string().replace('%', "%%"),
        dir_word = shell_quote(&job.dir.display().to_string()),
        exec = exec.join(" "),
    )
}

pub(super) fn timer(job: &Job) -> String {
    format!(
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
        dir = job.dir.display().to_string().replace('%', "%%"),
        dir_word = shell_quote(&job.dir.display().to_string()),
    )
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
        assert_eq!(shell_quote("/usr/bin/dify-https"), "/usr/bin/dify-https");
        assert_eq!(shell_quote("/srv/my dify"), "'/srv/my dify'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(systemd_quote("/srv/a b"), "\"/srv/a b\"");
        assert_eq!(systemd_quote("50%$x\"y"), "\"50%%$$x\\\"y\"");
        assert_eq!(systemd_quote("renew"), "renew");
    }

    #[test]
    fn generated_files() {
        let systemd: Vec<String> = job()
            .files(Kind::Systemd, 0)
            .into_iter()
            .map(|f| format!("==> {}\n{}", f.path.display(), f.text))
            .collect();
        let cron: Vec<String> = job()
            .files(Kind::Cron, 42)
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
