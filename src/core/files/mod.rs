//! Files as found on a server, treated as hostile: every read is bounded and refuses
//! what is not a regular file (a FIFO would hang, `/dev/zero` would never end), links
//! are followed only where certbot itself uses them (`live/*.pem`), and what is
//! written goes through a temporary file and a rename, never through a link.
//! The folder lock keeps two dify-https processes from interleaving read-check-write.

mod lock;
mod read;
pub mod tree;

pub use lock::{FolderLock, LockError};
pub use read::{FileError, Links, kind_of, open_regular, read_bounded};
pub use tree::{Dir, Kind};

/// `.env`: Dify's classic file is 58 KB.
pub const ENV_LIMIT: u64 = 4 * 1024 * 1024;
/// A certificate chain, a renewal conf, a compose file.
pub const SMALL_FILE_LIMIT: u64 = 4 * 1024 * 1024;
