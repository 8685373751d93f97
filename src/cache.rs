//! Reading a parsed schedule back from a cache keyed on the file's content.
//!
//! Parsing TOML costs about 40 ns a byte: a quarter of a second for 100,000 phases. So a large
//! schedule, once parsed without error, is kept in the cache folder (`~/.cache/vision-sched/` on
//! Linux) in a compact binary form, and read back while the file's bytes are the same.
//!
//! One entry per schedule path, named by a hash of the path, so editing a file replaces its entry
//! instead of adding one. An entry is used only when its header matches: the program's version,
//! this very executable (its size and time), the 128-bit hash and length of the file's bytes,
//! and a hash of the entry's own payload. Anything else (missing, unreadable, corrupt, stale)
//! means parse the file as usual. The cache never causes an error: a bad file is never cached,
//! so its errors are exactly those of [`crate::load::load`], and failing to write is ignored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use crate::error::Result;
use crate::model::Schedule;

/// Files smaller than this are cached only when they hold cadences: parsing a small file of
/// written phases takes well under a millisecond, but validating a cadence's rules over a whole
/// repeat of the calendar takes about two.
pub const MIN_BYTES: usize = 32 << 10;

const MAGIC: [u8; 4] = *b"vsc1";

/// What an entry must match to be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    magic: [u8; 4],
    version: String,
    /// Size and modification time of the executable: any rebuild starts a fresh cache, even
    /// when the model changed without a change of version.
    exe: (u64, u128),
    content_len: u64,
    content_hash: u128,
    payload_hash: u64,
}

/// Loads the schedule at `path` like [`crate::load::load`], through the cache for large files.
pub fn load(path: &Path) -> Result<Schedule> {
    load_with(path, cache_dir().as_deref(), MIN_BYTES)
}

/// The cache folder that `directories` gives, if there is a home.
pub fn cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "vision-sched").map(|d| d.cache_dir().to_path_buf())
}

/// [`load`] with the cache in `dir` (none: no cache); entries are written for files of at least
/// `min_bytes` and for files with cadences.
pub fn load_with(path: &Path, dir: Option<&Path>, min_bytes: usize) -> Result<Schedule> {
    let Some(dir) = dir else {
        return crate::load::load(path);
    };
    let Some(exe) = exe_stamp() else {
        return crate::load::load(path);
    };
    let entry = dir.join(entry_name(path));
    // Anything odd about the file (a folder, unreadable, too large) is left to the loader,
    // which says what is wrong.
    let hit = hash_file(path).and_then(|(len, hash)| read_entry(&entry, exe, len, hash));
    if let Some(s) = hit {
        return Ok(s);
    }
    // The entry is keyed on the bytes parsed, even if the file changed since it was hashed.
    let bytes = crate::load::read_bytes(path)?;
    let (len, hash) = (bytes.len() as u64, xxh3_128(&bytes));
    let schedule = crate::load::from_bytes(path, bytes)?;
    if len >= min_bytes as u64 || !schedule.cadences.is_empty() {
        write_entry(dir, &entry, exe, len, hash, &schedule);
    }
    Ok(schedule)
}

/// The length and hash of a file's bytes, read in pieces: a cache hit never holds the whole
/// file in memory.
fn hash_file(path: &Path) -> Option<(u64, u128)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Xxh3::new();
    let mut buf = vec![0u8; 256 << 10];
    let mut len = 0u64;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buf[..n]);
                len += n as u64;
                if len > crate::load::MAX_BYTES {
                    return None;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some((len, hasher.digest128()))
}

fn exe_stamp() -> Option<(u64, u128)> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let time = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), time.as_nanos()))
}

/// One entry per schedule file, wherever it is named from.
fn entry_name(path: &Path) -> String {
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let hash = xxh3_64(full.as_os_str().as_encoded_bytes());
    format!("{hash:016x}.bin")
}

fn header(exe: (u64, u128), content_len: u64, content_hash: u128, payload_hash: u64) -> Header {
    Header {
        magic: MAGIC,
        version: env!("CARGO_PKG_VERSION").to_string(),
        exe,
        content_len,
        content_hash,
        payload_hash,
    }
}

/// The cached schedule, if the entry is there, whole, and for these very bytes.
fn read_entry(
    entry: &Path,
    exe: (u64, u128),
    content_len: u64,
    content_hash: u128,
) -> Option<Schedule> {
    let data = std::fs::read(entry).ok()?;
    let (found, payload): (Header, &[u8]) = postcard::take_from_bytes(&data).ok()?;
    if found != header(exe, content_len, content_hash, xxh3_64(payload)) {
        return None;
    }
    decode(payload)
}

fn write_entry(
    dir: &Path,
    entry: &Path,
    exe: (u64, u128),
    content_len: u64,
    content_hash: u128,
    schedule: &Schedule,
) {
    let Some(payload) = encode(schedule) else {
        return;
    };
    let head = header(exe, content_len, content_hash, xxh3_64(&payload));
    let Ok(mut data) = postcard::to_stdvec(&head) else {
        return;
    };
    data.extend_from_slice(&payload);
    if std::fs::create_dir_all(dir).is_ok() {
        // A cache that cannot be written is only slower.
        let _ = crate::atomic::write(entry, &data);
    }
}

/// A schedule in the cache's binary form.
pub fn encode(schedule: &Schedule) -> Option<Vec<u8>> {
    postcard::to_stdvec(&stored::Stored::from(schedule)).ok()
}

/// A schedule back from [`encode`]'s bytes; `None` for anything else.
pub fn decode(bytes: &[u8]) -> Option<Schedule> {
    let (stored, rest): (stored::Stored, &[u8]) = postcard::take_from_bytes(bytes).ok()?;
    if !rest.is_empty() {
        return None;
    }
    stored.into_schedule()
}

/// The schedule as stored. chrono writes a date as text, and parsing 200,000 dates was the
/// largest cost of reading an entry, so dates are stored as day numbers. Every field of the model
/// is named here, so a field added to the model does not compile until it is stored too.
mod stored {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Serialize};

    use crate::cadence::Cadence;
    use crate::duration::Days;
    use crate::model::{Document, Kind, Origin, Phase, Schedule};

    #[derive(Serialize, Deserialize)]
    pub struct Stored {
        document: Document,
        phases: Phases,
        cadences: Vec<Cadence>,
    }

    /// Read into a vector of the stored length at once (serde grows it step by step).
    struct Phases(Vec<StoredPhase>);

    #[derive(Serialize, Deserialize)]
    struct StoredPhase {
        name: String,
        kind: StoredKind,
        note: Option<String>,
        url: Option<String>,
        warn: Option<Days>,
        line: usize,
        order: (usize, i64, usize),
        origin: Origin,
    }

    #[derive(Serialize, Deserialize)]
    enum StoredKind {
        Window { start: Option<i32>, end: i32 },
        Milestone { due: i32, done: Option<i32> },
    }

    fn day(d: NaiveDate) -> i32 {
        d.num_days_from_ce()
    }

    fn date(n: i32) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(n)
    }

    fn some_date(n: Option<i32>) -> Option<Option<NaiveDate>> {
        n.map_or(Some(None), |n| date(n).map(Some))
    }

    impl From<&Schedule> for Stored {
        fn from(s: &Schedule) -> Stored {
            let Schedule {
                document,
                phases,
                cadences,
            } = s;
            Stored {
                document: document.clone(),
                phases: Phases(phases.iter().map(StoredPhase::from).collect()),
                cadences: cadences.clone(),
            }
        }
    }

    impl From<&Phase> for StoredPhase {
        fn from(p: &Phase) -> StoredPhase {
            let Phase {
                name,
                kind,
                note,
                url,
                warn,
                line,
                order,
                origin,
            } = p;
            StoredPhase {
                name: name.clone(),
                kind: match *kind {
                    Kind::Window { start, end } => StoredKind::Window {
                        start: start.map(day),
                        end: day(end),
                    },
                    Kind::Milestone { due, done } => StoredKind::Milestone {
                        due: day(due),
                        done: done.map(day),
                    },
                },
                note: note.clone(),
                url: url.clone(),
                warn: *warn,
                line: *line,
                order: *order,
                origin: *origin,
            }
        }
    }

    impl Stored {
        /// The schedule back; `None` if a day number is off the calendar (a corrupt entry).
        pub fn into_schedule(self) -> Option<Schedule> {
            let phases = self
                .phases
                .0
                .into_iter()
                .map(StoredPhase::into_phase)
                .collect::<Option<Vec<Phase>>>()?;
            Some(Schedule {
                document: self.document,
                phases,
                cadences: self.cadences,
            })
        }
    }

    impl StoredPhase {
        fn into_phase(self) -> Option<Phase> {
            let kind = match self.kind {
                StoredKind::Window { start, end } => Kind::Window {
                    start: some_date(start)?,
                    end: date(end)?,
                },
                StoredKind::Milestone { due, done } => Kind::Milestone {
                    due: date(due)?,
                    done: some_date(done)?,
                },
            };
            Some(Phase {
                name: self.name,
                kind,
                note: self.note,
                url: self.url,
                warn: self.warn,
                line: self.line,
                order: self.order,
                origin: self.origin,
            })
        }
    }

    impl Serialize for Phases {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            self.0.serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Phases {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Phases, D::Error> {
            struct Seq;
            impl<'de> serde::de::Visitor<'de> for Seq {
                type Value = Phases;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("phases")
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<Phases, A::Error> {
                    // Bounded: a file under the size limit holds fewer phases than this.
                    let n = seq.size_hint().unwrap_or(0).min(1 << 21);
                    let mut v = Vec::with_capacity(n);
                    while let Some(p) = seq.next_element()? {
                        v.push(p);
                    }
                    Ok(Phases(v))
                }
            }
            d.deserialize_seq(Seq)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "[[phase]]\nname = \"a\"\ndue = 2021-06-30\n";

    fn entries(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|r| r.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_cached_schedule_equals_a_parsed_one() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = tmp.path().join("cache");
        let file = tmp.path().join("s.toml");
        std::fs::write(&file, std::fs::read("schedule.toml").unwrap()).unwrap();
        let parsed = crate::load::load(&file).unwrap();

        let first = load_with(&file, Some(&cache), 0).unwrap();
        assert_eq!(first, parsed);
        assert_eq!(entries(&cache).len(), 1);
        let again = load_with(&file, Some(&cache), 0).unwrap();
        assert_eq!(again, parsed);
    }

    #[test]
    fn the_stored_form_keeps_every_field() {
        use crate::model::{Kind, Origin, Phase};
        use chrono::NaiveDate;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut window = Phase::new(
            "w",
            Kind::Window {
                start: Some(NaiveDate::MIN),
                end: NaiveDate::MAX,
            },
            2,
        );
        window.note = Some("n\u{1b}".into());
        window.url = Some("u".into());
        window.warn = Some(crate::duration::Days(14));
        let mut generated = Phase::new(
            "g",
            Kind::Milestone {
                due: d(2024, 2, 29),
                done: Some(d(1, 1, 1)),
            },
            9,
        );
        generated.order = (9, -3, 2);
        generated.origin = Origin::Generated {
            cadence: 1,
            cycle: -3,
        };
        let until = Phase::new(
            "u",
            Kind::Window {
                start: None,
                end: d(2021, 3, 31),
            },
            5,
        );
        let open = Phase::new(
            "m",
            Kind::Milestone {
                due: d(9999, 12, 31),
                done: None,
            },
            7,
        );
        let schedule = Schedule {
            document: crate::model::Document {
                title: Some("t".into()),
                timezone: Some("UTC".into()),
                warn: Some(crate::duration::Days(3)),
            },
            phases: vec![window, until, open, generated],
            cadences: Vec::new(),
        };
        assert_eq!(decode(&encode(&schedule).unwrap()).unwrap(), schedule);
    }

    #[test]
    fn a_changed_file_is_parsed_again_and_replaces_its_entry() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = tmp.path().join("cache");
        let file = tmp.path().join("s.toml");
        std::fs::write(&file, ONE).unwrap();
        assert_eq!(
            load_with(&file, Some(&cache), 0).unwrap().phases[0].name,
            "a"
        );
        std::fs::write(&file, ONE.replace("\"a\"", "\"b\"")).unwrap();
        assert_eq!(
            load_with(&file, Some(&cache), 0).unwrap().phases[0].name,
            "b"
        );
        assert_eq!(entries(&cache).len(), 1);
    }

    #[test]
    fn a_bad_file_is_never_cached_and_fails_as_without_a_cache() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = tmp.path().join("cache");
        let file = tmp.path().join("s.toml");
        std::fs::write(&file, "[[phase]]\nname = \"a\"\ndue = 2021-02-30\n").unwrap();
        let plain = crate::load::load(&file).unwrap_err();
        let cached = load_with(&file, Some(&cache), 0).unwrap_err();
        assert_eq!(plain, cached);
        assert!(entries(&cache).is_empty());
        // Fixed, then broken again: the old entry does not hide the new error.
        std::fs::write(&file, ONE).unwrap();
        load_with(&file, Some(&cache), 0).unwrap();
        std::fs::write(&file, "[[phase]]\nname = \"a\"\n").unwrap();
        let err = load_with(&file, Some(&cache), 0).unwrap_err();
        assert_eq!(err, crate::load::load(&file).unwrap_err());
    }

    #[test]
    fn a_corrupt_or_foreign_entry_is_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = tmp.path().join("cache");
        let file = tmp.path().join("s.toml");
        std::fs::write(&file, ONE).unwrap();
        load_with(&file, Some(&cache), 0).unwrap();
        let entry = entries(&cache).pop().unwrap();
        let good = std::fs::read(&entry).unwrap();
        let mut flipped = good.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x40;
        let corrupt: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"garbage".to_vec(),
            good[..good.len() / 2].to_vec(),
            flipped,
            [good.as_slice(), b"x"].concat(),
        ];
        for bytes in corrupt {
            std::fs::write(&entry, &bytes).unwrap();
            assert_eq!(
                load_with(&file, Some(&cache), 0).unwrap().phases[0].name,
                "a"
            );
        }
        // An entry that cannot even be read (a folder in its place) is no error either.
        std::fs::remove_file(&entry).unwrap();
        std::fs::create_dir(&entry).unwrap();
        assert!(load_with(&file, Some(&cache), 0).is_ok());
    }

    #[test]
    fn small_files_with_cadences_are_cached_and_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = tmp.path().join("cache");
        let file = tmp.path().join("s.toml");
        let text = "[[cadence]]\nevery = \"quarter\"\nfrom = 2022-01-01\n\n[[cadence.phase]]\nname = \"{year} Q{quarter}\"\ndue = \"last day\"\n";
        std::fs::write(&file, text).unwrap();
        let parsed = load_with(&file, Some(&cache), MIN_BYTES).unwrap();
        assert_eq!(entries(&cache).len(), 1);
        assert_eq!(load_with(&file, Some(&cache), MIN_BYTES).unwrap(), parsed);
    }

    #[test]
    fn small_files_and_unwritable_folders_skip_the_cache() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = tmp.path().join("cache");
        let file = tmp.path().join("s.toml");
        std::fs::write(&file, ONE).unwrap();
        load_with(&file, Some(&cache), MIN_BYTES).unwrap();
        assert!(entries(&cache).is_empty());
        // The cache folder's place is taken by a file: loading still works.
        std::fs::write(&cache, "not a folder").unwrap();
        assert!(load_with(&file, Some(&cache), 0).is_ok());
    }
}
