//! The gate fails closed: exit 0 from `check` means "checked, and nothing is due". Whatever
//! makes the answer uncertain is exit 2 with a message, and every count is made from the same
//! dates as the lists it sums up.

use crate::common::{bin, ok};

/// A monthly report due on the 15th, moved off weekends by `shift`.
fn shifted(shift: &str) -> String {
    format!(
        "[document]\nweekend = [\"Saturday\", \"Sunday\"]\nshift = \"{shift}\"\n\n\
         [[cadence]]\nevery = \"month\"\nfrom = 2028-01-01\n\n\
         [[cadence.phase]]\nname = \"{{year}}-{{month}} report\"\ndue = \"day 15\"\n"
    )
}

fn run(schedule: &str, args: &[&str]) -> String {
    ok(&bin()
        .args(["-f", "-"])
        .args(args)
        .stdin(schedule)
        .output()
        .unwrap())
}

/// Issue 21, finding 1.4: 2028-01-15 is a Saturday. Moved to Monday the 17th, the report is
/// not overdue on the 16th, and the headline said "1 overdue"; moved to Friday the 14th, it is
/// overdue on the 15th, and the headline counted none.
#[test]
fn the_headline_counts_the_dates_the_lists_show() {
    let next = shifted("next working day");
    let status = run(&next, &["status", "--today", "2028-01-16"]);
    assert!(
        !status.lines().next().unwrap().contains("overdue"),
        "{status}"
    );
    assert_eq!(
        run(&next, &["overdue", "--today", "2028-01-16"]),
        "Nothing overdue.\n"
    );
    let previous = shifted("previous working day");
    let status = run(&previous, &["status", "--today", "2028-01-15"]);
    assert!(
        status.lines().next().unwrap().ends_with("; 1 overdue"),
        "{status}"
    );
    let overdue = run(
        &previous,
        &["overdue", "--today", "2028-01-15", "--format", "json"],
    );
    assert!(overdue.contains("\"due\": \"2028-01-14\""), "{overdue}");
}
