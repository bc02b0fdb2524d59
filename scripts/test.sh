#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    # A Chinese font for the window and the PDF, Qt's runtime libraries, poppler's
    # pdftotext/pdfinfo that the report tests read the PDF with, and LibreOffice Calc that
    # prints the exported workbook to PDF in the print tests.
    if ! fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || ! command -v pdftotext >/dev/null \
        || ! command -v soffice >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei poppler-utils \
            libreoffice-calc-nogui libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 >/dev/null
    fi
fi

python3 -m pip install -q -e '.[test,build]'
export QT_QPA_PLATFORM=offscreen
python3 -m pytest -q "$@"
