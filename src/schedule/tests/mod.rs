//! Unit tests of cadences on whole schedule files: generated dates against brute-force
//! generators over centuries. They were integration tests reaching into the library; they live
//! here so they can use the crate's own paths.

mod cadence_dates;
mod relative_dates;
mod working_days;
