//! Docker compose: which command runs it, and which profiles a run must enable.

mod command;
mod profiles;
mod ps;

pub use command::{ComposeCommand, ComposeFlavor, DetectError, detect};
pub use profiles::{ProfilesError, profiles_with_certbot};
pub use ps::running_services;
