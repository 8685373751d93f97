//! The document's Markdown schedule table, as `render` writes it.
