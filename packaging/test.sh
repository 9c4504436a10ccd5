#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install what is needed, build, run every test.
# Works without a display (Qt's offscreen platform). This is what CI runs (.ci/run). The last step
# builds the .deb, installs it with apt and smoke-tests the installed programs (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash packaging/install-deps.sh
echo "== build (default preset)"
bash packaging/build.sh default
echo "== tests (default preset: unit, slow, ui, torch; gpu tests skip without CUDA)"
ctest --preset default
echo "== sanitizer build (ASan + UBSan) of the torch-free modules and their tests"
bash packaging/build.sh sanitize
ctest --preset sanitize
echo "== libFuzzer harnesses (clang + ASan/UBSan): each replays its committed corpus (seconds)"
# fuzz_cli links the default build's libraries (clang cannot compile LibTorch 1.13's headers in C++20)
cmake -S tests/fuzz -B build/fuzzers -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DNAT_FUZZ_CORE_BUILD="$PWD/build/default" >/dev/null
cmake --build build/fuzzers -j "${NAT_JOBS:-2}"
ctest --test-dir build/fuzzers --output-on-failure
echo "== Debian package: cpack, apt-get install, run the installed nat and nat-studio, remove"
bash packaging/deb-test.sh default
echo "== all tests passed in $(( $(date +%s) - start )) s"
