//! dify-https: take a self-hosted Dify install from plain HTTP to a valid
//! Let's Encrypt certificate, and keep watch over it.

pub mod cli;
pub mod core;
pub mod demo;
pub mod i18n;
pub mod tui;
