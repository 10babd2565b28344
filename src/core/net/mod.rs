//! Talking to the network beyond this host: one client for every outbound request
//! (the webhooks today), with one wall-clock deadline per request, the proxy variables
//! honoured, and URLs checked and shown without their secrets.

mod outbound;
mod url;

pub use outbound::{OutboundError, post};
pub use url::{UrlRefused, WebUrl, redact};
