fn main() -> std::process::ExitCode {
    vision_sched::cli::main()
}
