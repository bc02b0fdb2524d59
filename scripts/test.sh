#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/system_packages.sh
install_system_packages "$TEST_PACKAGES"
ensure_venv
.venv/bin/python -m pip install -q -e '.[test,build]'
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest -q "$@"
