//! `cargo bench --bench status`: what watching a certificate costs, against
//! `openssl x509 -noout -enddate` on the same file (medians of 30 whole-process runs):
//!
//! * `status --json --no-probe` (disk and `.env` only): target ≤ 0.5× openssl;
//! * `status --json` live: the containers (from the Docker Engine's socket when one is
//!   here) and a TLS handshake with a server presenting the certificate (`openssl
//!   s_server` on the folder's `EXPOSE_NGINX_SSL_PORT`): target ≤ 2× openssl;
//! * one dashboard refresh (the same report, in process): target ≤ 5 ms of CPU;
//! * the dashboard left open for a minute in tmux: target < 1% of a core.
//!
//! Exits 1 when a target is missed.

mod support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dify_https::core::compose::detect;
use dify_https::core::dify::DifyFolder;
use dify_https::core::envfile::EnvFile;
use dify_https::core::status::{StatusOptions, build_report};

const DOMAIN: &str = "dify.example.org";

/// Kills the TLS server when the benchmark ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The process's CPU time so far (user + system), from /proc/self/stat.
fn cpu_time(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) end with ')'.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields
        .get(11..13)
        .map(|f| f.iter().filter_map(|v| v.parse::<u64>().ok()).sum())
        .unwrap_or(0);
    let hz: u64 = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100);
    Duration::from_secs_f64(ticks as f64 / hz as f64)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let live = root.join(format!("volumes/certbot/conf/live/{DOMAIN}"));
    std::fs::create_dir_all(&live).unwrap();
    std::fs::write(
        root.join("docker-compose.yaml"),
        "services:\n  nginx:\n    image: nginx\n  certbot:\n    image: certbot/certbot\n    profiles: [certbot]\n",
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::fs::write(
        root.join(".env"),
        format!("CERTBOT_DOMAIN={DOMAIN}\nNGINX_HTTPS_ENABLED=true\nNGINX_SSL_CERT_FILENAME=fullchain.pem\nNGINX_SSL_CERT_KEY_FILENAME=privkey.pem\nEXPOSE_NGINX_SSL_PORT={port}\n"),
    )
    .unwrap();
    let key = live.join("privkey.pem");
    let cert = live.join("fullchain.pem");
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "90",
            "-subj",
            &format!("/CN={DOMAIN}"),
            "-addext",
            &format!("subjectAltName=DNS:{DOMAIN}"),
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .expect("openssl is needed for this benchmark");
    assert!(made.success());
    let path = |p: &Path| p.display().to_string();
    let _server = Server(
        Command::new("openssl")
            .args(["s_server", "-quiet", "-www", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(&cert)
            .arg("-key")
            .arg(&key)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server"),
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }

    let bin = env!("CARGO_BIN_EXE_dify-https");
    let dir_arg = path(root);
    let no_probe = support::median_run(
        bin,
        &["--dir", &dir_arg, "status", "--json", "--no-probe"],
        30,
    );
    let live_run = support::median_run(bin, &["--dir", &dir_arg, "status", "--json"], 30);
    let openssl = support::median_run(
        "openssl",
        &["x509", "-noout", "-enddate", "-in", &path(&cert)],
        30,
    );
    let once = Command::new(bin)
        .args(["--dir", &dir_arg, "status", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&once.stdout).unwrap();
    let source = v["containers_source"]
        .as_str()
        .unwrap_or("none")
        .to_string();
    let served = v["served"][0]["certificate"]["matches_disk"] == true;

    // One dashboard refresh, in process: the report the dashboard builds every 5 s.
    let folder = DifyFolder::open(root).unwrap();
    let doc = EnvFile::read(&folder.env_path())
        .unwrap()
        .document()
        .clone();
    let env = |k: &str| std::env::var(k).ok();
    let options = StatusOptions {
        compose: detect(None).ok(),
        schedule_root: Some("/".into()),
        ..StatusOptions::default()
    };
    const REFRESHES: u32 = 300;
    let before = cpu_time("self");
    let mut walls: Vec<Duration> = (0..REFRESHES)
        .map(|_| {
            let started = Instant::now();
            let report = build_report(
                &folder,
                &doc,
                &env,
                time::OffsetDateTime::now_utc(),
                &options,
            );
            assert!(report.certificate.is_some());
            started.elapsed()
        })
        .collect();
    let refresh_cpu = (cpu_time("self") - before) / REFRESHES;
    walls.sort();
    // The wall time includes the domain's DNS lookup, which some resolvers answer only
    // after a 5 s retry: the median says what a refresh takes, the slowest what DNS did.
    let (refresh_wall, slowest) = (walls[walls.len() / 2], walls[walls.len() - 1]);

    let idle = idle_minute(bin, &dir_arg);

    println!(
        "status --json --no-probe: {no_probe:.2?}; status --json (containers from: {source}, TLS probe answered: {served}): {live_run:.2?}; openssl x509 -noout -enddate: {openssl:.2?} (medians of 30)"
    );
    println!(
        "  ratios: --no-probe {:.2}x, live {:.2}x openssl",
        no_probe.as_secs_f64() / openssl.as_secs_f64(),
        live_run.as_secs_f64() / openssl.as_secs_f64()
    );
    println!(
        "one dashboard refresh: {refresh_cpu:.2?} CPU (mean of {REFRESHES}), {refresh_wall:.2?} wall (median; slowest {slowest:.2?}, DNS included)"
    );
    match idle {
        Some(share) => println!("dashboard open for 60 s: {:.3}% of a core", share * 100.0),
        None => println!("dashboard open for 60 s: not measured (needs tmux)"),
    }
    support::report(&[
        (
            "status --json --no-probe at or under 0.5x openssl",
            no_probe.as_secs_f64() <= 0.5 * openssl.as_secs_f64(),
        ),
        (
            "live status --json at or under 2x openssl",
            live_run.as_secs_f64() <= 2.0 * openssl.as_secs_f64(),
        ),
        (
            "live status asked the Docker Engine and reached the TLS server",
            source == "engine" && served,
        ),
        (
            "one dashboard refresh at or under 5 ms of CPU",
            refresh_cpu <= Duration::from_millis(5),
        ),
        (
            "the dashboard idle for a minute under 1% of a core",
            idle.is_some_and(|s| s < 0.01),
        ),
    ]);
}

/// The dashboard's share of a core over a minute, running in tmux (`None` without tmux).
fn idle_minute(bin: &str, dir: &str) -> Option<f64> {
    let session = format!("dify-https-bench-{}", std::process::id());
    let tmux = |args: &[&str]| Command::new("tmux").args(args).output().ok();
    let started = tmux(&[
        "new-session",
        "-d",
        "-s",
        &session,
        "-x",
        "80",
        "-y",
        "24",
        bin,
        "--dir",
        dir,
    ])?;
    if !started.status.success() {
        return None;
    }
    let pid = tmux(&["list-panes", "-t", &session, "-F", "#{pane_pid}"])
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())?;
    // Past start-up: the first report and the first draw.
    std::thread::sleep(Duration::from_secs(3));
    let before = cpu_time(&pid);
    std::thread::sleep(Duration::from_secs(60));
    let used = cpu_time(&pid) - before;
    tmux(&["kill-session", "-t", &session]);
    Some(used.as_secs_f64() / 60.0)
}
