//! The user's config file: `config.toml` in the config folder (`~/.config/vision-sched/` on Linux).

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::dates::Days;
use crate::error::{Result, Source};

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn name(self) -> &'static str {
        match self {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The schedule to use when none is given and none is found from the current folder up.
    pub schedule: Option<PathBuf>,
    pub horizon: Option<Days>,
    /// Used when the schedule names no zone.
    pub timezone: Option<String>,
    pub color: Option<ColorChoice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    schedule: Option<PathBuf>,
    horizon: Option<Spanned<toml::Value>>,
    timezone: Option<Spanned<String>>,
    color: Option<ColorChoice>,
}

/// The config folder that `directories` gives, if there is a home.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "vision-sched").map(|d| d.config_dir().to_path_buf())
}

/// Reads the config file in `dir`, if there is one.
pub fn load(dir: Option<&Path>) -> Result<Config> {
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(Config::default());
    };
    if !path.exists() {
        return Ok(Config::default());
    }
    let bytes = crate::io::read::bytes(&path, "a config file")?;
    let text = crate::schedule::load::text_of(&path, bytes)?;
    let source = Source::new(&path, &text);
    let raw: RawConfig =
        toml::from_str(&text).map_err(|e| crate::schedule::load::toml_error(&source, &e))?;
    if let Some(tz) = &raw.timezone {
        crate::schedule::zone::parse_zone(tz.get_ref()).map_err(|m| source.error(tz.span(), m))?;
    }
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(Config {
        schedule: raw.schedule.map(|p| base.join(expand_home(&p))),
        horizon: raw
            .horizon
            .map(|h| crate::schedule::values::days_value(&h, &source))
            .transpose()?,
        timezone: raw.timezone.map(Spanned::into_inner),
        color: raw.color,
    })
}

/// `~/x` as a path under the home folder.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}
