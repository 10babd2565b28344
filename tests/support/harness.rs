//! The test runner of the binaries whose tests need real parts (tmux, pebble,
//! certbot, nginx, Docker, root, cargo-deb, systemd-analyze). A test whose parts are
//! missing here is reported as `ignored` (with the reason on stderr), never as passed;
//! under CI=true it fails instead, since `.ci/run` installs and starts every part.

use std::process::ExitCode;

use libtest_mimic::{Arguments, Trial};

/// One test and what it needs.
pub struct Case {
    pub name: &'static str,
    pub run: fn(),
    /// The parts missing here (empty: it can run).
    pub missing: fn() -> Vec<String>,
    /// How to get them.
    pub install: &'static str,
}

/// A test that needs nothing beyond the build.
#[macro_export]
macro_rules! case {
    ($f:ident) => {
        $crate::support::harness::Case {
            name: stringify!($f),
            run: $f,
            missing: Vec::new,
            install: "",
        }
    };
    ($f:ident, $missing:expr, $install:expr) => {
        $crate::support::harness::Case {
            name: stringify!($f),
            run: $f,
            missing: $missing,
            install: $install,
        }
    };
}

pub fn run(cases: Vec<Case>) -> ExitCode {
    let args = Arguments::from_args();
    let ci = std::env::var("CI").is_ok();
    let trials = cases
        .into_iter()
        .map(|case| {
            let missing = (case.missing)();
            let run = case.run;
            if missing.is_empty() {
                return Trial::test(case.name, move || {
                    run();
                    Ok(())
                });
            }
            let missing = missing.join(", ");
            if ci {
                return Trial::test(case.name, move || {
                    Err(format!("needs {missing} under CI=true (.ci/run installs them)").into())
                });
            }
            if args.filter.as_deref().is_none_or(|f| case.name.contains(f)) {
                eprintln!("SKIPPED {}: missing {missing}; {}", case.name, case.install);
            }
            Trial::test(case.name, || Ok(())).with_ignored_flag(true)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}
