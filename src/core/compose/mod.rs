//! Docker compose: which command runs it, which profiles a run must enable, and small
//! queries about the running services.

mod capture;
mod command;
mod profiles;
mod ps;
mod service_env;

pub use command::{ComposeCommand, ComposeFlavor, DetectError, detect};
pub use profiles::{ProfilesError, profiles_with_certbot};
pub use ps::running_services;
pub use service_env::service_env;
