//! `cargo bench --bench downtime`: what a run costs the site, on the real Docker engine
//! with compose v2, in the docker_e2e tests' Dify-shaped folder (nginx under `sh -c`
//! as in Dify, so PID 1 ignores SIGTERM), issuing from pebble on the host:
//!
//! * a first `setup` (stack down): its time beyond the certbot run inside it
//!   (target ≤ 8 s);
//! * the HTTPS switch inside it: the longest time port 80 gives no HTTP answer once
//!   nginx first answered (target ≤ 3 s);
//! * `https off`: the same for the way back.
//!
//! Port 80 is asked every 50 ms. Needs root, Docker with compose v2 and the e2e image
//! (built on first use, as the tests do); says so and exits 0 without them. Exits 1
//! when a target is missed.

#[path = "../tests/support/mod.rs"]
mod test_support;

mod support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use dify_https::core::probe::http_get;
use test_support::acme::{Pebble, free_port};
use test_support::docker::{Compose, DOMAIN, Project, dify_folder, dify_https, ready, setup};

/// Asks port 80 every 50 ms until stopped; the longest stretch without an HTTP answer
/// after the first answer.
struct Watch {
    stop: Arc<AtomicBool>,
    worker: thread::JoinHandle<Duration>,
}

impl Watch {
    fn start(port: u16) -> Watch {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let worker = thread::spawn(move || {
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            let (mut answered, mut down_since, mut longest) = (false, None, Duration::ZERO);
            while !flag.load(Ordering::SeqCst) {
                let now = Instant::now();
                let ok = http_get(addr, DOMAIN, "/", Duration::from_millis(500)).is_ok();
                match (ok, down_since) {
                    (true, Some(since)) => {
                        longest = longest.max(now.duration_since(since));
                        down_since = None;
                    }
                    (true, None) => {}
                    (false, None) if answered => down_since = Some(now),
                    (false, _) => {}
                }
                answered |= ok;
                thread::sleep(Duration::from_millis(50));
            }
            if let Some(since) = down_since {
                longest = longest.max(since.elapsed());
            }
            longest
        });
        Watch { stop, worker }
    }

    fn finish(self) -> Duration {
        self.stop.store(true, Ordering::SeqCst);
        self.worker.join().unwrap()
    }
}

/// Runs `run`, timing it; whether it succeeded, its output and the time.
fn timed(run: impl FnOnce() -> std::process::Output) -> (bool, String, Duration) {
    let started = Instant::now();
    let out = run();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.success(), text, started.elapsed())
}

/// The "done in N.Ns" of the step titled `title` in a run's output.
fn step_time(output: &str, title: &str) -> Option<Duration> {
    let mut lines = output
        .lines()
        .skip_while(|l| !(l.starts_with('[') && l.contains(title)));
    lines.next()?;
    let done = lines.find(|l| l.trim_start().starts_with("done in "))?;
    let secs: f64 = done
        .trim_start()
        .strip_prefix("done in ")?
        .split('s')
        .next()?
        .parse()
        .ok()?;
    Some(Duration::from_secs_f64(secs))
}

fn main() {
    if !rustix::process::geteuid().is_root() || !Compose::V2.present() || !ready("downtime bench") {
        println!("SKIPPED: needs root, Docker with compose v2 and the e2e image (see the README)");
        return;
    }
    let (http_port, ssl_port) = (free_port(), free_port());
    let pebble = Pebble::start_on("0.0.0.0", http_port, 20 * 24 * 3600);
    let folder = dify_folder(http_port, ssl_port, false);
    let project = Project::new();
    let watch = Watch::start(http_port);
    let (ok, output, setup_total) =
        timed(|| setup(folder.path(), &project, Compose::V2, &pebble, &[]));
    let switch_gap = watch.finish();
    assert!(ok, "setup failed:\n{output}\n{}", project.logs("nginx"));
    let certbot =
        step_time(&output, "Run Dify's certificate script").expect("the certbot step's time");
    let switch = step_time(&output, "Switch nginx to HTTPS").unwrap_or_default();
    let overhead = setup_total.saturating_sub(certbot);
    // Each step and its time, to see where the rest goes.
    let mut title = "";
    for line in output.lines() {
        if line.starts_with('[') {
            title = line;
        } else if let Some(done) = line.trim_start().strip_prefix("done in ") {
            let took = done.split(':').next().unwrap_or(done);
            println!("  {title}: {took}");
        }
    }

    let watch = Watch::start(http_port);
    let (ok, output, off_total) = timed(|| {
        dify_https(
            folder.path(),
            &project,
            Compose::V2,
            &["https", "off", "--yes"],
        )
    });
    let off_gap = watch.finish();
    assert!(ok, "https off failed:\n{output}");

    println!(
        "first setup: {setup_total:.1?} in all, of which certbot {certbot:.1?}: {overhead:.1?} beyond it"
    );
    println!(
        "HTTPS switch step {switch:.1?}; port 80 without an answer at most {switch_gap:.2?} during the setup"
    );
    println!("https off: {off_total:.1?}; port 80 without an answer at most {off_gap:.2?}");
    support::report(&[
        (
            "a first setup at most 8 s beyond its certbot run",
            overhead <= Duration::from_secs(8),
        ),
        (
            "the HTTPS switch leaves port 80 unanswered at most 3 s",
            switch_gap <= Duration::from_secs(3),
        ),
        (
            "https off leaves port 80 unanswered at most 3 s",
            off_gap <= Duration::from_secs(3),
        ),
    ]);
}
