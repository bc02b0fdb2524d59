#!/usr/bin/env bash
# Installs the program into a virtual environment of its own (.venv, beside this script's folder) on a
# fresh Debian/Ubuntu machine, then opens the window: on the sample workspace, or on the file given.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system_packages.sh
install_system_packages "$WINDOW_PACKAGES"
ensure_venv
.venv/bin/python -m pip install -q -e .
exec .venv/bin/juesuan "$@"
