# What a fresh Debian/Ubuntu machine lacks for the program, installed once (sourced by start.sh and test.sh).

# Qt's xcb platform plugin and the window's Chinese font.
WINDOW_PACKAGES="libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-render-util0 libxcb-shape0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-wqy-microhei"
# The tests: Qt offscreen, poppler's pdftotext/pdfinfo that read the PDFs, LibreOffice Calc that prints
# the exported workbook, and Writer the Word document, in the print tests.
TEST_PACKAGES="fonts-wqy-microhei poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui libegl1 libgl1 \
libxkbcommon0 libfontconfig1 libdbus-1-3"

install_system_packages() {
    command -v apt-get >/dev/null 2>&1 || return 0
    local missing=()
    for package in $1; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    # Debian's Python makes virtual environments only with python3-venv (ensurepip).
    python3 -c "import ensurepip" 2>/dev/null || missing+=("python3-venv")
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Debian 12 and Ubuntu 24.04 refuse `pip install` into the system Python: the program gets its own.
ensure_venv() {
    [ -x .venv/bin/python ] || python3 -m venv .venv
}
