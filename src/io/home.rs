//! Paths written with `~`: in the config file, `VISION_SCHED_FILE`, `include` and
//! `holiday_calendars`.

use std::path::{Path, PathBuf};

/// `~/x` as a path under the home folder (`$HOME`); any other path as it is.
pub(crate) fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}
