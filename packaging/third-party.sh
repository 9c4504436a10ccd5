#!/usr/bin/env bash
# Copies the build dependencies that a machine without Debian's -dev packages lacks (a GPU server
# with a PyTorch wheel, CMake and ninja) from this Debian machine into one folder, default
# .third_party/ (git-ignored): the header-only libraries (nlohmann/json, CLI11, Eigen) and the
# googletest sources. Configure there with -DNAT_THIRD_PARTY_DIR=<that folder>; googletest is then
# built from source when no installed GTest is found. Nothing is downloaded.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/.third_party}"
need() { [ -e "$1" ] || { echo "third-party: $1 is missing (packaging/install-deps.sh installs it)" >&2; exit 1; }; }
need /usr/include/nlohmann/json.hpp
need /usr/include/CLI/CLI.hpp
need /usr/include/eigen3/Eigen/Dense
need /usr/src/googletest/CMakeLists.txt
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
cp -r /usr/include/nlohmann /usr/include/CLI "$dest.tmp/"
cp -r /usr/include/eigen3 "$dest.tmp/eigen3"
cp -r /usr/src/googletest "$dest.tmp/googletest"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
echo "third-party: $(du -sh "$dest" | cut -f1) in $dest"
