//! The `nianbao` command: parses the command line, runs one subcommand, prints its outcome
//! and maps it to an exit code. All the work is in the library.

mod cli;

use std::process::ExitCode;

/// A build makes and drops many small strings for every report; mimalloc does that faster than
/// the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, mimalloc 2 and 3): how long
/// freed memory is kept before it is given back to the system, 10 ms by default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // A build frees the memory of each report as soon as it is written, on every thread: given
    // back at once, the peak stays lower (at 100,000 reports, 294 MiB instead of 361 MiB; see
    // BENCHMARKS.md), at no measurable cost in time.
    // SAFETY: sets one of mimalloc's options, which it reads whenever it frees memory.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = cli::Cli::parse();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", nianbao::diag::error_text(&e));
            ExitCode::from(cli::exit_code(&e))
        }
    }
}
