//! The schedule file: its model ([`model`], [`phase`]), how it is read and validated ([`load`]),
//! the keys it may hold ([`keys`]) and its JSON Schema built from them ([`schema`]), cadences
//! that generate cycles ([`cadence`]), the user's config file ([`config`]), where the file is
//! found ([`locate`]), time zones ([`zone`]) and surgical edits ([`edit`]).

pub mod cadence;
pub mod config;
pub mod days_off;
pub mod document;
pub mod edit;
pub mod holidays;
pub mod keys;
pub mod load;
pub mod locate;
pub mod model;
pub mod phase;
pub mod phases;
pub mod portfolio;
pub mod relative;
pub mod resolve;
pub mod schema;
pub mod tree;
pub mod values;
pub mod written;
pub mod zone;

#[cfg(test)]
mod tests;
