//! Everything dify-https knows and does, with no user interface in it.

pub mod envfile;
