//! The user's config file: `config.toml` in the config folder (`~/.config/vision-sched/` on Linux).

use std::path::{Path, PathBuf};

use crate::dates::Days;
use crate::error::{Result, Source};
use crate::schedule::tree::TableExt;
use crate::schedule::values::string;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub(crate) fn name(self) -> &'static str {
        match self {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Config {
    /// The schedule to use when none is given and none is found from the current folder up.
    pub(crate) schedule: Option<PathBuf>,
    pub(crate) horizon: Option<Days>,
    /// Used when the schedule names no zone.
    pub(crate) timezone: Option<String>,
    pub(crate) color: Option<ColorChoice>,
}

const CONFIG_KEYS: &[&str] = &["schedule", "horizon", "timezone", "color"];

/// The config folder that `directories` gives, if there is a home.
pub(crate) fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "vision-sched").map(|d| d.config_dir().to_path_buf())
}

/// Reads the config file in `dir`, if there is one.
pub(crate) fn load(dir: Option<&Path>) -> Result<Config> {
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(Config::default());
    };
    if crate::io::read::probe(&path, "a config file")?.is_none() {
        return Ok(Config::default());
    }
    let bytes = crate::io::read::bytes(&path, "a config file")?;
    let text = crate::io::read::text_of(&path, bytes)?;
    let source = Source::new(&path, &text);
    let tree = crate::schedule::tree::from_toml(&source)?;
    tree.only(CONFIG_KEYS, &source)?;
    let text_of = |key: &str| {
        tree.get(key)
            .map(|v| string(v, &source, "a string").map(|s| (s, v)))
            .transpose()
    };
    let timezone = match text_of("timezone")? {
        Some((tz, v)) => {
            crate::schedule::zone::parse_zone(tz).map_err(|m| source.error(v.span(), m))?;
            Some(tz.to_string())
        }
        None => None,
    };
    let color = match text_of("color")? {
        Some((c, v)) => Some(match c {
            "auto" => ColorChoice::Auto,
            "always" => ColorChoice::Always,
            "never" => ColorChoice::Never,
            other => {
                return Err(source.error(
                    v.span(),
                    format!("unknown variant `{other}`, expected one of `auto`, `always`, `never`"),
                ));
            }
        }),
        None => None,
    };
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(Config {
        schedule: text_of("schedule")?
            .map(|(p, _)| base.join(crate::io::home::expand_home(Path::new(p)))),
        horizon: tree
            .get("horizon")
            .map(|h| crate::schedule::values::days_value(h, &source))
            .transpose()?,
        timezone,
        color,
    })
}
