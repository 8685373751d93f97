//! Markdown output of the reporting commands, for pasting into an issue or a chat.

use crate::engine::{Report, State};
use crate::model::Phase;

pub fn status(_r: &Report) -> String {
    String::from("markdown output is not available yet\n")
}
pub fn upcoming(_r: &Report) -> String {
    String::from("markdown output is not available yet\n")
}
pub fn overdue(_r: &Report) -> String {
    String::from("markdown output is not available yet\n")
}
pub fn phases(_rows: &[(Phase, State)]) -> String {
    String::from("markdown output is not available yet\n")
}
