//! One line per reminder, as `remind` prints it for cron mail.
