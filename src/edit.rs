//! Surgical edits of the schedule file that keep every other byte.
