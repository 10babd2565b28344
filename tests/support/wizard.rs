//! Drives the wizard through the same `update`, `perform` and `render` functions
//! the real event loop uses, with effects run inline and a fixed clock.

use dify_https::core::dify::{DifyFolder, EnvStatus};
use dify_https::core::envfile::EnvFile;
use dify_https::tui::app::App;
use dify_https::tui::effects::{EffectContext, perform};
use dify_https::tui::msg::Msg;
use dify_https::tui::theme::Theme;
use dify_https::tui::update::update;
use dify_https::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::OffsetDateTime;
use time::macros::datetime;

use super::Fixture;

/// DNS in tests: every name resolves to one documentation address (not this host's).
struct StubResolver;

impl dify_https::core::doctor::Resolver for StubResolver {
    fn lookup(&self, _: &str) -> std::io::Result<Vec<std::net::IpAddr>> {
        Ok(vec![std::net::IpAddr::from([203, 0, 113, 10])])
    }
}

/// The network in tests: nothing listens and nginx never answers, whatever runs on
/// this machine (a web server on its port 80 must not change a checklist snapshot).
struct QuietNetwork;

impl dify_https::core::doctor::Network for QuietNetwork {
    fn listening(&self, _: std::net::SocketAddr, _: std::time::Duration) -> bool {
        false
    }

    fn answers_http(
        &self,
        addr: std::net::SocketAddr,
        _: &str,
        _: std::time::Duration,
    ) -> Result<(), String> {
        Err(format!("nothing answers on {addr} (test network)"))
    }
}

/// How the folder is named on screen in tests (the real path is a random temp dir).
pub const LABEL: &str = "/srv/dify/docker";

pub const UNICODE: Theme = Theme {
    color: true,
    unicode: true,
};
pub const ASCII: Theme = Theme {
    color: true,
    unicode: false,
};
pub const NO_COLOR: Theme = Theme {
    color: false,
    unicode: true,
};

/// The harness's clock.
pub const NOW: OffsetDateTime = datetime!(2026-11-29 10:11:12 UTC);

fn fixed_now() -> OffsetDateTime {
    datetime!(2026-11-29 10:11:12 UTC)
}

pub struct Wizard {
    pub app: App,
    ctx: EffectContext,
    /// When messages arrive (moved on by `tick`).
    clock: std::time::Instant,
}

impl Wizard {
    pub fn open(fixture: &Fixture, theme: Theme) -> Wizard {
        Wizard::open_at(fixture.path(), theme, false)
    }

    /// `--demo`: the sample folder (in a new temporary folder, returned for removal),
    /// with runs played from the recordings.
    pub fn open_demo(theme: Theme) -> (Wizard, std::path::PathBuf) {
        let docker = dify_https::demo::create_demo_folder().unwrap();
        let w = Wizard::open_at(&docker, theme, true);
        (w, docker.parent().unwrap().to_path_buf())
    }

    fn open_at(path: &std::path::Path, theme: Theme, demo: bool) -> Wizard {
        let folder = DifyFolder::open(path).unwrap();
        let env = match folder.env_status() {
            EnvStatus::Present => Some(EnvFile::read(&folder.env_path()).unwrap()),
            _ => None,
        };
        let summary = dify_https::tui::effects::folder_summary(
            &folder,
            LABEL.to_string(),
            env.as_ref(),
            &|k| (k == "COMPOSE_PROJECT_NAME").then(|| "dify".to_string()),
        );
        let app = App::new(summary, env.as_ref().map(EnvFile::document), theme, demo);
        let ctx = EffectContext {
            folder,
            label: LABEL.to_string(),
            compose_override: Some("docker compose".to_string()),
            now: fixed_now,
            // A fixed project name: the temporary folder's would change every run.
            env: |k| (k == "COMPOSE_PROJECT_NAME").then(|| "dify".to_string()),
            nginx_wait: std::time::Duration::from_secs(1),
            compose_env: vec![],
            cancel: std::sync::Mutex::new(None),
            resolver: Box::new(StubResolver),
            network: Box::new(QuietNetwork),
            compose_found: std::sync::OnceLock::new(),
            // The schedule goes to a folder of this test's own, never the host.
            schedule_root: Some(path.join(".schedule-root")),
            demo,
        };
        Wizard {
            clock: app.now,
            app,
            ctx,
        }
    }

    /// Where this harness installs renewal schedules (inside the fixture).
    pub fn schedule_root(&self) -> &std::path::Path {
        self.ctx.schedule_root.as_deref().expect("set by open")
    }

    /// Opens on the first screen the real start-up would choose (dashboard or wizard),
    /// with compose played by the test double reporting nginx running.
    pub fn start(fixture: &Fixture, theme: Theme, start: dify_https::tui::Start) -> Wizard {
        let mut w = Wizard::open(fixture, theme);
        let scenario = fixture.path().join(".double");
        std::fs::create_dir_all(&scenario).unwrap();
        std::fs::write(scenario.join("ps.out"), "nginx\n").unwrap();
        w.use_compose_double(&scenario);
        let placeholder = App::new(w.app.folder.clone(), None, theme, false);
        let app = std::mem::replace(&mut w.app, placeholder);
        w.app = dify_https::tui::open_on(app, &w.ctx, start);
        // As the runtime does: what is due at once (the first report) is asked for.
        w.send(Msg::Tick);
        w
    }

    /// Delivers `msg` at the harness's clock (see `tick`), performing the effects inline
    /// and delivering their answers in turn.
    pub fn send(&mut self, msg: Msg) {
        let now = self.clock;
        let effects = update(&mut self.app, msg, now);
        // As the runtime does, the screen is drawn after every message (the view
        // records what update needs, such as how far the content scrolls).
        self.draw();
        for effect in effects {
            let mut answers = Vec::new();
            perform(effect, &self.ctx, &mut |m| answers.push(m));
            for answer in answers {
                self.send(answer);
            }
        }
    }

    /// Points compose at the test double (tests/support/compose-double), which plays the
    /// scenario files in `dir` and records its calls in `dir/calls.log`.
    pub fn use_compose_double(&mut self, dir: &std::path::Path) {
        // A copy inside the folder: the screen names the folder by its label, so what
        // was given with --compose shows the same in every checkout.
        let bin = self.ctx.folder.root().join(".test-bin");
        std::fs::create_dir_all(&bin).unwrap();
        let double = bin.join("compose-double");
        std::fs::copy(super::double::script(), &double).unwrap();
        let dir = dir.display().to_string();
        self.use_compose(
            &double.display().to_string(),
            vec![
                ("DOUBLE_STATE".into(), dir.clone()),
                ("DOUBLE_SCENARIO".into(), dir),
            ],
        );
    }

    /// Points compose at `program` (a test double) with `env` added to its calls.
    pub fn use_compose(&mut self, program: &str, env: Vec<(String, String)>) {
        self.ctx.compose_override = Some(program.to_string());
        self.ctx.compose_found = std::sync::OnceLock::new();
        self.ctx.compose_env = env;
    }

    /// Time passes: the clock moves to `at` and a tick arrives.
    pub fn tick(&mut self, at: std::time::Instant) {
        self.clock = at;
        self.send(Msg::Tick);
    }

    /// The harness's clock now.
    pub fn clock(&self) -> std::time::Instant {
        self.clock
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        self
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
        self
    }

    pub fn enter(&mut self) -> &mut Self {
        self.key(KeyCode::Enter)
    }

    pub fn esc(&mut self) -> &mut Self {
        self.key(KeyCode::Esc)
    }

    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// Clears the focused text field (Ctrl-U, as in a shell).
    pub fn clear_field(&mut self) -> &mut Self {
        self.ctrl('u')
    }

    fn draw(&self) {
        let (width, height) = self.app.viewport;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| view::render(&self.app, f)).unwrap();
    }

    pub fn buffer(&mut self, width: u16, height: u16) -> Buffer {
        self.send(Msg::Resize(width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| view::render(&self.app, f)).unwrap();
        terminal.backend().buffer().clone()
    }

    /// The screen as text, one quoted line per row (trailing spaces visible).
    pub fn screen(&mut self, width: u16, height: u16) -> String {
        self.send(Msg::Resize(width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| view::render(&self.app, f)).unwrap();
        screen_text(terminal.backend().buffer())
    }

    /// Folder → Domain → Email → Mode with the given answers, ending on Mode.
    pub fn answer(&mut self, domain: &str, email: &str) -> &mut Self {
        self.enter();
        self.clear_field().type_text(domain).enter();
        self.clear_field().type_text(email).enter()
    }
}

/// The text inside the dialog box titled `title` on `screen`, its rows joined with
/// single spaces: what the dialog says, whatever the width wrapped (a long path in
/// the checkout moves where the lines break).
pub fn dialog_text(screen: &str, title: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let title: Vec<char> = title.chars().collect();
    let Some((top, title_at)) = rows.iter().enumerate().find_map(|(i, row)| {
        row.windows(title.len())
            .position(|w| w == title.as_slice())
            .map(|at| (i, at))
    }) else {
        return String::new();
    };
    let corner = |c: &char| matches!(c, '╭' | '╮' | '╰' | '+');
    // The dialog's own corners are the nearest ones either side of its title.
    let left = rows[top][..title_at].iter().rposition(corner).unwrap_or(0);
    let right = rows[top][title_at..]
        .iter()
        .position(corner)
        .map_or(rows[top].len(), |i| title_at + i);
    let mut words = Vec::new();
    for row in &rows[top + 1..] {
        if row.get(left).is_some_and(corner) {
            break;
        }
        let inner = row.get(left + 1..right.min(row.len())).unwrap_or(&[]);
        words.extend(
            inner
                .iter()
                .collect::<String>()
                .split_whitespace()
                .map(str::to_string),
        );
    }
    words.join(" ")
}

/// The style of the first cell of the first place `text` shows on `buffer` (`None`
/// when it does not show): what colour a verdict or a step mark carries.
pub fn style_of(buffer: &Buffer, text: &str) -> Option<ratatui::style::Style> {
    let area = buffer.area;
    let wanted: Vec<String> = text.chars().map(String::from).collect();
    for y in area.top()..area.bottom() {
        let row: Vec<&str> = (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        if let Some(x) = row
            .windows(wanted.len())
            .position(|w| w.iter().zip(&wanted).all(|(a, b)| a == b))
        {
            return Some(buffer[(area.left() + x as u16, y)].style());
        }
    }
    None
}

/// A screen as an insta snapshot in the top-level `snapshots/` folder, named for the
/// language it was rendered in: English as always, Chinese with `__zh-CN`. A Chinese
/// screen must also keep its borders: every row the same display width (a Chinese
/// character is two columns).
pub fn snap(name: &str, screen: String) {
    let name = match dify_https::i18n::current() {
        dify_https::i18n::Lang::En => name.to_string(),
        dify_https::i18n::Lang::ZhCn => {
            assert_rows_align(&screen);
            assert!(
                screen
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{name}: no Chinese on the screen:\n{screen}"
            );
            format!("{name}__zh-CN")
        }
    };
    let mut settings = insta::Settings::clone_current();
    // Relative to this file: the top-level `snapshots/`.
    settings.set_snapshot_path("../../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, screen));
}

/// The rows of a rendered screen (`"…"` per row, as the test backend prints them).
pub fn rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .map(|l| {
            let l = l.strip_prefix('"').unwrap_or(l);
            l.strip_suffix('"').unwrap_or(l)
        })
        .collect()
}

/// Every row of `screen` is as wide as the first, in display columns.
pub fn assert_rows_align(screen: &str) {
    let widths: Vec<usize> = rows(screen)
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(*r))
        .collect();
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "rows of different display widths {widths:?}:\n{screen}"
    );
}

/// Runs a screen test again with everything in Simplified Chinese.
pub fn in_chinese(test: fn()) {
    dify_https::i18n::with_lang(dify_https::i18n::Lang::ZhCn, test)
}

/// A rendered buffer as text, a quoted line per row: what a terminal shows (the cell a
/// wide character covers is not printed again).
pub fn screen_text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let mut out = String::new();
    for row in buffer.content.chunks(width) {
        out.push('"');
        let mut covered = 0;
        for cell in row {
            if covered == 0 {
                out.push_str(cell.symbol());
            }
            let w = unicode_width::UnicodeWidthStr::width(cell.symbol());
            covered = covered.max(w).saturating_sub(1);
        }
        out.push_str("\"\n");
    }
    out
}

/// Whether this test renders in English (the words a test may look for).
pub fn english() -> bool {
    dify_https::i18n::current() == dify_https::i18n::Lang::En
}
