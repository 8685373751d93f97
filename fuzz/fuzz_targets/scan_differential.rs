//! The fast pass over plain TOML against the toml crate, on arbitrary text: whatever the fast
//! pass accepts, the toml crate reads to the same schedule, or both refuse it with the same
//! message.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use vision_sched::error::Source;
use vision_sched::schedule::load::{parse, parse_with_toml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new(Path::new("fuzz.toml"), text);
    let fast = parse(&source).map_err(|e| e.to_string());
    let full = parse_with_toml(&source).map_err(|e| e.to_string());
    assert_eq!(fast, full);
});
