//! Leaves usable by every layer: writing files atomically, locking a file for an edit, finding
//! Markdown markers, making text inert for a terminal, reading capped files, paths
//! with `~`, printing, and one HTTP request for `remind --post`.

pub mod atomic;
pub mod home;
#[cfg(feature = "post")]
pub mod http;
pub mod lock;
pub mod markers;
pub mod output;
pub mod read;
pub mod text;
