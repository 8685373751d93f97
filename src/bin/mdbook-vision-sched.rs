//! `mdbook-vision-sched`, the mdBook preprocessor (see `src/app/mdbook.rs`): mdBook finds it on
//! PATH by its name for a book whose `book.toml` has `[preprocessor.vision-sched]`.

fn main() -> std::process::ExitCode {
    vision_sched::mdbook_preprocessor()
}
