//! What is printed to the normal terminal when the wizard leaves: everything on its
//! screens vanishes with the alternate screen, so what was done, what failed and its
//! fix, and where to look further stay in the scrollback.

use crate::core::certificate::read_chain_file;
use crate::core::dify::DifyFolder;
use crate::tui::app::App;
use crate::tui::run_state::{RunEnd, StepStatus};

/// The lines to print after the wizard (none when nothing was written or run).
pub fn exit_summary(app: &App, folder: &DifyFolder) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(run) = &app.run {
        let what = if run.renew { "Renewal" } else { "Setup run" };
        match &run.ended {
            Some(RunEnd::Succeeded) => {
                out.push(format!("{what} for {} finished.", run.domain));
                for (step, status) in &run.steps {
                    if let StepStatus::Succeeded { note: Some(n), .. } = status {
                        out.push(format!("  {}: {n}", step.title()));
                    }
                }
                let live = folder.live_dir(&run.domain).join("fullchain.pem");
                if let Ok(cert) = read_chain_file(&live) {
                    out.push(format!(
                        "  The certificate expires {} ({}).",
                        cert.not_after.date(),
                        live.display()
                    ));
                }
            }
            Some(RunEnd::Failed { step }) => {
                out.push(format!(
                    "{what} for {} failed at \"{}\".",
                    run.domain,
                    step.title()
                ));
                for (_, status) in &run.steps {
                    if let StepStatus::Failed {
                        error, diagnosis, ..
                    } = status
                    {
                        out.push(format!("  {error}"));
                        if let Some(d) = diagnosis {
                            // Back at the shell: the fix in the command line's words.
                            out.push(format!("  Fix: {}", crate::cli::remedies::words(&d.fix)));
                        }
                    }
                }
            }
            Some(RunEnd::Cancelled { step }) => out.push(format!(
                "{what} for {} stopped during \"{}\": run dify-https again to continue.",
                run.domain,
                step.title()
            )),
            Some(RunEnd::NotStarted(why)) => {
                out.push(format!("{what} for {} did not start: {why}", run.domain))
            }
            None => out.push(format!(
                "{what} for {} was still going when the wizard closed; it was stopped.",
                run.domain
            )),
        }
    } else if app.demo && app.applied.is_some() {
        out.push(format!(
            "The demo wrote its copy's .env in {}; nothing ran. In your Dify folder, `dify-https` does the same for real.",
            folder.root().display()
        ));
        return out;
    } else if let Some(applied) = &app.applied {
        out.push(format!(
            ".env in {} has the new settings{}; no certificate was requested yet.",
            folder.root().display(),
            applied
                .backup_name
                .as_ref()
                .map(|b| format!(" (the old file is {b})"))
                .unwrap_or_default()
        ));
        out.push("  Continue with `dify-https` (r on the Applied screen), or by hand:".into());
        for step in &applied.next_steps {
            if let Some(c) = &step.command {
                out.push(format!("    {c}"));
            }
        }
    }
    if app.demo && app.run.is_some() {
        out.insert(
            0,
            format!(
                "Demo: a recorded run played in {}; nothing ran on this machine.",
                folder.root().display()
            ),
        );
    }
    if !out.is_empty() {
        out.push(format!(
            "Look further: dify-https --dir {} status | logs | doctor",
            folder.root().display()
        ));
    }
    out
}
