//! Everything dify-https knows and does, with no user interface in it.

pub mod applied;
pub mod backup;
pub mod certificate;
pub mod compose;
pub mod diff;
pub mod dify;
pub mod doctor;
pub mod engine;
pub mod envfile;
pub mod files;
pub mod import;
pub mod logs;
pub mod net;
pub mod probe;
pub mod process;
pub mod remedy;
pub mod run;
pub mod schedule;
pub mod setup;
pub mod status;
