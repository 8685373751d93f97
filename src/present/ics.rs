//! The calendar feed (RFC 5545).
