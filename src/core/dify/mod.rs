//! The Dify `docker/` folder: where it is and what is in it.

mod compose_file;
mod folder;
mod nginx_start;
mod published_port;

pub use compose_file::service_names;
pub use folder::{DifyFolder, EnvStatus, FolderError, Layout, StrayCertbotValue};
pub use nginx_start::{NginxStartProblem, nginx_start_problem};
pub use published_port::{NginxPort, PortError, PublishedPort};
