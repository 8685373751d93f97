//! Reading a parsed schedule back from a cache keyed on the file's content.
