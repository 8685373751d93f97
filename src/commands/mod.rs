//! One file per subcommand: each parses its own options and returns an exit code (0 or 1).

pub mod check;
pub mod completions;
pub mod export;
pub mod init;
pub mod overdue;
pub mod phases;
pub mod publish;
pub mod remind;
pub mod render;
pub mod status;
pub mod timeline;
pub mod upcoming;
