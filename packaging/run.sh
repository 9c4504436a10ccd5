#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install what is needed, build, start NAT Studio on the
# built-in Fashion-MNIST dataset. Extra arguments go to nat-studio.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh default
exec build/default/app/nat-studio/nat-studio --dataset fashion-mnist "$@"
