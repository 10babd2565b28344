//! certbot's `letsencrypt.log`: its last lines, read from the end of the file; new
//! lines as they are written, across certbot's rotation (`letsencrypt.log` → `.1` at
//! every start); and text made safe to show (no escape sequences reach the terminal).

mod buffer;
mod follow;
mod level;
mod sanitize;
mod tail;

pub use buffer::{BufferedLine, LogBuffer};
pub use follow::LogFollower;
pub use level::{Level, LevelFilter, RecordLevels, record_level};
pub use sanitize::{sanitize_line, sanitize_text};
pub use tail::last_lines;
