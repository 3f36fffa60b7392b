//! The `nianbao` command: parses the command line, runs one subcommand, prints its outcome
//! and maps it to an exit code. All the work is in the library.

mod cli;

use std::process::ExitCode;

/// A build makes and drops many small strings for every report; mimalloc does that faster than
/// the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() -> ExitCode {
    // mimalloc keeps freed memory a while (1 s by default) before giving it back; the build
    // gives it back at once only while it makes the pages that grow with the site (`memory.rs`).
    let cli = cli::Cli::parse();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", nianbao::diag::error_text(&e));
            ExitCode::from(cli::exit_code(&e))
        }
    }
}
