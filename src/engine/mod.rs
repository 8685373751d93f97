//! The date engine: pure functions of a schedule and `today`. See [`evaluate`] for the
//! semantics every command shares.

pub(crate) mod chart;
pub(crate) mod check;
pub(crate) mod doc_table;
pub(crate) mod evaluate;
pub(crate) mod overdue;
pub(crate) mod remind;
pub(crate) mod span;

#[cfg(test)]
mod tests;
