//! The lossless `.env` document: read values the way docker compose does, change
//! only the bytes a change asks for, and write the result safely.
//!
//! * [`parse`] splits the text into entries that keep their raw bytes.
//! * [`EnvDocument`] looks keys up (last one wins, as in compose) and sets them.
//! * [`encode`] chooses the quoting a value needs so compose reads it back unchanged.
//! * [`interpolate`] resolves `${VAR:-default}` only when a value is needed.
//! * [`store`] reads and writes the file: atomic, backed up, refusing stale writes.
//! * [`history`] lists, compares and prunes the backups writes leave.

mod document;
pub mod encode;
pub mod guard;
pub mod history;
pub mod interpolate;
mod parse;
pub mod store;

pub use store::{EnvFile, StoreError, WriteReport, folder_lock_path};

pub use document::{Change, ChangeSet, EnvDocument, SetError};
pub use parse::{Assignment, Entry, EntryKind, LineEnding, Quote};
