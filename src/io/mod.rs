//! Leaves usable by every layer: writing files atomically, finding Markdown markers, making text
//! inert for a terminal, reading capped files and printing.

pub mod atomic;
pub mod markers;
pub mod output;
pub mod read;
pub mod text;
