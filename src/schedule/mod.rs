//! The schedule file: its model ([`model`], [`phase`]), how it is read and validated ([`load`]),
//! the keys it may hold ([`keys`]) and its JSON Schema built from them ([`schema`]), cadences
//! that generate cycles ([`cadence`]), who each phase is for and the `--owner` filter
//! ([`owners`]), the user's config file ([`config`]), where the file is found ([`locate`]),
//! time zones ([`zone`]) and surgical edits ([`edit`]).

pub(crate) mod cadence;
pub(crate) mod config;
pub(crate) mod days_off;
pub(crate) mod edit;
pub(crate) mod holidays;
pub(crate) mod keys;
pub(crate) mod load;
pub(crate) mod locate;
pub(crate) mod model;
pub(crate) mod owners;
mod patterns;
pub(crate) mod phase;
pub(crate) mod phases;
pub(crate) mod portfolio;
#[cfg(test)]
mod reference;
pub(crate) mod relative;
pub(crate) mod resolve;
pub(crate) mod schema;
pub(crate) mod settings;
pub(crate) mod tree;
pub(crate) mod values;
pub(crate) mod written;
pub(crate) mod zone;

#[cfg(test)]
mod tests;
