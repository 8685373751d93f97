//! The date engine: pure functions of a schedule and `today`. See [`evaluate`] for the
//! semantics every command shares.

pub mod chart;
pub mod check;
pub mod doc_table;
pub mod evaluate;
pub mod overdue;
pub mod remind;
pub mod span;

#[cfg(test)]
mod tests;
