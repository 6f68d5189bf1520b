#pragma once

namespace nexus::cli {

// The whole `nexus` command line: parses, wires the concrete parts, runs a subcommand.
// Returns the process exit code.
int run(int argc, char** argv);

}  // namespace nexus::cli
