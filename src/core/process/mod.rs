//! Running child processes (compose, the update script) with their output streamed
//! line by line, and stopping them with everything they started.

mod runner;

pub use runner::{Invocation, OutputLine, Running, Stream, shell_word, spawn};
