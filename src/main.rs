//! The `diplograph` command: parses arguments, calls the library, prints
//! errors and sets the exit code (0 clean, 1 some input skipped, 2 fatal).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "diplograph", version, about = "Turns a corpus of diplomatic statements into a knowledge graph")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {}
}
