//! What is printed to the normal terminal when the wizard leaves: everything on its
//! screens vanishes with the alternate screen, so what was done, what failed and its
//! fix, and where to look further stay in the scrollback.

use crate::core::certificate::read_chain_file;
use crate::core::dify::DifyFolder;
use crate::tui::app::App;
use crate::tui::run_state::{RunEnd, StepStatus};
use crate::tui::strings;

/// The lines to print after the wizard (none when nothing was written or run).
pub fn exit_summary(app: &App, folder: &DifyFolder) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(run) = &app.run {
        let what = strings::run_kind(run);
        match &run.ended {
            Some(RunEnd::Succeeded) => {
                out.push(strings::run_finished(&what, &run.domain));
                for (step, status) in &run.steps {
                    if let StepStatus::Succeeded { note: Some(n), .. } = status {
                        out.push(format!("  {}: {n}", step.title()));
                    }
                }
                // The file nginx loads: the lineage's, or an imported one.
                let live = if run.import {
                    folder
                        .nginx_dir()
                        .join("ssl")
                        .join(crate::core::dify::IMPORTED_CERT)
                } else {
                    folder.live_dir(&run.domain).join("fullchain.pem")
                };
                if let Ok(cert) = read_chain_file(&live) {
                    out.push(strings::certificate_expires(
                        &cert.not_after.date().to_string(),
                        &live.display().to_string(),
                    ));
                }
            }
            Some(RunEnd::Failed { step }) => {
                out.push(strings::run_failed(&what, &run.domain, &step.title()));
                for (_, status) in &run.steps {
                    if let StepStatus::Failed {
                        error, diagnosis, ..
                    } = status
                    {
                        out.push(format!("  {error}"));
                        if let Some(d) = diagnosis {
                            // Back at the shell: the fix in the command line's words.
                            out.push(strings::fix(&crate::cli::remedies::words(&d.fix)));
                        }
                    }
                }
            }
            Some(RunEnd::Cancelled { step }) => {
                out.push(strings::run_stopped(&what, &run.domain, &step.title()))
            }
            Some(RunEnd::NotStarted(why)) => {
                out.push(strings::run_not_started(&what, &run.domain, why))
            }
            None => out.push(strings::run_still_going(&what, &run.domain)),
        }
    } else if app.demo && app.applied.is_some() {
        out.push(strings::demo_wrote(&folder.root().display().to_string()));
        return out;
    } else if let Some(applied) = &app.applied {
        out.push(strings::env_written(
            &folder.root().display().to_string(),
            applied.backup_name.as_deref(),
        ));
        out.push(strings::continue_with());
        for step in &applied.next_steps {
            if let Some(c) = &step.command {
                out.push(format!("    {c}"));
            }
        }
    }
    if app.demo && app.run.is_some() {
        out.insert(
            0,
            strings::demo_played(&folder.root().display().to_string()),
        );
    }
    if !out.is_empty() {
        out.push(strings::look_further(&folder.root().display().to_string()));
    }
    out
}
