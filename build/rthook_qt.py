# Run-time hook in place of PyInstaller's PySide6 one, which imports QtCore (0.2 s) at the start of
# every run, `juesuan --version` included, only to register a qt.conf that PySide6's QtCore
# registers itself when the window first imports it. What remains is where Qt finds its plugins.
import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform == "win32" else os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform == "win32":
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
del _qt
