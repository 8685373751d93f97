fn main() -> std::process::ExitCode {
    vision_sched::run()
}
