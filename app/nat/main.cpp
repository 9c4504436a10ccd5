#include "cli_util.h"

int main(int argc, char** argv) { return nat::cli::run(argc, argv); }
