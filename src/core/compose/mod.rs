//! Docker compose: which command runs it, which profiles a run must enable, and small
//! queries about the running services.

mod capture;
mod command;
mod containers;
mod file_check;
mod profiles;
mod project;
mod ps;
mod service_env;

pub use capture::{QUERY_DEADLINE, stop_queries};
pub use command::{ComposeCommand, ComposeFlavor, DetectError, detect};
pub use containers::{ProjectContainers, ServiceState, StateSource, project_containers};
pub use file_check::{FileRejected, check_compose_file, judge_config_output};
pub use profiles::{ProfilesError, profiles_with_certbot};
pub use project::{project_name, suggested_project_name};
pub use ps::{
    active_services, running_services, service_log_tail, services_with_containers,
    services_with_status, stack_runs,
};
pub use service_env::service_env;
