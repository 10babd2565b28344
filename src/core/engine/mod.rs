//! Asking the Docker Engine directly which containers belong to a compose project:
//! one HTTP request over its Unix socket (milliseconds) instead of a `compose ps`
//! process (a tenth of a second with v2, a second with v1). Actions (up, run, exec)
//! stay with compose, which owns the project's configuration.
//!
//! * [`http`]: a small HTTP/1.1 GET over a `UnixStream`, with deadlines.
//! * [`containers`]: the project's containers from their compose labels.

pub mod containers;
pub mod http;

pub use containers::{EngineContainer, Health, list_project, restart_count};
pub use http::{EngineError, engine_socket};
