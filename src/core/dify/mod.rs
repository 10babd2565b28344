//! The Dify `docker/` folder: where it is and what is in it.

mod compose_file;
mod folder;
mod published_port;

pub use compose_file::service_names;
pub use folder::{DifyFolder, EnvStatus, FolderError, Layout, StrayCertbotValue};
pub use published_port::{NginxPort, PortError, PublishedPort};
