//! The timeline picture.
