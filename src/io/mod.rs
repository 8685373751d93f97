//! Leaves usable by every layer: writing files atomically, locking a file for an edit, finding
//! Markdown markers, making text inert for a terminal, reading capped files, paths
//! with `~`, printing, and one HTTP request for `remind --post`.

pub(crate) mod atomic;
pub(crate) mod home;
#[cfg(feature = "post")]
pub(crate) mod http;
pub(crate) mod lock;
pub(crate) mod markers;
pub(crate) mod output;
pub(crate) mod read;
pub(crate) mod text;
