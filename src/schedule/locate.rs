//! Finding the schedule file, and saying every place tried when there is none.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub(crate) const FILE_NAME: &str = "schedule.toml";

/// Where to look, in order: `-f`, `$VISION_SCHED_FILE`, `schedule.toml` in `cwd` or its nearest
/// parent, the config file's `schedule`, `schedule.toml` in the config folder.
pub(crate) fn find(
    flag: Option<&Path>,
    env: Option<PathBuf>,
    cwd: &Path,
    configured: Option<&Path>,
    config_dir: Option<&Path>,
) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(crate::io::home::expand_home(&p));
    }
    let mut tried = Vec::new();
    let found = |candidate: &Path| -> Result<bool> {
        let meta = crate::io::read::probe(candidate, "a schedule file")?;
        Ok(meta.is_some_and(|m| m.is_file()))
    };
    for dir in cwd.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if found(&candidate)? {
            return Ok(candidate);
        }
    }
    tried.push(format!(
        "{FILE_NAME} in {} and every folder above it",
        cwd.display()
    ));
    match configured {
        Some(p) if found(p)? => return Ok(p.to_path_buf()),
        // A typo in the config must not quietly pick another file.
        Some(p) => {
            return Err(
                Error::file(p, "no such file (named by the config file's `schedule`)")
                    .help("fix `schedule` in config.toml, or name a file with -f PATH"),
            );
        }
        None => {}
    }
    if let Some(dir) = config_dir {
        let candidate = dir.join(FILE_NAME);
        if found(&candidate)? {
            return Ok(candidate);
        }
        tried.push(candidate.display().to_string());
    }
    let mut err = Error::new("no schedule file found").help("looked for:");
    for t in tried {
        err = err.help(format!("  {t}"));
    }
    Err(err.help("name one with -f PATH or VISION_SCHED_FILE, or run `vision-sched init`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_of_places() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let nested = root.join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let cfg = root.join("cfg");
        std::fs::create_dir_all(&cfg).unwrap();

        let flag = Path::new("given.toml");
        let got = find(Some(flag), Some("env.toml".into()), &nested, None, None).unwrap();
        assert_eq!(got, flag);
        let got = find(None, Some("env.toml".into()), &nested, None, None).unwrap();
        assert_eq!(got, PathBuf::from("env.toml"));

        let err = find(None, None, &nested, None, Some(&cfg)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("every folder above it"), "{text}");
        assert!(
            text.contains(&cfg.join(FILE_NAME).display().to_string()),
            "{text}"
        );

        std::fs::write(cfg.join(FILE_NAME), "").unwrap();
        assert_eq!(
            find(None, None, &nested, None, Some(&cfg)).unwrap(),
            cfg.join(FILE_NAME)
        );

        let missing = root.join("typo.toml");
        let err = find(None, None, &nested, Some(&missing), Some(&cfg)).unwrap_err();
        assert!(err.to_string().contains("typo.toml"), "{err}");

        let configured = root.join("elsewhere.toml");
        std::fs::write(&configured, "").unwrap();
        let got = find(None, None, &nested, Some(&configured), Some(&cfg)).unwrap();
        assert_eq!(got, configured);

        std::fs::write(root.join("a").join(FILE_NAME), "").unwrap();
        let got = find(None, None, &nested, Some(&configured), Some(&cfg)).unwrap();
        assert_eq!(got, root.join("a").join(FILE_NAME));
    }
}
