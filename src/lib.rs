//! vision-sched keeps a living document on its revision schedule.
//!
//! The flow runs one way: [`cli`] (arguments) → [`context`] (the schedule file, today, output
//! style) → [`engine`] (pure date logic) → [`present`] (tables, JSON, Markdown).

pub mod atomic;
pub mod cache;
pub mod cadence;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod context;
pub mod doc_block;
pub mod doc_rows;
pub mod duration;
pub mod edit;
pub mod engine;
pub mod error;
pub mod expand;
pub mod gate;
pub mod load;
pub mod locate;
pub mod model;
pub mod output;
pub mod present;
pub mod reminders;
pub mod zone;
