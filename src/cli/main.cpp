#include "cli/app.hpp"

int main(int argc, char** argv) { return nexus::cli::run(argc, argv); }
