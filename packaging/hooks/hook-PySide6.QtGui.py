# Box office: PyInstaller's own hook for this Qt module, with the plugins the app does not use left out
# (see qt_slim.py). Named like the built-in hook so it replaces it (hookspath in packaging/boxoffice.spec).
import runpy
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

_slim = runpy.run_path(str(Path(__file__).with_name("qt_slim.py")))["slim"]

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = _slim(binaries)
datas = _slim(datas)
